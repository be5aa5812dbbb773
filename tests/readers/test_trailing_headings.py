"""Without heading styles, the bold lines that end a draft are its headings still to be written
(review D8): read as headings with empty sections, in DOCX written by python-docx, saved again by
LibreOffice and converted to ODT. A last bold line in another look (a signature) stays a label."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from sosfs_check.readers import read
from sosfs_check.testing import soffice_path

from helpers import libreoffice_convert_all

BODY = "Verksamheten har arbetat systematiskt med patientsäkerhet under året."
WRITTEN = ["Sammanfattning", "Riskanalys"]
UNWRITTEN = ["Klagomål och synpunkter", "Resultat", "Mål och strategier för kommande år"]


def _bold(paragraph, size: int):
    for r in paragraph.runs:
        r.bold, r.font.size = True, Pt(size)


def _draft(path: Path, ending: list[tuple[str, int]]) -> Path:
    """Title, two bold 16 pt headings with body text, then the `ending` bold lines (text, size)."""
    d = docx.Document()
    _bold(d.add_paragraph("Patientsäkerhetsberättelse 2025"), 20)
    d.add_paragraph("Vård- och omsorgsnämnden i Provby kommun")
    for title in WRITTEN:
        _bold(d.add_paragraph(title), 16)
        d.add_paragraph(BODY)
    for text, size in ending:
        _bold(d.add_paragraph(text), size)
    d.save(path)
    return path


def _read(path: Path) -> list[tuple[str, str, int | None]]:
    return [(b.kind, b.text, b.level) for b in read(path).blocks]


def _expected(ending_kind: str, ending: list[str]) -> list[tuple[str, str, int | None]]:
    level = 1 if ending_kind == "heading" else None
    return [("title", "Patientsäkerhetsberättelse 2025", None), ("paragraph", "Vård- och omsorgsnämnden i Provby kommun", None),
            ("heading", "Sammanfattning", 1), ("paragraph", BODY, None), ("heading", "Riskanalys", 1),
            ("paragraph", BODY, None), *[(ending_kind, text, level) for text in ending]]


@pytest.fixture
def drafts(tmp_path):
    return {
        "headings": _draft(tmp_path / "tomma-rubriker.docx", [(t, 16) for t in UNWRITTEN]),
        "signature": _draft(tmp_path / "underskrift.docx", [("Anna Andersson, MAS", 11)]),
        "mixed": _draft(tmp_path / "blandat.docx", [("Anna Andersson, MAS", 11), ("Resultat", 16)]),
    }


def test_trailing_bold_lines_in_the_headings_look_are_empty_sections(drafts):
    assert _read(drafts["headings"]) == _expected("heading", UNWRITTEN)


def test_a_trailing_bold_line_in_another_look_stays_a_label(drafts):
    assert _read(drafts["signature"]) == _expected("label", ["Anna Andersson, MAS"])
    # one line of the ending in another look: no line after the body text is taken as a heading
    assert _read(drafts["mixed"]) == _expected("label", ["Anna Andersson, MAS", "Resultat"])


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_keeps_the_trailing_headings(drafts, tmp_path):
    endings = (("headings", "heading", UNWRITTEN), ("signature", "label", ["Anna Andersson, MAS"]))
    sources = [drafts[name] for name, _, _ in endings]  # each format in one LibreOffice run
    converted = zip(libreoffice_convert_all(sources, "docx", tmp_path / "lo"),
                    libreoffice_convert_all(sources, "odt", tmp_path / "odt"))
    for (name, kind, ending), (resaved, odt) in zip(endings, converted):
        assert _read(resaved) == _expected(kind, ending), name
        assert _read(odt) == _expected(kind, ending), name
