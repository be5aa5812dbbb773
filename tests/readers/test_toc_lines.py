"""Contents lines are never content, in every reader: with leaders, without them, and run together
on one line (issue 16 "TOC lines are never content", issue 21)."""

from datetime import date
from pathlib import Path

import pytest

import sosfs_check
from sosfs_check.readers import read
from sosfs_check.readers.common import bare_toc_entry, one_line_toc
from sosfs_check.testing import build_docx, soffice_path

from helpers import libreoffice_convert_all

FIXTURES = Path(__file__).parents[2] / "fixtures"
AS_OF = date(2026, 11, 25)
pytestmark = pytest.mark.xdist_group("toc_lines")  # the LibreOffice copies of the module are made once, on one worker
needs_libreoffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")

ENTRIES = ["Sammanfattning", "Avvikelser", "Lex Maria", "Lex Sarah", "Sammanställning och analys"]
PAGES = ["2", "3", "5", "5", "6"]
BODY = """
# Sammanfattning

Verksamheten har arbetat med fallprevention och läkemedelsgenomgångar under hela året.

# Avvikelser

Under året rapporterades 41 avvikelser. De analyserades på teammöten varje månad.

# Lex Maria

Ingen händelse anmäldes enligt lex Maria under året.

# Lex Sarah

Två rapporter enligt lex Sarah kom in och båda utreddes av enhetschefen.

# Sammanställning och analys

Avvikelserna sammanställs per tertial och trenderna diskuteras i ledningsgruppen.
"""
LINES = "\n\n".join(f"{e} {p}" for e, p in zip(ENTRIES, PAGES))
ONE_LINE = " ".join(f"{e} {p}" for e, p in zip(ENTRIES, PAGES))
TITLE = "%% Patientsäkerhetsberättelse 2025\n\nHemtjänsten Solrosen\n\n"
SHAPES = {
    "lines": TITLE + "Innehåll\n\n" + LINES + "\n" + BODY,
    "one-line": TITLE + "Innehåll\n\n" + ONE_LINE + "\n" + BODY,
    "one-line-titled": TITLE + "Innehåll " + ONE_LINE + "\n" + BODY,
    "one-line-untitled": TITLE + ONE_LINE + "\n" + BODY,
}


def assert_toc_is_not_content(document, title_heading=False):
    assert [e.text for e in document.toc] == ENTRIES
    assert [e.page for e in document.toc] == PAGES
    texts = [b.text for b in document.blocks]
    assert not any(t.endswith((" 5", " 6")) for t in texts), texts
    assert [h.text for h in document.headings] == (["Patientsäkerhetsberättelse 2025"] if title_heading else []) + ENTRIES


def assert_no_figure_from_toc(path):
    result = sosfs_check.check(path, as_of=AS_OF)
    assert {f.key: f.value for f in result.facts} == {"avvikelser": 41, "lex_maria_anmalningar": 0, "lex_sarah_rapporter": 2}


@pytest.mark.parametrize("shape", SHAPES)
def test_docx_written_by_python_docx(tmp_path, shape):
    path = build_docx(SHAPES[shape], tmp_path / f"{shape}.docx", toc=False)
    assert_toc_is_not_content(read(path))
    assert_no_figure_from_toc(path)


@pytest.mark.parametrize("shape", SHAPES)
def test_markdown_and_text(tmp_path, shape):
    markdown = tmp_path / f"{shape}.md"
    markdown.write_text(SHAPES[shape].replace("%% ", "# ", 1).replace("\n# ", "\n## "), encoding="utf-8")
    assert_toc_is_not_content(read(markdown), title_heading=True)
    text = tmp_path / f"{shape}.txt"
    numbered = SHAPES[shape].replace("%% ", "")
    for n, entry in enumerate(ENTRIES, 1):
        numbered = numbered.replace(f"\n# {entry}\n", f"\n{n} {entry}\n")
    text.write_text(numbered, encoding="utf-8")
    document = read(text)
    assert [e.text for e in document.toc] == ENTRIES
    assert not any(b.text.endswith((" 5", " 6")) for b in document.blocks)
    assert_no_figure_from_toc(text)


