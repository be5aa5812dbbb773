"""What every check type reads: the prepared document (Context): its body text and what is set apart
from it, sections, statements and evidence, figures and dates. A check returns a Verdict (`verdicts`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cached_property

from .. import dates
from ..descriptions import Statement, Statements
from ..lexicon import WORD, Vocabulary
from ..document import BODY_KINDS, Block, Document, is_label
from ..facts import Figures, read_figures
from ..facttables import YEAR, outcome_cells
from ..prefilter import Folded
from ..result import Fact
from ..templatetext import guidance_marks
from ..vocabulary import TextIndex, heading_key, sentences

# Body words that make a section's own text substantive: its area is at least partly described even when its rules fail.
SUBSTANTIVE_WORDS = 8
# Lines before the first heading shorter than this are the title page (names, years, approval).
TITLE_PAGE_WORDS = 25


class Context:
    """A document prepared once for all checks: word index, section ranges, word counts.

    Only body text is evidence (see `body`): the word index (`index`), section word counts and
    figures see body blocks only. `text` holds every block, for checks that look for faults
    (placeholders, stale references) wherever they stand.
    """

    def __init__(self, document: Document, as_of: date, adoption, texts=(), guidance=(), sections=(), *,
                 vocabulary: Vocabulary):
        """`adoption`: the packs' dating words (`RuleSet.adoption`); `texts`: their legal texts (superseded_texts);
        `guidance`: the guidance checks, whose phrasings and style names mark template guidance (checks/guidance.py);
        `sections`: (area, headings) of the section rules, which tell whose section a heading is (`claimed`);
        `vocabulary`: the description data (topics, and the wording that is never evidence; descriptions.py)."""
        self.document = document
        self.as_of = as_of  # the day whose law applies; the engine may set it from the report's own dates
        self.own_date = False  # as_of is the report's own date (set by the engine), not one the user gave
        self.adoption = adoption
        self.texts = tuple(texts)  # the packs' legal texts (rules.LegalText)
        self.area = ""  # area of the rule being evaluated (set by the engine)
        self._section_rules = list(sections)
        self.blocks = document.blocks
        self.text = Folded([b.text for b in self.blocks])
        self._sentences: dict[int, list[str]] = {}
        self.guidance = guidance_marks(self.blocks, self.text, self.sentences, list(guidance))
        self.body = [b.kind in BODY_KINDS and pos not in self.guidance for pos, b in enumerate(self.blocks)]
        self.vocabulary = vocabulary
        self._ends = self._section_ends()
        self._headings: dict[tuple[str, ...], list[Block]] = {}
        self._scopes: dict[tuple, frozenset[int]] = {}
        self.title_page = frozenset(self._title_page())  # its short lines' positions (see `_title_page`)
        # The title page, glossaries and labels: never statements (and the author's own text, `own_text`).
        apart = self.set_apart = self.title_page | self._glossaries() | self._labels()
        self.statements = Statements(
            [(pos, s) for pos, body in enumerate(self.body) if body and pos not in apart for s in self.sentences(pos)],
            self.vocabulary, author=self._author(), cells={p: b.table for p, b in enumerate(self.blocks) if b.table},
        )
        self.asks_done = False  # the rule being judged asks what was done: goals and plans are no evidence
        self.cites_law = False  # the rule being judged looks for references to the law: restated law counts
        self.asks_who = False  # the rule being judged asks who is responsible: role and duty sentences count
        self.asks_safety = False  # it asks for patient safety's measures or results: other matters are none
        self.rule_id = ""  # the rule being judged
        self._evidence: dict[tuple[bool, ...], tuple[TextIndex, list[int]]] = {}
        self._evidence_now: tuple[TextIndex, list[int]] | None = None

    def _title_page(self) -> set[int]:
        """Positions of the title page's short lines (before the first heading, when there is one):
        names, years, "För berättelsen ansvarar …", never evidence of content."""
        if not self.document.headings:
            return set()
        return {b.index - 1 for b in self.document.front_matter if len(b.text.split()) < TITLE_PAGE_WORDS}

    def _author(self) -> str:
        """The title and the title page's label lines ("Vård- och omsorgsnämnden i Provby kommun"):
        who the report is by, never its sentences."""
        return " ".join([self.document.title, *(b.text for b in self.document.front_matter[:12] if is_label(b.text))])

    def _labels(self) -> set[int]:
        """In a document without headings, positions of paragraphs that are a short line with no
        sentence in it ("Utredning av händelser"): headings written as plain text, never a
        description (list items and table cells are not labels). Where headings were found, such
        lines stay section text, as the readers left them."""
        if self.document.headings:
            return set()
        return {pos for pos, block in enumerate(self.blocks) if block.kind == "paragraph" and self.body[pos] and is_label(block.text)}

    @cached_property
    def title_page_index(self) -> TextIndex:
        """Word index of the title page's short lines (see `_title_page`), one entry per block,
        without approval and credit lines ("Godkänd av …", "Mallen är framtagen av …")."""
        front = sorted(pos for pos in self.title_page if self.body[pos])
        never = self.vocabulary.patterns["not_evidence"]  # what `Statements` sets apart: a few lines, no Statements built
        kept = [(pos, s) for pos in front for s in self.sentences(pos) if not any(p.search(s) for p in never)]
        return TextIndex([s for _, s in kept], [pos for pos, _ in kept])

    def _glossaries(self) -> set[int]:
        """Positions inside sections that explain words and abbreviations ("Förkortningar")."""
        names = {heading_key(h) for h in self.vocabulary.data.glossary_headings}
        return {p for h in self.document.headings if heading_key(h.text) in names for p in self.section_positions(h)}

    def ask(self, rule_id: str) -> None:
        """Judge the next rule: one that asks what was done (pack data) counts no goals or plans; only one that
        looks for references to the law counts the statute restated, and only one that asks who is responsible
        or cites the law counts roles ("Personalen ska rapportera … enligt 27 kap. 3 § socialtjänstlagen");
        one that asks for patient safety's measures or results counts no sentence about other matters only."""
        self.asks_done = rule_id in self.vocabulary.data.asks_what_was_done
        self.asks_safety = rule_id in self.vocabulary.data.asks_patient_safety
        self.cites_law = rule_id in self.vocabulary.data.cites_the_law
        self.asks_who = self.cites_law or rule_id in self.vocabulary.data.asks_who
        self.rule_id = rule_id
        self._evidence_now = None  # the evidence index of these questions, found on first use

    @property
    def asks_concrete(self) -> bool:
        """Whether the rule's own section must say what happened in the year (pack data)."""
        return self.rule_id in self.vocabulary.data.concrete_sections

    def counts(self, statement) -> bool:
        """Whether a statement is evidence for the rule being judged (see `_evidence_text`)."""
        return self._counter()(statement)

    def _counter(self) -> Callable[[Statement], bool]:
        """`counts` with the rule's questions and year read once, for a pass over every statement."""
        done, law, who, safety, year = self.asks_done, self.cites_law, self.asks_who, self.asks_safety, self.year
        return lambda s: (not ((done or s.vague) and (s.plan or s.elsewhen(year))) and not s.negated
                          and (law or not s.law) and (who or not s.role) and not (safety and s.elsewhat))

    @property
    def year(self) -> int | None:
        """The year reported on: a rule that asks what was done counts no sentence about another year."""
        return self.period_year or self.report_year

    def describing(self, topics) -> list:
        """The statements that describe one of the topics for the rule being judged (`Statements.describing`)."""
        found = self.statements.describing(topics, plans=not self.asks_done, roles=self.asks_who,
                                           year=self.year if self.asks_done else None)
        return [s for s in found if not (self.asks_safety and s.elsewhat)]

    def _evidence_text(self) -> tuple[TextIndex, list[int]]:
        """Word index and word counts of the evidence sentences of each block: body text
        without approval and credit lines, sentences that say the work was not done,
        the statute restated (unless the rule looks for references to the law) or roles and duties
        (unless it asks who is responsible), and, for a rule that asks what was done, without goals,
        plans and sentences about another year."""
        if self._evidence_now is None:
            key = (self.asks_done, self.cites_law, self.asks_who, self.asks_safety)
            if key not in self._evidence:
                items = self.statements.items
                kept = list(map(self._counter(), items))
                words = [0] * len(self.blocks)
                for statement, keep, count in zip(items, kept, self._statement_words):
                    if keep:
                        words[statement.position] += count
                self._evidence[key] = self._statement_index.keeping(kept), words
            self._evidence_now = self._evidence[key]
        return self._evidence_now

    @cached_property
    def _statement_index(self) -> TextIndex:
        """Word index of every statement, each a part of its block."""
        items = self.statements.items
        return TextIndex([s.text for s in items], [s.position for s in items], self.statements.splits)

    @cached_property
    def _statement_words(self) -> list[int]:
        return [len(s.text.split()) for s in self.statements.items]

    @property
    def index(self) -> TextIndex:
        """Word index of the evidence text (see `_evidence_text`), one entry per block."""
        return self._evidence_text()[0]

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
        found = {s.position for s in self.describing(topics)} - self.other_parts(rule_id)
        headers = {w for topic in topics for w in topic.table_headers}
        if headers:
            found.update(outcome_cells(self.blocks, self.body, frozenset(headers), self.period_year or self.report_year))
        return self.blocks_at(sorted(found))

    def other_parts(self, rule_id: str) -> set[int]:
        """Positions in the sections that answer the law's other parts (`apart_from`), less their subsections
        that are another area's own ("Åtgärder för ökad patientsäkerhet" > "Riskanalys")."""
        heads = self.headings_matching(self.vocabulary.data.apart_from.get(rule_id, []))
        return {self.position(b) for h in heads for b in self.body_blocks(h, unclaimed=True)}

    @cached_property
    def guidance_count(self) -> int:
        """Guidance left in: guidance blocks, and placeholders or hidden text beside body text."""
        return len(self.guidance) + sum(m.kind in ("placeholder", "hidden") for m in self.document.markup)

    @cached_property
    def own_text(self) -> list[bool]:
        """Per block: body text the report says itself, as the draft summary counts it: a sentence
        that is not set apart as never evidence by the pack's wording (a reference elsewhere, "Se
        bilaga 1.", an approval line, a definition), or the title page, a glossary or a label.
        A short answer ("Ej aktuellt.", "Inga.") is the author's own; the rules judge if it is enough."""
        said = {s.position for s in self.statements.items} | self.set_apart
        return [body and pos in said for pos, body in enumerate(self.body)]

    def is_evidence(self, block: Block) -> bool:
        """Whether a block shows that an area is described: body text off the title page (its name,
        organisation and dates tell what the document is, not what was done)."""
        pos = self.position(block)
        return self.body[pos] and pos not in self.title_page

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
    def figures(self) -> Figures:
        """The figures the report states for its period year, and those it does not let be counted (facts.py)."""
        return read_figures(self.blocks, self.text, self.body, self.period_year, self.vocabulary.figure_reading, self.sentences)

    @property
    def facts(self) -> list[Fact]:
        return self.figures.facts

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
        return dates.dating(self.document, tuple(words.drawn_up), tuple(words.adopted), self.text,
                            tuple(words.unspecified), tuple(words.other_dates))

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

    @cached_property
    def heading_forms(self) -> list[frozenset[str]]:
        """Per heading, its lower-cased words and the vocabulary lemmas each is a form of or has as a part."""
        words = [WORD.findall(h.text.lower()) for h in self.document.headings]
        return [frozenset(w).union(*map(self.vocabulary.lemmatizer, w)) for w in words]

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

    def names_no_later_year(self, text: str) -> bool:
        """Whether a text names years, none after the one the report is about ("Mål för 2025" in a
        report on 2025: the goals of the year reported on, not of the coming one)."""
        period = self.period_year
        years = [int(y) for y in dates.YEAR.findall(text)]
        return period is not None and bool(years) and max(years) <= period

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
        return self._evidence_text()[1][self.position(block)]

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


def sentences_at(ctx: Context, positions: list[int]):
    """(block, sentence) for the blocks at the positions, in order."""
    for pos in positions:
        for sentence in ctx.sentences(pos):
            yield ctx.blocks[pos], sentence
