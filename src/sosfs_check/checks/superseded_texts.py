"""Check type `superseded_texts`: the föreskrifter the pack encodes are in force on the day judged by."""

from __future__ import annotations

from .context import Context
from ..verdicts import Problem, Verdict


def _problem(text, day) -> Problem | None:
    if not text.version:
        return None
    if text.replaced_by and text.valid_to and day > text.valid_to:
        return Problem(detail=(
            f"{text.id} ({text.name}) gällde till och med {text.valid_to.isoformat()} och har ersatts av "
            f"{text.replaced_by}. Regelpaketet bygger på {text.id} i lydelsen {text.version}; dess regler om "
            f"den tillämpas inte per {day.isoformat()}, och {text.replaced_by} granskas inte."
        ))
    if text.replaces and text.valid_from and day < text.valid_from:
        return Problem(detail=(
            f"{text.id} ({text.name}) gäller från {text.valid_from.isoformat()}; den {day.isoformat()} gällde "
            f"{text.replaces}, som regelpaketet inte granskar. Regler som bara bygger på {text.id} tillämpas inte."
        ))
    return None


def evaluate(check, ctx: Context) -> Verdict:
    problems = [p for text in ctx.texts if (p := _problem(text, ctx.as_of))]
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return ["Att de föreskrifter regelpaketet bygger på (pack.yml, `texts:` med `version`) gäller på "
            "granskningsdagen: inte har ersatts före den (`replaced_by`) och inte började gälla efter den "
            "(`replaces`); annars en upplysning om vilken föreskrift som gällde i stället."]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from ..schema import Strict

    class SupersededTextsCheck(Strict):
        """A föreskrift of the pack (`texts:` with a `version` in pack.yml) not in force on the day the report
        is judged by: repealed or replaced before it, or not yet in force. The pack's rules on it do not
        apply, and the report says which text applied instead."""

        type: Literal["superseded_texts"]

    return SupersededTextsCheck
