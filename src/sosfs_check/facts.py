"""Figures a report states: counts of avvikelser, synpunkter, lex Maria, lex Sarah, IVO, riskanalyser.

Counts are read from sentences ("155 avvikelser", "nio synpunkter", "en Lex Sarah",
"inga anmälningar om Lex Maria") and from tables (a header cell over a number, or a label
cell beside one). The first statement of each figure in reading order is kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from .document import Block
from .prefilter import Folded
from .regexes import needles
from .result import Fact
from .vocabulary import sentences

NUMBER_WORDS = {
    "inga": 0, "ingen": 0, "inget": 0, "noll": 0,
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
    "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100,
}  # fmt: skip
# A count: digits not glued to a law number or decimal ("2010:659", "98,5"), or a number word.
NUM = r"(?<![\d:,.])(?P<num>\d{1,5}(?:\s\d{3})?|" + "|".join(NUMBER_WORDS) + r")(?![\d:,])"
# Words that may stand between the count and what is counted.
FILLER = r"(?:\s+(?:st\.?|stycken|rapporterade|inkomna|registrerade|nya|olika|skriftliga|framförda|utredda|allvarliga|interna))?"

FACT_LABELS = {
    "avvikelser": "rapporterade avvikelser",
    "klagomal_synpunkter": "inkomna klagomål och synpunkter",
    "lex_maria_anmalningar": "anmälningar enligt lex Maria",
    "lex_sarah_rapporter": "rapporter enligt lex Sarah",
    "ivo_anmalningar": "anmälningar till IVO",
    "riskanalyser": "genomförda riskanalyser",
}
_COUNTED = {
    "avvikelser": r"avvikelse(?:r|rna|rapporter)?\b",
    "klagomal_synpunkter": r"(?:synpunkter|synpunkt|klagomål|klagomålsärenden)\b",
    "lex_maria_anmalningar": (
        r"(?:(?:anmälningar|anmälan|ärenden|händelser|händelse)(?:\s+\w+){0,4}?\s+(?:enligt|om|till|av)\s+)?lex\s+maria\b"
        r"|lex\s+maria-?(?:anmälningar|anmälan|ärenden)"
    ),
    "lex_sarah_rapporter": (
        r"(?:(?:rapporter|rapport|anmälningar|anmälan|utredningar|ärenden)\s+(?:enligt|om|av)\s+)?lex\s+sarah\b"
        r"|lex\s+sarah-?(?:rapporter|rapport|anmälningar|ärenden)"
    ),
    "ivo_anmalningar": (
        r"(?:anmälningar|anmälan|anmälningar)\s+(?:har\s+gjorts\s+)?till\s+(?:ivo|inspektionen)"
        r"|(?:anmäldes|anmälts|har\s+anmälts)\s+till\s+(?:ivo|inspektionen)"
    ),
    "riskanalyser": r"riskanalys(?:er|erna)?\b",
}
# The statement patterns are matched in lower-cased sentences (see `_from_text`).
_PATTERNS = {key: re.compile(NUM + FILLER + r"\s+(?:" + counted + ")") for key, counted in _COUNTED.items()}
# "Antal lex Maria-anmälningar: 2": a label and its count.
_LABELLED = {key: re.compile(r"(?:antal\s+)?(?:" + counted + r")\s*:\s*" + NUM) for key, counted in _COUNTED.items()}
# "inte genomfört några riskanalyser": a stated zero.
_NONE = {
    key: re.compile(r"\b(?:inte|ej)\s+(?:\w+\s+){0,3}(?:några|någon|något)\s+(?:" + counted + ")")
    for key, counted in _COUNTED.items()
}
# "Tre bedömdes vara allvarliga och anmäldes till IVO": a count told by what was done with it.
_REPORTED_TO_IVO = re.compile(
    NUM + r"(?:\s+\w+){0,6}?\s+(?:anmäldes|har\s+anmälts|anmälts|har\s+anmälts)\s+till\s+(?:ivo\b|inspektionen)"
)
# Under a heading that names what is counted ("Lex Sarah"), a count of reports or cases in its text
# ("Under 2025 kom fyra rapporter.") is that figure.
_IN_CONTEXT = re.compile(
    NUM + FILLER + r"\s+(?:rapporter|rapport|anmälningar|anmälan|ärenden|ärende|händelser|händelse|utredningar)\b"
)
_HEADER = {key: re.compile(r"^\s*(?:antal\s+)?(?:" + counted + r")", re.IGNORECASE) for key, counted in _COUNTED.items()}
_NAMES = {key: re.compile(counted, re.IGNORECASE) for key, counted in _COUNTED.items() if key != "ivo_anmalningar"}
_ANY_NAME = re.compile("|".join(f"(?:{name.pattern})" for name in _NAMES.values()), re.IGNORECASE)
_CELL_NUMBER = re.compile(r"^\s*(\d{1,5}(?:\s\d{3})?)\s*(?:st\.?)?\s*$")


def _value(token: str) -> int:
    token = token.lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token.replace(" ", ""))


_GENERIC = re.compile(r"\b(?:ska|skall|kan|bör|varje|när|om\s+en|om\s+ett)\b", re.IGNORECASE)


_PART = re.compile(r"\s+av\s")
_BEFORE = 200  # characters before a count in which "varav" or "av dessa" is looked for


def _is_count(sentence: str, match: re.Match, key: str) -> bool:
    """Reject parts ("två av synpunkterna", "varav 31") and generic articles ("när en avvikelse").
    Only text near the match is copied, so a sentence of megabytes stays linear."""
    num = match.group("num").lower()
    if _PART.match(sentence, match.end("num")):
        return False
    before = sentence[max(0, match.start() - _BEFORE) : match.start()].rstrip().lower()
    if key != "ivo_anmalningar" and before.endswith(("varav", "av de", "av dessa")):
        return False
    return num not in ("en", "ett") or not _generic(sentence)


@lru_cache(maxsize=4)
def _generic(sentence: str) -> bool:
    """Whether the sentence speaks of things in general; once per sentence (a str keeps its hash)."""
    return _GENERIC.search(sentence) is not None


@cache
def _needles(key: str) -> tuple[str, ...]:
    """Strings one of which any statement of the figure contains ("" when unknown: no filter)."""
    found = [needles(pattern)[:1] for pattern in (_PATTERNS[key], _NONE[key])]
    return found[0][0] + found[1][0] if all(found) else ("",)


def _keys(text: str, keys) -> list[str]:
    """The keys whose counted words occur in the text: a cheap test before the regexes."""
    folded = text.casefold()
    found = []
    for key in keys:
        for needle in _needles(key):
            if needle in folded:
                found.append(key)
                break
    return found


def _from_text(block: Block, keys: list[str]) -> list[Fact]:
    """The first count a block states for each of the keys whose words it holds.
    The patterns are written in lower case and matched in lower-cased text (faster than IGNORECASE)."""
    facts: dict[str, Fact] = {}
    for sentence in sentences(block.text):
        text = sentence.lower()
        for key in _keys(sentence, [k for k in keys if k not in facts]):
            if (value := _stated(text, key)) is not None:
                facts[key] = Fact(key, value, block.section_label, sentence, block.index)
    return list(facts.values())


def _stated(text: str, key: str) -> int | None:
    """The count a lower-cased sentence states for a key: a number before the counted word, a
    labelled number, else a stated zero; None when it states none."""
    spans = _spans(text, key)
    for pattern in (_PATTERNS[key], _LABELLED[key]):
        for start, end in spans:
            for match in pattern.finditer(text, start, end):
                if _is_count(text, match, key):
                    return _value(match.group("num"))
    if key == "ivo_anmalningar":
        for start, end in spans:
            if match := _REPORTED_TO_IVO.search(text, start, end):
                return _value(match.group("num"))
    return 0 if any(_NONE[key].search(text, start, end) for start, end in spans) else None


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
    named = [key for key, header in _NAMES.items() if header.search(heading)]
    return named[0] if len(named) == 1 else None


def _from_context(block: Block, key: str) -> list[Fact]:
    """Counts of reports or cases in a block under a heading that names what is counted, in
    sentences that name nothing counted themselves (those are read by `_from_text`)."""
    return [
        Fact(key, _value(m.group("num")), block.section_label, sentence, block.index)
        for sentence in sentences(block.text)
        if not _ANY_NAME.search(sentence)
        for m in _IN_CONTEXT.finditer(sentence.lower())
        if _is_count(sentence.lower(), m, key)
    ]


def _from_tables(blocks: list[Block]) -> list[Fact]:
    cells = {b.table: b for b in blocks if b.table is not None}
    facts = []
    for (table, row, col), cell in cells.items():
        for key, header in _HEADER.items():
            if not header.match(cell.text):
                continue
            for neighbour in (cells.get((table, row + 1, col)), cells.get((table, row, col + 1))):
                if neighbour is not None and (number := _CELL_NUMBER.match(neighbour.text)):
                    excerpt = f"{cell.text} | {neighbour.text}"
                    facts.append(Fact(key, int(number.group(1).replace(" ", "")), neighbour.section_label, excerpt, neighbour.index))
                    break
    return facts


def extract_facts(blocks: list[Block], folded: Folded | None = None, body: list[bool] | None = None) -> list[Fact]:
    """One fact per key: the first statement in reading order, in body text only. `folded`: the
    blocks' texts prepared for searching, when the caller has them; `body[pos]`: whether the block
    at a position is body text (default: `Block.is_body`)."""
    found: dict[str, Fact] = {}
    folded = folded or Folded([b.text for b in blocks])
    body = body if body is not None else [b.is_body for b in blocks]
    keys: dict[int, list[str]] = defaultdict(list)  # prose block position -> keys whose words it holds
    for key in _COUNTED:
        for position in sorted({p for needle in _needles(key) for p in folded.containing(needle)}):
            if blocks[position].table is None and body[position]:
                keys[position].append(key)
    candidates, done = _from_tables([b for b, is_body in zip(blocks, body) if is_body]), set()
    for position in sorted(keys):  # in reading order: a key stated once needs no further looking
        for fact in _from_text(blocks[position], [k for k in keys[position] if k not in done]):
            candidates.append(fact)
            done.add(fact.key)
    candidates += [
        fact for pos, block in enumerate(blocks) if body[pos] and block.table is None
        and (key := _named_by_heading(block)) for fact in _from_context(block, key)
    ]
    for fact in sorted(candidates, key=lambda f: f.block or 0):
        found.setdefault(fact.key, fact)
    return [found[key] for key in _COUNTED if key in found]
