"""The law a report is judged by: which provisions are in force on which day, the report's own date,
and the severity policy (no legal error on a kvalitetsberättelse, errors only on first-hand report
content)."""

from __future__ import annotations

import json
from datetime import date

import pytest

import sosfs_check
from sosfs_check.render import json_report
from sosfs_check.rulemodel import LEGAL_OBLIGATIONS
from sosfs_check.packs import builtin_rules, load_ruleset
from sosfs_check.testing import build_docx

from helpers import run_cli

KB_WITHOUT_ANYTHING = """%% Kvalitetsberättelse 2025

# Sammanfattning

Verksamheten har haft ett stabilt år med god bemanning. Under året rapporterades [ANTAL] avvikelser.
"""

KB_2024 = """%% Kvalitetsberättelse 2024

# Sammanfattning

Under 2024 har hemtjänsten haft god kontinuitet och nöjda brukare.
"""

OLD_PSB_2011 = """%% Patientsäkerhetsberättelse 2011

Upprättad 2012-02-10 av medicinskt ansvarig sjuksköterska.

# Patientsäkerhetsarbetet under året

Under 2011 har vi följt Sveriges Kommuner och Landstings nationella satsning på patientsäkerhet.
"""


def check(tmp_path, spec: str, name: str = "rapport.docx", **kwargs):
    return sosfs_check.check(build_docx(spec, tmp_path / name), **kwargs)


def test_a_kvalitetsberattelse_missing_everything_gets_no_legal_error(tmp_path):
    result = check(tmp_path, KB_WITHOUT_ANYTHING, as_of=date(2026, 3, 1))
    assert result.profile == "kvalitetsberattelse" and len(result.findings) > 10
    legal_errors = [
        f.rule_id for f in result.findings
        if f.severity == "error" and builtin_rules().by_id(f.rule_id).obligation in LEGAL_OBLIGATIONS
    ]
    assert legal_errors == []
    # The template left in stops publication: an error, but editorial, not legal.
    [placeholder] = [f for f in result.findings if f.severity == "error"]
    assert placeholder.rule_id == "BERATTELSE-PLATSHALLARE"
    assert builtin_rules().by_id(placeholder.rule_id).obligation == "publicering"


def test_lex_sarah_is_cited_by_the_law_in_force_on_the_day(tmp_path):
    before = check(tmp_path, KB_2024, "fore.docx", as_of=date(2025, 6, 30))
    after = check(tmp_path, KB_2024, "efter.docx", as_of=date(2025, 7, 1))
    [old] = [f for f in before.findings if f.rule_id == "SOL-27-LEX-SARAH"]
    [new] = [f for f in after.findings if f.rule_id == "SOL-27-LEX-SARAH"]
    assert old.legal_basis == ["SFS 2001:453 14 kap. 3–7 §§", "SFS 1993:387 24 b–24 f §§", "SOSFS 2011:5"]
    assert new.legal_basis == ["SFS 2025:400 27 kap. 2–6 §§", "SFS 1993:387 24 b–24 f §§", "SOSFS 2011:5"]
    assert not [f.rule_id for f in after.findings if any("2001:453" in b for b in f.legal_basis)]
    assert not [f.rule_id for f in before.findings if any("2025:400" in b for b in f.legal_basis)]


def test_a_provision_not_yet_in_force_gives_no_rule(tmp_path):
    # SoL (2025:400) 27 kap. 1 § (routines against missförhållanden) came with the new law.
    before = check(tmp_path, KB_2024, "fore.docx", as_of=date(2025, 6, 30))
    after = check(tmp_path, KB_2024, "efter.docx", as_of=date(2025, 7, 1))
    outcome = {o.rule_id: o.outcome for o in before.outcomes}
    assert outcome["KB-27-1-RUTINER"] == "not_applicable"
    assert {o.rule_id: o.outcome for o in after.outcomes}["KB-27-1-RUTINER"] == "fail"