CONVERTED = ["lines", "one-line"]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """`converted(shape, fmt)`: the shape's DOCX saved by LibreOffice as ODT or PDF, every shape in one
    run per format."""
    out = tmp_path_factory.mktemp("toc-lines")
    sources = [build_docx(SHAPES[shape], out / f"{shape}.docx", toc=False) for shape in CONVERTED]
    cache: dict[str, dict[str, Path]] = {}

    def get(shape: str, fmt: str) -> Path:
        if fmt not in cache:
            cache[fmt] = dict(zip(CONVERTED, libreoffice_convert_all(sources, fmt, out / fmt)))
        return cache[fmt][shape]

    return get


@needs_libreoffice
@pytest.mark.parametrize("fmt", ["odt", "pdf"])
@pytest.mark.parametrize("shape", CONVERTED)
def test_odt_and_pdf_made_by_libreoffice(converted, fmt, shape):
    path = converted(shape, fmt)
    document = read(path)
    assert [e.text for e in document.toc] == ENTRIES
    assert not any(b.text.endswith((" 5", " 6")) for b in document.blocks)
    assert_no_figure_from_toc(path)


def test_flat_boras_2018_copy_gives_no_figure_from_its_toc(tmp_path):
    """The Borås 2018 text with its leaders and tabs lost, and with its contents run together."""
    original = (FIXTURES / "text" / "boras-patientsakerhetsberattelse-2018.txt").read_text(encoding="utf-8")
    flat = "\n".join(line.replace("\t", " ").replace(".....", "") for line in original.split("\n"))
    lines = flat.split("\n")
    start = lines.index("Innehållsförteckning") + 2
    end = lines.index("", start)
    one_line = "\n".join([*lines[:start], " ".join(lines[start:end]), *lines[end:]])
    expected = {"klagomal_synpunkter": 9, "lex_sarah_rapporter": 3, "ivo_anmalningar": 1}
    for name, text in (("flat", flat), ("one-line", one_line)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        result = sosfs_check.check(path, as_of=AS_OF)
        assert len(result.document.toc) == 25, name
        assert {f.key: f.value for f in result.facts} == expected, name


@pytest.mark.parametrize(
    "line",
    [
        "Under 2025 rapporterades 41 avvikelser, varav 12 fall och 8 läkemedel och 3 övriga 4",
        "Fall 12 Läkemedel 8 Övrigt 3 Totalt 23 Vårdskador 2",  # a flattened table row: counts go down
        "Avvikelser 3 Lex Maria 5",  # too few entries for a list without a title
        "Vi har haft 3 möten. Sedan 4 till. Och 5 Dessutom 6 och 7",
    ],
)
def test_body_lines_with_numbers_are_not_a_contents_list(line):
    assert one_line_toc(line) == []


def test_one_line_list_with_section_numbers():
    entries = one_line_toc("1 Sammanfattning 3 2 Inledning 4 2.1 Mål 4 2.2 Organisation 5 3 Resultat 7")
    assert [(e.text, e.page, e.level) for e in entries] == [
        ("1 Sammanfattning", "3", 1), ("2 Inledning", "4", 1), ("2.1 Mål", "4", 2), ("2.2 Organisation", "5", 2), ("3 Resultat", "7", 1),
    ]


def test_bare_entry_needs_a_short_text_and_a_page():
    assert bare_toc_entry("4.2 Riskanalys 7").text == "4.2 Riskanalys"
    assert bare_toc_entry("Mål och aktiviteter för 2019 10").page == "10"
    assert bare_toc_entry("Under året kom 7") is not None  # read only right after a TOC title
    assert bare_toc_entry("Under året kom sju rapporter.") is None
    assert bare_toc_entry("Antalet avvikelser var 41.") is None
