"""Bounded data files (issue 22): rule files, pack manifests, configuration files and baselines
are refused, with file, line and a Swedish reason, before they can cost minutes or gigabytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sosfs_check import bounds
from sosfs_check.errors import RuleError
from sosfs_check.packs import builtin_rules
from sosfs_check.rules import load_rules
from measure import measured
from test_hostile import EXAMPLE, RULE, cli

# Nine nested aliases: a few hundred bytes that expand to 10**9 strings.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(8)
) + "rules: [*i]\n"


def pack(tmp_path: Path, rules: str, manifest: str = "name: eget\nversion: '1'\n") -> Path:
    folder = tmp_path / "paket"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yml").write_text(manifest, encoding="utf-8")
    (folder / "regler.yml").write_text(rules, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["rules", "validate"], ["check", str(EXAMPLE), "-f", "json", "--rules"]])
def test_alias_bomb_is_refused_at_its_first_alias_in_little_memory(tmp_path, command):
    """Refused at the first alias event (line 2, column 8), before anything is built from the text."""
    folder = pack(tmp_path, ALIAS_BOMB)
    code, err, _, megabytes = measured(*command, str(folder))
    refusal = (f"{folder / 'regler.yml'}:2:8: YAML-alias (*a) tillåts inte: skriv ut värdet där det används "
               "(alias kan blåsa upp en liten fil till gigabyte)")
    assert (code, err) == (2, f"{refusal}\nsosfs-check: 1 fel i reglerna\n" if command[0] == "rules"
                           else f"sosfs-check: {refusal}\n")
    assert megabytes < 100, megabytes


def test_alias_in_pack_manifest_and_anchor_alone(tmp_path):
    folder = pack(tmp_path, RULE, "name: &n eget\nversion: *n\n")
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=builtin_rules())
    assert refused.value.problems == [
        f"{folder / 'pack.yml'}:2:10: YAML-alias (*n) tillåts inte: skriv ut värdet där det används "
        "(alias kan blåsa upp en liten fil till gigabyte)"
    ]
    anchored = pack(tmp_path, RULE.replace("  - id: EGEN-1", "  - &egen\n    id: EGEN-1"))
    assert [r.id for r in load_rules(anchored, base=builtin_rules()).rules] == ["EGEN-1"]  # an anchor without alias expands nothing


def test_deep_nesting_is_refused(tmp_path):
    """The top mapping is the first level, so the 64th bracket (column 8 + 63) is the 65th."""
    folder = pack(tmp_path, "rules: " + "[" * 500 + "]" * 500 + "\n")
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=builtin_rules())
    assert refused.value.problems == [f"{folder / 'regler.yml'}:1:{8 + 63}: är nästlad i fler än 64 nivåer"]


def test_large_rule_file_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    """Refused on its size: PyYAML never sees the rule file's text (the manifest it does)."""
    import yaml

    body = RULE.split("\n", 1)[1]
    rules = "rules:\n" + "".join(body.replace("EGEN-1", f"EGEN-{n}") for n in range(1, 8000))
    assert len(rules.encode()) > bounds.MAX_DATA_FILE
    folder = pack(tmp_path, rules)
    parsed = []
    for name in ("parse", "compose", "load"):
        original = getattr(yaml, name)
        monkeypatch.setattr(yaml, name, lambda text, *a, _original=original, **k: parsed.append(text[:6]) or _original(text, *a, **k))
    base = builtin_rules()
    (tmp_path / "liten").mkdir()
    load_rules(pack(tmp_path / "liten", RULE), base=base)  # within the limit: the patches see it parsed
    assert "rules:" in parsed
    parsed.clear()
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=base)
    assert "rules:" not in parsed
    assert refused.value.problems == [f"{folder / 'regler.yml'}:1:1: är för stor (2,2 MB; gränsen är 2,0 MB)"]


