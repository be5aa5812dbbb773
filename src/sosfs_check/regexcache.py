"""Compiled regular expressions kept between runs, so that a run compiles none it compiled before.

CPython's `re` compiles a pattern in Python (`re._parser`, `re._compiler`) to code for its
matching engine `_sre`: the ~300 patterns of one check take about 100 ms, more than checking the
report. `install` reads that code per pattern and flags from a file in the user's cache folder
(`cachefiles`: private, or neither read nor written) named after the exact Python version and the
installed package's folder (`cache_file`: installations side by side never push out each other's
patterns), builds each pattern with `_sre.compile` as `re` itself does (the engine validates the
code; an entry that does not build is left to `re`) and puts it into `re`'s own cache, where
`re.compile` finds it.
At exit, the patterns this run compiled are added to the file; when that would make it hold more
than MAX_PATTERNS, the oldest go first (an earlier version's patterns, or those of a run of another
kind: runs in one output format after another keep every format's patterns, ~410 for one report).
Other Pythons than CPython, or a `re` whose cache is not the dict this expects, are left alone:
same results, without the cache.
"""

from __future__ import annotations

import array
import atexit
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .cachefiles import cache_dir, read_private, seal, unseal, write_private

FORMAT = "sosfs-check-regexcache/2"
MAX_PATTERNS = 480  # fewer than `re` caches (512 in Python 3.11–3.13): room for a run's own new patterns
_PROBE = "sosfs-check: re cache probe"


def install() -> None:
    """Fill `re`'s cache from the file; at exit, write the file again if this run compiled new patterns."""
    cache = getattr(re, "_cache", None)
    if sys.implementation.name != "cpython" or not isinstance(cache, dict) or not _keyed_as_expected(cache):
        return
    target = cache_file()
    try:
        rows = _rows(read_private(target))
    except Exception:  # missing, unreadable, not ours or not this format: compile as usual
        rows = {}
    for key, row in list(rows.items()):
        try:
            cache.setdefault(key, _build(row))
        except Exception:  # code the engine refuses: `re` compiles this pattern itself
            del rows[key]
    atexit.register(_save_if_new, target, rows)


def cache_file() -> Path:
    """This Python's and this installation's file in the cache folder."""
    key = f"{sys.version}\0{Path(__file__).parent}"
    return cache_dir() / f"regex-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def _keyed_as_expected(cache: dict) -> bool:
    """Whether `re` keeps a compiled pattern under (type, pattern, flags), as Python 3.11–3.13 do."""
    compiled = re.compile(_PROBE)
    return cache.get((str, _PROBE, 0)) is compiled


def _head() -> dict:
    return {"format": FORMAT, "python": sys.version, "words": f"{sys.byteorder} {array.array('I').itemsize}"}


def _rows(raw: bytes) -> dict[tuple, tuple[list, memoryview]]:
    """(pattern, flags, flags after parsing, groups, group index, index group) and code per `re` cache key.
    The code stays words in the file's bytes (a view: not copied, a tenth of a list of ints) until a
    pattern is built from it."""
    head, body = unseal(raw)
    if {**head, "sha256": None} != {**_head(), "sha256": None}:
        raise ValueError("not a regex cache for this Python")
    newline = body.index(b"\n")
    index, words = body[:newline], memoryview(body)[newline + 1:].cast("I")
    rows = {}
    for *meta, start, end in json.loads(index):
        if isinstance(meta[0], str) and type(meta[1]) is int:
            rows[(str, meta[0], meta[1])] = (meta, words[start:end])
    return rows


def _build(row: tuple[list, memoryview]) -> re.Pattern:
    """The pattern `re.compile(pattern, flags)` gives, from its row (`_rows`)."""
    import _sre

    (pattern, _, flags, groups, groupindex, indexgroup), code = row
    return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, tuple(indexgroup))


def _row(pattern: str, flags: int) -> tuple[list, list[int]]:
    """What `re._compiler.compile` computes for `_sre.compile`."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    indexgroup = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    meta = [pattern, flags, flags | parsed.state.flags, parsed.state.groups - 1, dict(parsed.state.groupdict), indexgroup]
    return meta, [int(word) for word in _compiler._code(parsed, flags)]


def _encode(rows: dict[tuple, tuple[list, Sequence[int]]]) -> bytes:
    """The file: `cachefiles.seal` of a JSON index (a row per pattern, with where its code starts
    and ends in the words) and the code words, in this machine's byte order."""
    index, words = [], array.array("I")
    for meta, code in rows.values():
        index.append([*meta, len(words), len(words) + len(code)])
        words.extend(code)
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + words.tobytes()
    return seal(_head(), body)


def _save_if_new(target: Path, rows: dict[tuple, tuple[list, Sequence[int]]]) -> None:
    new = [key for key in list(re._cache) if key not in rows and type(key[1]) is str and type(key[2]) is int
           and not key[2] & re.DEBUG and key[1] != _PROBE]
    if not new:
        return
    for _, pattern, flags in new[-MAX_PATTERNS:]:
        rows[(str, pattern, flags)] = _row(pattern, flags)
    for key in list(rows)[:max(0, len(rows) - MAX_PATTERNS)]:  # the oldest first
        del rows[key]
    write_private(target, lambda: _encode(rows))
