"""Check types: one module each, holding its `check:` model, evaluation, description and vocabulary.

A module `checks/<name>.py` defines `MODEL` (a pydantic model whose `type` is `Literal["<name>"]`),
`evaluate(check, ctx) -> Verdict` and `describe(check) -> list[str]`. Listing the module in
`_MODULES` registers it: the rule schema (`Check`), the engine and `rules explain` find it here.
See docs/check-types.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Union, get_args

from pydantic import Field

from . import (
    absence, adoption, citations, figure, period_text, phrases, placeholders, section, stale_references, title, toc,
)
from .context import Context, Problem, Verdict


@dataclass(frozen=True)
class CheckType:
    model: type
    evaluate: Callable[..., Verdict]
    describe: Callable[..., list[str]]


_MODULES = (section, phrases, title, absence, figure, adoption, period_text, placeholders, stale_references, citations, toc)
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