def test_too_many_rules_are_refused_before_validation(tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_RULES", 3)
    body = RULE.split("\n", 1)[1]
    folder = pack(tmp_path, "rules:\n" + "".join(body.replace("EGEN-1", f"EGEN-{n}") for n in range(1, 5)))
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=builtin_rules())
    assert refused.value.problems == [f"{folder / 'regler.yml'}:1:1: regelpaketet har för många regler (4; gränsen är 3)"]
    (folder / "regler.yml").write_text("rules:\n" + "".join(body.replace("EGEN-1", f"EGEN-{n}") for n in range(1, 3)))
    (folder / "fler.yml").write_text("rules:\n" + "".join(body.replace("EGEN-1", f"FLER-{n}") for n in range(1, 3)))
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=builtin_rules())
    assert refused.value.problems == [f"{folder / 'regler.yml'}: regelpaketet har för många regler (4; gränsen är 3)"]


def test_pack_files_together_are_limited(tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_PACK", bounds.MB)
    folder = pack(tmp_path, RULE)
    (folder / "kommentar.yml").write_text("# " + "x" * bounds.MB + "\n")
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=builtin_rules())
    assert refused.value.problems == [f"{folder}: regelpaketets filer är för stora tillsammans (1,1 MB; gränsen är 1,0 MB)"]


def test_rule_file_that_is_a_named_pipe_does_not_block(tmp_path):
    folder = pack(tmp_path, RULE)
    (folder / "regler.yml").unlink()
    os.mkfifo(folder / "regler.yml")
    with pytest.raises(RuleError) as refused:
        load_rules(folder, base=builtin_rules())
    assert refused.value.problems == [f"{folder / 'regler.yml'}:1:1: är ingen vanlig fil"]


def test_configuration_file_is_bounded(tmp_path):
    config = tmp_path / "sosfs-check.toml"
    config.write_text("# " + "x" * bounds.MAX_DATA_FILE + "\n")
    code, _, err = cli("check", EXAMPLE, "--config", config, "-f", "json")
    assert code == 2 and err == f"sosfs-check: {config}: konfigurationsfilen är för stor (2,1 MB; gränsen är 2,0 MB)\n"
    config.write_text("select = " + "[" * 100_000 + "\n")
    code, _, err = cli("check", EXAMPLE, "--config", config, "-f", "json")
    assert code == 2 and err == f"sosfs-check: {config}: ogiltig TOML: orimligt djupt nästlad\n"


def test_pyproject_found_upward_is_bounded(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.sosfs-check]\nprofile = "kombinerad"\n# ' + "x" * bounds.MAX_DATA_FILE)
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("check", EXAMPLE, "-f", "json")
    assert code == 2 and err == (
        f"sosfs-check: {tmp_path / 'pyproject.toml'}: konfigurationsfilen är för stor (2,1 MB; gränsen är 2,0 MB)\n")


def test_baseline_is_bounded(tmp_path, monkeypatch):
    baseline = tmp_path / "baslinje.json"
    baseline.write_text("[" * 100_000)
    code, _, err = cli("check", EXAMPLE, "--baseline", baseline, "-f", "json")
    assert code == 2 and err.startswith(f"sosfs-check: {baseline}: ogiltig baslinjefil (") and "Traceback" not in err
    monkeypatch.setattr(bounds, "MAX_BASELINE", bounds.MB)
    baseline.write_text('{"format": "sosfs-check-baseline/1", "findings": []}' + " " * bounds.MB)
    code, _, err = cli("check", EXAMPLE, "--baseline", baseline, "-f", "json")
    assert code == 2 and err == f"sosfs-check: {baseline}: baslinjefilen är för stor (1,1 MB; gränsen är 1,0 MB)\n"


def test_limits_are_plain_functions_for_every_caller():
    """The serve page applies the same limits to an uploaded pack without the command line."""
    with pytest.raises(bounds.DataError, match=r"YAML-alias \(\*a\)"):
        bounds.load_yaml(ALIAS_BOMB)
    assert bounds.load_yaml("rules: []\n") == {"rules": []}
