"""Review3 items 1, 2 and 5 (issue 21): measures and results stand under the author's own headings,
status words say whether a measure was taken, and a dated heading makes its list the year's measures.
The content decides, wherever it stands; a heading alone, a goal or the present tense does not."""

from __future__ import annotations

from datetime import date

import pytest

import sosfs_check
from sosfs_check.packs import builtin_rules
from sosfs_check.statuses import Statuses
from sosfs_check.testing import build_docx

PSB = "%% Patientsäkerhetsberättelse 2025\n\nVård- och omsorgsnämnden i Provby kommun\n\nUpprättad 2026-02-10.\n\n"
MEASURES, RESULTS = "PSL-3-10-ATGARDER", "PSL-3-10-RESULTAT"


def outcome(tmp_path, body: str, rule: str) -> str:
    path = build_docx(PSB + body, tmp_path / "r.docx", toc=False)
    result = sosfs_check.check(path, as_of=date(2026, 3, 1))
    return next(o.outcome for o in result.outcomes if o.rule_id == rule)


@pytest.mark.parametrize(("heading", "text", "rule", "status"), [
    # a heading written as a clause in the past tense with one of the rule's words is its section
    ("Det här gjorde vi under året", "Vi satte upp handspritsautomater vid alla entréer i mars.", MEASURES, "pass"),
    ("Vad vi har ändrat", "Sjuksköterskorna tog över ansvaret för insulinet på natten från och med maj.", MEASURES, "pass"),
    ("Det här blev bättre", "Väntetiden till läkemedelsgenomgång kortades till två veckor.", RESULTS, "pass"),
    ("Vad som blev säkrare", "Under hösten föll färre patienter på natten än under våren.", RESULTS, "pass"),
    # neither a clause about something else, nor the present tense, nor a measure under a heading of measures
    ("Det här hände", "Två patienter föll och bröt höften under året.", MEASURES, "fail"),
    ("Det här lärde vi oss", "Vi lärde oss att överrapporten måste vara muntlig.", RESULTS, "fail"),
    ("Det här gör vi 2026", "Vi ska införa digital signering och mäta följsamheten.", MEASURES, "fail"),
    ("Det här ändrade vi", "Vi arbetar med fallprevention och följer upp varje fall noga.", MEASURES, "fail"),
    ("Så förbättrade vi rutinerna", "Vi satte upp handspritsautomater vid alla entréer.", RESULTS, "fail"),
])
def test_a_heading_written_as_a_clause_in_the_past(tmp_path, heading, text, rule, status):
    assert outcome(tmp_path, f"# {heading}\n\n{text}\n", rule) == status


@pytest.mark.parametrize(("text", "status"), [
    ("Trycksåren minskade från tolv i januari till tre i december.", "pass"),
    ("Fallen gick ner från nitton till sju.", "pass"),
    ("Vid granskningen i november hade 41 av 45 boende en aktuell vårdplan, mot 30 av 45 i maj.", "pass"),
    ("Sjuksköterskorna granskar 20 av 45 journaler varje månad.", "fail"),
    ("Telefontiden är från 8 till 10 och besökstiden från tolv till fyra.", "fail"),
    ("Målet är att trycksåren ska minska från tolv till tre.", "fail"),
])
def test_a_result_with_figures_counts_in_any_section(tmp_path, text, status):
    assert outcome(tmp_path, f"# Vårt arbete\n\n{text}\n", RESULTS) == status


@pytest.mark.parametrize(("text", "status"), [
    ("Nytt larmsystem på korttidsboendet – klart i juni.", "pass"),
    ("Utbildning i sårvård för alla sjuksköterskor: genomförd vecka 40.", "pass"),
    ("| Åtgärd | Status |\n|---|---|\n| Ny rutin för munvård | Avslutad |\n| Fallrond | Pågår |", "pass"),
    ("Nytt larmsystem på korttidsboendet – planerat till våren 2026.", "fail"),
    ("| Åtgärd | Status |\n|---|---|\n| Ny rutin för munvård | Ej påbörjad |\n| Fallrond | Planerad |", "fail"),
    ("Ny rutin för munvård – mars 2026.", "fail"),
    ("| Åtgärd | Genomförd |\n|---|---|\n| Ny rutin för munvård | Nej |", "fail"),
    ("Klara rutiner för delegering finns på alla enheter och följs av personalen varje dag.", "fail"),
])
def test_a_status_word_says_whether_a_measure_was_taken(tmp_path, text, status):
    assert outcome(tmp_path, f"# Åtgärder\n\n{text}\n", MEASURES) == status


@pytest.mark.parametrize(("heading", "status"), [
    ("Åtgärder under 2025", "pass"),
    ("Genomförda åtgärder", "pass"),
    ("Åtgärder", "fail"),
    ("Åtgärder under 2024", "fail"),
    ("Planerade åtgärder 2026", "fail"),
])
def test_a_list_of_measures_under_a_heading_that_dates_them(tmp_path, heading, status):
    text = "- Kontroll av läkemedelsförråd varje månad\n- Nytt journalsystem på hemsjukvården"
    assert outcome(tmp_path, f"# {heading}\n\n{text}\n", MEASURES) == status


@pytest.mark.parametrize(("text", "status"), [
    ("Digital signering av läkemedel – genomförd i mars.", "done"),
    ("Genomförd", "done"),
    ("Status: klar 2025-10-01", "done"),
    ("Utbildningen – delvis genomförd, resten planerad till 2026.", "done"),
    ("Digital signering av läkemedel – planerad till mars 2026.", "plan"),
    ("Ej påbörjad", "plan"),
    ("Pågår", "plan"),
    ("Klara rutiner för delegering finns på alla enheter.", ""),
    ("Rutinen är genomförd och fungerar bra enligt personalen.", ""),
    ("Planerade åtgärder redovisas i handlingsplanen.", ""),
])
def test_a_status_word_stands_first_or_after_a_dash_or_colon(text, status):
    data = builtin_rules().vocabulary.data
    assert Statuses(data.done_statuses, data.plan_statuses).of(text) == status
