"""The rule pack cache: plain JSON data, the same results with or without it, rebuilt when
anything it depends on changes, and never read or written where others could plant it."""

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import replace

from sosfs_check import prefilter, regexes, rulecache
from sosfs_check.records import plain
from sosfs_check.rulecache import cached
from sosfs_check.packs import builtin_rules_dir
from sosfs_check.rules import load_rules

EXAMPLE = Path(__file__).parent.parent / "fixtures" / "examples" / "boras-2021.docx"


def run(cache: Path):
    return subprocess.run(
        [sys.executable, "-m", "sosfs_check", "check", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-25"],
        capture_output=True, text=True, env={**os.environ, "SOSFS_CHECK_CACHE": str(cache)},
    )


class _Planted:
    """A pickle that creates a file when loaded: proof that the cache trusted it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_runs_with_a_cold_a_warm_and_a_broken_cache_agree(tmp_path):
    cache = tmp_path / "cache"
    cold = run(cache)
    [entry] = cache.glob("rules-*.json")
    data = rulecache.decode(entry.read_bytes())
    assert data["format"] == "sosfs-check-rulecache/3" and len(data["rules"]) > 50
    warm = run(cache)
    entry.write_bytes(b"inte json")
    broken = run(cache)
    assert cold.returncode == warm.returncode == broken.returncode
    assert cold.stdout == warm.stdout == broken.stdout and cold.stdout
    assert rulecache.decode(entry.read_bytes())["key"] == data["key"]  # rebuilt at exit


def test_a_replaced_cache_never_runs_code_and_the_run_succeeds(tmp_path):
    cache = tmp_path / "cache"
    cold = run(cache)
    [entry] = cache.glob("rules-*.json")
    marker = tmp_path / "planterad"
    entry.write_bytes(pickle.dumps(_Planted(marker)))
    replaced = run(cache)
    assert not marker.exists()
    assert (replaced.returncode, replaced.stdout) == (cold.returncode, cold.stdout)
    assert rulecache.decode(entry.read_bytes())["format"] == "sosfs-check-rulecache/3"


@pytest.mark.parametrize("damage", [
    lambda d: rulecache.encode({**d, "key": "0" * 32}),  # another pack's entry under this name
    lambda d: rulecache.encode({**d, "format": "sosfs-check-rulecache/0"}),
    lambda d: rulecache.encode({**d, "rules": [{"id": "x"}]}),  # not a rule
    lambda d: rulecache.encode({**d, "needles": "inte en lista"}),
    lambda d: json.dumps([d]).encode("utf-8"),  # not a cache file
    lambda d: rulecache.encode(d).replace(b"Riskanalys", b"Riskbed\xc3\xb6mning", 1),  # changed after it was written
    lambda d: rulecache.encode(d)[:-100],  # cut short
])
def test_a_cache_that_does_not_match_is_rebuilt_from_the_yaml(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path))
    directory = builtin_rules_dir()
    key = rulecache._key(directory)
    target = tmp_path / f"rules-{key}.json"
    target.write_bytes(damage(rulecache.to_data(load_rules(directory), key)))
    target.chmod(0o600)
    loads = []
    ruleset = cached(directory, lambda d: loads.append(d) or load_rules(d))
    assert loads == [directory] and ruleset == load_rules(directory)


def test_the_cache_holds_plain_data_that_gives_back_the_same_rule_set(tmp_path):
    directory = builtin_rules_dir()
    ruleset = load_rules(directory)
    written = rulecache.encode(rulecache.to_data(ruleset, "k"))
    data = json.loads(written.partition(b"\n")[2])  # plain JSON values, nothing else
    assert data["rules"][0] == {"@": "Rule", **{k: v for k, v in plain(ruleset.rules[0]).items() if k != "@"}}
    warm = rulecache.from_data(rulecache.decode(written), "k")
    assert warm == ruleset
    # The description vocabulary travels too: a warm run must credit the same descriptions as a cold one.
    assert ruleset.vocabulary.data.topics
    assert warm.vocabulary.data == ruleset.vocabulary.data
    assert all(type(r).__module__ == "sosfs_check.behaviour" for r in warm.rules)  # records, not pydantic models


def test_the_cache_keeps_which_patterns_are_anchored(monkeypatch):
    """`regexes.anchored` parses a pattern once per process; the cache carries its answers, both ways."""
    at_start, anywhere = re.compile(r"^\s*se\s+bilaga", re.IGNORECASE), re.compile(r"se\s+bilaga", re.IGNORECASE)
    monkeypatch.setattr(regexes, "ANCHORED", {})
    monkeypatch.setattr(rulecache, "ANCHORED", regexes.ANCHORED)
    assert (regexes.anchored(at_start), regexes.anchored(anywhere)) == (True, False)
    written = rulecache.encode(rulecache.to_data(load_rules(builtin_rules_dir()), "k"))
    regexes.ANCHORED.clear()
    rulecache.from_data(rulecache.decode(written), "k")
    expected = {(at_start.pattern, at_start.flags): True, (anywhere.pattern, anywhere.flags): False}
    assert {key: regexes.ANCHORED.get(key) for key in expected} == expected


def test_the_cache_keeps_the_needles_asked_but_those_of_one_letter(monkeypatch):
    """The next run's first document searches the needles asked before in one pass (`prefilter._Automaton`)."""
    monkeypatch.setattr(prefilter, "ASKED", {"riskanalys": None, "e": None, "avvikels": None})
    monkeypatch.setattr(rulecache, "ASKED", prefilter.ASKED)
    written = rulecache.encode(rulecache.to_data(load_rules(builtin_rules_dir()), "k"))
    prefilter.ASKED.clear()
    rulecache.from_data(rulecache.decode(written), "k")
    assert list(prefilter.ASKED) == ["riskanalys", "avvikels"]
    assert rulecache._sizes()[3] == 2


def test_a_warm_check_runs_without_pydantic(tmp_path):
    """The cached pack is plain data: checking a report from it never loads the validating models."""
    cache = tmp_path / "cache"
    run(cache)
    probe = ("import sys, sosfs_check; sosfs_check.check(sys.argv[1]); "
             "print(sorted(m for m in ('pydantic', 'yaml', 'sosfs_check.rules', 'sosfs_check.checks.models') if m in sys.modules))")
    warm = subprocess.run([sys.executable, "-c", probe, str(EXAMPLE)], capture_output=True, text=True,
                          env={**os.environ, "SOSFS_CHECK_CACHE": str(cache)})
    assert (warm.returncode, warm.stdout, warm.stderr) == (0, "[]\n", "")


def test_a_changed_rule_file_is_not_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir(), pack)
    loads = []

    def load(directory):
        loads.append(directory)
        return load_rules(directory)

    first = cached(pack, load)
    target = rulecache.cache_dir() / f"rules-{rulecache._key(pack)}.json"
    rulecache._save_if_grown(target, first, (-1, -1))  # as at the end of a run that added stems
    assert cached(pack, load) == first and len(loads) == 1  # served from the cache
    rule_file = pack / "riskanalys.yml"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace("title: Riskanalys", "title: Riskbedömning", 1),
                         encoding="utf-8")
    second = cached(pack, load)
    assert len(loads) == 2 and second != first and second == load_rules(pack)


