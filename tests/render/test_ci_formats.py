"""CI formats follow the gate (--fail-on) and the platforms: JUnit, SARIF, GitLab Code Quality, concise."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).parents[2]
EXAMPLE = "fixtures/examples/boras-2021.docx"  # relative to ROOT: reports show the path as given
SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")
RANK = {"info": 0, "warning": 1, "error": 2}
# GitLab's Code Quality report: the fields its merge-request widget reads
# (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def cli(*args, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run([sys.executable, "-m", "sosfs_check", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def findings():
    done = cli("check", EXAMPLE, "--as-of", "2026-11-25", "-f", "json", "--fail-on", "never")
    [doc] = json.loads(done.stdout)["documents"]
    return doc["findings"]


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("never", 0)])
def test_junit_failures_are_the_rules_with_findings_at_or_above_fail_on(tmp_path, findings, fail_on, code):
    done = cli("check", EXAMPLE, "--as-of", "2026-11-25", "--fail-on", fail_on, "-f", "junit")
    assert done.returncode == code, done.stderr
    root = ET.fromstring(done.stdout)
    failed = sorted(c.get("name").split()[0] for c in root.iter("testcase") if c.find("failure") is not None)
    gate = RANK.get(fail_on, 3)
    assert failed == sorted({f["rule_id"] for f in findings if RANK[f["severity"]] >= gate})
    assert root.get("failures") == str(len(failed))
    below = {c.get("name").split()[0]: c for c in root.iter("testcase") if c.find("system-out") is not None}
    assert sorted(below) == sorted({f["rule_id"] for f in findings} - set(failed))
    for rule_id, case in below.items():
        worst = max((f["severity"] for f in findings if f["rule_id"] == rule_id), key=RANK.get)
        assert [(p.get("name"), p.get("value")) for p in case.iter("property")] == [("severity", worst)]


def test_example_has_findings_on_both_sides_of_the_default_gate(findings):
    """Without this, the gate test above could pass with every finding on one side."""
    assert {f["severity"] for f in findings} == {"warning", "info"}


DOCS_URL = "https://intranat.exempelkommun.se/sosfs-check/rules.md"  # a kommun publishing its own reference


def sarif_log(tmp_path, *args) -> dict:
    """`check` of the example as SARIF, validated against the 2.1.0 schema."""
    done = cli("check", EXAMPLE, "--as-of", "2026-11-25", "-o", f"sarif={tmp_path / 'r.sarif'}", "-f", "concise", *args)
    assert done.returncode in (0, 1), done.stderr
    log = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    return log


@pytest.mark.skipif(not SCHEMA.exists(), reason="SARIF-schemat saknas")
@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1)])
def test_sarif_is_relative_to_srcroot_and_records_the_exit_code(tmp_path, fail_on, code):
    log = sarif_log(tmp_path, "--fail-on", fail_on)
    [run] = log["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.resolve().as_uri() + "/"}}
    assert run["invocations"][0]["exitCode"] == code
    assert run["invocations"][0]["executionSuccessful"] is True
    assert {json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"]) for r in run["results"]} == {
        json.dumps({"uri": EXAMPLE, "uriBaseId": "%SRCROOT%"})
    }


@pytest.mark.skipif(not SCHEMA.exists(), reason="SARIF-schemat saknas")
def test_sarif_without_a_published_reference_explains_each_rule_in_full(tmp_path):
    rules = sarif_log(tmp_path)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules if "helpUri" in r] == []
    stale = next(r for r in rules if r["id"] == "LAGAR-INAKTUELL-REFERENS")
    assert sorted(stale["help"]) == ["markdown", "text"]
    text, markdown = stale["help"]["text"].split("\n\n"), stale["help"]["markdown"].split("\n\n")
    assert text[0] == "Hänvisningar till lagar, föreskrifter och organisationer är aktuella"
    assert text[-1] == ("Så åtgärdar du bristen: Byt till den nu gällande hänvisningen. Om texten medvetet beskriver "
                        "historiken, skriv det (t.ex. ”tidigare SKL”).")
    assert markdown[0] == "**Hänvisningar till lagar, föreskrifter och organisationer är aktuella**"
    assert markdown[-1] == ("**Så åtgärdar du bristen.** Byt till den nu gällande hänvisningen. Om texten medvetet "
                            "beskriver historiken, skriv det (t.ex. ”tidigare SKL”).")
    # the same explanation as the rule's entry in docs/rules.md
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "\n\n".join(markdown[1:]) in reference


@pytest.mark.skipif(not SCHEMA.exists(), reason="SARIF-schemat saknas")
def test_sarif_links_each_rule_to_the_configured_docs_url(tmp_path):
    config = tmp_path / "sosfs-check.toml"
    config.write_text(f'docs-url = "{DOCS_URL}"\n', encoding="utf-8")
    rules = sarif_log(tmp_path, "--config", config)["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"] == f"{DOCS_URL}#{r['id'].lower()}" for r in rules)
    stale = next(r for r in rules if r["id"] == "LAGAR-INAKTUELL-REFERENS")
    assert stale["help"] == {"text": "Byt till den nu gällande hänvisningen. Om texten medvetet beskriver historiken, "
                                     "skriv det (t.ex. ”tidigare SKL”).\n\nRättslig grund: SOSFS 2011:9 2 kap. 1 §"}
    anchors = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert [r["id"] for r in rules if f"(#{r['helpUri'].rsplit('#', 1)[1]})" not in anchors] == []


@pytest.mark.parametrize("url, problem", [
    ("https://example.org/sosfs-check/docs/rules.md", "är en exempeladress"),
    ("docs/rules.md", "är ingen webbadress"),
])
def test_docs_url_must_be_a_real_address(tmp_path, url, problem):
    config = tmp_path / "sosfs-check.toml"
    config.write_text(f'lang = "sv"\ndocs-url = "{url}"\n', encoding="utf-8")
    done = cli("check", EXAMPLE, "--config", config)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"sosfs-check: {config}:2: docs-url: {url!r} {problem}")


def test_the_package_declares_no_placeholder_reference(monkeypatch):
    """The default comes from the package's metadata only when it names a real address."""
    from sosfs_check.render import sarif

    assert "example.org" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    sarif.published_rules_url.cache_clear()
    assert sarif.published_rules_url() is None
    for declared, found in [("https://example.org/rules.md", None), (DOCS_URL, DOCS_URL)]:
        fake = {"Project-URL": ["Homepage, https://kommun.se", f"Regelreferens, {declared}"]}
        monkeypatch.setattr("importlib.metadata.metadata", lambda name: type("M", (), {"get_all": fake.get})())
        sarif.published_rules_url.cache_clear()
        assert sarif.published_rules_url() == found
    sarif.published_rules_url.cache_clear()


