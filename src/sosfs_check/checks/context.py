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
    applicable: bool = True  # False: the report is not of the kind the rule is about (not_applicable)


# Body words that make a section's own text substantive: an area whose section holds this much is
# at least partly described even when its rules fail.
SUBSTANTIVE_WORDS = 8
# Lines before the first heading shorter than this are the title page (names, years, approval).
TITLE_PAGE_WORDS = 25
# A sentence that is only a reference to a föreskrift or law: what stands before it is quoted from there.
QUOTED_SOURCE = re.compile(r"\(?(?:SOSFS|HSLF-FS|SFS)\s*\d{4}:\d+(?:\s*,?\s*\d+\s*kap\.)?(?:\s*\d+\s*[a-z]?\s*§+)?\.?\)?\.?")
# A paragraph of at most this many words with no sentence end is a label: a heading written as plain
# text or a reference line, never a description (a typed bullet "• Bedöma …," is a list item).
LABEL_WORDS = 10
_SENTENCE_END = ".!?:;,…"
_TYPED_ITEM = re.compile(r"\s*(?:[•\-–*·▪◦]|\d+[.)]\s)")
# Instruction sentences must hold this share of a block's words for the block to be guidance.
GUIDANCE_SHARE = 0.5
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
WORDS = re.compile(r"[^\W\d_]+")
DIGIT = re.compile(r"\d")


def failed(evidence=(), where=None, quote="", detail="") -> Verdict:
    """A failed verdict with a single finding."""
    return Verdict(False, list(evidence), [Problem(where, quote, detail)])


