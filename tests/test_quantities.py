"""Review4 item 3 (issue 21): results stated as shares or approximations in words are results.
Quantities in words are read as figures in every comparison frame (quantities.py), and an inline
label "Resultat:" is the part's section as a heading is; vague wording and counts that are no
share still give no result."""

from __future__ import annotations

from datetime import date

import pytest

import sosfs_check
from sosfs_check.packs import load_ruleset
from sosfs_check.testing import build_docx

PSB = "%% Patientsäkerhetsberättelse 2025\n\nVård- och omsorgsnämnden i Provby kommun\n\nUpprättad 2026-02-10.\n\n"
RESULTS = "PSL-3-10-RESULTAT"


@pytest.fixture(scope="module")
def quantities():
    return load_ruleset().vocabulary.quantities


@pytest.mark.parametrize(("text", "normal"), [
    ("mot ungefär sju av tio året innan", "mot 7 av 10 året innan"),
    ("i fjol bara sex av tio", "i fjol 6 av 10"),
    ("knappt en tredjedel färre", "1/3 färre"),
    ("två tredjedelar av boendena", "2/3 av boendena"),
    ("drygt hälften så många", "1/2 så många"),
    ("var femte patient, varannan vecka", "1/5 patient, 1/2 vecka"),
    ("en av tjugo journaler", "1 av 20 journaler"),
    # an article, "inga" and a year stay as they are; "under" before a year is time, not an approximation
    ("en patient föll, inga fel, under 2024", "en patient föll, inga fel, under 2024"),
    ("trettiosju klagomål", "37 klagomål"),
])
def test_quantities_in_words_read_as_figures(quantities, text, normal):
    assert quantities.normal(text) == normal


@pytest.mark.parametrize(("text", "share"), [
    ("Nio av tio journaler följde riktlinjen.", True),
    ("Hälften av fallen skedde nattetid.", True),
    ("Var tredje patient hade en SIP.", True),
    ("Andelen var 84 procent.", True),
    ("Vi höll tre utbildningar.", False),  # a count, no share
    ("Vi granskade en journal.", False),
])
def test_a_share_in_words(quantities, text, share):
    assert quantities.share(text) is share


def outcome(tmp_path, body: str, rule: str = RESULTS) -> str:
    path = build_docx(PSB + body, tmp_path / "r.docx", toc=False)
    result = sosfs_check.check(path, as_of=date(2026, 3, 1))
    return next(o.outcome for o in result.outcomes if o.rule_id == rule)


@pytest.mark.parametrize(("text", "status"), [
    ("Ungefär fyra av fem boende fick en munvårdsbedömning, jämfört med knappt hälften året före.", "pass"),
    ("Förra året hade var tredje patient ett trycksår, i år var femte.", "pass"),
    ("Läkemedelsfelen blev en fjärdedel färre än 2024.", "pass"),
    ("Klagomålen om bemötande blev dubbelt så många som året innan.", "pass"),
    ("Inga trycksår hos de boende på Solgården uppstod under hösten.", "pass"),
    ("Fallen i trapphuset upphörde efter att ledstången sattes upp.", "pass"),
    ("Resultatet blev bra.", "fail"),
    ("Det blev ungefär som förra året.", "fail"),
    ("Vi höll tre utbildningar i förflyttningsteknik.", "fail"),
])
def test_a_result_in_words_under_a_results_heading(tmp_path, text, status):
    assert outcome(tmp_path, f"# Resultat\n\n{text}\n") == status


@pytest.mark.parametrize(("text", "status"), [
    ("Resultat: Andelen journaler med fallriskbedömning var i år omkring åtta av tio, mot sex av tio i fjol.", "pass"),
    ("Resultat: 41 av 45 boende hade en aktuell vårdplan i november.", "pass"),
    ("Resultat: Resultaten följs upp i ledningsgruppen varje kvartal.", "fail"),
    ("Resultat: Vi införde dubbelkontroll av insulin.", "fail"),
])
def test_an_inline_label_is_the_section(tmp_path, text, status):
    assert outcome(tmp_path, f"# Berättelse\n\n{text}\n") == status
