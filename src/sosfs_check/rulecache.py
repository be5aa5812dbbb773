"""The validated built-in rule pack, kept as JSON data so that a run starts without YAML.

Parsing and validating the YAML costs more than checking a report; so do stemming the rules'
terms (`vocabulary.STEMS`) and reading the literals out of their regexes (`regexes.NEEDLES`). The
cache file holds the pack, its rules and sections as plain JSON values (`records.plain`) and those
tables. Loading it imports no pydantic and runs no code from the file, whoever wrote it: the data
comes back as records (`records.record`) with the validated models' fields and behaviour. It lives in the user's cache folder
(`$SOSFS_CHECK_CACHE`, else `$XDG_CACHE_HOME/sosfs-check`, else `~/.cache/sosfs-check`) under a
name derived from the rule files, the code that reads them and derives the tables, and the tool,
Python and pydantic versions: any change gives a new entry. The folder and the file must belong
to the user and be writable by nobody else, or they are neither read nor written. A cache file
that cannot be read, does not parse, does not match its key or its hash (`encode`) is passed by
and rebuilt.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .descriptions import Vocabulary
from .records import plain, record
from .regexes import NEEDLES
from .behaviour import KINDS
from .ruleset import RuleSet
from .vocabulary import STEMS

FORMAT = "sosfs-check-rulecache/2"
_CODE = (  # what the cached data is derived by
    "rules.py", "rulemodel.py", "ruleset.py", "behaviour.py", "records.py", "lawdata.py", "sections.py", "schema.py",
    "yamlfile.py", "descriptiondata.py",
    "regexes.py", "vocabulary.py", "rulecache.py", "checks/*.py", "descriptions.py",
)
MAX_CACHE = 20 * 1024 * 1024  # the built-in pack and its tables take well under 1 MB


def cache_dir() -> Path:
    if folder := os.environ.get("SOSFS_CHECK_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sosfs-check"


def _key(directory: Path) -> str:
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    here = Path(__file__).parent
    stemmer = _found("snowballstemmer") / "swedish_stemmer.py"  # the cached stems come from it
    validator = _found("pydantic") / "version.py"  # the version of what validated the data
    code = sorted(path for pattern in _CODE for path in here.glob(pattern))
    for path in [*code, stemmer, validator, *sorted(directory.glob("*.yml"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _found(package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    return Path(importlib.util.find_spec(package).submodule_search_locations[0])


def to_data(ruleset: RuleSet, key: str) -> dict:
    """The rule set and the STEMS and NEEDLES tables as JSON values."""
    return {
        "format": FORMAT,
        "key": key,
        "pack": plain(ruleset.pack),
        "packs": plain(ruleset.packs),
        "rules": plain(ruleset.rules),
        "sections": plain(ruleset.sections),
        "descriptions": plain(ruleset.vocabulary.data),
        "stems": STEMS,
        "needles": [[pattern, flags, clauses] for (pattern, flags), clauses in NEEDLES.items()],
    }


def from_data(data: dict, key: str) -> RuleSet:
    """The rule set in `to_data`'s form, as records; fills STEMS and NEEDLES.

    Raises ValueError (or another plain exception) when the data is not such a cache for `key`.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        raise ValueError("not a rule cache for these rules")
    ruleset = RuleSet(
        pack=_one("Pack", data["pack"]),
        rules=tuple(_one("Rule", rule) for rule in data["rules"]),
        packs=tuple(_one("Pack", pack) for pack in data["packs"]),
        sections=tuple(_one("Section", section) for section in data["sections"]),
        vocabulary=Vocabulary.build(_one("DescriptionData", data["descriptions"])),
    )
    stems = {str(word): str(stem) for word, stem in data["stems"].items()}
    needles = {(str(pattern), int(flags)): tuple(tuple(map(str, clause)) for clause in clauses)
               for pattern, flags, clauses in data["needles"]}
    STEMS.update(stems)
    NEEDLES.update(needles)
    return ruleset


def _one(kind: str, value):
    """The record of a `kind` model, or ValueError."""
    made = record(value, KINDS)
    if type(made) is not KINDS[kind]:
        raise ValueError(f"not a {kind}")
    return made


def encode(data: dict) -> bytes:
    """The cache file: a first line with the format, the key and the SHA-256 of the rest, then the
    data as JSON. The data is validated when the file is written, not when it is read: the hash
    makes a file changed or cut short since then count as no cache."""
    body = json.dumps({k: v for k, v in data.items() if k not in ("format", "key")}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    head = {"format": data["format"], "key": data["key"], "sha256": hashlib.sha256(body).hexdigest()}
    return json.dumps(head).encode("ascii") + b"\n" + body


def decode(raw: bytes) -> dict:
    """`encode`'s data; ValueError when the rest is not what the first line's hash says."""
    first, _, body = raw.partition(b"\n")
    head = json.loads(first)
    if not isinstance(head, dict) or hashlib.sha256(body).hexdigest() != head.get("sha256"):
        raise ValueError("the cache file was changed after it was written")
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("not a rule cache")
    return {**data, "format": head.get("format"), "key": head.get("key")}


def cached(directory: Path, load: Callable[[Path], RuleSet]) -> RuleSet:
    """`load(directory)`, or the rule set it gave last time for the same files.

    The STEMS and NEEDLES tables are filled from the cache, and written back at exit when the run added to them.
    """
    key = _key(directory)
    target = cache_dir() / f"rules-{key}.json"
    try:
        ruleset = from_data(decode(_read_private(target)), key)
    except Exception:  # missing, unreadable, not ours or not a cache: load the YAML instead
        ruleset = load(directory)
    sizes = (len(STEMS), len(NEEDLES))
    atexit.register(_save_if_grown, target, ruleset, sizes)
    return ruleset


def _save_if_grown(target: Path, ruleset: RuleSet, sizes: tuple[int, int]) -> None:
    if (len(STEMS), len(NEEDLES)) == sizes:
        return
    key = target.stem.removeprefix("rules-")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(target.parent)):
            return  # others could replace what we write
        fd, tmp = tempfile.mkstemp(prefix=".rules-", dir=target.parent)  # mode 0600
    except OSError:
        return  # a read-only home: no cache, same results
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(encode(to_data(ruleset, key)))
        os.replace(tmp, target)
    except (OSError, ValueError, TypeError):
        Path(tmp).unlink(missing_ok=True)


def _read_private(path: Path) -> bytes:
    """The cache file's bytes, only when it and its folder belong to the user and nobody else may
    write to them (PermissionError otherwise); a symlink is not followed."""
    if not _private(os.stat(path.parent)):
        raise PermissionError(path.parent)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_CACHE:
            raise PermissionError(path)
        return handle.read()


def _private(info: os.stat_result) -> bool:
    """Owned by the user, and neither group nor others may write."""
    return info.st_uid == os.getuid() and not info.st_mode & 0o022
