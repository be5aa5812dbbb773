"""The validated built-in rule pack, kept as JSON data so that a run starts without YAML.

Parsing and validating the YAML costs more than checking a report; so do stemming the rules'
terms (`vocabulary.STEMS`) and reading their regexes (the literals, `regexes.NEEDLES`; whether a
pattern matches only at the start, `regexes.ANCHORED`, which takes a run ~15 ms to parse); the
literals the checks looked for (`prefilter.ASKED`) let a run's first document search them in one pass. The
cache file holds the pack, its rules and sections as plain JSON values (`records.plain`) and those
tables. Loading it imports no pydantic and runs no code from the file, whoever wrote it: the data
comes back as records (`records.loads`) with the validated models' fields and behaviour. It lives in the user's cache folder
(`cachefiles`: private to the user, or neither read nor written) under a name derived from the rule files, the code that reads them and derives the tables, and the tool,
Python and pydantic versions: any change gives a new entry. A cache file that cannot be read, does not parse, does not match its key or its hash (`encode`) is passed by
and rebuilt.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .cachefiles import cache_dir, read_private, seal, unseal, write_private
from .lexicon import Vocabulary
from .prefilter import ASKED
from .records import loads, plain
from .regexes import ANCHORED, NEEDLES
from .behaviour import KINDS
from .ruleset import RuleSet
from .vocabulary import STEMS

FORMAT = "sosfs-check-rulecache/3"
_CODE = (  # what the cached data is derived by
    "rules.py", "rulemodel.py", "ruleset.py", "behaviour.py", "records.py", "lawdata.py", "sections.py", "schema.py",
    "yamlfile.py", "descriptiondata.py",
    "regexes.py", "vocabulary.py", "rulecache.py", "cachefiles.py", "checks/*.py", "descriptions.py", "lexicon.py",
)

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
    """The rule set and the STEMS, NEEDLES, ANCHORED and ASKED tables as JSON values."""
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
        "anchored": [[pattern, flags, at_start] for (pattern, flags), at_start in ANCHORED.items()],
        "asked": _asked(),
    }


def from_data(data: dict, key: str) -> RuleSet:
    """The rule set from `decode`'s data (`to_data`'s, with records for the models); fills STEMS, NEEDLES
    ANCHORED and ASKED.

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
    anchored = {(str(pattern), int(flags)): bool(at_start) for pattern, flags, at_start in data["anchored"]}
    asked = dict.fromkeys(map(str, data["asked"]))
    STEMS.update(stems)
    NEEDLES.update(needles)
    ANCHORED.update(anchored)
    ASKED.update(asked)
    return ruleset


def _one(kind: str, value):
    """`value` if it is the record of a `kind` model, else ValueError."""
    if type(value) is not KINDS[kind]:
        raise ValueError(f"not a {kind}")
    return value


def encode(data: dict) -> bytes:
    """The cache file (`cachefiles.seal`): the format and the key on the first line, then the data as
    JSON. The data is validated when the file is written, not when it is read."""
    body = json.dumps({k: v for k, v in data.items() if k not in ("format", "key")}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    return seal({"format": data["format"], "key": data["key"]}, body)


def decode(raw: bytes) -> dict:
    """`encode`'s data, the models as records; ValueError when the file was changed after it was written."""
    head, body = unseal(raw)
    data = loads(body, KINDS)
    if not isinstance(data, dict):
        raise ValueError("not a rule cache")
    return {**data, "format": head.get("format"), "key": head.get("key")}


def cached(directory: Path, load: Callable[[Path], RuleSet]) -> RuleSet:
    """`load(directory)`, or the rule set it gave last time for the same files.

    The STEMS, NEEDLES, ANCHORED and ASKED tables are filled from the cache, and written back at exit when
    the run added to them.
    """
    key = _key(directory)
    target = cache_dir() / f"rules-{key}.json"
    try:
        ruleset = from_data(decode(read_private(target)), key)
    except Exception:  # missing, unreadable, not ours or not a cache: load the YAML instead
        ruleset = load(directory)
    sizes = _sizes()
    atexit.register(_save_if_grown, target, ruleset, sizes)
    return ruleset


def _sizes() -> tuple[int, int, int, int]:
    return len(STEMS), len(NEEDLES), len(ANCHORED), len(_asked())


def _asked() -> list[str]:
    """The needles asked, leaving out those of one letter: such a needle matches nearly everywhere and would
    make every later document's one-pass search several times dearer (it is still looked for alone)."""
    return [needle for needle in ASKED if len(needle) > 1]


def _save_if_grown(target: Path, ruleset: RuleSet, sizes: tuple[int, int, int, int]) -> None:
    if _sizes() != sizes:
        write_private(target, lambda: encode(to_data(ruleset, target.stem.removeprefix("rules-"))))
