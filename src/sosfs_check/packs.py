"""The rule sets a run uses: the built-in pack, from the rule cache or else its YAML, with a
kommun's own packs (`--rules DIR`, configuration) merged in.

This module sits above `rules` (the YAML and its pydantic models) and `rulecache` (the same data
without pydantic): a run whose pack is cached loads neither the YAML nor pydantic."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .rulecache import cached
from .ruleset import RuleSet


def builtin_rules_dir() -> Path:
    """The bundled pack: inside the installed package, or `rules/` in a source checkout."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "rules"


@cache
def builtin_rules() -> RuleSet:
    return cached(builtin_rules_dir(), _load_builtin)


def _load_builtin(directory: Path) -> RuleSet:
    from .rules import load_rules

    return load_rules(directory, trusted=True)


def load_ruleset(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """The built-in pack with extra packs (`--rules DIR`, configuration) merged in, in order; cached."""
    return _ruleset(tuple(dict.fromkeys(Path(d).resolve() for d in extra_dirs)))  # a pack named twice counts once


@cache
def _ruleset(extra_dirs: tuple[Path, ...]) -> RuleSet:
    ruleset = builtin_rules()
    for directory in extra_dirs:
        from .rules import merge_pack  # validates the pack's YAML

        ruleset = merge_pack(ruleset, directory)
    return ruleset


def own_rules(directory: Path) -> RuleSet:
    """A pack's own rules, validated from its YAML: the built-in pack alone, any other read against it."""
    from .rules import load_rules

    builtin = directory.resolve() == builtin_rules_dir().resolve()
    return load_rules(directory, base=None if builtin else builtin_rules())
