"""Check type `title`: the title page names the kind of report and a year."""

from __future__ import annotations

from .. import dates
from .context import Context
from ..verdicts import Verdict, excerpt, failed, quoted


def evaluate(check, ctx: Context) -> Verdict:
    front = ctx.document.front_text
    first = ctx.document.front_matter[:1] or ctx.document.headings[:1]
    has_term = any(ctx.front_index.matching(t) for t in check.terms)
    has_year = bool(dates.YEAR.search(front)) or not check.require_year
    if has_term and has_year:
        return Verdict(True)  # a title describes nothing: it is no evidence for the checklist
    missing = "rapporttyp" if not has_term else "årtal"
    return failed([], first[0] if first else None, excerpt(ctx.document.title), f"Titelsidan saknar {missing}.")


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    year = " och ett årtal" if check.require_year else ""
    return [f"Titelsidan innehåller {quoted(check.terms)}{year}."]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import Strict

    class TitleCheck(Strict):
        """The title page names the kind of report (and a year)."""

        type: Literal["title"]
        terms: list[str] = Field(min_length=1)
        require_year: bool = True

    return TitleCheck
