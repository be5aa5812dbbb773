"""Required data and current law: figures, years, placeholders, stale and malformed references."""

from datetime import date
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_COLOR_INDEX

import sosfs_check
from sosfs_check.document import Block
from sosfs_check.facts import extract_facts
from sosfs_check.testing import build_docx

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
AS_OF = date(2026, 11, 25)


def facts_of(result) -> dict[str, int]:
    return {f.key: f.value for f in result.facts}


def check_spec(tmp_path, spec: str, name="rapport.docx", **kwargs):
    return sosfs_check.check(build_docx(spec, tmp_path / name), **kwargs)


@pytest.fixture(scope="module")
def seed_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    return {
        name: sosfs_check.check(build_docx((SEEDS / f"{name}.md").read_text(encoding="utf-8"), out / f"{name}.docx"), as_of=AS_OF)
        for name in ("boras-2018", "boras-2021", "kvalitetsberattelse-aldreomsorg-2025", "psb-region-halsocentral-2024")
    }


def test_figures_from_the_boras_reports(seed_results):
    assert facts_of(seed_results["boras-2021"]) == {
        "avvikelser": 8,  # "totalt åtta avvikelser"
        "klagomal_synpunkter": 12,
        "lex_maria_anmalningar": 0,  # "inga anmälningar om Lex Maria"
        "lex_sarah_rapporter": 1,  # "en Lex Sarah"
        "riskanalyser": 0,  # "inte genomfört några riskanalyser"
    }
    assert facts_of(seed_results["boras-2018"]) == {
        "klagomal_synpunkter": 9,  # "nio synpunkter"; "Två av synpunkterna" is a part, not a total
        "lex_sarah_rapporter": 3,  # "tre rapporter enligt Lex Sarah"
        "ivo_anmalningar": 1,  # "en anmälan till IVO"
    }


def test_figures_from_other_real_looking_reports(seed_results):
    assert facts_of(seed_results["kvalitetsberattelse-aldreomsorg-2025"]) == {
        "avvikelser": 312,
        "klagomal_synpunkter": 47,  # "47 synpunkter, varav 31 klagomål"
        "lex_sarah_rapporter": 6,  # "sex lex Sarah-rapporter"
        "ivo_anmalningar": 2,  # "varav två anmäldes till IVO"
        "riskanalyser": 14,
    }
    assert facts_of(seed_results["psb-region-halsocentral-2024"])["lex_maria_anmalningar"] == 3


def test_figure_sources_are_quoted_with_their_section(seed_results):
    fact = next(f for f in seed_results["boras-2021"].facts if f.key == "avvikelser")
    assert fact.excerpt == "Under 2021 har totalt åtta avvikelser rapporterats och utretts."
    assert fact.section.endswith("6.3 Avvikelser på individnivå")


def test_figures_from_a_table():
    cells = [
        Block("table_cell", "Avvikelser", 1, table=(0, 0, 0)),
        Block("table_cell", "Lex Sarah", 2, table=(0, 0, 1)),
        Block("table_cell", "155", 3, table=(0, 1, 0)),
        Block("table_cell", "72", 4, table=(0, 1, 1)),
    ]
    assert {f.key: f.value for f in extract_facts(cells)} == {"avvikelser": 155, "lex_sarah_rapporter": 72}


@pytest.mark.parametrize(
    "text",
    [
        "Enheten har en tydlig rutin för avvikelser.",  # "en" as an article, generic
        "Varje avvikelse utreds av ansvarig chef.",
        "Enligt SFS 2010:659 ska avvikelser rapporteras.",  # a law number is not a count
        "Andelen var 98,5 procent synpunkter på maten.",  # a decimal is not a count
        "Tioårsjubileet firades och trettiotalet synpunkter diskuterades.",  # number words inside words
        "Två av synpunkterna gällde bemötande.",  # a part, not the total
    ],
)
def test_no_false_figures(text):
    assert extract_facts([Block("paragraph", text, 1)]) == []


def test_missing_figure_is_a_finding_naming_it(seed_results):
    finding = next(f for f in seed_results["boras-2018"].findings if f.rule_id == "FIGUR-AVVIKELSER")
    assert "antal rapporterade avvikelser" in finding.message
    assert "FIGUR-AVVIKELSER" not in {f.rule_id for f in seed_results["boras-2021"].findings}


def test_toc_page_numbers_are_not_figures(seed_results):
    # The 2021 table of contents has "5.6 Avvikelser på individnivå.....8": 8 is a page, not a count.
    for result in seed_results.values():
        assert all("....." not in f.excerpt for f in result.facts)


