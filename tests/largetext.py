"""Large texts made of a real report's words: one huge paragraph, or many short ones (issue 22).
Used by tests/test_large_inputs.py and by benchmarks/run.py (its part `large`)."""

from __future__ import annotations

from pathlib import Path

REPORT_PATH = Path(__file__).parents[1] / "fixtures" / "text" / "boras-patientsakerhetsberattelse-2021.txt"
REPORT = REPORT_PATH.read_text(encoding="utf-8")


def one_paragraph(chars: int) -> str:
    """A real report's words repeated as one paragraph under its title."""
    words = " ".join(REPORT.split())
    body = (words + " ") * (chars // len(words) + 1)
    return "Patientsäkerhetsberättelse 2021\n\n" + body[:chars]


def short_paragraphs(count: int) -> str:
    """`count` paragraphs of at most 60 characters, the report's lines in turn, under its title."""
    lines = [line.strip()[:60] for line in REPORT.splitlines() if len(line.strip()) > 20]
    return "Patientsäkerhetsberättelse 2021\n\n" + "\n\n".join(lines[i % len(lines)] for i in range(count))
