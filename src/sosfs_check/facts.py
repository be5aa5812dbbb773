"""Figures a report states: counts of avvikelser, synpunkter, lex Maria, lex Sarah, IVO, riskanalyser.

Counts are read from sentences ("155 avvikelser", "nio synpunkter", "en Lex Sarah",
"inga anmälningar om Lex Maria", "118 händelser i vårt avvikelsesystem", "fyra rapporter om
missförhållanden") and from tables (a header cell over a number, or a label cell beside one; of a
table with a column or row per year, the period year's; never a column of targets). The first
statement of each figure in reading order is kept; one event told of as reported ("vi anmälde
händelsen till IVO enligt lex Maria") counts one when no count is stated. What is not the year's total is no figure: a
count told for another year ("Under 2024 kom 14 klagomål" in the 2025 report), a qualified zero
("sedan juni har inga nya avvikelser om sterilisering rapporterats"), a definition ("En avvikelse
är en händelse som …"), "Inga synpunkter." as the idiom for nothing to add.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cache, lru_cache

from .document import Block
from .facttables import from_tables
from .figureevents import Unclear, events_figure, told_events
from .figureyears import BEFORE, elsewhen, generic, year_of
from .figurewording import (
    CASES_FIRST, CHANGED, COUNTED, FOLLOWS_FROM_ZERO, HEADER, HEADING_NAMES, IN_CASES, IN_CONTEXT, LABELLED, NAMES, NO_READING, NOT_ANY,
    NUM, PATTERNS, REPORTED, Reading, count_value,
)
from .prefilter import Folded
from .regexes import casefolded, may_match, needles
from .result import Fact
from .values import Frozen
from .vocabulary import sentences

Said = list[tuple[str, str]]  # a block's sentences, each with its lower-cased text read (`Reading`)

FACT_LABELS = {
    "avvikelser": "rapporterade avvikelser",
    "klagomal_synpunkter": "inkomna klagomål och synpunkter",
    "lex_maria_anmalningar": "anmälningar enligt lex Maria",
    "lex_sarah_rapporter": "rapporter enligt lex Sarah",
    "ivo_anmalningar": "anmälningar till IVO",
    "riskanalyser": "genomförda riskanalyser",
}


# "En avvikelse är en händelse som …", "En riskanalys innebär …": an article in a definition.
_DEFINITION = re.compile(r"\s+(?:är\s+(?:en|ett|när|då|det)\b|innebär|betyder|definieras|menas|avses|kallas)")
# "ett par", "ett antal", "en rad": a quantity the article does not count.
_VAGUE = re.compile(r"\s+(?:par|antal|fåtal|flertal|mängd|rad|del|handfull)\b")
# A zero that is not the year's total: about one kind ("inga avvikelser om sterilisering"), since a
# date ("sedan juni"), new ones only ("inga nya avvikelser").
_TOPIC = re.compile(r"\s+(?:om|gällande|angående|rörande|avseende|kring|som\s+rör|som\s+gäller|av\s+typen)\s+(?!allvarlig|missförhåll|lex\b|vårdskad|ivo\b)")
_TOPIC_COMPLAINT = re.compile(r"\s+på\s")  # "inga synpunkter på maten"
_SINCE = re.compile(r"\bsedan\s+(?!förra|föregående)")
_NEW = re.compile(r"\bnya\b")
# "Inga synpunkter.": the idiom for nothing to add, a figure only under a heading about klagomål.
_NOTHING_TO_ADD = re.compile(r"\s*(?:inga|inget)\s+(?:övriga\s+|ytterligare\s+|fler\s+|andra\s+)?synpunkter\s*[.!]?\s*")
# "Under 2024 rapporterades 171 avvikelser och under 2025 155": the period's count after another year's.
_ELLIPSIS = re.compile(
    r"\b(?:under|år|i|för)\s+(?:år\s+)?(?P<year>20\d\d)\s+" + NUM + r"(?=\s*(?:[.,;:)]|och\b|$))"
)
# "Under 2024 gjordes två anmälningar enligt lex Maria. Under 2025 gjordes ingen.": the period's count
# in a sentence of its own right after another year's, naming nothing counted.
_ELLIPTIC_SENTENCE = re.compile(r"\s*(?:under|i|för)\s+(?:år\s+)?(?P<year>20\d\d)\s+(?:\w+\s+){0,2}?" + NUM + r"(?:\s+st\.?)?\s*[.!]?\s*")
# A report to IVO in a clause about lex Maria (vårdskador) is not an anmälan of a missförhållande.
_MARIA = re.compile(r"lex\s+maria|vårdskad")
_SARAH = re.compile(r"lex\s+sarah|missförhåll")


_PART = re.compile(r"\s+av\s")
# "varav 31", "bland annat 12": a part of the total; "ytterligare två": more than told before.
_PART_BEFORE = ("varav", "av de", "av dessa", "bland annat", "däribland", "bland dem", "bland dessa")
_MORE_BEFORE = ("ytterligare", "ännu")
_DIFFERENCE = re.compile(r"\s+(?:fler|färre|mer|mindre)\b")  # "12 avvikelser fler än 2024"
# "skrevs om efter två avvikelser om uteblivna leveranser": a count a preposition governs tells why or
# when something was done, not how many there were in the year (review4 item 5).
_GOVERNED = re.compile(r"(?:^|\s)(?:efter|på\s+grund\s+av|till\s+följd\s+av|med\s+anledning\s+av)$")
_AFTER = 80  # characters after a count in which its clause is read


def _is_count(sentence: str, match: re.Match, key: str, part: bool = False) -> bool:
    """Reject parts ("två av synpunkterna", "varav 31", unless `part`: "tre av dem anmäldes till
    IVO" counts those reported), generic articles ("när en avvikelse") and definitions ("En
    avvikelse är en händelse …"). Only text near the match is copied, so a sentence of megabytes
    stays linear. A difference ("12 avvikelser fler"), more ("ytterligare två") or a count a preposition
    governs ("efter två avvikelser") is no count either."""
    num = match.group("num").lower()
    if not part and _PART.match(sentence, match.end("num")):
        return False
    before = sentence[max(0, match.start() - BEFORE) : match.start()].rstrip().lower()
    if key != "ivo_anmalningar" and not part and before.endswith(_PART_BEFORE) or before.endswith(_MORE_BEFORE):
        return False
    if _GOVERNED.search(before):
        return False
    if num in ("en", "ett") and (_DEFINITION.match(sentence, match.end()) or _VAGUE.match(sentence, match.end("num")) or generic(sentence)):
        return False
    if _DIFFERENCE.match(sentence, match.end()):
        return False
    return key != "ivo_anmalningar" or not _about_maria(sentence, match)


def _about_maria(text: str, match: re.Match) -> bool:
    """Whether the clause of a report to IVO is about lex Maria and not about a missförhållande."""
    start, end = match.start(), match.end()
    low = max(text.rfind(",", max(0, start - BEFORE), start), text.rfind(";", max(0, start - BEFORE), start)) + 1
    stops = [i for i in (text.find(",", end, end + _AFTER), text.find(";", end, end + _AFTER)) if i != -1]
    clause = text[max(low, start - BEFORE) : min([*stops, end + _AFTER])]
    return bool(_MARIA.search(clause)) and not _SARAH.search(clause)


def _qualified_zero(text: str, match: re.Match, key: str, year: int | None) -> bool:
    """Whether a stated zero is about part of the year or one kind only (see `_TOPIC`)."""
    end = match.end()
    if _TOPIC.match(text, end) or (key == "klagomal_synpunkter" and _TOPIC_COMPLAINT.match(text, end)):
        return True
    near = (max(0, match.start() - BEFORE), min(len(text), end + _AFTER))
    if _SINCE.search(text, *near):
        return True
    return bool(_NEW.search(text, match.start(), end)) and (year is None or year_of(text, match, year) != year)


@cache
def _needles(key: str) -> tuple[str, ...]:
    """Strings one of which any statement of the figure contains ("" when unknown: no filter)."""
    patterns = [PATTERNS[key], NOT_ANY[key], *([REPORTED[key]] if key in REPORTED else [])]
    found = [needles(pattern)[:1] for pattern in patterns]
    return tuple(n for f in found for n in f[0]) if all(found) else ("",)


def _keys(text: str, keys) -> list[str]:
    """The keys whose counted words occur in the text: a cheap test before the regexes."""
    folded = casefolded(text)
    found = []
    for key in keys:
        for needle in _needles(key):
            if needle in folded:
                found.append(key)
                break
    return found


def _from_text(block: Block, said: Said, keys: list[str], year: int | None) -> list[Fact]:
    """The first count a block states for each of the keys whose words it holds, in its sentences
    as `said`. The patterns are written in lower case and matched in lower-cased text (faster than IGNORECASE),
    with the pack's abbreviations and loanwords read."""
    facts: dict[str, Fact] = {}
    previous = ""
    for sentence, text in said:
        if year is not None and (elliptic := _ELLIPTIC_SENTENCE.fullmatch(text)) and int(elliptic["year"]) == year:
            if (key := _told_for_another_year(previous, [k for k in keys if k not in facts], year)) is not None:
                facts[key] = Fact(key, count_value(elliptic["num"]), block.section_label, sentence, block.index)
        for key in _keys(text, [k for k in keys if k not in facts]):
            if key == "klagomal_synpunkter" and _NOTHING_TO_ADD.fullmatch(text) and not _about_complaints(block):
                continue
            if (value := _stated(text, key, year)) is not None:
                facts[key] = Fact(key, value, block.section_label, sentence, block.index)
        previous = text
    return list(facts.values())


def _told_for_another_year(text: str, keys: list[str], year: int) -> str | None:
    """The one key a lower-cased sentence states a count of for another year than `year`."""
    told = [key for key in _keys(text, keys) if _stated(text, key, year) is None and _stated(text, key) is not None]
    return told[0] if len(told) == 1 else None


def _about_complaints(block: Block) -> bool:
    return any(NAMES["klagomal_synpunkter"].search(heading) for heading in block.section)


# Per key, the patterns that state its count, in the order `_stated` tries them.
_STATING = {key: (PATTERNS[key], LABELLED[key], *([CHANGED[key]] if key in CHANGED else []), IN_CASES[key], CASES_FIRST[key])
            for key in PATTERNS}


def _stated(text: str, key: str, year: int | None = None) -> int | None:
    """The count a lower-cased sentence states for a key in the period `year`: a number before the
    counted word, a labelled number, a change's end, "i 58 fall" after or before it, a count told by what was done with
    it, else a stated zero; None when it states none."""
    spans = _spans(text, key)
    folded = casefolded(text)  # a pattern runs only where its literal words are (`may_match`)
    for pattern in _STATING[key]:
        if not may_match(pattern, folded):
            continue
        for start, end in spans:
            for match in pattern.finditer(text, start, end):
                if (value := _judged(text, match, key, year)) is not None:
                    return value
    if key in REPORTED and may_match(REPORTED[key], folded):
        for start, end in spans:
            if match := _nearest(REPORTED[key], text, start, end):
                if (value := _judged(text, match, key, year, part=True)) is not None:
                    return value
    for start, end in spans if may_match(NOT_ANY[key], folded) else ():
        for match in NOT_ANY[key].finditer(text, start, end):
            if not _qualified_zero(text, match, key, year) and not elsewhen(text, match, year):
                return 0
    return None


def _judged(text: str, match: re.Match, key: str, year: int | None, part: bool = False) -> int | None:
    """The match's count when it is the period's total; told for another year, the period's count
    an elliptic clause after it gives ("… och under 2025 155"), else None."""
    if not _is_count(text, match, key, part) or _about_one_kind(text, match, key):
        return None
    value = count_value(match.group("num"))
    if elsewhen(text, match, year):
        later = _ELLIPSIS.search(text, match.end(), min(len(text), match.end() + _AFTER))
        return count_value(later.group("num")) if later and int(later.group("year")) == year else None
    return None if value == 0 and _qualified_zero(text, match, key, year) else value


def _about_one_kind(text: str, match: re.Match, key: str) -> bool:
    """Whether a change is told for one kind only ("Klagomålen om telefonen minskade från 19 till 6")."""
    what = match.groupdict().get("what") and "what" or match.groupdict().get("what2") and "what2"
    return bool(what) and (
        bool(_TOPIC.match(text, match.end(what))) or key == "klagomal_synpunkter" and bool(_TOPIC_COMPLAINT.match(text, match.end(what)))
    )


def _nearest(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The match whose count stands nearest to what was done: in "Två händelser utreddes och en
    anmäldes till IVO" the count of those reported is "en", not "två"."""
    found = None
    while match := pattern.search(text, start, end):
        found, start = match, match.end("num")
    return found


_LONG = 2_000  # characters: a longer "sentence" (one huge paragraph) is scanned only near the counted words
_REACH = 300  # characters either side of a counted word in which its count is looked for


def _spans(text: str, key: str) -> list[tuple[int, int]]:
    """Where in a sentence the key's statements can be: all of it, or, in a very long one, the
    disjoint stretches around its counted words, so that scanning stays proportional to them."""
    if len(text) <= _LONG or "" in _needles(key):
        return [(0, len(text))]
    around = []
    for needle in _needles(key):
        at = text.find(needle)
        while at != -1:
            around.append((max(0, at - _REACH), min(len(text), at + len(needle) + _REACH)))
            at = text.find(needle, at + 1)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(around):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _named_by_heading(block: Block) -> str | None:
    """The one figure the block's own heading names ("6.5 Lex Sarah" -> lex_sarah_rapporter)."""
    return _named(block.section[-1]) if block.section else None


@lru_cache(maxsize=256)
def _named(heading: str) -> str | None:
    named = [key for key, header in HEADING_NAMES.items() if header.search(heading)]
    return named[0] if len(named) == 1 else None


# Under such a heading, a sentence that is only a count ("Inga.", "Två under året.") is that figure.
_BARE = re.compile(r"\s*" + NUM + r"(?:\s+under\s+(?:året|20\d\d))?\s*[.!]?\s*")


def _from_context(block: Block, said: Said, key: str, year: int | None) -> list[Fact]:
    """Counts of reports or cases in a block under a heading that names what is counted, in
    sentences that name nothing counted themselves (those are read by `_from_text`)."""
    facts = []
    for sentence, text in said:
        folded = casefolded(text)
        if any(may_match(name, folded) and name.search(text) for name in NAMES.values()):
            continue  # names what is counted: each name's pattern runs only where its words stand
        if bare := _BARE.fullmatch(text):
            facts.append(Fact(key, count_value(bare.group("num")), block.section_label, sentence, block.index))
            continue
        facts += [
            Fact(key, value, block.section_label, sentence, block.index)
            for m in (IN_CONTEXT.finditer(text) if may_match(IN_CONTEXT, folded) else ())
            if (value := _judged(text, m, key, year)) is not None
        ]
    return facts


def _said(blocks: list[Block], read: Reading, split: Callable[[int], list[str]] | None) -> Callable[[int], Said]:
    """The sentences of the block at a position with their lower-cased text read (`Reading`), made once
    for every reading of the figures."""
    made: dict[int, Said] = {}

    def said(position: int) -> Said:
        if position not in made:
            made[position] = [(s, read(s.lower())) for s in (split(position) if split else sentences(blocks[position].text))]
        return made[position]

    return said


def _telling(blocks: list[Block], folded: Folded, body: list[bool], read: Reading) -> list[int]:
    """The positions of the prose body blocks that may tell of an event reported (`figureevents`)."""
    words = {word for wording in read.events.values() for word in wording.needles}
    found = {p for word in words for p in folded.containing(word)}
    return [p for p in sorted(found) if blocks[p].table is None and body[p]]


class Figures(Frozen):
    """The figures a report states (one fact per key, in `COUNTED` order), and the keys whose number
    the text does not let be told, with why."""

    __slots__ = ("facts", "unclear")

    def __init__(self, facts: list[Fact], unclear: dict[str, Unclear] | None = None):
        self._set(facts=facts, unclear={} if unclear is None else unclear)


def extract_facts(blocks: list[Block], folded: Folded | None = None, body: list[bool] | None = None,
                  year: int | None = None, read: Reading = NO_READING) -> list[Fact]:
    """The facts of `read_figures`."""
    return read_figures(blocks, folded, body, year, read).facts


def read_figures(blocks: list[Block], folded: Folded | None = None, body: list[bool] | None = None,
                 year: int | None = None, read: Reading = NO_READING,
                 split: Callable[[int], list[str]] | None = None) -> Figures:
    """One fact per key: the first statement in reading order, in body text only, of the period
    `year` when it is known (a count told for another year is none); else events told one by one
    (`figureevents`; none when they are more than the stated count), else a figure that follows
    from another's zero. `folded`: the blocks' texts
    prepared for searching, when the caller has them; `body[pos]`: whether the block at a position
    is body text (default: `Block.is_body`); `read`: the pack's abbreviations and loanwords; `split`: the
    sentences of the block at a position, when the caller has them."""
    found: dict[str, Fact] = {}
    said = _said(blocks, read, split)
    folded = folded or Folded([b.text for b in blocks])
    body = body if body is not None else [b.is_body for b in blocks]
    keys: dict[int, list[str]] = defaultdict(list)  # prose block position -> keys whose words it holds
    for key in COUNTED:
        words = {w for needle in _needles(key) for w in (needle, *read.sources(needle))}
        for position in sorted({p for word in words for p in folded.containing(word)}):
            if blocks[position].table is None and body[position]:
                keys[position].append(key)
    candidates, done = from_tables([b for b, is_body in zip(blocks, body) if is_body], HEADER, year), set()
    for position in sorted(keys):  # in reading order: a key stated once needs no further looking
        for fact in _from_text(blocks[position], said(position), [k for k in keys[position] if k not in done], year):
            candidates.append(fact)
            done.add(fact.key)
    candidates += [
        fact for pos, block in enumerate(blocks) if body[pos] and block.table is None
        and (key := _named_by_heading(block)) for fact in _from_context(block, said(pos), key, year)
    ]
    for fact in sorted(candidates, key=lambda f: f.block or 0):
        found.setdefault(fact.key, fact)
    unclear: dict[str, Unclear] = {}
    told = told_events(blocks, _telling(blocks, folded, body, read), said, read, year) if read.events else {}
    for key, events in told.items():
        if events:
            figure = events_figure(key, events, found.get(key))
            if isinstance(figure, Unclear):
                unclear[key] = figure
                found.pop(key, None)
            elif figure is not None:
                found[key] = figure
    for key, source in FOLLOWS_FROM_ZERO.items():
        if key not in found and key not in unclear and (zero := found.get(source)) and zero.value == 0:
            found[key] = Fact(key, 0, zero.section, zero.excerpt, zero.block)
    return Figures([found[key] for key in COUNTED if key in found], unclear)
