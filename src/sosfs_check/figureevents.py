"""Events told one by one as reported ("Händelsen anmäldes till IVO enligt lex Maria." … "Också
denna händelse anmäldes enligt lex Maria."): how many, when the text lets them be counted, and
whether they agree with the count the text states."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from .document import Block
from .result import Fact
from .figureyears import elsewhen, generic
from .figuretelling import ANOTHER, ANOTHER_REACH, REFERS_BACK, SEVERAL, EventWording, ordinal
from .figurewording import NEGATED, NEGATED_REACH, Reading
from .vocabulary import sentences


class Told(NamedTuple):
    """A sentence saying that an event was reported. `another`: it is a further event ("Också denna
    händelse …"); None when the sentence was not read as one event ("Dessa anmäldes enligt lex Maria").
    `ordinal`: which one in the series it says it is ("en tredje anmälan": 3)."""

    sentence: str
    block: Block
    another: bool | None
    ordinal: int | None = None


def told_events(blocks: list[Block], positions: list[int], said: Callable[[int], list[tuple[str, str]]], read: Reading,
                year: int | None) -> dict[str, list[Told]]:
    """Per figure, the sentences, in reading order, that say of the period (not in general, not of
    another year, not denied) that an event was reported. A report to the recipient ("MAS anmälde
    händelsen till IVO") without the law named is one under the law its sentence, its headings or
    another told event under the same heading names (`_law_of`). `said(position)`: the block's sentences,
    each with its lower-cased text read (`facts._said`)."""
    told: list[tuple[str, bool, Told, tuple[str, ...]]] = []  # key, law known, told, heading group
    for position in positions:
        block = blocks[position]
        group = block.section[:-1] if len(block.section) >= 2 else block.section
        for sentence, text in said(position):
            for key, wording in read.events.items():
                if not wording.mentions.search(text) or generic(text):  # few mention an event: asked of those only
                    continue
                match = wording.one_event(text)
                found = match or wording.any.search(text)
                if found is None or elsewhen(text, found, year) or _denied(text, found.start(), found.end()):
                    continue
                known = bool(wording.laws.search(text, found.start(), found.end())) or _law_of(key, text, block, read.events)
                clause = max(text.rfind(",", 0, found.start()), text.rfind(";", 0, found.start())) + 1
                ends = [i for i in (text.find(",", found.end()), text.find(";", found.end()), len(text)) if i != -1]
                one = match is not None and not REFERS_BACK.search(text, clause, found.start()) and not SEVERAL.search(text, found.start(), min(ends))
                another = bool(ANOTHER.search(text, max(0, found.start() - ANOTHER_REACH), found.end())) if one else None
                told.append((key, known, Told(sentence, block, another, ordinal(text, found.start(), found.end())), group))
    named = {(key, group) for key, known, _, group in told if known}
    return {key: [t for k, known, t, group in told if k == key and (known or (key, group) in named)] for key in read.events}


def _law_of(key: str, text: str, block: Block, events: dict[str, EventWording]) -> bool:
    """Whether a sentence without its law names its matter ("vårdskada") or its headings name
    its law, and neither names another figure's law."""
    others = [wording for other, wording in events.items() if other != key]
    if any(w.law.search(text) for w in others):
        return False
    if events[key].law.search(text):
        return True
    headings = [h.lower() for h in block.section]
    return not any(w.laws.search(h) for w in others for h in headings) and any(events[key].laws.search(h) for h in headings)


def _denied(text: str, start: int, end: int) -> bool:
    """Whether a negation stands in the statement or in its own clause just before it ("Ingen av dem
    anmäldes …"; not "Ingen skadades, men händelsen anmäldes …")."""
    clause = max(start - NEGATED_REACH, text.rfind(",", 0, start) + 1, text.rfind(";", 0, start) + 1, 0)
    return NEGATED.search(text, clause, end) is not None


def counted(told: list[Told]) -> int | None:
    """The number of events told: the first and each further one. None when it cannot be told: a
    sentence was not read as one event, the first is told as a further one, a later one is not told
    as a further one (it may be the first again), or one says it is another in the series than it
    is ("en tredje anmälan" told second)."""
    if not told or told[0].another is not False:
        return None
    for number, (before, now) in enumerate(zip([None, *told], told), start=1):
        if now.ordinal not in (None, number) or before is not None and not (now.another or _apart(before, now)):
            return None
    return len(told)


def _apart(before: Told, now: Told) -> bool:
    """Whether two events are told apart by the text's own structure: under sibling headings ("##
    Nattsköterskan som inte kom", "## Insulinet som gavs två gånger" under one heading), or in
    paragraphs of one section that each open a story of their own (`_opens_story`); not the same
    event told again elsewhere ("Åtgärder")."""
    one, other = before.block.section, now.block.section
    if now.another is not False:
        return False
    if len(one) >= 2 and one != other and one[:-1] == other[:-1]:
        return True
    return one == other and before.block is not now.block and _opens_story(before) and _opens_story(now)


# "En kvinna på Ekgården blev liggande …": a paragraph that opens with someone or something new, in
# the indefinite, tells a story of its own (not "En av dem …", "Ett par …", "En gång …").
_NEW_STORY = re.compile(r"(?:en|ett)\s+(?!(?:av|par|gång|del|rad|antal|fåtal|flertal)\b)\w+", re.IGNORECASE)


def _opens_story(told: Told) -> bool:
    """Whether the event is told after the opening of a paragraph that begins a story of its own."""
    opening = next(iter(sentences(told.block.text)), "")
    return opening != told.sentence and _NEW_STORY.match(opening) is not None


class Unclear(NamedTuple):
    """Why a figure cannot be given: the sentences that tell of the events one by one, and the count
    the text states when the events told are more."""

    told: list[Fact]
    stated: Fact | None = None
    repeated: bool = False  # each was told as one event, but not as a further one: maybe the same told again


def events_figure(key: str, told: list[Told], stated: Fact | None) -> Fact | Unclear | None:
    """The figure of the events told, when the text states no count; an `Unclear` when they cannot
    be counted or are more than the stated count; None when the stated count stands. The sentence
    that states the count ("MAS gjorde en lex Maria-anmälan") is not an event told besides it."""
    if stated is not None:
        told = [t for t in told if (t.block.index, t.sentence) != (stated.block, stated.excerpt)]
        if not told:
            return None
    facts = [Fact(key, 1, t.block.section_label, t.sentence, t.block.index) for t in told]
    number = counted(told)
    if stated is not None:
        return Unclear(facts, stated) if number is not None and number > stated.value else None
    if number is None:
        return Unclear(facts, repeated=len(told) > 1 and all(t.another is not None and t.ordinal is None for t in told))
    return Fact(key, number, facts[0].section, " … ".join(f.excerpt for f in facts), facts[0].block)
