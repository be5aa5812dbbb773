"""What rule-pack models share: the strict pydantic base and the checked regex type."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo

from .regexes import backtracking_risk


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _regex(pattern: str, info: ValidationInfo) -> str:
    """Compiles; and, unless the file is the tested built-in pack, cannot backtrack catastrophically."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"reguljärt uttryck kompilerar inte: {pattern!r}: {exc}") from exc
    if (info.context or {}).get("trusted"):
        return pattern
    if reason := backtracking_risk(pattern):
        raise ValueError(f"reguljärt uttryck kan ta orimligt lång tid (katastrofal backtracking): {pattern!r} har {reason}")
    return pattern


Regex = Annotated[str, AfterValidator(_regex)]