def test_a_duty_new_after_the_reported_year_is_not_asked_of_the_report(tmp_path):
    # SoL (2025:400) 27 kap. 7 § (the kommun reports private providers to IVO) applies from 2026-01-01:
    # a report on 2025 judged by the law of 2026-03-01 cannot have described it; one on 2026 can.
    kommun = "%% Kvalitetsberättelse {year}\n\nSocialnämnden i Provby kommun\n\n# Sammanfattning\n\nEtt stabilt år.\n"
    for year, expected in ((2025, "not_applicable"), (2026, "fail")):
        result = check(tmp_path, kommun.format(year=year), f"{year}.docx", as_of=date(year + 1, 3, 1))
        assert {o.rule_id: o.outcome for o in result.outcomes}["KB-27-7-KOMMUN-IVO"] == expected
    rule = builtin_rules().by_id("KB-27-7-KOMMUN-IVO")
    assert rule.applies_on(date(2026, 3, 1)) and not rule.applies_to(date(2026, 3, 1), 2025)
    assert rule.applies_to(date(2026, 3, 1), None) and rule.applies_to(date(2027, 3, 1), 2026)


def test_an_old_report_is_judged_by_the_names_of_its_day(tmp_path):
    own_day = check(tmp_path, OLD_PSB_2011, "2011.docx")
    assert (own_day.as_of, own_day.as_of_reason) == (date(2012, 2, 10), "drawn_up")
    assert not [f for f in own_day.findings if f.rule_id == "LAGAR-INAKTUELL-REFERENS"]
    today = check(tmp_path, OLD_PSB_2011, "2011-idag.docx", as_of=date(2026, 1, 1))
    [stale] = [f for f in today.findings if f.rule_id == "LAGAR-INAKTUELL-REFERENS"]
    assert "SKR (Sveriges Kommuner och Regioner)" in stale.message
    assert (today.as_of, today.as_of_reason) == (date(2026, 1, 1), "option")


def test_without_a_date_the_law_is_that_of_1_march_after_the_year(tmp_path):
    result = check(tmp_path, OLD_PSB_2011.replace("Upprättad 2012-02-10 av medicinskt ansvarig sjuksköterska.\n", ""))
    assert (result.as_of, result.as_of_reason) == (date(2012, 3, 1), "after_period")
    document = json_report.document_dict(result)
    assert document["as_of"] == {"date": "2012-03-01", "reason": "after_period"}


@pytest.mark.parametrize(("closing", "as_of"), [
    ("Eskilsby den 12 mars 2026\n\nAnna Berg, verksamhetschef", date(2026, 3, 12)),  # "Ort den [datum]", signed
    ("Karlstad, 2026-02-20", date(2026, 2, 20)),  # the last line of the document
    ("Upprättad i februari 2026.", date(2026, 2, 1)),  # a month: the first day of it
])
def test_a_signature_line_or_a_month_is_the_day_the_report_was_drawn_up(tmp_path, closing, as_of):
    spec = "%% Patientsäkerhetsberättelse 2025\n\nOmsorgen Björken AB\n\n# Åtgärder\n\nVi bytte rutin i maj.\n\n"
    result = check(tmp_path, spec + closing + "\n")
    assert (result.as_of, result.as_of_reason) == (as_of, "drawn_up")


@pytest.mark.parametrize("closing", [
    "Den 12 mars 2026 hade vi ett möte med alla sjuksköterskor.",  # a date in a sentence
    "Reviderad den 12 mars 2026\n\nAnna Berg, MAS",  # a revision, not the report
    "Halmstad den 12 mars 2026\n\nVi fortsätter arbetet med nattfastan och följer upp det.",  # no signature
    "En ny vårdplan upprättades i mars 2026 för varje brukare.",  # a month dating something else
])
def test_a_date_that_does_not_date_the_report_leaves_the_deadline_day(tmp_path, closing):
    spec = "%% Patientsäkerhetsberättelse 2025\n\nOmsorgen Björken AB\n\n# Åtgärder\n\nVi bytte rutin i maj.\n\n"
    result = check(tmp_path, spec + closing + "\n")
    assert (result.as_of, result.as_of_reason) == (date(2026, 3, 1), "after_period")


def test_the_report_says_which_day_it_used_and_why(tmp_path, monkeypatch, capsys):
    path = build_docx(OLD_PSB_2011, tmp_path / "2011.docx")
    code, out, _ = run_cli(monkeypatch, capsys, "check", str(path), "--format", "json")
    assert json.loads(out)["documents"][0]["as_of"] == {"date": "2012-02-10", "reason": "drawn_up"}
    code, out, _ = run_cli(monkeypatch, capsys, "check", str(path))
    assert "Lagläge per: 2012-02-10  (dagen då berättelsen upprättades)" in out
    code, out, _ = run_cli(monkeypatch, capsys, "check", str(path), "--format", "markdown")
    assert "- **Lagläge per:** 2012-02-10 (dagen då berättelsen upprättades)" in out
    code, out, _ = run_cli(monkeypatch, capsys, "check", str(path), "--format", "html")
    assert "<td>2012-02-10 (dagen då berättelsen upprättades)</td>" in out


