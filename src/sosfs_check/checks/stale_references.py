"""Check type `stale_references`: references to replaced laws, föreskrifter and bodies, judged at --as-of."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field

from ..schema import Regex, Strict
from .context import Context, Problem, Verdict


class StaleEntry(Strict):
    pattern: Regex
    replacement: str
    since: date
    context: Regex | None = None  # must also match the sentence or its section path
    note: str = ""
    miscited: bool = False  # still in force, but cited for something another text regulates


class StaleReferencesCheck(Strict):
    """References to laws, föreskrifter and bodies that have been replaced, judged at --as-of."""

    type: Literal["stale_references"]
    entries: list[StaleEntry] = Field(min_length=1)
    historical: Regex = r"\b(tidigare|upphävd|upphävdes|ersattes|ersatt|hette|dåvarande|före den)\b"


def evaluate(check, ctx: Context) -> Verdict:
    """One finding per stale reference, at its first place, counting the others."""
    historical = re.compile(check.historical, re.IGNORECASE)
    entries = [
        (e, re.compile(e.pattern, re.IGNORECASE), re.compile(e.context, re.IGNORECASE) if e.context else None)
        for e in check.entries
        if e.since <= ctx.as_of
    ]
    found: dict[tuple[int, str], list] = {}
    where = [set(ctx.candidates([pattern])) for _, pattern, _ in entries]
    for pos in sorted(set().union(*where)):
        # Masking a match only blanks text out, so entries that cannot match the block stay out.
        live = [(n, entries[n]) for n, blocks in enumerate(where) if pos in blocks]
        block = ctx.blocks[pos]
        for sentence in ctx.sentences(pos):
            if historical.search(sentence):
                continue
            text = sentence
            for number, (entry, pattern, context) in live:
                for match in pattern.finditer(text):
                    if context and not (context.search(sentence) or context.search(block.section_label)):
                        continue
                    old = " ".join(match.group(0).split())
                    found.setdefault((number, old.lower()), [old, block, sentence, 0])[3] += 1
                    text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    problems = []
    for (number, _), (old, block, sentence, count) in found.items():
        entry = entries[number][0]
        if entry.miscited:
            detail = f"”{old}” är fel hänvisning här: det som avses regleras i {entry.replacement} (sedan {entry.since.isoformat()})."
        else:
            detail = f"”{old}” är inaktuell: ersatt av {entry.replacement} från {entry.since.isoformat()}."
        if count > 1:
            detail += f" Förekommer på {count} ställen."
        if entry.note:
            detail += f" {entry.note}"
        written_before = ctx.period_year is not None and ctx.period_year < entry.since.year
        problems.append(Problem(block, sentence, detail, "info" if written_before else None))
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return ["Hänvisningar som har ersatts, bedömda per datumet för granskningen (--as-of):"] + [
        f"  {e.replacement} gäller sedan {e.since.isoformat()} (mönster `{e.pattern}`)" for e in check.entries
    ]


MODEL = StaleReferencesCheck
