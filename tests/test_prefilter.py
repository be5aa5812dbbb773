"""Speed-ups must not change results: literal prefilters and the partial styles part."""

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from sosfs_check import dates, facts
from sosfs_check.checks import Context
from sosfs_check.checks.citations import _CITED
from sosfs_check.readers import read
from sosfs_check.readers.wordml import PSTYLE, RSTYLE, VAL, Styles
from sosfs_check.readers.ooxml import STYLES, _parse, _relations, _styles
from sosfs_check.regexes import may_match, needles
from sosfs_check.packs import builtin_rules

DOCX = sorted((Path(__file__).parent.parent / "fixtures" / "docx").glob("*.docx"))


def rule_patterns() -> list[re.Pattern]:
    out = []
    for rule in builtin_rules().rules:
        check = rule.check
        for text in [*getattr(check, "patterns", []), *getattr(check, "malformed", [])]:
            out.append(re.compile(text, re.IGNORECASE if check.type == "absence" else 0))
        out += [re.compile(e.pattern, re.IGNORECASE) for e in getattr(check, "catalogue", [])]
        out += [re.compile(law.pattern, re.IGNORECASE) for law in getattr(check, "laws", [])]
    return out


ADOPTION = builtin_rules().adoption
PATTERNS = [
    *rule_patterns(), *facts._PATTERNS.values(), *facts._NONE.values(), _CITED, dates._PERIOD,
    dates._words_pattern((*ADOPTION.drawn_up, *ADOPTION.adopted)),
]


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\bSOSFS\s*2005:28\b", (("2005:28",), ("sosfs",))),
        (r"(?<![\w-])XX+(?![\w-])", (("xx",),)),
        (r"\bSKL\b|Sveriges\s+[Kk]ommuner", (("skl", "sveriges"),)),
        (r"(?:synpunkter|synpunkt|klagomål)\b", (("klagomål", "synpunkt"),)),
        (r"\d+\s*§", (("§",),)),
        (r"\d+\s*\w+", ()),  # nothing to look for: every text may match
    ],
)
def test_needles(pattern, expected):
    assert needles(re.compile(pattern, re.IGNORECASE)) == expected


def test_case_folding():
    pattern = re.compile(r"lex\s+sarah", re.IGNORECASE)
    assert may_match(pattern, "LEX SARAH".casefold()) and not may_match(pattern, "lex maria")


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem)
def test_no_block_a_pattern_matches_is_filtered_out(path):
    ctx = Context(read(path), date(2026, 11, 25), builtin_rules().adoption, vocabulary=builtin_rules().vocabulary)
    for pattern in PATTERNS:
        matching = [i for i, block in enumerate(ctx.blocks) if pattern.search(block.text)]
        assert all(may_match(pattern, ctx.text.texts[i]) for i in matching), pattern.pattern
        assert set(matching) <= set(ctx.candidates([pattern])), pattern.pattern


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem)
def test_partial_styles_part_resolves_like_the_whole(path):
    with zipfile.ZipFile(path) as z:
        main = _relations(z, "")["http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"]
        data = z.read(_relations(z, main)[STYLES])
        used = {el.get(VAL) for el in _parse(z.read(main)).iter(PSTYLE, RSTYLE)}
    whole, partial = Styles(_parse(data), {}), Styles(_styles(data, used), {})
    assert len(partial.raw) < len(whole.raw)
    assert (partial.default_id, partial.default_size) == (whole.default_id, whole.default_size)
    for style_id in used | {None, whole.default_id}:
        assert partial.get(style_id) == whole.get(style_id), style_id
