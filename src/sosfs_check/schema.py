"""What rule-pack models share: the strict pydantic base, the checked regex type and the figures' keys."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

from .regexes import linear_problem


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _regex(pattern: str) -> str:
    """Runs in linear time (RE2) and reads as Python syntax; every pack, the built-in one too."""
    if reason := linear_problem(pattern):
        raise ValueError(f"reguljärt uttryck {pattern!r}: {reason}")
    return pattern


Regex = Annotated[str, AfterValidator(_regex)]

FactKey = Literal[
    "avvikelser", "klagomal_synpunkter", "lex_maria_anmalningar", "lex_sarah_rapporter", "ivo_anmalningar", "riskanalyser"
]  # the figures a report states (facts.py)
