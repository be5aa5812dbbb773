"""Check types: each evaluates one kind of YAML `check:` against a document.

A check type is a function registered under the `type` name used in rule files. It returns a
Verdict: passed or not, the blocks that show the area is addressed (evidence), and, when it
fails, one Problem per finding: where, what to quote, and what exactly is wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import accumulate

from rapidfuzz import fuzz, process

from . import dates
from .document import Block, Document
from .facts import FACT_LABELS, extract_facts
from .prefilter import Folded
from .result import Fact
from .vocabulary import TextIndex, heading_key, sentences


@dataclass
class Problem:
    where: Block | None = None  # the block the finding points at; None = the document
    quote: str = ""  # text to quote in the finding
    detail: str = ""  # Swedish sentence appended to the rule's message
    severity: str | None = None  # overrides the rule's severity (e.g. info for history)


@dataclass
class Verdict:
    passed: bool
    evidence: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def failed(evidence=(), where=None, quote="", detail="") -> Verdict:
    """A failed verdict with a single finding."""
    return Verdict(False, list(evidence), [Problem(where, quote, detail)])


class Context:
    """A document prepared once for all checks: word index, section ranges, word counts."""

    def __init__(self, document: Document, as_of: date, adoption=None):
        self.document = document
        self.as_of = as_of  # the day whose law applies; the engine may set it from the report's own dates
        self.adoption = adoption  # the pack's dating words (rules.Adoption); None: the built-in pack's
        self.blocks = document.blocks
        self.index = TextIndex([b.text for b in self.blocks])
        self._words = [0, *accumulate(len(b.text.split()) for b in self.blocks)]
        self._ends = self._section_ends()
        self.text = Folded([b.text for b in self.blocks])
        self._sentences: dict[int, list[str]] = {}
        self._headings: dict[tuple[str, ...], list[Block]] = {}
        self._scopes: dict[tuple[str, ...], frozenset[int]] = {}

    def sentences(self, pos: int) -> list[str]:
        """The sentences of the block at a position, split once."""
        if pos not in self._sentences:
            self._sentences[pos] = sentences(self.blocks[pos].text)
        return self._sentences[pos]

    def candidates(self, patterns) -> list[int]:
        """Positions of the blocks where one of the patterns may match (see `prefilter`)."""
        return self.text.candidates(patterns)

    def _section_ends(self) -> dict[int, int]:
        """For each heading position, the position where its section (with subsections) ends."""
        ends: dict[int, int] = {}
        open_heads: list[tuple[int, int]] = []  # (position, level)
        for pos, block in enumerate(self.blocks):
            if block.kind != "heading":
                continue
            while open_heads and open_heads[-1][1] >= (block.level or 1):
                ends[open_heads.pop()[0]] = pos
            open_heads.append((pos, block.level or 1))
        for pos, _ in open_heads:
            ends[pos] = len(self.blocks)
        return ends

    @cached_property
    def facts(self) -> list[Fact]:
        return extract_facts(self.blocks, self.text)

    @cached_property
    def report_year(self) -> int | None:
        return dates.report_year(self.document)

    @cached_property
    def period_year(self) -> int | None:
        dated = self.dating.any
        return dates.period_year(self.document, self.report_year, dated[0] if dated else None, self.period_counts)

    @cached_property
    def period_counts(self) -> Counter:
        return dates.period_mentions(self.document, self.text)

    @cached_property
    def dating(self) -> dates.Dating:
        """When the report was drawn up and adopted, by the pack's words."""
        if self.adoption is None:
            from .rules import builtin_rules

            self.adoption = builtin_rules().adoption
        words = self.adoption
        return dates.dating(self.document, tuple(words.drawn_up), tuple(words.adopted), self.text)

    def position(self, block: Block) -> int:
        return block.index - 1

    @cached_property
    def front_index(self) -> TextIndex:
        """The title page's text, for `text_matches`-style lookups."""
        return TextIndex([self.document.front_text])

    @cached_property
    def _heading_index(self) -> tuple[list[Block], TextIndex]:
        headings = self.document.headings
        return headings, TextIndex([h.text for h in headings])

    def headings_matching(self, terms: list[str]) -> list[Block]:
        """Headings that match one of the terms (`text_matches`), in document order."""
        key = tuple(terms)
        if key not in self._headings:
            headings, index = self._heading_index
            found = set().union(*(index.matching(t) for t in terms))
            self._headings[key] = [headings[i] for i in sorted(found)]
        return self._headings[key]

    def section_positions(self, heading: Block) -> range:
        start = self.position(heading)
        return range(start + 1, self._ends.get(start, start + 1))

    def section_words(self, heading: Block) -> int:
        span = self.section_positions(heading)
        return self._words[span.stop] - self._words[span.start]

    def scope(self, within: list[str]) -> frozenset[int] | None:
        """Positions inside sections whose heading matches; None means the whole document
        (also when the document has no headings to scope by)."""
        if not within or not self.document.headings:
            return None
        key = tuple(within)
        if key not in self._scopes:
            positions: set[int] = set()
            for heading in self.headings_matching(within):
                positions.add(self.position(heading))
                positions.update(self.section_positions(heading))
            self._scopes[key] = frozenset(positions)
        return self._scopes[key]

    def blocks_at(self, positions) -> list[Block]:
        return [self.blocks[p] for p in positions]