STALE_2025 = """%% Kvalitetsberättelse 2025

Fastställd av socialnämnden 2026-02-18

# Lex Sarah

Personalen ska rapportera missförhållanden enligt 14 kap. 3 § socialtjänstlagen (2001:453). Under 2025 kom det in fyra rapporter enligt lex Sarah. Utbildningsmaterialet kommer från SKL.

# Lex Maria

Hälso- och sjukvården anmäler allvarliga vårdskador enligt lex Maria och HSLF-FS 2017:40. Under 2025 gjordes inga anmälningar enligt lex Maria.
"""


def stale(result) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == "LAGAR-INAKTUELL-REFERENS"]


def test_stale_references_in_a_2025_report(tmp_path):
    result = check_spec(tmp_path, STALE_2025, as_of=AS_OF)
    messages = stale(result)
    assert len(messages) == 2
    assert any("27 kap. 2 § socialtjänstlagen (2025:400)" in m and "2025-07-01" in m for m in messages)
    assert any("SKR" in m and "2019-11-27" in m for m in messages)
    assert not any("HSLF-FS 2017:4" in m for m in messages)  # HSLF-FS 2017:40 also governs lex Maria
    assert all(f.area == "lagar" and f.severity == "warning" for f in result.findings if f.rule_id == "LAGAR-INAKTUELL-REFERENS")
    assert {a.area: a.status for a in result.checklist}["lagar"] == "delvis"


def test_stale_references_are_judged_as_of_a_date(tmp_path):
    before_new_sol = check_spec(tmp_path, STALE_2025, as_of=date(2025, 6, 30))
    assert not any("2025:400" in m for m in stale(before_new_sol))
    assert any("SKR" in m for m in stale(before_new_sol))


def test_history_is_not_a_stale_reference(tmp_path):
    spec = STALE_2025.replace("kommer från SKL.", "kommer från SKR (tidigare SKL).")
    assert not any("SKR (Sveriges" in m for m in stale(check_spec(tmp_path, spec, as_of=AS_OF)))


def test_malformed_and_nonexistent_citations(tmp_path):
    spec = (
        "%% Patientsäkerhetsberättelse 2025\n\n# Riskanalys\n\n"
        "SOSFS: 2011:9, 5 kap. 1 §\n\nEnligt 3 kap. 14 § patientsäkerhetslagen ska riskerna bedömas.\n"
    )
    result = check_spec(tmp_path, spec, as_of=AS_OF)
    malformed = [f for f in result.findings if f.rule_id == "LAGAR-FELSKRIVEN-HANVISNING"]
    assert [f.location.excerpt for f in malformed] == ["SOSFS: 2011:9, 5 kap. 1 §"]
    missing = [f.message for f in result.findings if f.rule_id == "PSL-3-PARAGRAF-FINNS"]
    assert len(missing) == 1 and "3 kap. 14 § finns inte (3 kap. har 12 §§)" in missing[0]


def test_existing_psl_paragraph_is_not_flagged(seed_results):
    # Borås cites "SFS 2010:659, 3 kap. 9 § och SOSFS 2011:9, 7 kap. 2 §": 3:9 belongs to PSL.
    for result in seed_results.values():
        assert not [f for f in result.findings if f.rule_id in ("PSL-3-PARAGRAF-FINNS", "SOSFS-2011-9-PARAGRAF-FINNS")]


def test_adoption_date_after_1_march_is_an_error(tmp_path):
    spec = (SEEDS / "psb-region-halsocentral-2024.md").read_text(encoding="utf-8")
    on_time = check_spec(tmp_path, spec, "i-tid.docx", as_of=AS_OF)
    late = check_spec(tmp_path, spec.replace("Fastställd 2025-02-12", "Upprättad 2025-03-20"), "sen.docx", as_of=AS_OF)
    assert "PSL-3-10-SENAST-1-MARS" not in {f.rule_id for f in on_time.findings}
    finding = next(f for f in late.findings if f.rule_id == "PSL-3-10-SENAST-1-MARS")
    assert finding.severity == "error" and "Upprättad 2025-03-20, efter 2025-03-01" in finding.message
    treated_late = check_spec(
        tmp_path, spec.replace("Fastställd 2025-02-12", "Upprättad 2025-02-12. Behandlad i nämnden 2025-03-20"),
        "behandlad.docx", as_of=AS_OF,
    )
    assert "PSL-3-10-SENAST-1-MARS" not in {f.rule_id for f in treated_late.findings}


def test_period_must_be_the_previous_calendar_year(tmp_path):
    spec = (SEEDS / "psb-region-halsocentral-2024.md").read_text(encoding="utf-8")
    result = check_spec(tmp_path, spec.replace("Fastställd 2025-02-12", "Fastställd 2026-02-12"), as_of=AS_OF)
    finding = next(f for f in result.findings if f.rule_id == "PSL-3-10-FOREGAENDE-AR")
    assert "avser 2024" in finding.message and "(2025)" in finding.message


