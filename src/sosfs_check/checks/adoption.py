"""Check type `adoption`: when the report was drawn up: stated, by the deadline, one year after the period reported on."""

from __future__ import annotations

from datetime import date

from ..dates import MONTHS
from .context import Context
from ..verdicts import Verdict, excerpt, failed

MONTH_NAMES = {number: name for name, number in MONTHS.items()}


def evaluate(check, ctx: Context) -> Verdict:
    """The deadline is judged on the day the report was drawn up: a body's later treatment is not late."""
    dated = ctx.dating
    period = ctx.period_year
    if check.require == "present":
        if dated.drawn_up:
            return Verdict(True, evidence=[dated.drawn_up[1]])
        # Adopted by the deadline ("Fastställd av nämnden 2026-02-18"): it was drawn up by then too.
        if dated.adopted and period is not None and dated.latest("adopted") <= _deadline(check, period):
            return Verdict(True, evidence=[dated.adopted[1]])
        where = (dated.adopted or dated.unspecified or (None, None))[1]
        detail = "Inget datum för när berättelsen upprättades hittades (t.ex. ”Upprättad 2026-02-10”)."
        if dated.adopted:
            after = f", efter {_deadline(check, period).isoformat()}," if period is not None else ""
            detail += f" ”{excerpt(where.text, 80)}” säger när den behandlades{after} inte när den upprättades."
        elif where is not None:
            detail += f" ”{excerpt(where.text, 80)}” säger inte om det är dagen då den upprättades."
        return failed([where] if where else [], where, where.text if where else "", detail)
    if check.require == "deadline":
        if dated.drawn_up is None or period is None:
            return Verdict(True, evidence=[dated.adopted[1]] if dated.adopted else [])
        block = dated.drawn_up[1]
        limit = _deadline(check, period)
        if dated.latest("drawn_up") > limit:  # a month ("i mars 2026") is late unless all of it is in time
            when = "i tid bara om det var" if dated.drawn_up[0] == limit else "efter"
            return failed([block], block, block.text, f"Upprättad {dated.label('drawn_up')}, {when} {limit.isoformat()}.")
        return Verdict(True, evidence=[block])
    if dated.any is None:
        return Verdict(True)  # nothing to judge; the "present" rule reports the gap
    day, block = dated.any
    if period is not None and period != day.year - 1:
        return failed(
            [block], block, block.text,
            f"Berättelsen avser {period} men är daterad {day.isoformat()}; den ska avse föregående kalenderår ({day.year - 1}).",
        )
    return Verdict(True, evidence=[block])


def _deadline(check, period: int) -> date:
    """The day in the year after the period by which the report must be drawn up."""
    month, day = (int(x) for x in check.deadline.split("-"))
    return date(period + 1, month, day)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [{
        "present": "Ett datum för när berättelsen upprättades, t.ex. ”Upprättad 2026-02-10” (ord ur regelpaketets "
                   "`adoption: drawn_up`), eller ett datum då en nämnd eller styrelse behandlade, godkände eller "
                   f"fastställde den senast den {int(check.deadline[3:])} {MONTH_NAMES[int(check.deadline[:2])]} "
                   "året efter det år den avser: då var den upprättad.",
        "deadline": f"Att berättelsen upprättades senast den {int(check.deadline[3:])} "
                    f"{MONTH_NAMES[int(check.deadline[:2])]} året efter det år den avser. Ett senare datum då en nämnd "
                    "behandlade, godkände eller fastställde den räknas inte som försening.",
        "previous_year": "Att berättelsen avser kalenderåret före det år den upprättades (eller, utan "
                         "upprättandedatum, behandlades).",
    }[check.require]]  # fmt: skip


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import Strict

    class AdoptionCheck(Strict):
        """The adoption date: stated, by the deadline, one year after the period reported on."""

        type: Literal["adoption"]
        require: Literal["present", "deadline", "previous_year"]
        deadline: str = Field(default="03-01", pattern=r"^\d{2}-\d{2}$")  # MM-DD in the year after the period

    return AdoptionCheck
