"""Compiled regular expressions kept between runs (regexcache): what a run finds in the file is what
`re` compiles, output is the same with and without it, and code the engine refuses, or a file
others could have planted, is not used."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sosfs_check import regexcache
from sosfs_check.cachefiles import read_private

EXAMPLE = Path(__file__).parent.parent / "fixtures" / "examples" / "boras-2021.docx"


def run(cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sosfs_check", "check", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-25"],
        capture_output=True, text=True, env={**os.environ, "SOSFS_CHECK_CACHE": str(cache)},
    )


def cache_file(cache: Path) -> Path:
    [found] = cache.glob("regex-*")
    return found


@pytest.fixture
def own_re_cache(monkeypatch):
    """`re`'s cache emptied for the test, and what `install` registers for the exit kept apart."""
    monkeypatch.setattr(re, "_cache", {})
    at_exit = []
    monkeypatch.setattr(regexcache.atexit, "register", lambda *call: at_exit.append(call))
    return at_exit


def test_a_second_run_gives_the_same_output_from_the_kept_patterns(tmp_path):
    cache = tmp_path / "cache"
    first, second = run(cache), run(cache)
    assert first.stdout.startswith("{") and first.stderr == ""
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, "")
    rows = regexcache._rows(read_private(cache_file(cache)))
    assert len(rows) > 200  # the check's own patterns, not only the standard library's
    assert all((meta, code.tolist()) == regexcache._row(key[1], key[2]) for key, (meta, code) in rows.items())  # what `re` compiles


def test_installed_patterns_are_the_ones_re_compiles(tmp_path, monkeypatch, own_re_cache):
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path))
    patterns = [(r"(?P<antal>\d+)\s+avvikelse(?:r|rna)?\b", re.IGNORECASE), (r"(?<![\w-])lex\s+maria\b", 0)]
    regexcache.install()
    for pattern, flags in patterns:
        re.compile(pattern, flags)
    [(save, target, rows)] = own_re_cache
    save(target, rows)
    monkeypatch.setattr(re, "_cache", {})
    regexcache.install()
    for pattern, flags in patterns:
        kept = re._cache[(str, pattern, flags)]
        fresh = re._compiler.compile(pattern, flags)
        assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == (fresh.pattern, fresh.flags, fresh.groups,
                                                                             fresh.groupindex)
        text = "Under året kom 155 avvikelser in, och två händelser anmäldes enligt lex maria."
        assert [m.span() for m in kept.finditer(text)] == [m.span() for m in fresh.finditer(text)] != []


def test_a_full_file_lets_its_oldest_patterns_go_first(tmp_path, monkeypatch, own_re_cache):
    """Runs of two kinds one after another (e.g. `--format json`, then `--format rich`) keep each other's
    patterns: only the oldest go when the file is full, never all of them."""
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path))
    monkeypatch.setattr(regexcache, "MAX_PATTERNS", 3)
    kept = ["avvikelse", "lex maria", "lex sarah"]
    target = regexcache.cache_file()
    regexcache.write_private(target, lambda: regexcache._encode({(str, p, 0): regexcache._row(p, 0) for p in kept}))
    regexcache.install()
    re.compile("klagomål")
    [(save, target, rows)] = own_re_cache
    save(target, rows)
    assert [key[1] for key in regexcache._rows(read_private(target))] == ["lex maria", "lex sarah", "klagomål"]


def test_code_the_engine_refuses_is_left_to_re(tmp_path, monkeypatch, own_re_cache):
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path))
    pattern = r"lex\s+sarah"
    meta, code = regexcache._row(pattern, 0)
    target = regexcache.cache_file()
    regexcache.write_private(target, lambda: regexcache._encode({(str, pattern, 0): (meta, [99999] * len(code))}))
    regexcache.install()
    assert (str, pattern, 0) not in re._cache
    assert re.compile(pattern).search("enligt lex Sarah") is None and re.compile(pattern).search("lex  sarah")


def test_a_file_others_can_write_to_is_not_read(tmp_path, monkeypatch, own_re_cache):
    shared = tmp_path / "delad"
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(shared))
    pattern = r"planterat"
    meta, _ = regexcache._row(pattern, 0)
    other, code = regexcache._row(r"annat", 0)
    target = regexcache.cache_file()
    regexcache.write_private(target, lambda: regexcache._encode({(str, pattern, 0): (meta, code)}))
    shared.chmod(0o777)
    regexcache.install()
    assert (str, pattern, 0) not in re._cache
    shared.chmod(0o700)
    regexcache.install()  # the same file, private: read (and this planted code matches "annat")
    assert re.compile(pattern).search("annat")


def test_each_installation_keeps_its_own_file(tmp_path, monkeypatch):
    """Two checkouts or versions side by side never push out each other's patterns."""
    monkeypatch.setenv("SOSFS_CHECK_CACHE", str(tmp_path))
    here = regexcache.cache_file()
    monkeypatch.setattr(regexcache, "__file__", str(tmp_path / "annan" / "sosfs_check" / "regexcache.py"))
    assert regexcache.cache_file() != here and regexcache.cache_file().parent == here.parent == tmp_path