def test_missing_adoption_date_is_info(seed_results):
    finding = next(f for f in seed_results["boras-2021"].findings if f.rule_id == "PSL-3-10-FASTSTALLD")
    assert finding.severity == "info"


def test_text_copied_from_last_year(tmp_path):
    spec = (SEEDS / "boras-2021.md").read_text(encoding="utf-8").replace(
        "Arbetslivsnämnden\n", "Arbetslivsnämnden\n\nFastställd av arbetslivsnämnden 2023-02-15\n", 1
    )
    titled_2022 = spec.replace("Patientsäkerhets- och kvalitetsberättelse 2021", "Patientsäkerhets- och kvalitetsberättelse 2022")
    result = check_spec(tmp_path, titled_2022, as_of=AS_OF)
    assert (result.report_year, result.period_year) == (2022, 2022)
    finding = next(f for f in result.findings if f.rule_id == "BERATTELSE-KOPIERAT-AR")
    assert "oftare om 2021" in finding.message


def test_report_describing_the_year_before_its_title_is_not_copied(tmp_path):
    spec = (SEEDS / "boras-2021.md").read_text(encoding="utf-8").replace(
        "Patientsäkerhets- och kvalitetsberättelse 2021", "Patientsäkerhets- och kvalitetsberättelse 2022"
    )
    result = check_spec(tmp_path, spec, as_of=AS_OF)
    assert (result.report_year, result.period_year) == (2022, 2021)
    assert "BERATTELSE-KOPIERAT-AR" not in {f.rule_id for f in result.findings}


def test_report_titled_next_year_may_describe_the_year_before(tmp_path):
    spec = (SEEDS / "kvalitetsberattelse-aldreomsorg-2025.md").read_text(encoding="utf-8")
    spec = spec.replace("%% Kvalitetsberättelse 2025", "%% Kvalitetsberättelse 2026")
    result = check_spec(tmp_path, spec, as_of=AS_OF)
    assert (result.report_year, result.period_year) == (2026, 2025)
    assert "BERATTELSE-KOPIERAT-AR" not in {f.rule_id for f in result.findings}


def test_placeholders_and_review_leftovers_are_errors(tmp_path):
    word = WordDocument()
    word.add_paragraph("Patientsäkerhetsberättelse 2025", style="Title")
    word.add_heading("Lex Maria", 1)
    word.add_paragraph("Under 2025 gjordes [ANTAL] anmälningar. Klicka eller tryck här för att ange text.")
    marked = word.add_paragraph("Resultatet ").add_run("ska stämmas av med MAS")
    marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
    path = tmp_path / "utkast.docx"
    word.save(path)
    result = sosfs_check.check(path, as_of=AS_OF)
    leftovers = [(f.rule_id, f.severity, f.obligation, f.location.label, f.message) for f in result.findings
                 if f.obligation == "publicering"]
    # The paragraph is mostly Word's placeholder sentence: template guidance, one finding for its section.
    assert leftovers == [
        ("BERATTELSE-PLATSHALLARE", "error", "publicering", "stycke 4",
         "Berättelsen innehåller text som inte ska publiceras. Färgmarkerad text: ”ska stämmas av med MAS”."),
        ("MALL-VAGLEDNING", "error", "publicering", "stycke 3",
         "Berättelsen innehåller vägledning från mallen som inte ska publiceras. "
         "Mallens vägledning kvar i avsnittet på 1 ställe (instruktion från mallen; stycke 3)."),
    ]


def test_real_reports_have_no_placeholders(seed_results):
    for result in seed_results.values():
        assert "BERATTELSE-PLATSHALLARE" not in {f.rule_id for f in result.findings}


@pytest.mark.parametrize(
    "text, expected",
    [
        # lex Maria's report to IVO is no anmälan of a missförhållande (FIGUR-IVO-ANMALNINGAR, review B4)
        ("Inga händelser har anmälts till IVO enligt lex Maria under 2025.", {"lex_maria_anmalningar": 0}),
        ("Ingen händelse har anmälts enligt lex Maria.", {"lex_maria_anmalningar": 0}),
        ("Två händelser har anmälts enligt lex Maria till IVO.", {"lex_maria_anmalningar": 2}),
        ("Antal lex Maria-anmälningar: 2", {"lex_maria_anmalningar": 2}),
        ("Inga lex Maria-anmälningar har gjorts.", {"lex_maria_anmalningar": 0}),
    ],
)
def test_lex_maria_counts_in_common_wordings(text, expected):
    assert {f.key: f.value for f in extract_facts([Block("paragraph", text, 1)])} == expected
