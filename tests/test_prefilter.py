"""Speed-ups must not change results: literal prefilters and the partial styles part."""

import re
import zipfile
from unittest.mock import patch
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sosfs_check import dates, figurewording
from sosfs_check.checks import Context
from sosfs_check.checks.citations import _CITED
from sosfs_check.readers import read
from sosfs_check.readers.wordml import PSTYLE, RSTYLE, VAL, Styles
from sosfs_check.readers.ooxml import STYLES, _parse, _relations, _styles
from sosfs_check import regexes
from sosfs_check.prefilter import ASKED, Folded, _Automaton
from sosfs_check.regexes import anchored, may_match, needles
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
    *rule_patterns(), *figurewording.PATTERNS.values(), *figurewording.NOT_ANY.values(), _CITED, dates._PERIOD,
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


def test_a_pattern_first_tested_finds_its_needles_and_then_keeps_them():
    pattern = re.compile(r"(?:rutin|riktlinje)\w*\s+för\s+avvikelse(?#first)", re.IGNORECASE)
    assert id(pattern) not in regexes._BY_ID
    assert [may_match(pattern, t) for t in ("rutinen för avvikelser", "rutinen för risker")] == [True, False]
    assert regexes._BY_ID[id(pattern)] == (pattern, needles(pattern))
    assert [may_match(pattern, t) for t in ("riktlinjer för avvikelse", "avvikelse för rutin")] == [True, True]


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem)
def test_no_block_a_pattern_matches_is_filtered_out(path):
    ctx = Context(read(path), date(2026, 11, 25), builtin_rules().adoption, vocabulary=builtin_rules().vocabulary)
    for pattern in PATTERNS:
        matching = [i for i, block in enumerate(ctx.blocks) if pattern.search(block.text)]
        assert all(may_match(pattern, ctx.text.texts[i]) for i in matching), pattern.pattern
        assert set(matching) <= set(ctx.candidates([pattern])), pattern.pattern


VOCABULARY = builtin_rules().vocabulary
STATUS_AND_YEAR_PATTERNS = [VOCABULARY.statuses.done, VOCABULARY.statuses.plans, VOCABULARY.statuses.ongoing,
                            *VOCABULARY.years.times,
                            *VOCABULARY.years.bounds, *VOCABULARY.years.ongoing, *VOCABULARY.years.period]


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem)
def test_no_sentence_a_status_or_year_pattern_matches_is_filtered_out(path):
    """Status words (`statuses.by_row`) and year phrases (`figureyears.Years.read`, on the sentence
    lower-cased) are looked for only where the prefilter finds their words."""
    ctx = Context(read(path), date(2026, 11, 25), builtin_rules().adoption, vocabulary=VOCABULARY)
    said = [sentence for pos in range(len(ctx.blocks)) for sentence in ctx.sentences(pos)]
    folded = Folded(said)
    for pattern in STATUS_AND_YEAR_PATTERNS:
        matching = [i for i, sentence in enumerate(said) if pattern.search(sentence)]
        assert set(matching) <= set(folded.candidates([pattern])), pattern.pattern
        lowered = [sentence.lower() for sentence in said if pattern.search(sentence.lower())]
        assert all(may_match(pattern, text.casefold()) for text in lowered), pattern.pattern
    assert any(p.search(s) for p in STATUS_AND_YEAR_PATTERNS for s in said)  # the fixtures hold some


TEXTS = ["Riskanalysen", "a", "b", "STRAẞE och Straße", "", "analys och riskanalys", "x\na\nb"]
CONTAINING = {"riskanalys": [0, 5], "analys": [0, 5], "nalysen": [0], "strasse": [3], "a\nb": [6], "ss": [3],
              "e och s": [3], "": [0, 1, 2, 3, 4, 5, 6], "ysen\na": []}


def test_containing_tests_each_text_for_the_needle():
    """Alone (a needle asked for the first time) and in one pass with all needles asked before (`_Automaton`), the
    answer is `needle in text`: overlapping needles, case folding ("Straße" holds "strasse"), and never across two
    texts ("a" then "b" do not hold "a\nb")."""
    with patch.dict(ASKED, clear=True):  # the process's needles stay as they were
        assert {needle: Folded(TEXTS).containing(needle) for needle in CONTAINING} == CONTAINING
        assert _Automaton.current().needles == [needle for needle in CONTAINING if needle]
        folded = Folded(TEXTS)
        assert {needle: folded.containing(needle) for needle in CONTAINING} == CONTAINING
        assert Folded([]).containing("analys") == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abßS\n", max_size=8), max_size=6), st.lists(st.text("abßS\n", min_size=1, max_size=3), max_size=4))
def test_containing_is_in_for_any_texts_and_needles(texts, words):
    asked = [word.casefold() for word in words]
    expected = [[i for i, text in enumerate(texts) if needle in text.casefold()] for needle in asked]
    with patch.dict(ASKED, clear=True):
        first = Folded(texts)
        assert [first.containing(needle) for needle in asked] == expected
        assert [Folded(texts).containing(needle) for needle in asked] == expected  # now in one pass


@pytest.mark.parametrize(
    "pattern, expected",
    [(r"^\s*se\s+bilaga", True), (r"^(en|ett)\s+\w+", True), (r"^a|b", False), (r"(?m)^se", False),
     (r"\bse\s+bilaga", False)],
)
def test_anchored(pattern, expected):
    """Only a pattern whose every match starts at the text's start is tried everywhere without the prefilter."""
    assert anchored(re.compile(pattern, re.IGNORECASE)) is expected


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