def _entry(folder: Path, directory: Path) -> Path:
    target = folder / f"rules-{rulecache._key(directory)}.json"
    ruleset = load_rules(directory)
    changed = ruleset.rules[0].model_copy(update={"title": "Planterad titel"})
    planted = replace(ruleset, rules=(changed, *ruleset.rules[1:]))
    target.write_bytes(rulecache.encode(rulecache.to_data(planted, rulecache._key(directory))))
    return target


@pytest.mark.parametrize("folder_mode, file_mode", [(0o777, 0o600), (0o770, 0o600), (0o700, 0o666), (0o700, 0o620)])
def test_a_cache_others_can_write_to_is_not_read(tmp_path, monkeypatch, folder_mode, file_mode):
    shared = tmp_path / "delad"
    shared.mkdir()
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(shared))
    directory = builtin_rules_dir()
    target = _entry(shared, directory)
    target.chmod(file_mode)
    shared.chmod(folder_mode)
    ruleset = cached(directory, load_rules)
    assert ruleset.rules[0].title != "Planterad titel"  # loaded from the YAML instead


def test_a_private_cache_is_read(tmp_path, monkeypatch):
    """The counterpart of the test above: the same planted entry, private, is served."""
    private = tmp_path / "egen"
    private.mkdir(mode=0o700)
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(private))
    directory = builtin_rules_dir()
    _entry(private, directory).chmod(0o600)
    assert cached(directory, load_rules).rules[0].title == "Planterad titel"


def test_a_symlinked_cache_file_is_not_followed(tmp_path, monkeypatch):
    private = tmp_path / "egen"
    private.mkdir(mode=0o700)
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(private))
    directory = builtin_rules_dir()
    elsewhere = _entry(tmp_path, directory)
    elsewhere.chmod(0o600)
    (private / elsewhere.name).symlink_to(elsewhere)
    assert cached(directory, load_rules).rules[0].title != "Planterad titel"


def test_nothing_is_written_into_a_folder_others_can_write_to(tmp_path, monkeypatch):
    shared = tmp_path / "delad"
    shared.mkdir()
    shared.chmod(0o777)
    target = shared / "rules-x.json"
    rulecache._save_if_grown(target, load_rules(builtin_rules_dir()), (-1, -1))
    assert list(shared.iterdir()) == []
    private = tmp_path / "ny" / "cache"
    rulecache._save_if_grown(private / "rules-x.json", load_rules(builtin_rules_dir()), (-1, -1))
    assert (private.stat().st_mode & 0o777, (private / "rules-x.json").stat().st_mode & 0o777) == (0o700, 0o600)