class Context:
    """A document prepared once for all checks: word index, section ranges, word counts.

    Only body text is evidence (see `body`): the word index (`index`), section word counts and
    figures see body blocks only. `text` holds every block, for checks that look for faults
    (placeholders, stale references) wherever they stand.
    """

    def __init__(self, document: Document, as_of: date, adoption, texts=(), guidance=(), sections=(), *,
                 vocabulary: Vocabulary):
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
        self.vocabulary = vocabulary
        self._ends = self._section_ends()
        self._headings: dict[tuple[str, ...], list[Block]] = {}
        self._scopes: dict[tuple, frozenset[int]] = {}
        apart = self._title_page() | self._glossaries() | self._labels()
        self.statements = Statements(
            [(pos, s) for pos, body in enumerate(self.body) if body and pos not in apart for s in self.sentences(pos)],
            self.vocabulary,
        )
        self.asks_done = False  # the rule being judged asks what was done: goals and plans are no evidence
        self.cites_law = False  # the rule being judged looks for references to the law: restated law counts
        self.asks_who = False  # the rule being judged asks who is responsible: role and duty sentences count
        self._evidence: dict[tuple[bool, bool, bool], tuple[TextIndex, list[int]]] = {}

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
            words = _guidance_words(said, patterns)
            if words and words >= GUIDANCE_SHARE * sum(len(x.split()) for x in said):
                marks[pos] = "instruction"
        return marks

    def _title_page(self) -> set[int]:
        """Positions of the title page's short lines (before the first heading, when there is one):
        names, years, "För berättelsen ansvarar …", never evidence of content."""
        if not self.document.headings:
            return set()
        return {b.index - 1 for b in self.document.front_matter if len(b.text.split()) < TITLE_PAGE_WORDS}

    def _labels(self) -> set[int]:
        """In a document without headings, positions of paragraphs that are a short line with no
        sentence in it ("Utredning av händelser"): headings written as plain text, never a
        description (list items and table cells are not labels). Where headings were found, such
        lines stay section text, as the readers left them."""
        if self.document.headings:
            return set()
        return {pos for pos, block in enumerate(self.blocks) if block.kind == "paragraph" and self.body[pos] and _label(block.text)}

    @cached_property
    def title_page_index(self) -> TextIndex:
        """Word index of the title page's short lines (see `_title_page`), one entry per block,
        without approval and credit lines ("Godkänd av …", "Mallen är framtagen av …")."""
        front = sorted(pos for pos in self._title_page() if self.body[pos])
        said = Statements([(pos, s) for pos in front for s in self.sentences(pos)], self.vocabulary)
        kept: list[list[str]] = [[] for _ in self.blocks]
        for statement in said.items:
            kept[statement.position].append(statement.text)
        return TextIndex([" ".join(parts) for parts in kept])

    def _glossaries(self) -> set[int]:
        """Positions inside sections that explain words and abbreviations ("Förkortningar")."""
        names = {heading_key(h) for h in self.vocabulary.data.glossary_headings}
        return {p for h in self.document.headings if heading_key(h.text) in names for p in self.section_positions(h)}

    def ask(self, rule_id: str) -> None:
        """Judge the next rule: one that asks what was done (pack data) counts no goals or plans;
        only one that looks for references to the law counts the statute restated, and only one
        that asks who is responsible or looks for references to the law counts roles and duties
        ("Personalen ska rapportera … enligt 27 kap. 3 § socialtjänstlagen" cites the law)."""
        self.asks_done = rule_id in self.vocabulary.data.asks_what_was_done
        self.cites_law = rule_id in self.vocabulary.data.cites_the_law
        self.asks_who = self.cites_law or rule_id in self.vocabulary.data.asks_who

    def _evidence_text(self) -> tuple[TextIndex, list[int]]:
        """Word index and cumulative word counts of the evidence sentences of each block: body text
        without approval and credit lines, the statute restated (unless the rule looks for
        references to the law) or roles and duties (unless it asks who is responsible), and, for a
        rule that asks what was done, without goals and plans."""
        key = (self.asks_done, self.cites_law, self.asks_who)
        if key not in self._evidence:
            items = self.statements.items
            kept = [not (self.asks_done and s.plan) and (self.cites_law or not s.law) and (self.asks_who or not s.role)
                    for s in items]
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

    def done_headings(self, heads: list[Block]) -> list[Block]:
        """The headings that can be a section of what was done: for a rule that asks what was done,
        none about the coming year ("Mål och planerade åtgärder för kommande år", "Riskanalys inför
        2026", a year after the one reported on)."""
        if not self.asks_done or not heads:
            return heads
        return [h for h in heads if not self._future(h.text)]

    def _future(self, heading: str) -> bool:
        if any(p.search(heading) for p in self._future_headings):
            return True
        year = self.period_year or self.report_year
        return year is not None and any(int(y) > year for y in YEAR.findall(heading))

    @property
    def _future_headings(self) -> list[re.Pattern]:
        return self.vocabulary.patterns["future_headings"]

    def described(self, rule_id: str) -> list[Block]:
        """Blocks with a sentence that describes what the rule asks (a topic's subject and activity
        together), in any section; goals and plans only when the rule does not ask what was done."""
        topics = self.vocabulary.topics_for(rule_id)
        if not topics:
            return []
        found = {s.position for s in self.statements.describing(topics, plans=not self.asks_done, roles=self.asks_who)}
        headers = {w for topic in topics for w in topic.table_headers}
        if headers:
            found.update(self._figure_tables(frozenset(headers)))
        return self.blocks_at(sorted(found))

    def _figure_tables(self, headers: frozenset[str]) -> list[int]:
        """Body cells with figures in the tables whose first row names one of the header words
        ("Utfall 2025") or holds two years ("2024 | 2025"), none after the one reported on: a table of outcomes."""
        tables: dict[int, list[int]] = {}
        for pos, block in enumerate(self.blocks):
            if block.table is not None and self.body[pos]:
                tables.setdefault(block.table[0], []).append(pos)
        out: list[int] = []
        year = self.period_year or self.report_year
        for cells in tables.values():
            first = [self.blocks[p].text.lower() for p in cells if self.blocks[p].table[1] == 0]
            years = {int(y) for text in first for y in YEAR.findall(text)}
            if year is not None and any(y > year for y in years):
                continue  # goals for a coming year
            named = any(w in WORDS.findall(text) for text in first for w in headers)
            if named or len(years) >= 2:
                out.extend(p for p in cells if self.blocks[p].table[1] > 0 and DIGIT.search(self.blocks[p].text))
        return out

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
        """The figures the report states for its period year (facts.py)."""
        return extract_facts(self.blocks, self.text, self.body, self.period_year)

    def figure(self, key: str) -> Fact | None:
        """The report's figure for a key (`facts.FACT_LABELS`), when it states one."""
        return next((f for f in self.facts if f.key == key), None)

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
        return dates.dating(
            self.document, tuple(words.drawn_up), tuple(words.adopted), self.text, tuple(words.unspecified)
        )

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

    def _later_year(self, text: str) -> bool:
        """Whether a text names a year after the one the report is about."""
        period = self.period_year
        return period is not None and any(int(y) > period for y in dates.YEAR.findall(text))

    def headings_ahead(self) -> list[Block]:
        """Headings that name a year after the report's period ("Mål 2026", "Vad vi gör 2026")."""
        return [h for h in self.document.headings if self._later_year(h.text)]

    def plans_ahead(self) -> set[int]:
        """Positions of blocks with a goal or plan that names a year after the report's period."""
        return {s.position for s in self.statements.items if s.plan and self._later_year(s.text)}

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
        key = (self.asks_done, *within)
        if key not in self._scopes:
            positions: set[int] = set()
            for heading in self.done_headings(self.headings_matching(within)):
                positions.add(self.position(heading))
                positions.update(self.section_positions(heading))
            self._scopes[key] = frozenset(positions)
        return self._scopes[key]

    def blocks_at(self, positions) -> list[Block]:
        return [self.blocks[p] for p in positions]


def _label(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= LABEL_WORDS and words[-1][-1] not in _SENTENCE_END and not _TYPED_ITEM.match(text)


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


def _guidance_words(said: list[str], patterns: list[re.Pattern]) -> int:
    """Words of a paragraph's instruction sentences. A sentence followed by its source ("… SOSFS
    2011:9 7 kap. 3 §.") quotes the rule on purpose; an instruction that opens a quotation ("Till
    exempel: ”Under året …") goes on to the closing quotation mark, over the example's sentences."""
    words, quoting = 0, False
    for i, sentence in enumerate(said):
        instruction = any(p.match(sentence) for p in patterns) and not (
            i + 1 < len(said) and QUOTED_SOURCE.fullmatch(said[i + 1]))
        if instruction or quoting:
            words += len(sentence.split())
            if sentence.count("”") % 2:  # Swedish ”…” opens and closes with the same mark
                quoting = not quoting
    return words