CHECK_TYPES = {}


def check_type(name: str):
    def register(func):
        CHECK_TYPES[name] = func
        return func

    return register


def excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@check_type("section")
def section(check, ctx: Context) -> Verdict:
    heads = ctx.headings_matching(check.headings)
    for head in heads:
        if ctx.section_words(head) >= check.min_words:
            return Verdict(True, evidence=[head])
    if heads:
        head = heads[0]
        return failed(heads, head, head.text, f"Rubriken ”{head.text}” finns men avsnittet har nästan inget innehåll.")
    hits = ctx.blocks_at(ctx.index.find_any(check.headings + check.phrases))
    if not ctx.document.headings:
        words = sum(len(b.text.split()) for b in hits)
        if hits and words >= check.min_words:
            return Verdict(True, evidence=hits)
    if hits:
        return failed(hits, hits[0], hits[0].text, "Området nämns men har inget eget avsnitt.")
    return failed()


@check_type("phrases")
def phrases(check, ctx: Context) -> Verdict:
    scope = ctx.scope(check.within)
    hits = [set(ctx.index.find_any(group, scope)) for group in check.groups]
    together = set.intersection(*hits) if check.same_block else set()
    if together or (not check.same_block and all(hits)):
        found = sorted(together) if check.same_block else sorted(min(h) for h in hits)
        return Verdict(True, evidence=ctx.blocks_at(found))
    # Partial evidence: some groups in place, or everything said outside the expected sections.
    partial = {p for h in hits for p in sorted(h)[:3]}
    elsewhere = [ctx.index.find_any(g)[:3] for g in check.groups] if scope is not None else []
    if elsewhere and all(elsewhere):
        partial.update(p for found in elsewhere for p in found)
    blocks = ctx.blocks_at(sorted(partial))
    anchor = (ctx.headings_matching(check.within) if check.within else []) or blocks
    missing = [g for g, h in zip(check.groups, hits) if not h]
    detail = "Saknas: " + "; ".join(" / ".join(g[:3]) for g in missing) + "." if missing else (
        "Uppgifterna står inte tillsammans i samma stycke."
    )
    return failed(blocks, anchor[0] if anchor else None, anchor[0].text if anchor else "", detail)


@check_type("title")
def title(check, ctx: Context) -> Verdict:
    front = ctx.document.front_text
    first = ctx.document.front_matter[:1] or ctx.document.headings[:1]
    has_term = any(ctx.front_index.matching(t) for t in check.terms)
    has_year = bool(dates.YEAR.search(front)) or not check.require_year
    if has_term and has_year:
        return Verdict(True, evidence=first)
    missing = "rapporttyp" if not has_term else "årtal"
    return failed(
        first if has_term else [], first[0] if first else None, excerpt(ctx.document.title), f"Titelsidan saknar {missing}."
    )


def _sentences(ctx: Context, positions: list[int]):
    """(block, sentence) for the blocks at the positions, in order."""
    for pos in positions:
        for sentence in ctx.sentences(pos):
            yield ctx.blocks[pos], sentence


