"""Status words: a line without a verb of its own, or a table's status cell, says whether a measure
was taken ("Digital signering – genomförd i mars", "| Genomförd |") or is still a plan ("– planerad
till mars 2026", "Pågår", "Ej påbörjad"). The words are the pack's (`descriptions.statuses`); in a
table the status applies to its whole row. See docs/evidence.md."""

from __future__ import annotations

import re

from .prefilter import Folded

# Where a status stands: opening the line or cell ("Genomförd", "Status: klar"), or after a dash or
# colon that ends the name of the measure ("Fallrond på alla boenden – genomförd i september").
PLACE = r"(?:^\s*|\s[–-]\s*|:\s*)(?:status\s*:?\s*)?"
# What may follow a status: the end, a time ("i mars", "2025-03-01", "v. 12", "till hösten 2026") or a
# comma; never a noun it qualifies ("Klara rutiner finns …" is no status).
AFTER = r"(?=\s*(?:[.,;)]|$|\d|(?:i|under|vecka|v|den|per|senast|till|från|sedan|efter)\b))"


def _pattern(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    names = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(PLACE + rf"(?:{names})\b" + AFTER, re.IGNORECASE)


class Statuses:
    """The pack's status words: `done` for a measure taken, `plans` for one still to come or not begun."""

    def __init__(self, done: list[str], plans: list[str]):
        self.done, self.plans = _pattern(done), _pattern(plans)

    def of(self, text: str) -> str:
        """"done", "plan" or "": a status of a measure taken outweighs a plan in the same line."""
        if self.done and self.done.search(text):
            return "done"
        return "plan" if self.plans and self.plans.search(text) else ""

    def by_row(self, texts: list[tuple[int, str]], rows: dict[int, tuple[int, int]], folded: Folded) -> list[str]:
        """Per sentence its status, or that of its table row when one of the row's cells has one. A
        table's first row names its columns: "| Åtgärd | Genomförd |" is no measure taken. `folded`:
        the sentences case-folded; a status is looked for only in those that hold one of its words."""
        worded = set(folded.candidates([p for p in (self.done, self.plans) if p]))
        own = ["" if number not in worded or rows.get(position, (0, 1))[1] == 0 else self.of(text)
               for number, (position, text) in enumerate(texts)]
        row_status: dict[tuple[int, int], str] = {}
        for (position, _), status in zip(texts, own):
            if status and position in rows and row_status.get(rows[position]) != "done":
                row_status[rows[position]] = status
        return [status or row_status.get(rows.get(position), "") for (position, _), status in zip(texts, own)]
