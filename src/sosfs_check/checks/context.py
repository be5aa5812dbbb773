"""What every check type shares: the prepared document (Context), the Verdict and its Problems,
and helpers for findings and descriptions.

A check type's evaluation returns a Verdict: passed or not, the blocks that show the area is
addressed (evidence), and, when it fails, one Problem per finding: where, what to quote, and what
exactly is wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import accumulate

from .. import dates
from ..document import Block, Document
from ..facts import extract_facts
from ..prefilter import Folded
from ..result import Fact
from ..vocabulary import TextIndex, sentences


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

    def __init__(self, document: Document, as_of: date, adoption, texts=()):
        self.document = document
        self.as_of = as_of  # the day whose law applies; the engine may set it from the report's own dates
        self.adoption = adoption  # the packs' dating words (`RuleSet.adoption`)
        self.texts = tuple(texts)  # the packs' legal texts (rules.LegalText)
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


def excerpt(text: str, limit: int = 160) -> str:
    """The text with its spaces collapsed, cut at `limit`; only its start is read, so a paragraph
    of megabytes costs no more than a short one."""
    head = text[: 8 * limit]
    flat = " ".join(head.split())
    if len(flat) <= limit and len(head) == len(text):
        return flat
    return flat[: limit - 1].rstrip() + "…"


def sentences_at(ctx: Context, positions: list[int]):
    """(block, sentence) for the blocks at the positions, in order."""
    for pos in positions:
        for sentence in ctx.sentences(pos):
            yield ctx.blocks[pos], sentence


def quoted(terms: list[str]) -> str:
    """Terms for a description: ”a”, ”b”."""
    return ", ".join(f"”{t.lstrip('=')}”" for t in terms)


def within_words(within: list[str]) -> str:
    """Where a check looks, for a description."""
    return f" i avsnitt med rubriker som {quoted(within)}" if within else " någonstans i berättelsen"
