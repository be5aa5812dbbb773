"""A copy of the author's Word draft with a Word comment at each finding; the input is never written.

Where a comment goes: a finding quoted from a paragraph goes on that paragraph; a finding about a
section on the section's heading; a missing section where it belongs, after the section that
precedes it in the profile's order (SKR's template, rules/sections.yml); anything else on the
title. The title also gets one summary comment.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.run import Run

from .errors import UserError
from .files import write_output
from .i18n import words
from .document import Block, Document
from .result import Finding, Result
from .rules import RuleSet
from .sections import Section

AUTHOR, INITIALS = "sosfs-check", "SC"


def ensure_docx(path: Path, format: str = "docx") -> None:
    """Only Word files can carry Word comments: anything else is a usage error (exit 2)."""
    if path.suffix.lower() != ".docx" or format != "docx":
        raise UserError(
            f"{path}: bara Word-filer (.docx) kan kommenteras; granska andra format med `sosfs-check check`"
        )


def default_output(path: Path) -> Path:
    """REPORT.docx -> REPORT.granskad.docx next to it."""
    return path.with_name(f"{path.stem}.granskad.docx")


def comment_text(finding: Finding, lang: str = "sv") -> list[str]:
    """The comment's paragraphs: what is wrong, the legal basis, what to do (labels in `lang`)."""
    w = words(lang)
    basis = "; ".join(finding.legal_basis) + ("" if finding.verified else f" ({w['unverified']})")
    return [
        f"{w[finding.severity].capitalize()} ({finding.rule_id}): {finding.message}",
        f"{w['legal_basis']}: {basis}",
        f"{w['fix']}: {finding.fix}",
    ]


def _outermost(p):
    """A paragraph inside a text box is commented at the body paragraph that holds the box."""
    for ancestor in p.iterancestors(qn("w:p")):
        p = ancestor
    return p


def _matches(block: Block, section: Section, rules: list) -> bool:
    """Is this heading the section: by the catalogue's titles and aliases, or a rule's own headings?"""
    from .mall.source import same_section
    from .vocabulary import text_matches

    if same_section(block.text, section):
        return True
    return any(text_matches(block.text, h) for r in rules for h in (getattr(r.check, "headings", None) or ()))


class Placement:
    """The block each finding's comment belongs on (1-based index), for one checked document."""

    def __init__(self, document: Document, rules: RuleSet, profile: str):
        from .mall import outline

        self.blocks = document.blocks
        self.title = next((b.index for b in self.blocks if b.kind == "title"), 1 if self.blocks else None)
        self.order = [part.section for part in outline(rules, profile)]
        self.rules = {r.id: r for r in rules.rules}
        headings = [b for b in self.blocks if b.kind == "heading"]
        by_section: dict[str, list] = {}
        for rule in rules.rules:
            if rule.section and rule.check.type == "section":
                by_section.setdefault(rule.section, []).append(rule)
        self.headings: dict[str, Block] = {}  # section id -> its heading in this document
        used: set[int] = set()
        for section in self.order:  # parents before their children
            candidates = headings
            if (parent := self.headings.get(section.parent)) is not None:  # "Egenkontroll" under its parent
                end = self._end(parent, own_text_only=False)
                candidates = [h for h in headings if parent.index < h.index <= end]
            found = next(
                (h for h in candidates if h.index not in used and _matches(h, section, by_section.get(section.id, []))),
                None,
            )
            if found is not None:
                self.headings[section.id] = found
                used.add(found.index)

    def block(self, finding: Finding) -> int | None:
        rule = self.rules.get(finding.rule_id)
        section = rule.section if rule else None
        missing = rule is not None and rule.check.type == "section" and section not in self.headings
        if finding.location.section and finding.location.block and not missing:
            return finding.location.block  # quoted from the text: that paragraph
        if section in self.headings:
            return self.headings[section].index
        if section and (after := self._after_preceding(section)):
            return after
        return self.title

    def _after_preceding(self, section_id: str) -> int | None:
        """The last block before where a missing section belongs: after the nearest earlier section
        of the profile's order that the document has (only its own text, when it is a parent)."""
        ids = [s.id for s in self.order]
        if section_id not in ids:
            return None
        parents = {s.id: s.parent for s in self.order}
        ancestors = set()
        parent = parents.get(section_id)
        while parent:
            ancestors.add(parent)
            parent = parents.get(parent)
        for earlier in reversed(ids[: ids.index(section_id)]):
            if earlier in self.headings:
                return self._end(self.headings[earlier], own_text_only=earlier in ancestors)
        return None

    def _end(self, heading: Block, own_text_only: bool) -> int:
        """The last block of a heading's section (of its text before the first subheading)."""
        last = heading.index
        for block in self.blocks[heading.index :]:
            if block.kind == "heading" and (own_text_only or (block.level or 1) <= (heading.level or 1)):
                break
            last = block.index
        return last


def summary_text(result: Result, lang: str = "sv") -> str:
    """The comment on the title: how many findings, and where to find them."""
    from .i18n import count_phrase

    w = words(lang)
    active = [f for f in result.findings if not f.suppressed]
    counts = ", ".join(count_phrase(sum(f.severity == s for f in active), s, w) for s in ("error", "warning", "info"))
    return f"sosfs-check: {counts}. Varje brist har en egen kommentar vid avsnittet den gäller."


def annotate(result: Result, source: Path, target: Path, lang: str = "sv", rules: RuleSet | None = None) -> int:
    """Write `target` ("-": stdout): `source` plus a summary on the title and one comment per
    unsuppressed finding, placed by `rules` (default: the built-in pack). Returns the number of
    comments written, the summary included."""
    from .packs import builtin_rules

    word = docx.Document(io.BytesIO(Path(source).read_bytes()))
    paragraphs = list(word.element.body.iter(qn("w:p")))
    anchors = {b.index: b.anchor for b in result.document.blocks if b.anchor is not None}
    placement = Placement(result.document, rules or builtin_rules(), result.profile)

    def comment(block: int | None, texts: list[str]) -> None:
        if paragraphs:
            p = _outermost(paragraphs[anchors.get(block, next(iter(anchors.values()), 0))])
        else:
            p = word.add_paragraph()._p
        runs = [Run(r, None) for r in p.findall(qn("w:r"))] or [Run(p.add_r(), None)]
        first, *rest = texts
        note = word.add_comment(runs, text=first, author=AUTHOR, initials=INITIALS)
        for text in rest:
            note.add_paragraph(text)

    comment(placement.title, [summary_text(result, lang)])
    count = 1
    for finding in result.findings:
        if finding.suppressed:
            continue
        comment(placement.block(finding), comment_text(finding, lang))
        count += 1
    buffer = io.BytesIO()
    word.save(buffer)
    write_output(target, buffer.getvalue(), inputs=[source])
    return count
