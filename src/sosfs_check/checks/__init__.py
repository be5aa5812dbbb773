"""Check types: one module each, holding its model, evaluation, description and vocabulary.

A module `checks/<name>.py` defines `evaluate(check, ctx) -> Verdict`, `describe(check) ->
list[str]` and `model()`, which builds the pydantic model of its `check:` mapping (`type` is
`Literal["<name>"]`) when rule files are validated: `checks/models.py` joins them into the rule
schema `Check`, and a check never imports pydantic. Every module of the package but `context` and
`models` is a check type: the engine, `rules explain` and the schema find it here, so a new check
type is one new module and its test file. See docs/check-types.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import NamedTuple

from .context import Context
from ..verdicts import Problem, Verdict


class CheckType(NamedTuple):
    evaluate: Callable[..., Verdict]
    describe: Callable[..., list[str]]
    model: Callable[[], type]  # builds the pydantic model (checks/models.py calls it once)


_MODULES = {
    info.name: importlib.import_module(f"{__name__}.{info.name}")
    for info in pkgutil.iter_modules(__path__) if info.name not in ("context", "models")
}  # in name order
CHECK_TYPES: dict[str, CheckType] = {name: CheckType(m.evaluate, m.describe, m.model) for name, m in _MODULES.items()}
CHECK_TYPE_NAMES = tuple(CHECK_TYPES)


def evaluate(check, ctx: Context) -> Verdict:
    """The verdict of one rule's check on a prepared document."""
    return CHECK_TYPES[check.type].evaluate(check, ctx)


def describe(check) -> list[str]:
    """What a rule's check looks for, in Swedish, one point per line."""
    return CHECK_TYPES[check.type].describe(check)


__all__ = ["CHECK_TYPES", "CHECK_TYPE_NAMES", "Context", "Problem", "Verdict", "describe", "evaluate"]
