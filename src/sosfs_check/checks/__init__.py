"""Check types: one module each, holding its `check:` model, evaluation, description and vocabulary.

A module `checks/<name>.py` defines `MODEL` (a pydantic model whose `type` is `Literal["<name>"]`),
`evaluate(check, ctx) -> Verdict` and `describe(check) -> list[str]`. Every module of the package
but `context` is a check type: the rule schema (`Check`), the engine and `rules explain` find it
here, so a new check type is one new module (and its test file). See docs/check-types.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Union, get_args

from pydantic import Field

from .context import Context, Problem, Verdict


@dataclass(frozen=True)
class CheckType:
    model: type
    evaluate: Callable[..., Verdict]
    describe: Callable[..., list[str]]


_MODULES = [
    importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__) if info.name != "context"
]  # in name order
CHECK_TYPES: dict[str, CheckType] = {
    get_args(m.MODEL.model_fields["type"].annotation)[0]: CheckType(m.MODEL, m.evaluate, m.describe) for m in _MODULES
}
CHECK_TYPE_NAMES = tuple(CHECK_TYPES)
Check = Annotated[Union[tuple(t.model for t in CHECK_TYPES.values())], Field(discriminator="type")]


def evaluate(check, ctx: Context) -> Verdict:
    """The verdict of one rule's check on a prepared document."""
    return CHECK_TYPES[check.type].evaluate(check, ctx)


def describe(check) -> list[str]:
    """What a rule's check looks for, in Swedish, one point per line."""
    return CHECK_TYPES[check.type].describe(check)


__all__ = ["CHECK_TYPES", "CHECK_TYPE_NAMES", "Check", "Context", "Problem", "Verdict", "describe", "evaluate"]
