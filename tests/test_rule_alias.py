"""A renamed rule keeps its old id as an alias: configurations, baselines and packs that use it still work."""

import json

from helpers import run_cli

from sosfs_check.config import configure_rules, load_config
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx

DRAFT = "%% Kvalitetsberättelse 2025\n\n# Arbetssätt\n\nVerksamheten följer kommunens riktlinjer.\n"
OLD, NEW = "SOSFS-4-2-ROUTINER-UPPDATERADE", "SOSFS-4-2-RUTINER-UPPDATERADE"


def test_the_old_id_finds_the_renamed_rule():
    assert builtin_rules().by_id(OLD).id == NEW
    assert builtin_rules().aliases == {OLD: NEW}


def test_a_configuration_may_name_the_rule_by_its_old_id(tmp_path):
    config = tmp_path / "sosfs-check.toml"
    config.write_text(f'select = ["{OLD}"]\n[severity]\n"{OLD}" = "warning"\n', encoding="utf-8")
    rules = configure_rules(load_config(config), builtin_rules())
    assert [(r.id, r.severity) for r in rules.rules] == [(NEW, "warning")]


def test_suppression_and_baseline_written_with_the_old_id_still_apply(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tom.toml").write_text("", encoding="utf-8")
    (tmp_path / "kb.docx").write_bytes(build_docx(DRAFT))
    args = ("check", "kb.docx", "--as-of", "2026-11-25", "--format", "json", "--config", "tom.toml")
    _, out, _ = run_cli(monkeypatch, capsys, *args)
    [finding] = [f for f in json.loads(out)["documents"][0]["findings"] if f["rule_id"] == NEW]
    old_entry = {"path": "kb.docx",
                 "fingerprint": "skrevs med det gamla id:t", "rule_id": OLD,
                 "section": finding["location"]["section"], "excerpt": finding["location"]["excerpt"]}
    (tmp_path / "baslinje.json").write_text(
        json.dumps({"format": "sosfs-check-baseline/1", "findings": [old_entry]}), encoding="utf-8"
    )
    _, out, _ = run_cli(monkeypatch, capsys, *args, "--baseline", "baslinje.json")
    [finding] = [f for f in json.loads(out)["documents"][0]["findings"] if f["rule_id"] == NEW]
    assert finding["baselined"] is True
    (tmp_path / "undantag.toml").write_text(f'[[suppress]]\nrule = "{OLD}"\nreason = "Rutinerna ses över 2027."\n',
                                            encoding="utf-8")
    _, out, _ = run_cli(monkeypatch, capsys, *args[:-1], "undantag.toml")
    [finding] = [f for f in json.loads(out)["documents"][0]["findings"] if f["rule_id"] == NEW]
    assert finding["suppressed"] == "Rutinerna ses över 2027."