@check_type("absence")
def absence(check, ctx: Context) -> Verdict:
    scope = ctx.scope(check.within)
    patterns = [re.compile(p, re.IGNORECASE) for p in check.patterns]
    positions = ctx.candidates(patterns)
    if scope is not None:
        positions = [p for p in positions if p in scope]
    for block, sentence in _sentences(ctx, positions):
        if any(p.search(sentence) for p in patterns):
            return failed([block], block, sentence, f"Berättelsen skriver själv: ”{excerpt(sentence)}”")
    return Verdict(True)


@check_type("figure")
def figure(check, ctx: Context) -> Verdict:
    fact = next((f for f in ctx.facts if f.key == check.key), None)
    if fact is not None:
        return Verdict(True, evidence=[ctx.blocks[fact.block - 1]] if fact.block else [])
    anchor = ctx.headings_matching(check.within)[:1] if check.within else []
    where = anchor[0] if anchor else None
    return failed(anchor, where, where.text if where else "", f"Uppgift som saknas: antal {FACT_LABELS[check.key]}.")


@check_type("adoption")
def adoption(check, ctx: Context) -> Verdict:
    """The deadline is judged on the day the report was drawn up: a body's later treatment is not late."""
    dated = ctx.dating
    if check.require == "present":
        if dated.drawn_up:
            return Verdict(True, evidence=[dated.drawn_up[1]])
        where = dated.adopted[1] if dated.adopted else None
        detail = "Inget datum för när berättelsen upprättades hittades (t.ex. ”Upprättad 2026-02-10”)."
        if where is not None:
            detail += f" ”{excerpt(where.text, 80)}” säger när den behandlades, inte när den upprättades."
        return failed([where] if where else [], where, where.text if where else "", detail)
    period = ctx.period_year
    if check.require == "deadline":
        if dated.drawn_up is None or period is None:
            return Verdict(True, evidence=[dated.adopted[1]] if dated.adopted else [])
        drawn_up, block = dated.drawn_up
        month, day = (int(x) for x in check.deadline.split("-"))
        limit = date(period + 1, month, day)
        if drawn_up > limit:
            return failed([block], block, block.text, f"Upprättad {drawn_up.isoformat()}, efter {limit.isoformat()}.")
        return Verdict(True, evidence=[block])
    if dated.any is None:
        return Verdict(True)  # nothing to judge; the "present" rule reports the gap
    day, block = dated.any
    if period is not None and period != day.year - 1:
        return failed(
            [block], block, block.text,
            f"Berättelsen avser {period} men är daterad {day.isoformat()}; den ska avse föregående kalenderår ({day.year - 1}).",
        )
    return Verdict(True, evidence=[block])


@check_type("period_text")
def period_text(check, ctx: Context) -> Verdict:
    counts = ctx.period_counts
    period = ctx.period_year
    if period is None or sum(counts.values()) < check.min_mentions:
        return Verdict(True)
    other, n = max(((y, c) for y, c in counts.items() if y != period), key=lambda p: p[1], default=(None, 0))
    if other is not None and other < period and n > counts[period]:
        return failed(
            detail=f"Texten talar oftare om {other} ({n} gånger) än om {period} ({counts[period]} gånger) – "
            "är delar kopierade från en tidigare berättelse?"
        )
    return Verdict(True)


_MARKUP_WORDS = {
    "comment": "öppen kommentar",
    "insertion": "ej godkänd spårad ändring (infogning)",
    "deletion": "ej godkänd spårad ändring (borttagning)",
    "highlight": "färgmarkerad text",
}


@check_type("placeholders")
def placeholders(check, ctx: Context) -> Verdict:
    problems = []
    patterns = [re.compile(p) for p in check.patterns]
    for pos in ctx.candidates(patterns):
        block = ctx.blocks[pos]
        for pattern in patterns:
            if match := pattern.search(block.text):
                problems.append(Problem(block, block.text, f"Platshållare kvar: ”{match.group(0)}”."))
    for mark in ctx.document.markup:
        if mark.kind in check.markup:
            where = ctx.blocks[mark.block - 1] if mark.block else None
            problems.append(Problem(where, mark.text, f"{_MARKUP_WORDS[mark.kind].capitalize()}: ”{excerpt(mark.text, 80)}”."))
    return Verdict(not problems, problems=problems)


