"""Status words: a line without a verb of its own, or a table's status cell, says whether a measure
was taken ("Digital signering – genomförd i mars", "| Genomförd |") or is still a plan ("– planerad
till mars 2026", "Pågår", "Ej påbörjad"). Under a column headed by a status ("Genomförd", "Klar") a
yes or no answers for its row ("Ja", "x", "✓" against "Nej", "–" or an empty cell). The words are the
pack's (`descriptions.done_statuses`, `plan_statuses`, `yes_answers`, `no_answers`); in a table the
status applies to its whole row. See docs/evidence.md."""

from __future__ import annotations

import re

from .prefilter import Folded

# Where a status stands: opening the line or cell ("Genomförd", "Status: klar"), or after a dash or
# colon that ends the name of the measure ("Fallrond på alla boenden – genomförd i september").
PLACE = r"(?:^\s*|\s[–-]\s*|:\s*)(?:status\s*:?\s*)?"
# What may follow a status: the end, a time ("i mars", "2025-03-01", "v. 12", "till hösten 2026") or a
# comma; never a noun it qualifies ("Klara rutiner finns …" is no status).
# A status label's colon qualifies the item after it ("Genomfört: byte av alla infusionspumpar").
AFTER = r"(?=\s*(?:[.,;:)]|$|\d|(?:i|under|vecka|v|den|per|senast|till|från|sedan|efter)\b))"
YEAR = r"(?:\s+(?:19|20)\d\d)?"
FIRST_WORD = re.compile(r"^\W*(\w+)")  # the word a nominal item opens with (`_dated`'s "noun")
# How a column header may say what its cells answer: "Genomförd (ja/nej)", "Klar?".
_ANSWER_NOTE = re.compile(r"\s*(?:\([^)]*\)|\?|ja\s*/\s*nej)\s*$", re.IGNORECASE)
Cell = tuple[int, int, int]  # a table cell: (table, row, column)


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
    the year, and not planned, the sentence's own plan wording and years tell (descriptions.py).
    `yes` and `no` are the answers in a column headed by a status."""

    def __init__(self, done: list[str], plans: list[str], ongoing: list[str] = (), share=None,
                 nominal: list[str] = (), times: list[str] = (), yes: list[str] = (), no: list[str] = ()):
        self.done, self.plans, self.ongoing = _pattern(done), _pattern(plans), _pattern(list(ongoing))
        self.share, self.nominal, self.dated = share, tuple(w.lower() for w in nominal), _dated(list(times))
        self.yes, self.no = {w.casefold() for w in yes}, {w.casefold() for w in no}

    def of(self, text: str, worded: tuple[bool, bool, bool] = (True, True, True)) -> str:
        """"done", "progress", "plan", "dated" or "": a status of a measure taken outweighs a plan in the same line.
        `worded`: whether the text may hold a word of the done, the ongoing and the plan statuses (the prefilter's)."""
        done, ongoing, plans = worded
        if done and self.done and self.done.search(text):
            return "done"
        if ongoing and self.ongoing and self.share and self.ongoing.search(text) and self.share(text):
            return "progress"
        if plans and self.plans and self.plans.search(text):
            return "plan"
        return self._dated_of(text)

    def _dated_of(self, text: str) -> str:
        """"dated" for a nominal item with its time ("Införande av … (maj)"), else ""."""
        # the cheap tests first: the time stands in brackets or after a dash, the first word has a nominal ending
        noun = FIRST_WORD.match(text) if self.dated and self.nominal and (")" in text or "–" in text or "-" in text) else None
        return "dated" if noun and noun[1].lower().endswith(self.nominal) and self.dated.match(text) else ""

    def by_row(self, texts: list[tuple[int, str]], cells: dict[int, Cell], folded: Folded) -> list[str]:
        """Per sentence its status, or that of its table row when one of the row's cells has one. A
        table's first row names its columns: "| Åtgärd | Genomförd |" is no measure taken, but it makes
        the row's answer below it one ("| Ny rutin | Ja |"). `folded`: the sentences case-folded; a
        status word is looked for only in those that hold one of its words; the others can only be a
        nominal item with its time (`_dated_of`, anchored at the start, so the prefilter cannot find it)."""
        each = [set(folded.candidates([p])) if p else set() for p in (self.done, self.ongoing, self.plans)]
        worded = set().union(*each)
        own = ["" if cells.get(position, (0, 1, 0))[1] == 0 else self.of(text, tuple(number in w for w in each))
               if number in worded else self._dated_of(text) for number, (position, text) in enumerate(texts)]
        row_status = self._answered(texts, cells)
        for (position, _), status in zip(texts, own):
            if status and position in cells and row_status.get(cells[position][:2]) != "done":
                row_status[cells[position][:2]] = status
        return [status or (row_status.get(cells[position][:2], "") if position in cells else "")
                for (position, _), status in zip(texts, own)]

    def _answered(self, texts: list[tuple[int, str]], cells: dict[int, Cell]) -> dict[tuple[int, int], str]:
        """Per table row, the status its answer in a column headed by a status gives: a yes ("Ja", "x",
        "✓") the header's status; a no ("Nej", "–") or an empty cell under "Genomförd" or "Klar", that
        the measure is not yet taken (a plan). A column whose cells answer something else is no such column."""
        headers: dict[tuple[int, int], str] = {}  # (table, column) -> the status its header names
        said: dict[Cell, str] = {}  # the text of each cell below a header
        for position, text in texts:
            if (cell := cells.get(position)) is None:
                continue
            if cell[1] == 0:
                if (status := self.of(_ANSWER_NOTE.sub("", text))) in ("done", "plan"):
                    headers[cell[0], cell[2]] = status
            else:
                said[cell] = f"{said.get(cell, '')} {text}".strip()
        answers: dict[tuple[int, int], str] = {}
        for (table, column), status in headers.items():
            rows = {cell[1] for cell in said if cell[0] == table}
            column_said = {row: said.get((table, row, column), "").rstrip(".").casefold() for row in rows}
            if not any(answer in self.yes or answer in self.no for answer in column_said.values()):
                continue  # dates, names or the like: no yes or no to read
            for row, answer in column_said.items():
                if answers.get((table, row)) == "done":
                    continue
                if answer in self.yes:
                    answers[table, row] = status
                elif (not answer or answer in self.no) and status == "done":
                    answers[table, row] = "plan"
        return answers
