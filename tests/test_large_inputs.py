"""Bounds on what is accepted (issue 22): a report with more text than checking can bear in a few
seconds is refused at once with a Swedish message; what is accepted is checked in seconds and
well under 300 MB, also as one huge paragraph or as tens of thousands of short ones."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from sosfs_check.verdicts import excerpt
from sosfs_check.errors import InputError
from sosfs_check.readers import read
from sosfs_check.readers.safety import Limits
from sosfs_check.testing import build_docx
from measure import measured

ROOT = Path(__file__).parent.parent
REPORT = (ROOT / "fixtures" / "text" / "boras-patientsakerhetsberattelse-2021.txt").read_text(encoding="utf-8")
LIMIT = Limits.from_mb().chars


def one_paragraph(chars: int) -> str:
    """A real report's words repeated as one paragraph under its title."""
    words = " ".join(REPORT.split())
    body = (words + " ") * (chars // len(words) + 1)
    return "Patientsäkerhetsberättelse 2021\n\n" + body[:chars]


def short_paragraphs(count: int) -> str:
    lines = [line.strip()[:60] for line in REPORT.splitlines() if len(line.strip()) > 20]
    return "Patientsäkerhetsberättelse 2021\n\n" + "\n\n".join(lines[i % len(lines)] for i in range(count))


def run(path: Path) -> tuple[int, str, float, int]:
    """`check` in its own process: (exit code, its output, seconds, peak memory in MB)."""
    return measured("check", str(path), "-f", "json", "--profile", "kombinerad", "--as-of", "2026-11-25")


@pytest.mark.parametrize("text", [one_paragraph(9_900_000), short_paragraphs(200_000)], ids=["ett-stycke", "korta-stycken"])
def test_the_issues_large_text_files_are_refused_at_once(tmp_path, text):
    path = tmp_path / "stor.txt"
    path.write_text(text, encoding="utf-8")
    code, err, seconds, megabytes = run(path)
    assert code == 2
    count, limit = (f"{n:,}".replace(",", " ") for n in (len(text), LIMIT))
    assert err == (f"sosfs-check: {path}: har för mycket text för att granskas ({count} tecken; gränsen är "
                   f"{limit} tecken, tio gånger en stor berättelse): höj gränsen med --max-size MB om filen är en "
                   "riktig rapport\n")
    assert megabytes < 300 and seconds < 10, (seconds, megabytes)  # measured: 1 s, 75 MB


@pytest.mark.parametrize("text", [one_paragraph(LIMIT - 1000), short_paragraphs(16_000)], ids=["ett-stycke", "korta-stycken"])
def test_text_just_within_the_limit_is_checked_in_seconds(tmp_path, text):
    assert len(text) <= LIMIT
    path = tmp_path / "nästan-för-stor.txt"
    path.write_text(text, encoding="utf-8")
    code, err, seconds, megabytes = run(path)
    assert code in (0, 1), err
    assert megabytes < 300 and seconds < 20, (seconds, megabytes)  # measured on two busy cores: 3-4 s, 120 MB


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


def test_excerpt_reads_only_the_start_of_a_huge_paragraph():
    text = "ord " * 2_500_000
    start = time.monotonic()
    assert excerpt(text, 20) == "ord ord ord ord ord…"
    assert time.monotonic() - start < 0.01
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
