"""The stale-reference catalogue: replaced laws as data (names, number, paragraph map), patterns built by code."""

import re
from datetime import date

import pytest
import yaml
from pydantic import ValidationError

from sosfs_check.checks.models import ReplacedLaw
from sosfs_check.checks.stale_references import catalogue, entries as law_entries
from sosfs_check.packs import builtin_rules, builtin_rules_dir

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
