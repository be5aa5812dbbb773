"""The validated built-in rule pack, kept as a pickle so that a run starts without YAML.

Parsing and validating the YAML costs more than checking a report; so do stemming the rules'
terms (`vocabulary.STEMS`) and reading the literals out of their regexes (`regexes.NEEDLES`). The pickle holds the rule set and
those tables. It lives in the user's cache folder (`$SOSFS_CHECK_CACHE`, else
`$XDG_CACHE_HOME/sosfs-check`, else `~/.cache/sosfs-check`) under a name derived from the rule
files, the code that reads them and derives the tables, and the Python and pydantic versions:
any change gives a new entry. A cache that cannot be read or written is passed by.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic.version import VERSION as PYDANTIC

from .regexes import NEEDLES
from .vocabulary import STEMS

_CODE = (  # what the cached data is derived by
    "rules.py", "lawdata.py", "sections.py", "schema.py", "yamlfile.py", "regexes.py", "vocabulary.py", "checks/*.py",
)

T = TypeVar("T")


def cache_dir() -> Path:
    if folder := os.environ.get("SOSFS_CHECK_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sosfs-check"


def _key(directory: Path) -> str:
    digest = hashlib.sha256(f"{sys.version} {PYDANTIC}".encode())
    here = Path(__file__).parent
    package = importlib.util.find_spec("snowballstemmer").submodule_search_locations[0]  # found, not imported
    stemmer = Path(package) / "swedish_stemmer.py"  # the cached stems come from it
    code = sorted(path for pattern in _CODE for path in here.glob(pattern))
    for path in [*code, stemmer, *sorted(directory.glob("*.yml"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _tables() -> dict:
    return {"stems": STEMS, "needles": NEEDLES}


def cached(directory: Path, load: Callable[[Path], T], kind: type[T]) -> T:
    """`load(directory)` (a `kind`), or what it gave last time for the same files.

    The STEMS and NEEDLES tables are filled from the cache, and written back at exit when the run added to them.
    """
    target = cache_dir() / f"rules-{_key(directory)}.pickle"
    try:
        if not _private(target.parent):
            raise PermissionError(target.parent)  # someone else could plant a pickle there
        with target.open("rb") as handle:
            ruleset, tables = pickle.load(handle)
        if not isinstance(ruleset, kind):
            raise TypeError(type(ruleset))
        for name, table in _tables().items():
            table.update(tables[name])
    except Exception:  # missing, unreadable or written by other code: load the YAML instead
        ruleset = load(directory)
    sizes = {name: len(table) for name, table in _tables().items()}
    atexit.register(_save_if_grown, target, ruleset, sizes)
    return ruleset


def _save_if_grown(target: Path, ruleset: object, sizes: dict[str, int]) -> None:
    if all(len(table) == sizes[name] for name, table in _tables().items()):
        return
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rules-", dir=target.parent)
    except OSError:
        return  # a read-only home: no cache, same results
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((ruleset, _tables()), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)


def _private(folder: Path) -> bool:
    """Only a folder that the user owns and nobody else may write to is trusted with pickles."""
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022