def test_sarif_names_a_file_outside_the_working_directory_by_its_absolute_uri(tmp_path):
    done = cli("check", ROOT / EXAMPLE, "--as-of", "2026-11-25", "-f", "sarif", cwd=tmp_path)
    location = json.loads(done.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (ROOT / EXAMPLE).resolve().as_uri()}


def test_gitlab_code_quality_has_one_issue_per_active_finding(findings):
    done = cli("check", EXAMPLE, "--as-of", "2026-11-25", "-f", "gitlab")
    assert done.returncode == 0, done.stderr
    issues = json.loads(done.stdout)
    jsonschema.Draft7Validator(CODE_QUALITY).validate(issues)
    severity = {"error": "critical", "warning": "major", "info": "info"}
    assert [(i["check_name"], i["description"], i["severity"], i["location"]) for i in issues] == [
        (f["rule_id"], f"{f['rule_id']}: {f['message']}", severity[f["severity"]],
         {"path": EXAMPLE, "lines": {"begin": f["location"]["line"]}})
        for f in findings
    ]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_concise_is_one_line_per_finding(findings):
    done = cli("check", EXAMPLE, "--as-of", "2026-11-25", "-f", "concise")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{EXAMPLE}:{f['location']['line']}: {f['rule_id']} {' '.join(f['message'].split())}" for f in findings
    ]