def test_every_cited_text_has_a_source_and_the_foreskrifter_a_version():
    texts = builtin_rules().texts
    for rule in builtin_rules().rules:
        for basis in rule.bases:
            assert basis.cite.split(" ")[0] + " " + basis.cite.split(" ")[1] in texts, basis.cite
    assert texts["SOSFS 2011:9"].version == "ändrad t.o.m. HSLF-FS 2025:21"
    assert all(t.version for t in texts.values() if t.id.startswith(("SOSFS", "HSLF-FS")))


STALE_PACK = """rules:
  - id: TEST-INAKTUELL
    title: Inaktuellt namn
    area: lagar
    profiles: [patientsakerhetsberattelse]
    severity: warning
    legal_basis: ["SOSFS 2011:9 2 kap. 1 §"]
    check:
      type: stale_references
      entries:
        - pattern: 'Gamla nämnden'
          replacement: Nya nämnden
          valid_from: 2020-01-01
          valid_to: 2022-12-31
        - pattern: 'HSLF-FS 2016:40'
          context: 'lex maria'
          replacement: HSLF-FS 2017:41
          valid_from: 2017-09-01
          miscited: true
    message: Inaktuellt namn.
    fix: Byt namn.
"""


def test_a_stale_entry_is_flagged_only_while_it_is_stale(tmp_path):
    pack = tmp_path / "paket"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: test\nversion: '1'\n", encoding="utf-8")
    (pack / "regler.yml").write_text(STALE_PACK, encoding="utf-8")
    rules = load_ruleset((pack,))
    spec = "%% Patientsäkerhetsberättelse 2020\n\n# Ansvar\n\nGamla nämnden är vårdgivare.\n"
    flagged = {
        day: [f.rule_id for f in check(tmp_path, spec, f"{day}.docx", as_of=day, rules=rules).findings]
        for day in (date(2019, 12, 31), date(2020, 1, 1), date(2022, 12, 31), date(2023, 1, 1))
    }
    assert [("TEST-INAKTUELL" in ids) for ids in flagged.values()] == [False, True, True, False]
    # An entry for a text still in force but cited for something another text regulates.
    miscited = check(tmp_path, spec + "\nLex Maria anmäls enligt HSLF-FS 2016:40.\n", "fel.docx",
                     as_of=date(2023, 1, 1), rules=rules)
    [finding] = [f for f in miscited.findings if f.rule_id == "TEST-INAKTUELL"]
    assert "”HSLF-FS 2016:40” är fel hänvisning här: det som avses regleras i HSLF-FS 2017:41" in finding.message


REPLACED_PACK = """name: ersatt föreskrift
version: '1'
texts:
  - id: SOSFS 2011:9
    name: Socialstyrelsens föreskrifter och allmänna råd om ledningssystem för systematiskt kvalitetsarbete
    level: secondary
    reference: testdata
    version: ändrad t.o.m. HSLF-FS 2025:21
    valid_from: 2012-01-01
    valid_to: 2027-06-30
    replaced_by: HSLF-FS 2027:1
"""


def test_a_foreskrift_replaced_after_the_pack_gives_an_info_finding_naming_the_replacement(tmp_path):
    pack = tmp_path / "ersatt"
    pack.mkdir()
    (pack / "pack.yml").write_text(REPLACED_PACK, encoding="utf-8")
    rules = load_ruleset((pack,))
    in_force = check(tmp_path, KB_2024, "i-kraft.docx", as_of=date(2027, 6, 30), rules=rules)
    replaced = check(tmp_path, KB_2024, "ersatt.docx", as_of=date(2027, 7, 1), rules=rules)
    assert not [f for f in in_force.findings if f.rule_id == "PAKET-FORESKRIFT-ERSATT"]
    [finding] = [f for f in replaced.findings if f.rule_id == "PAKET-FORESKRIFT-ERSATT"]
    assert finding.severity == "info" and "har ersatts av HSLF-FS 2027:1" in finding.message
    assert "ändrad t.o.m. HSLF-FS 2025:21" in finding.message
    # Rules resting on SOSFS 2011:9 alone no longer apply; those with a basis in force still do.
    outcome = {o.rule_id: o.outcome for o in replaced.outcomes}
    assert outcome["KB-7-1-HUR"] == "not_applicable" and outcome["SOL-27-LEX-SARAH"] == "fail"
    assert {o.rule_id: o.outcome for o in in_force.outcomes}["KB-7-1-HUR"] == "fail"


