"""Bounds on what is accepted (issue 22): a report with more text than checking can bear in a few
seconds is refused before it is checked, with a Swedish message; what is accepted is checked well
under 300 MB, also as one huge paragraph or as tens of thousands of short ones. How long that takes
is measured in benchmarks/run.py (`--only large`), as a ratio, not here."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sosfs_check.verdicts import excerpt
from sosfs_check.errors import InputError
from sosfs_check.packs import builtin_rules
from sosfs_check.readers import read
from sosfs_check.readers.safety import Limits
from sosfs_check.testing import build_docx
from largetext import REPORT, one_paragraph, short_paragraphs
from measure import measured

LIMIT = Limits.from_mb().chars


def run(path: Path) -> tuple[int, str, int]:
    """`check` in its own process: (exit code, its output, peak memory in MB)."""
    code, output, _, megabytes = measured("check", str(path), "-f", "json", "--profile", "kombinerad",
                                          "--as-of", "2026-11-25")
    return code, output, megabytes


@pytest.mark.parametrize("text", [one_paragraph(9_900_000), short_paragraphs(200_000)], ids=["ett-stycke", "korta-stycken"])
def test_the_issues_large_text_files_are_refused_before_checking(tmp_path, text):
    path = tmp_path / "stor.txt"
    path.write_text(text, encoding="utf-8")
    code, err, megabytes = run(path)
    assert code == 2
    count, limit = (f"{n:,}".replace(",", " ") for n in (len(text), LIMIT))
    assert err == (f"sosfs-check: {path}: har för mycket text för att granskas ({count} tecken; gränsen är "
                   f"{limit} tecken, tio gånger en stor berättelse): höj gränsen med --max-size MB om filen är en "
                   "riktig rapport\n")
    assert megabytes < 300, megabytes  # measured: 75 MB


@pytest.mark.parametrize("text, exit_code", [(one_paragraph(LIMIT - 1000), 0), (short_paragraphs(16_000), 1)],
                         ids=["ett-stycke", "korta-stycken"])
def test_text_just_within_the_limit_is_checked(tmp_path, text, exit_code):
    assert len(text) <= LIMIT
    path = tmp_path / "nästan-för-stor.txt"
    path.write_text(text, encoding="utf-8")
    code, output, megabytes = run(path)
    [document] = json.loads(output)["documents"]
    assert (code, document["path"], document["reader"]["format"]) == (exit_code, str(path), "text")
    assert sorted(r["rule_id"] for r in document["results"]) == sorted(r.id for r in builtin_rules().rules)
    assert megabytes < 300, megabytes  # measured: 120 MB


def test_a_word_file_with_too_much_text_is_refused_after_reading(tmp_path):
    words = REPORT.split()
    rng = random.Random(3)
    paragraphs = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(4_500)]
    path = build_docx("%% Patientsäkerhetsberättelse 2021\n\n" + "\n\n".join(paragraphs), tmp_path / "stor.docx")
    document = read(path, max_size=100)  # --max-size raises the limit
    count = sum(len(block.text) for block in document.blocks)
    assert count > LIMIT
    with pytest.raises(InputError) as refused:
        read(path)
    assert refused.value.problem.startswith(f"har för mycket text för att granskas ({count:,} tecken".replace(",", " "))


class Huge(str):
    """A paragraph of megabytes that may only be measured and sliced: reading it whole fails the test."""

    def __getattribute__(self, name):
        raise AssertionError(f"read the whole paragraph: .{name}")

    def __iter__(self):
        raise AssertionError("read the whole paragraph: iter")


def test_excerpt_reads_only_the_start_of_a_huge_paragraph():
    assert excerpt(Huge("ord " * 2_500_000), 20) == "ord ord ord ord ord…"
    assert excerpt("  kort   text ") == "kort text"
    assert excerpt("a" * 8 * 160 + " b") == "a" * 159 + "…"


def test_counts_in_one_huge_paragraph_are_found_where_they_are():
    """The figure scan looks near the counted words of a very long sentence: same facts, no full scans."""
    from sosfs_check.facts import extract_facts

    filler = " ".join(random.Random(1).choice(["arbetet", "har", "bedrivits", "under", "året"]) for _ in range(200_000))
    text = filler + " och 155 avvikelser rapporterades samt " + filler + " 3 riskanalyser gjordes"
    from sosfs_check.document import Block

    facts = extract_facts([Block(index=1, kind="paragraph", text=text)])
    assert [(f.key, f.value) for f in facts] == [("avvikelser", 155), ("riskanalyser", 3)]
