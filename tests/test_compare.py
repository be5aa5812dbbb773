"""Year over year: sections, figures, checklist changes and text copied word for word."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import sosfs_check
from sosfs_check.compare import compare
from sosfs_check.render import compare as render
from sosfs_check.testing import build_docx

DOCX = Path(__file__).parent.parent / "fixtures" / "docx"
AS_OF = date(2026, 11, 25)
OLD, NEW = DOCX / "boras-2018-headings.docx", DOCX / "boras-2021-headings.docx"


@pytest.fixture(scope="module")
def boras():
    return compare(*(sosfs_check.check(p, as_of=AS_OF) for p in (OLD, NEW)))


def test_figures_old_and_new(boras):
    figures = {f.key: (f.old, f.new) for f in boras.figures}
    assert figures["klagomal_synpunkter"] == (9, 12)
    assert figures["lex_sarah_rapporter"] == (3, 1)
    assert figures["avvikelser"] == (None, 8)  # 2018 gives no count of avvikelser


def test_samverkan_improved_with_external_partners_and_the_individual(boras):
    samverkan = next(a for a in boras.areas if a.area == "samverkan")
    assert (samverkan.old, samverkan.new, samverkan.change) == ("delvis", "uppfyllt", "förbättrad")
    assert samverkan in boras.improved
    assert {"5.2.1 Samverkan med externa aktörer", "5.2.3 Samverkan med den enskilde och närstående"} <= set(boras.added)


def test_headings_match_across_numbering_and_typos(boras):
    # "Risakanalys" (2018, misspelt, unnumbered) is "5.3 Riskanalys" in 2021: neither new nor removed.
    assert "Risakanalys" not in boras.removed and "5.3 Riskanalys" not in boras.added
    assert "Mål och aktiviteter för 2019" in boras.removed
    assert "7 Mål och aktiviteter för kommande år" in boras.added


def test_copied_paragraphs_and_longest_passages(boras):
    old_text = " ".join(" ".join(b.text.split()) for b in boras.old.document.blocks)
    assert 0 < boras.copied < boras.paragraphs
    assert boras.copied_share == boras.copied / boras.paragraphs
    words = [p.words for p in boras.passages]
    assert words == sorted(words, reverse=True)
    longest = boras.passages[0]
    assert longest.section.endswith("Nämnd") and longest.paragraphs == 3
    assert longest.text.startswith("Nämnden är vårdgivare och ansvarar för att det finns ett ledningssystem")
    for passage in boras.passages:
        for block in boras.new.document.blocks[passage.first - 1 : passage.last]:
            if len(block.text.split()) >= 8:
                assert " ".join(block.text.split()) in old_text


def test_consecutive_copies_merge_into_one_passage(tmp_path):
    copied = "Resultatet av årets egenkontroller visar att rutinerna för läkemedelshantering följs i alla enheter."
    also = "Brukarundersökningen visar att nio av tio är nöjda med bemötandet från personalen i hemtjänsten."
    old = f"%% Patientsäkerhetsberättelse 2023\n\n# Resultat\n\n{copied}\n\n{also}\n\nEtt helt annat stycke om året som gick och vad som hände då.\n"
    new = f"%% Patientsäkerhetsberättelse 2024\n\n# Resultat\n\n{copied}\n\n{also}\n\nNytt för i år är att vi har infört digitala signeringslistor i alla enheter.\n"
    paths = [build_docx(text, tmp_path / f"{name}.docx") for name, text in (("old", old), ("new", new))]
    result = compare(*(sosfs_check.check(p, as_of=AS_OF) for p in paths))
    assert (result.paragraphs, result.copied) == (3, 2)
    [passage] = result.passages
    assert (passage.section, passage.paragraphs) == ("Resultat", 2)
    assert passage.words == len(copied.split()) + len(also.split())


def test_a_report_compared_with_itself_is_all_copied():
    result = sosfs_check.check(NEW, as_of=AS_OF)
    same = compare(result, result)
    assert same.copied == same.paragraphs and same.copied_share == 1.0
    assert same.added == same.removed == []
    assert {a.change for a in same.areas} == {"oförändrad"}


def test_markdown_lists_every_part(boras):
    text = render.markdown(boras)
    assert "| inkomna klagomål och synpunkter | 9 | 12 |" in text
    assert "| Samverkan | delvis uppfyllt | uppfyllt | förbättrad |" in text
    assert f"{boras.copied} av {boras.paragraphs} stycken" in text


def test_cli_json(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "sosfs_check", "compare", str(OLD), str(NEW), "--format", "json", "--as-of", "2026-11-25"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"key": "klagomal_synpunkter", "label": "inkomna klagomål och synpunkter", "old": 9, "new": 12} in data["figures"]
    assert {"area": "samverkan", "old": "delvis", "new": "uppfyllt", "change": "förbättrad"} in data["checklist"]
    assert data["copied"]["passages"][0]["paragraphs"] == 3