PER_PROFILE_PACK = """rules:
  - id: TEST-PER-PROFIL
    title: Tidsplan
    area: berattelse
    profiles: [patientsakerhetsberattelse, kvalitetsberattelse]
    severity: warning
    severity_by_profile: {kvalitetsberattelse: info}
    legal_basis: ["SFS 2010:659 3 kap. 2 §"]
    check:
      type: phrases
      groups: [[tidsplan]]
    message: Ingen tidsplan.
    fix: Skriv en tidsplan.
"""


def test_a_rule_may_have_a_severity_per_profile(tmp_path):
    pack = tmp_path / "profil"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: test\nversion: '1'\n", encoding="utf-8")
    (pack / "regler.yml").write_text(PER_PROFILE_PACK, encoding="utf-8")
    rules = load_ruleset((pack,))
    severities = {}
    for kind in ("Patientsäkerhetsberättelse", "Kvalitetsberättelse"):
        result = check(tmp_path, f"%% {kind} 2025\n\n# Sammanfattning\n\nEtt år.\n", f"{kind}.docx", rules=rules)
        [finding] = [f for f in result.findings if f.rule_id == "TEST-PER-PROFIL"]
        severities[result.profile] = finding.severity
    assert severities == {"patientsakerhetsberattelse": "warning", "kvalitetsberattelse": "info"}


def test_without_a_year_or_a_date_the_law_is_that_of_today(tmp_path):
    result = check(tmp_path, "%% Patientsäkerhetsberättelse\n\n# Sammanfattning\n\nEtt år med många förbättringar.\n")
    assert (result.period_year, result.as_of, result.as_of_reason) == (None, date.today(), "today")


def test_a_combined_report_is_told_in_any_word_order(tmp_path):
    """"Kvalitets- och patientsäkerhetsberättelse" holds the word "patientsäkerhetsberättelse" but is the
    combined report, as are the other orders; the single kinds stay single."""
    titles = {
        "Kvalitets- och patientsäkerhetsberättelse 2025": "kombinerad",
        "Patientsäkerhets- och kvalitetsberättelse 2025": "kombinerad",
        "Kvalitetsberättelse och patientsäkerhetsberättelse 2025": "kombinerad",
        "Patientsäkerhetsberättelse och kvalitetsberättelse 2025": "kombinerad",
        "Patientsäkerhetsberättelse 2025": "patientsakerhetsberattelse",
        "Kvalitetsberättelse 2025": "kvalitetsberattelse",
    }
    spec = "%% {title}\n\n# Lex Sarah\n\nUnder 2025 kom sex rapporter enligt lex Sarah.\n"
    found = {
        title: check(tmp_path, spec.format(title=title), f"r{n}.docx", as_of=date(2026, 3, 1)).profile
        for n, title in enumerate(titles)
    }
    assert found == titles


def test_a_reference_to_the_old_socialtjanstlag_in_a_2025_report(tmp_path):
    """SoL (2001:453) applied until 2025-06-30 (SFS 2025:400, övergångsbestämmelser p. 1–2): told as
    history in a report on 2025 it is information; cited for the present it is a warning; beside the
    new law in the same sentence it is no finding at all."""
    spec = "%% Kvalitetsberättelse 2025\n\nUpprättad 2026-02-14.\n\n# Lex Sarah\n\n{text}\n"
    texts = {
        "Under 2025 kom sex rapporter enligt lex Sarah, 14 kap. 3 § SoL.": ["info"],
        "Personalen ska rapportera missförhållanden enligt 14 kap. 3 § SoL.": ["warning"],
        "Rapporter från januari till juni hanterades enligt 14 kap. 3 § socialtjänstlagen (2001:453) och "
        "rapporter från och med den 1 juli enligt 27 kap. 2 § socialtjänstlagen (2025:400).": [],
    }
    found = {
        text: [f.severity for f in check(tmp_path, spec.format(text=text), f"r{n}.docx").findings
               if f.rule_id == "LAGAR-INAKTUELL-REFERENS"]
        for n, text in enumerate(texts)
    }
    assert found == texts
