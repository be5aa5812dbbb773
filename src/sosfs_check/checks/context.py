"""What every check type shares: the prepared document (Context), the Verdict and its Problems,
and helpers for findings and descriptions.

A check type's evaluation returns a Verdict: passed or not, the blocks that show the area is
addressed (evidence), and, when it fails, one Problem per finding: where, what to quote, and what
exactly is wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import accumulate

from .. import dates
from ..descriptions import Statements, Vocabulary
from ..document import BODY_KINDS, Block, Document
from ..facts import extract_facts
from ..prefilter import Folded
from ..result import Fact
from ..vocabulary import TextIndex, heading_key, sentences


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
    empty_section: bool = False  # failed on the rule's own section left without text: a description
    # elsewhere does not make up for a chapter the draft has not written


# Body words that make a section's own text substantive: an area whose section holds this much is
# at least partly described even when its rules fail.
SUBSTANTIVE_WORDS = 8
# Lines before the first heading shorter than this are the title page (names, years, approval).
TITLE_PAGE_WORDS = 25
# A sentence that is only a reference to a föreskrift or law: what stands before it is quoted from there.
QUOTED_SOURCE = re.compile(r"\(?(?:SOSFS|HSLF-FS|SFS)\s*\d{4}:\d+(?:\s*,?\s*\d+\s*kap\.)?(?:\s*\d+\s*[a-z]?\s*§+)?\.?\)?\.?")
# Instruction sentences must hold this share of a block's words for the block to be guidance.
GUIDANCE_SHARE = 0.5


def failed(evidence=(), where=None, quote="", detail="") -> Verdict:
    """A failed verdict with a single finding."""
    return Verdict(False, list(evidence), [Problem(where, quote, detail)])


class Context:
    """A document prepared once for all checks: word index, section ranges, word counts.

    Only body text is evidence (see `body`): the word index (`index`), section word counts and
    figures see body blocks only. `text` holds every block, for checks that look for faults
    (placeholders, stale references) wherever they stand.
    """

    def __init__(self, document: Document, as_of: date, adoption, texts=(), guidance=(), sections=(),
                 vocabulary: Vocabulary | None = None):
        """`adoption`: the packs' dating words (`RuleSet.adoption`); `texts`: the packs' legal
        texts (superseded_texts); `guidance`: the rule pack's
        guidance checks, whose phrasings and style names mark template guidance (see
        checks/guidance.py); `sections`: (area, headings) of the pack's section rules, which tell
        whose section a heading is (see `claimed`); `vocabulary`: the pack's description data
        (topics, and the wording that is never evidence; descriptions.py)."""
        self.document = document
        self.as_of = as_of  # the day whose law applies; the engine may set it from the report's own dates
        self.adoption = adoption
        self.texts = tuple(texts)  # the packs' legal texts (rules.LegalText)
        self.area = ""  # area of the rule being evaluated (set by the engine)
        self._section_rules = list(sections)
        self.blocks = document.blocks
        self.text = Folded([b.text for b in self.blocks])
        self._sentences: dict[int, list[str]] = {}
        self.guidance = self._guidance(list(guidance))
        self.body = [b.kind in BODY_KINDS and pos not in self.guidance for pos, b in enumerate(self.blocks)]
        self.vocabulary = vocabulary or Vocabulary.empty()
        self._ends = self._section_ends()
        self._headings: dict[tuple[str, ...], list[Block]] = {}
        self._scopes: dict[tuple[str, ...], frozenset[int]] = {}
        apart = self._title_page() | self._glossaries()
        self.statements = Statements(
            [(pos, s) for pos, body in enumerate(self.body) if body and pos not in apart for s in self.sentences(pos)],
            self.vocabulary,
        )
        self.asks_done = False  # the rule being judged asks what was done: goals and plans are no evidence
        self.cites_law = False  # the rule being judged looks for references to the law: restated law counts
        self._evidence: dict[tuple[bool, bool], tuple[TextIndex, list[int]]] = {}

    def _guidance(self, checks) -> dict[int, str]:
        """Position -> Block.guidance key for every block that is template guidance: marked by the
        reader, in an instruction style, or mostly instruction sentences (the pack's phrasings)."""
        marks = {pos: b.guidance for pos, b in enumerate(self.blocks) if b.guidance}
        styles = [re.compile(p, re.IGNORECASE) for c in checks for p in c.styles]
        if styles:
            instruction: dict[str, bool] = {}  # style name -> an instruction style; a document has few
            for pos, block in enumerate(self.blocks):
                if pos in marks or not block.style:
                    continue
                if block.style not in instruction:
                    instruction[block.style] = any(p.search(block.style) for p in styles)
                if instruction[block.style]:
                    marks[pos] = "style"
        patterns = [re.compile(p, re.IGNORECASE) for c in checks for p in c.sentences]
        for pos in self.text.candidates(patterns) if patterns else ():
            if pos in marks or self.blocks[pos].kind not in BODY_KINDS:
                continue
            said = self.sentences(pos)
            # A sentence followed by its source ("… SOSFS 2011:9 7 kap. 3 §.") quotes the rule on purpose.
            words = sum(
                len(x.split()) for i, x in enumerate(said)
                if any(p.match(x) for p in patterns) and not (i + 1 < len(said) and QUOTED_SOURCE.fullmatch(said[i + 1]))
            )
            if words and words >= GUIDANCE_SHARE * sum(len(x.split()) for x in said):
                marks[pos] = "instruction"
        return marks

    def _title_page(self) -> set[int]:
        """Positions of the title page's short lines (before the first heading, when there is one):
        names, years, "För berättelsen ansvarar …", never evidence of content."""
        if not self.document.headings:
            return set()
        return {b.index - 1 for b in self.document.front_matter if len(b.text.split()) < TITLE_PAGE_WORDS}

    def _glossaries(self) -> set[int]:
        """Positions inside sections that explain words and abbreviations ("Förkortningar")."""
        names = {heading_key(h) for h in self.vocabulary.data.glossary_headings}
        return {p for h in self.document.headings if heading_key(h.text) in names for p in self.section_positions(h)}

    def ask(self, rule_id: str) -> None:
        """Judge the next rule: one that asks what was done (pack data) counts no goals or plans;
        only one that looks for references to the law counts the statute restated."""
        self.asks_done = rule_id in self.vocabulary.data.asks_what_was_done
        self.cites_law = rule_id in self.vocabulary.data.cites_the_law

    def _evidence_text(self) -> tuple[TextIndex, list[int]]:
        """Word index and cumulative word counts of the evidence sentences of each block: body text
        without approval and credit lines or the statute restated (unless the rule looks for
        references to the law), and, for a rule that asks what was done, without goals and plans."""
        key = (self.asks_done, self.cites_law)
        if key not in self._evidence:
            items = self.statements.items
            kept = [not (self.asks_done and s.plan) and (self.cites_law or not s.law) for s in items]
            words = [0] * len(self.blocks)
            for statement, keep, count in zip(items, kept, self._statement_words):
                if keep:
                    words[statement.position] += count
            self._evidence[key] = self._statement_index.keeping(kept), [0, *accumulate(words)]
        return self._evidence[key]

    @cached_property
    def _statement_index(self) -> TextIndex:
        """Word index of every statement, each a part of its block."""
        return TextIndex([s.text for s in self.statements.items], [s.position for s in self.statements.items])

    @cached_property
    def _statement_words(self) -> list[int]:
        return [len(s.text.split()) for s in self.statements.items]

    @property
    def index(self) -> TextIndex:
        """Word index of the evidence text (see `_evidence_text`), one entry per block."""
        return self._evidence_text()[0]

    @property
    def _words(self) -> list[int]:
        return self._evidence_text()[1]

    def described(self, rule_id: str) -> list[Block]:
        """Blocks with a sentence that describes what the rule asks (a topic's subject and activity
        together), in any section; goals and plans only when the rule does not ask what was done."""
        topics = self.vocabulary.topics_for(rule_id)
        if not topics:
            return []
        found = self.statements.describing(topics, plans=not self.asks_done)
        return self.blocks_at(sorted({s.position for s in found}))

    @cached_property
    def guidance_count(self) -> int:
        """Guidance left in: guidance blocks, and placeholders or hidden text beside body text."""
        return len(self.guidance) + sum(m.kind in ("placeholder", "hidden") for m in self.document.markup)

    def is_body(self, block: Block) -> bool:
        """Whether a block's text counts as evidence."""
        return self.body[self.position(block)]

    def body_blocks(self, heading: Block, unclaimed: bool = False) -> list[Block]:
        """The body blocks of a heading's section, subsections included; `unclaimed`: without the
        subsections that are another area's own sections (see `claimed`)."""
        positions = self.section_positions(heading)
        skipped: set[int] = set()
        if unclaimed:
            for pos in positions:
                if pos not in skipped and self.blocks[pos].kind == "heading":
                    areas = self.claimed.get(pos, set())
                    if areas and self.area not in areas:
                        skipped.update(self.section_positions(self.blocks[pos]))
        return [self.blocks[p] for p in positions if self.body[p] and p not in skipped]

    @cached_property
    def claimed(self) -> dict[int, set[str]]:
        """Heading position -> the areas whose section rules name that heading."""
        claims: dict[int, set[str]] = {}
        for area, headings in self._section_rules:
            for heading in self.headings_matching(headings):
                claims.setdefault(self.position(heading), set()).add(area)
        return claims

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
        return extract_facts(self.blocks, self.text, self.body)

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

    def evidence_words(self, block: Block) -> int:
        """Words of a block's evidence sentences for the rule being judged (see `_evidence_text`)."""
        pos = self.position(block)
        return self._words[pos + 1] - self._words[pos]

    def section_words(self, heading: Block) -> int:
        """Body words in a heading's section, subsections included (never headings or guidance)."""
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
