"""Check type `adoption`: the adoption date: stated, by the deadline, one year after the period reported on."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from ..dates import MONTHS
from ..schema import Strict
from .context import Context, Verdict, failed

MONTH_NAMES = {number: name for name, number in MONTHS.items()}


class AdoptionCheck(Strict):
    """The adoption date: stated, by the deadline, one year after the period reported on."""

    type: Literal["adoption"]
    require: Literal["present", "deadline", "previous_year"]
    deadline: str = Field(default="03-01", pattern=r"^\d{2}-\d{2}$")  # MM-DD in the year after the period


def evaluate(check, ctx: Context) -> Verdict:
    if ctx.adopted is None:
        if check.require == "present":
            return failed(detail="Inget datum för fastställande hittades (t.ex. ”Fastställd av nämnden 2025-02-20”).")
        return Verdict(True)  # nothing to judge; the "present" rule reports the gap
    adopted, block = ctx.adopted
    period = ctx.period_year
    if check.require == "deadline" and period is not None:
        month, day = (int(x) for x in check.deadline.split("-"))
        limit = date(period + 1, month, day)
        if adopted > limit:
            return failed([block], block, block.text, f"Fastställd {adopted.isoformat()}, efter {limit.isoformat()}.")
    if check.require == "previous_year" and period is not None and period != adopted.year - 1:
        return failed(
            [block], block, block.text,
            f"Berättelsen avser {period} men fastställdes {adopted.isoformat()}; den ska avse föregående kalenderår ({adopted.year - 1}).",
        )
    return Verdict(True, evidence=[block])


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [{
        "present": "Ett datum för fastställandet, t.ex. ”Fastställd av nämnden 2026-02-20”.",
        "deadline": f"Att fastställandedatumet är senast den {int(check.deadline[3:])} "
                    f"{MONTH_NAMES[int(check.deadline[:2])]} året efter det år berättelsen avser.",
        "previous_year": "Att berättelsen avser kalenderåret före det år den fastställdes.",
    }[check.require]]  # fmt: skip


MODEL = AdoptionCheck
