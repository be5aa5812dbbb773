"""The rule pack cache: same results with or without it, rebuilt when anything it depends on changes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sosfs_check import rulecache
from sosfs_check.rulecache import cached
from sosfs_check.rules import RuleSet, builtin_rules_dir, load_rules

EXAMPLE = Path(__file__).parent.parent / "fixtures" / "examples" / "boras-2021.docx"


def run(cache: Path):
    return subprocess.run(
        [sys.executable, "-m", "sosfs_check", "check", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-25"],
        capture_output=True, text=True, env={**os.environ, "SOSFS_CHECK_CACHE": str(cache)},
    )


def test_runs_with_a_cold_a_warm_and_a_broken_cache_agree(tmp_path):
    cold = run(tmp_path)
    [entry] = tmp_path.glob("rules-*.pickle")
    warm = run(tmp_path)
    entry.write_bytes(b"inte en pickle")
    broken = run(tmp_path)
    assert cold.returncode == warm.returncode == broken.returncode
    assert cold.stdout == warm.stdout == broken.stdout and cold.stdout


def test_a_changed_rule_file_is_not_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir(), pack)
    loads = []

    def load(directory):
        loads.append(directory)
        return load_rules(directory)

    first = cached(pack, load, RuleSet)
    target = rulecache.cache_dir() / f"rules-{rulecache._key(pack)}.pickle"
    rulecache._save_if_grown(target, first, {"stems": -1, "needles": -1})  # as at the end of a run that added stems
    assert cached(pack, load, RuleSet) == first and len(loads) == 1  # served from the cache
    rule_file = pack / "riskanalys.yml"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace("title: Riskanalys", "title: Riskbedömning", 1),
                         encoding="utf-8")
    second = cached(pack, load, RuleSet)
    assert len(loads) == 2 and second != first and second == load_rules(pack)


class _Planted:
    """A pickle that creates a file when loaded: proof that the cache trusted it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_cache_folder_others_can_write_to_is_not_trusted(tmp_path, monkeypatch):
    import pickle

    shared = tmp_path / "delad"
    shared.mkdir()
    shared.chmod(0o777)
    marker = tmp_path / "planterad"
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(shared))
    directory = builtin_rules_dir()
    (shared / f"rules-{rulecache._key(directory)}.pickle").write_bytes(pickle.dumps((_Planted(marker), {})))
    assert cached(directory, load_rules, RuleSet).rules  # loaded from the YAML instead
    assert not marker.exists()
