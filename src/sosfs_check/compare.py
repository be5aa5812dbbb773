"""What changed between two years' reports: sections, figures, checklist, copied text.

Headings are matched ignoring typed numbers, case and small typos. A paragraph of at least
`MIN_WORDS` words counts as copied when the old report has the same text word for word
(whitespace aside); copied paragraphs that follow each other in the new report, with at most
short unchanged lines (headings) between them, form one passage. Pure: two `Result`s in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .document import Block
from .facts import FACT_LABELS
from .result import Result
from .verdicts import excerpt
from .vocabulary import heading_key

MIN_WORDS = 8
HEADING_SIMILARITY = 88  # rapidfuzz ratio, 0-100
TEXT_KINDS = ("paragraph", "list_item", "table_cell", "textbox", "footnote")
RANK = {"ej_uppfyllt": 0, "delvis": 1, "uppfyllt": 2}


@dataclass
class FigureChange:
    key: str
    label: str
    old: int | None
    new: int | None


@dataclass
class AreaChange:
    area: str
    title: str
    old: str
    new: str

    @property
    def change(self) -> str:
        """'förbättrad', 'försämrad', 'oförändrad', or 'ändrad' when one side is not applicable."""
        if self.old == self.new:
            return "oförändrad"
        if self.old not in RANK or self.new not in RANK:
            return "ändrad"
        return "förbättrad" if RANK[self.new] > RANK[self.old] else "försämrad"


@dataclass
class Passage:
    """Copied paragraphs that follow each other in the new report."""

    section: str
    first: int  # Block.index in the new report
    last: int
    paragraphs: int
    words: int
    text: str  # excerpt


@dataclass
class Comparison:
    old: Result
    new: Result
    added: list[str] = field(default_factory=list)  # headings only in the new report
    removed: list[str] = field(default_factory=list)  # headings only in the old one
    figures: list[FigureChange] = field(default_factory=list)
    areas: list[AreaChange] = field(default_factory=list)
    paragraphs: int = 0  # paragraphs of MIN_WORDS words or more in the new report
    copied: int = 0  # of those, copied word for word from the old report
    passages: list[Passage] = field(default_factory=list)  # longest first

    @property
    def copied_share(self) -> float:
        return self.copied / self.paragraphs if self.paragraphs else 0.0

    @property
    def improved(self) -> list[AreaChange]:
        return [a for a in self.areas if a.change == "förbättrad"]

    @property
    def regressed(self) -> list[AreaChange]:
        return [a for a in self.areas if a.change == "försämrad"]


def _sections(old: list[Block], new: list[Block]) -> tuple[list[str], list[str]]:
    """(added, removed) headings: pairs are matched best first (then in document order), each
    heading at most once."""
    old_keys = [heading_key(h.text) for h in old]
    new_keys = [heading_key(h.text) for h in new]
    pairs = sorted(
        (-score, i, j) for i, n in enumerate(new_keys)
        for _, score, j in process.extract(n, old_keys, scorer=fuzz.ratio, score_cutoff=HEADING_SIMILARITY, limit=None)
    )
    matched_new, matched_old = set(), set()
    for _, i, j in pairs:
        if i not in matched_new and j not in matched_old:
            matched_new.add(i)
            matched_old.add(j)
    added = [h.text for i, h in enumerate(new) if i not in matched_new]
    removed = [h.text for j, h in enumerate(old) if j not in matched_old]
    return added, removed


def _normal(text: str) -> str:
    return " ".join(text.split())


def _passages(old: Result, new: Result) -> tuple[int, int, list[Passage]]:
    """(paragraphs, copied, passages) of the new report."""
    known = {_normal(b.text) for b in old.document.blocks}
    paragraphs = copied = 0
    passages: list[Passage] = []
    run: list[Block] = []

    def close():
        if run:
            words = sum(len(b.text.split()) for b in run)
            text = excerpt(" ".join(b.text for b in run))
            passages.append(Passage(run[0].section_label, run[0].index, run[-1].index, len(run), words, text))
            run.clear()

    for block in new.document.blocks:
        text = _normal(block.text)
        long = block.kind in TEXT_KINDS and len(text.split()) >= MIN_WORDS
        if long:
            paragraphs += 1
            if text in known:
                copied += 1
                run.append(block)
            else:
                close()
        elif text not in known:
            close()
    close()
    passages.sort(key=lambda p: (-p.words, p.first))
    return paragraphs, copied, passages


def compare(old: Result, new: Result) -> Comparison:
    """What changed from the old report to the new one."""
    added, removed = _sections(old.document.headings, new.document.headings)
    old_facts = {f.key: f.value for f in old.facts}
    new_facts = {f.key: f.value for f in new.facts}
    figures = [
        FigureChange(key, label, old_facts.get(key), new_facts.get(key))
        for key, label in FACT_LABELS.items()
        if key in old_facts or key in new_facts
    ]
    old_status = {a.area: a.status for a in old.checklist}
    areas = [AreaChange(a.area, a.title, old_status.get(a.area, "ej_tillampligt"), a.status)
             for a in new.checklist]
    paragraphs, copied, passages = _passages(old, new)
    return Comparison(old, new, added, removed, figures, areas, paragraphs, copied, passages)
