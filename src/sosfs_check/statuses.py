"""Status words: a line without a verb of its own, or a table's status cell, says whether a measure
was taken ("Digital signering – genomförd i mars", "| Genomförd |") or is still a plan ("– planerad
till mars 2026", "Pågår", "Ej påbörjad"). The words are the pack's (`descriptions.statuses`); in a
table the status applies to its whole row. See docs/evidence.md."""

from __future__ import annotations

import re

# Where a status stands: opening the line or cell ("Genomförd", "Status: klar"), or after a dash or
# colon that ends the name of the measure ("Fallrond på alla boenden – genomförd i september").
PLACE = r"(?:^\s*|\s[–-]\s*|:\s*)(?:status\s*:?\s*)?"
# What may follow a status: the end, a time ("i mars", "2025-03-01", "v. 12", "till hösten 2026") or a
# comma; never a noun it qualifies ("Klara rutiner finns …" is no status).
# A status label's colon qualifies the item after it ("Genomfört: byte av alla infusionspumpar").
AFTER = r"(?=\s*(?:[.,;:)]|$|\d|(?:i|under|vecka|v|den|per|senast|till|från|sedan|efter)\b))"
YEAR = r"(?:\s+(?:19|20)\d\d)?"


def _pattern(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    names = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(PLACE + rf"(?:{names})\b" + AFTER, re.IGNORECASE)


def _dated(times: list[str]) -> re.Pattern | None:
    """A nominal item that ends with its time, in brackets or after a dash: "Införande av … (maj)",
    "Byte av nattlarm – hösten 2025"; the first word is checked against the nominal endings."""
    if not times:
        return None
    when = rf"(?:i\s+|under\s+)?(?:{'|'.join(map(re.escape, sorted(times, key=len, reverse=True)))}){YEAR}"
    return re.compile(rf"^\W*(?P<noun>\w+)\s+(?:av|i|för|med|om|på|till|vid)\s[^()–]*?"
                      rf"(?:\(\s*{when}\s*\)|\s[–-]\s*{when})\s*\.?\s*$", re.IGNORECASE)


class Statuses:
    """The pack's status words: `done` for a measure taken, `plans` for one still to come or not begun;
    `ongoing` ones ("Pågår") with a share of progress (`share`: "60 av 90 utbildade") say a measure was
    taken and still runs ("progress"); a nominal item (`nominal` endings: "Införande", "Byte") with its
    time (`times`: "(maj)", "– hösten") says when it was taken ("dated"). Whether those two are taken in
    the year, and not planned, the sentence's own plan wording and years tell (descriptions.py)."""

    def __init__(self, done: list[str], plans: list[str], ongoing: list[str] = (), share=None,
                 nominal: list[str] = (), times: list[str] = ()):
        self.done, self.plans, self.ongoing = _pattern(done), _pattern(plans), _pattern(list(ongoing))
        self.share, self.nominal, self.dated = share, tuple(w.lower() for w in nominal), _dated(list(times))

    def of(self, text: str) -> str:
        """"done", "progress", "plan", "dated" or "": a status of a measure taken outweighs a plan in the same line."""
        if self.done and self.done.search(text):
            return "done"
        if self.ongoing and self.share and self.ongoing.search(text) and self.share(text):
            return "progress"
        if self.plans and self.plans.search(text):
            return "plan"
        dated = self.dated.match(text) if self.dated and self.nominal else None
        return "dated" if dated and dated["noun"].lower().endswith(self.nominal) else ""

    def by_row(self, texts: list[tuple[int, str]], rows: dict[int, tuple[int, int]]) -> list[str]:
        """Per sentence its status, or that of its table row when one of the row's cells has one. A
        table's first row names its columns: "| Åtgärd | Genomförd |" is no measure taken."""
        own = ["" if rows.get(position, (0, 1))[1] == 0 else self.of(text) for position, text in texts]
        row_status: dict[tuple[int, int], str] = {}
        for (position, _), status in zip(texts, own):
            if status and position in rows and row_status.get(rows[position]) != "done":
                row_status[rows[position]] = status
        return [status or row_status.get(rows.get(position), "") for (position, _), status in zip(texts, own)]
