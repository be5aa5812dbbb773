"""Events told one by one as reported ("Händelsen anmäldes till IVO enligt lex Maria." … "Också
denna händelse anmäldes enligt lex Maria."): how many, when the text lets them be counted, and
whether they agree with the count the text states."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Block
from .result import Fact
from .figureyears import elsewhen, generic
from .figurewording import ANOTHER, ANOTHER_REACH, NEGATED, NEGATED_REACH, ONE_REPORTED, REPORTING, Reading
from .vocabulary import sentences


@dataclass(frozen=True)
class Told:
    """A sentence saying that an event was reported. `another`: it is a further event ("Också denna
    händelse …"); None when the sentence was not read as one event ("Dessa anmäldes enligt lex Maria")."""

    sentence: str
    block: Block
    another: bool | None


def told_events(blocks: list[Block], positions: list[int], key: str, read: Reading, year: int | None) -> list[Told]:
    """The sentences, in reading order, that say of the period (not in general, not of another year,
    not denied) that an event was reported."""
    one, reporting = ONE_REPORTED[key], REPORTING[key]
    told = []
    for position in positions:
        for sentence in sentences(blocks[position].text):
            text = read(sentence.lower())
            match = one.search(text)
            found = match or reporting.search(text)
            if found is None or generic(text) or elsewhen(text, found, year) or _denied(text, found.start(), found.end()):
                continue
            another = bool(ANOTHER.search(text, max(0, found.start() - ANOTHER_REACH), found.end())) if match else None
            told.append(Told(sentence, blocks[position], another))
    return told


def _denied(text: str, start: int, end: int) -> bool:
    """Whether a negation stands in the statement or in its own clause just before it ("Ingen av dem
    anmäldes …"; not "Ingen skadades, men händelsen anmäldes …")."""
    clause = max(start - NEGATED_REACH, text.rfind(",", 0, start) + 1, text.rfind(";", 0, start) + 1, 0)
    return NEGATED.search(text, clause, end) is not None


def counted(told: list[Told]) -> int | None:
    """The number of events told: the first and each further one. None when it cannot be told: a
    sentence was not read as one event, the first is told as a further one, or a later one is not
    told as a further one (it may be the first again)."""
    if not told or told[0].another is not False or any(t.another is not True for t in told[1:]):
        return None
    return len(told)


@dataclass(frozen=True)
class Unclear:
    """Why a figure cannot be given: the sentences that tell of the events one by one, and the count
    the text states when the events told are more."""

    told: list[Fact]
    stated: Fact | None = None


def events_figure(key: str, told: list[Told], stated: Fact | None) -> Fact | Unclear | None:
    """The figure of the events told, when the text states no count; an `Unclear` when they cannot
    be counted or are more than the stated count; None when the stated count stands."""
    facts = [Fact(key, 1, t.block.section_label, t.sentence, t.block.index) for t in told]
    number = counted(told)
    if stated is not None:
        return Unclear(facts, stated) if number is not None and number > stated.value else None
    if number is None:
        return Unclear(facts)
    return Fact(key, number, facts[0].section, " … ".join(f.excerpt for f in facts), facts[0].block)