@check_type("stale_references")
def stale_references(check, ctx: Context) -> Verdict:
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


_CITED = re.compile(r"(?P<chapter>\d{1,2})\s*kap\.?\s*(?P<para>\d{1,3})\s*(?P<letter>[a-z])?\s*§", re.IGNORECASE)
_ANY_LAW = re.compile(r"\b(?:SFS|SOSFS|HSLF-FS)\s*:?\s*\d{4}:\d+|\b\w+lagen\b|\b(?:SoL|LSS|HSL|PSL|PDL)\b")


def _cited_law(sentence: str, cite: re.Match, mentions: list[re.Match]) -> re.Match | None:
    """The law a "3 kap. 9 §" belongs to: written right before it ("SFS 2010:659, 3 kap. 9 §")
    or right after it ("3 kap. 9 § patientsäkerhetslagen")."""
    before = [m for m in mentions if m.end() <= cite.start() and len(sentence[m.end() : cite.start()].strip(" ,")) == 0]
    if before:
        return before[-1]
    after = [m for m in mentions if m.start() >= cite.end() and sentence[cite.end() : m.start()].strip(" ,") in ("", "i")]
    return after[0] if after else None


@check_type("citations")
def citations(check, ctx: Context) -> Verdict:
    problems = []
    malformed = [re.compile(p) for p in check.malformed]
    laws = [(law, re.compile(law.pattern, re.IGNORECASE)) for law in check.laws]
    for block, sentence in _sentences(ctx, ctx.candidates(malformed + ([_CITED] if laws else []))):
        for pattern in malformed:
            for match in pattern.finditer(sentence):
                problems.append(Problem(block, sentence, f"Felaktigt skriven hänvisning: ”{match.group(0)}”."))
        if not laws or not _CITED.search(sentence):
            continue
        mentions = list(_ANY_LAW.finditer(sentence))
        for cite in _CITED.finditer(sentence):
            mention = _cited_law(sentence, cite, mentions)
            law = next((law for law, pattern in laws if mention and pattern.fullmatch(mention.group(0))), None)
            if law is None:
                continue
            chapter, para = int(cite.group("chapter")), int(cite.group("para"))
            highest = law.chapters.get(chapter)
            if (law.chapter_count and chapter > law.chapter_count) or (highest is not None and para > highest):
                limit = f"{chapter} kap. har {highest} §§" if highest else f"{law.name} har {law.chapter_count} kapitel"
                problems.append(Problem(block, sentence, f"{law.name} {chapter} kap. {para} § finns inte ({limit})."))
    return Verdict(not problems, problems=problems)


@check_type("toc")
def toc(check, ctx: Context) -> Verdict:
    entries = [heading_key(e.text) for e in ctx.document.toc]
    if not entries:
        return Verdict(True)
    headings = [(h, heading_key(h.text)) for h in ctx.document.headings]

    names = [n for _, n in headings]

    def found(text: str) -> Block | None:
        """The first heading similar enough to the entry."""
        hits = process.extract(text, names, scorer=fuzz.ratio, score_cutoff=check.min_ratio, limit=None)
        return headings[min(i for _, _, i in hits)][0] if hits else None

    problems, matched = [], set()
    for i, raw in enumerate(ctx.document.toc):
        # An entry may have wrapped: its second line starts in lower case ("och kvalitet").
        toc_lines = ctx.document.toc
        wrapped = [f"{entries[i - 1]} {entries[i]}"] if i and raw.text[:1].islower() else []
        if i + 1 < len(entries) and toc_lines[i + 1].text[:1].islower():
            wrapped.append(f"{entries[i]} {entries[i + 1]}")
        head = next(filter(None, map(found, [entries[i], *wrapped])), None)
        if head is not None:
            matched.add(head.index)
        else:
            problems.append(Problem(None, raw.text, f"Innehållsförteckningen lovar ”{raw.text}”, men avsnittet finns inte i texten."))
    top = min((h.level or 1 for h in ctx.document.headings if h.index in matched), default=1)
    for head, _ in headings:
        if (head.level or 1) == top and head.index not in matched:
            problems.append(Problem(head, head.text, f"Rubriken ”{head.text}” saknas i innehållsförteckningen.", "info"))
    return Verdict(not problems, problems=problems)
