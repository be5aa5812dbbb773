"""Figures a report states: counts of avvikelser, synpunkter, lex Maria, lex Sarah, IVO, riskanalyser.

Counts are read from sentences ("155 avvikelser", "nio synpunkter", "en Lex Sarah",
"inga anmälningar om Lex Maria") and from tables (a header cell over a number, or a label
cell beside one). The first statement of each figure in reading order is kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

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
_HEADER = {key: re.compile(r"^\s*(?:antal\s+)?(?:" + counted + r")", re.IGNORECASE) for key, counted in _COUNTED.items()}
_CELL_NUMBER = re.compile(r"^\s*(\d{1,5}(?:\s\d{3})?)\s*(?:st\.?)?\s*$")


def _value(token: str) -> int:
    token = token.lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token.replace(" ", ""))


_GENERIC = re.compile(r"\b(?:ska|skall|kan|bör|varje|när|om\s+en|om\s+ett)\b", re.IGNORECASE)


def _is_count(sentence: str, match: re.Match, key: str) -> bool:
    """Reject parts ("två av synpunkterna", "varav 31") and generic articles ("när en avvikelse")."""
    num = match.group("num").lower()
    if re.match(r"\s+av\s", sentence[match.end("num") :]):
        return False
    before = sentence[: match.start()].rstrip().lower()
    if key != "ivo_anmalningar" and before.endswith(("varav", "av de", "av dessa")):
        return False
    return num not in ("en", "ett") or not _GENERIC.search(sentence)


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
    """Counts stated in a block's sentences, for the keys whose words the block holds.
    The patterns are written in lower case and matched in lower-cased text (faster than IGNORECASE)."""
    facts = []
    for sentence in sentences(block.text):
        text = sentence.lower()
        for key in _keys(sentence, keys):
            facts.extend(
                Fact(key, _value(m.group("num")), block.section_label, sentence, block.index)
                for pattern in (_PATTERNS[key], _LABELLED[key])
                for m in pattern.finditer(text)
                if _is_count(text, m, key)
            )
            if _NONE[key].search(text):
                facts.append(Fact(key, 0, block.section_label, sentence, block.index))
    return facts


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


def extract_facts(blocks: list[Block], folded: Folded | None = None) -> list[Fact]:
    """One fact per key: the first statement in reading order. `folded`: the blocks' texts
    prepared for searching, when the caller has them."""
    found: dict[str, Fact] = {}
    folded = folded or Folded([b.text for b in blocks])
    keys: dict[int, list[str]] = defaultdict(list)  # prose block position -> keys whose words it holds
    for key in _COUNTED:
        for position in sorted({p for needle in _needles(key) for p in folded.containing(needle)}):
            if blocks[position].table is None and blocks[position].kind != "heading":
                keys[position].append(key)
    candidates = [f for p in sorted(keys) for f in _from_text(blocks[p], keys[p])] + _from_tables(blocks)
    for fact in sorted(candidates, key=lambda f: f.block or 0):
        found.setdefault(fact.key, fact)
    return [found[key] for key in _COUNTED if key in found]
