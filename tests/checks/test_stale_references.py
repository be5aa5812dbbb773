"""The stale-reference catalogue: replaced laws as data (names, number, paragraph map), patterns built by code."""

import re
from datetime import date

import pytest
import yaml
from pydantic import ValidationError

import sosfs_check
from sosfs_check.checks.models import ReplacedLaw
from sosfs_check.checks.stale_references import catalogue, entries as law_entries
from sosfs_check.packs import builtin_rules, builtin_rules_dir
from sosfs_check.testing import build_docx

LAW = {
    "law": "gamla lagen (1990:1)", "number": "1990:1", "names": ["GL", "gamla lagen"],
    "replaced_by": "nya lagen (2020:2)", "valid_from": "2020-07-01", "context": r"\bGL\b",
    "paragraphs": [
        {"old": ["3 kap. 2 §"], "new": "5 kap. 1 §"},
        {"old": ["4 kap. 1–3 §§"], "new": "6 kap. 2 §", "named": True, "explanation": "tillsyn"},
    ],
}


def test_entries_are_built_from_the_paragraph_map():
    entries = law_entries(ReplacedLaw.model_validate(LAW))
    assert [(e.replacement, e.context, e.valid_from) for e in entries] == [
        ("5 kap. 1 § nya lagen (2020:2)", r"\bGL\b", date(2020, 7, 1)),
        ("6 kap. 2 § nya lagen (2020:2) (tillsyn)", None, date(2020, 7, 1)),
        ("nya lagen (2020:2)", None, date(2020, 7, 1)),
    ]
    paragraph, named, name = (e.pattern for e in entries)
    assert re.fullmatch(paragraph, "3 kap 2 §") and re.fullmatch(paragraph, "3 kap. 2 § i GL (SFS 1990:1)")
    assert re.fullmatch(named, "4 kap. 1-3 §§ gamla lagen") and not re.fullmatch(named, "4 kap. 1–3 §§")
    assert re.fullmatch(name, "GL (1990:1)") and re.fullmatch(name, "SFS 1990:1")


def test_a_paragraph_that_is_not_a_citation_is_refused():
    with pytest.raises(ValidationError) as raised:
        ReplacedLaw.model_validate({**LAW, "paragraphs": [{"old": ["kapitel tre"], "new": "5 kap. 1 §"}]})
    [error] = raised.value.errors()
    assert error["msg"] == "Value error, otydlig paragraf 'kapitel tre': skriv t.ex. '14 kap. 3 §' eller '14 kap. 3–7 §§'"


def test_the_builtin_catalogue_repeats_no_pattern():
    data = yaml.safe_load((builtin_rules_dir() / "lagar.yml").read_text(encoding="utf-8"))
    [check] = [r["check"] for r in data["rules"] if r["check"]["type"] == "stale_references"]
    written = [e["pattern"] for e in check["entries"]]
    assert len(written) == len(set(written))
    assert not [p for p in written if "2001:453" in p]  # socialtjänstlagen (2001:453) is data, not patterns
    [law] = check["replaced_laws"]
    assert (law["number"], law["replaced_by"]) == ("2001:453", "socialtjänstlagen (2025:400)")


def test_the_builtin_rule_finds_a_moved_paragraph_through_the_data():
    rule = builtin_rules().by_id("LAGAR-INAKTUELL-REFERENS")
    replacements = [e.replacement for e in catalogue(rule.check)[:3]]
    assert replacements == [
        "27 kap. 2–6 §§ socialtjänstlagen (2025:400)",
        "5 kap. 1 § andra stycket och 27 kap. 2–6 §§ socialtjänstlagen (2025:400)",
        "19 kap. 1 § socialtjänstlagen (2025:400)",
    ]


def _stale(tmp_path, year: int, drawn_up: str, text: str, **kwargs) -> list[str]:
    spec = f"%% Patientsäkerhetsberättelse {year}\n\nUpprättad {drawn_up}.\n\n# Samverkan\n\n{text}\n"
    result = sosfs_check.check(build_docx(spec, tmp_path / "rapport.docx"), **kwargs)
    return [f.message.split(". ", 1)[1] for f in result.findings if f.rule_id == "LAGAR-INAKTUELL-REFERENS"]


@pytest.mark.parametrize("text", [
    "Mallen kommer från Sveriges Kommuner och Regioner, som bytte namn från Sveriges Kommuner och Landsting.",
    "Läkarna kommer från Region Norrby (f.d. landstinget) två dagar i veckan.",
    "Läkarna kommer från landstinget, numera Region Norrby, två dagar i veckan.",
    "Från 2020 heter landstinget Region Norrby och läkarna kommer två dagar i veckan.",
    "SKL har bytt namn till SKR och vi använder deras mall.",
])
def test_a_name_given_as_the_former_one_is_no_reference(tmp_path, text):
    assert _stale(tmp_path, 2025, "2026-02-11", text) == []


@pytest.mark.parametrize(("text", "old"), [
    ("Läkarna kommer från landstinget två dagar i veckan.", "landstinget"),
    ("Vi använder mallen från Sveriges Kommuner och Landsting.", "Sveriges Kommuner och Landsting"),
    ("Landstinget har numera tre vårdcentraler nära oss.", "Landstinget"),  # "numera" further on renames nothing
])
def test_a_name_used_as_the_current_one_is_stale(tmp_path, text, old):
    [message] = _stale(tmp_path, 2025, "2026-02-11", text)
    assert message.startswith(f"”{old}” är inaktuell")


def test_a_name_right_all_the_year_reported_on_is_right_by_the_reports_own_date(tmp_path):
    text = "Läkarna kom från landstingets vårdcentraler under hela året."
    assert _stale(tmp_path, 2019, "2020-02-14", text) == []  # judged as of its own day, 2020-02-14
    [message] = _stale(tmp_path, 2019, "2020-02-14", text, as_of=date(2026, 1, 1))  # today's names
    assert message.startswith("”landstingets” är inaktuell: ersatt av region")
