"""Review4 items 4 and 11 (issue 21): nominal and status-form measures are measures taken (statuses.py):
a deverbal noun with its time in the year ("Införande av … (maj)"), a status label before a colon
("Genomfört: byte av …"), and "Pågår" with a figure of progress ("Pågår, 60 av 90 utbildade"); a
plan word, a later year or "Pågår" alone keep them plans. Messages say what the text is."""

from __future__ import annotations

from datetime import date

import pytest

import sosfs_check
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx

PSB = "%% Patientsäkerhetsberättelse 2025\n\nVård- och omsorgsnämnden i Provby kommun\n\nUpprättad 2026-02-10.\n\n"
MEASURES = "PSL-3-10-ATGARDER"
TABLE = "| Åtgärd | Status |\n|---|---|\n| Fallprevention på Solgården | {} |"


def result(tmp_path, body: str):
    return sosfs_check.check(build_docx(PSB + body, tmp_path / "r.docx", toc=False), as_of=date(2026, 3, 1))


def outcome(tmp_path, body: str, rule: str = MEASURES) -> str:
    return next(o.outcome for o in result(tmp_path, body).outcomes if o.rule_id == rule)


@pytest.mark.parametrize(("text", "status"), [
    ("Genomfört: byte av alla infusionspumpar.", "done"),
    ("Planerat: byte av alla infusionspumpar.", "plan"),
    ("Pågår, 60 av 90 utbildade i december", "progress"),
    ("pågår, hälften av personalen utbildad", "progress"),
    ("Pågår", "plan"),
    ("Införande av dubbelsignering vid insulingivning (maj).", "dated"),
    ("Byte av nattlarm på Björkhagen – hösten 2025.", "dated"),
    ("Utbildning av personalen sker i maj.", ""),  # a verb of its own, and no bracket or dash
    ("Rutiner för läkemedelshantering (maj).", ""),  # no deverbal noun
])
def test_a_status_label_progress_and_a_nominal_measures_time(text, status):
    assert builtin_rules().vocabulary.statuses.of(text) == status


@pytest.mark.parametrize(("worded", "status"), [
    ((True, True, True), "done"),
    ((False, True, True), "plan"),  # the done status's words not found: the plan status is the next looked for
    ((False, True, False), ""),
])
def test_a_status_is_looked_for_only_where_its_words_were_found(worded, status):
    """`Statuses.of(text, worded)`: `by_row` says which statuses' words the prefilter found in the text."""
    assert builtin_rules().vocabulary.statuses.of("Genomförd: planerad", worded) == status


@pytest.mark.parametrize(("text", "status"), [
    ("- Revidering av rutinen för munvård på Ekbacken – hösten.\n- Inköp av sänggrindsskydd (oktober 2025).", "pass"),
    ("Genomförande av fallriskbedömning på alla boenden (mars).", "pass"),
    ("Klart: ny rutin för överrapportering mellan dag- och nattpersonal.", "pass"),
    (TABLE.format("Pågår, 40 av 55 utbildade i november"), "pass"),
    ("Byte av nattlarm på Ekbacken (mars 2026).", "fail"),
    ("Införande av digital signering på Ekbacken planeras till våren 2026.", "fail"),
    ("Planerat: ny rutin för överrapportering mellan dag- och nattpersonal.", "fail"),
    (TABLE.format("Pågår"), "fail"),
    (TABLE.format("Pågår, alla 55 ska vara utbildade i december 2026"), "fail"),
])
def test_nominal_and_status_form_measures(tmp_path, text, status):
    assert outcome(tmp_path, f"# Åtgärder\n\n{text}\n") == status


def test_a_section_about_two_years_is_not_how_the_work_usually_goes(tmp_path):
    body = "# Resultat\n\nÅret var lugnt och vi hade ungefär lika många fall som vanligt på alla våra boenden i kommunen.\n"
    [finding] = [f for f in result(tmp_path, body).findings if f.rule_id == "PSL-3-10-RESULTAT"]
    assert finding.message.endswith("finns men avsnittet säger inte vad som gjordes eller uppnåddes under året.")


def test_parts_said_in_different_paragraphs_point_to_the_one_that_says_most(tmp_path):
    body = ("# Inledning\n\nAlla medarbetare har rutiner för lex Sarah.\n\n# Medarbetarnas medverkan\n\n"
            "Vid introduktionen får alla information om att medverka till god kvalitet och att rapportera brister.\n")
    report = sosfs_check.check(build_docx("%% Kvalitetsberättelse 2025\n\nÄldrenämnden i Provby kommun\n\n" + body,
                                          tmp_path / "kb.docx", toc=False), as_of=date(2026, 3, 1))
    [finding] = [f for f in report.findings if f.rule_id == "SOL-27-3-INFORMATION"]
    assert finding.message.endswith("Uppgifterna står i olika stycken; i stycket med flest av dem saknas "
                                    "rapporteringsskyldighet / skyldighet att rapportera / skyldigheten att rapportera.")
    assert finding.location.excerpt.startswith("Vid introduktionen får alla information")
