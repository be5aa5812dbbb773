"""A copy of the author's Word draft with a Word comment at each finding; the input is never written."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.run import Run

from .errors import UserError
from .files import write_output
from .i18n import words
from .result import Finding, Result

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


def annotate(result: Result, source: Path, target: Path, lang: str = "sv") -> int:
    """Write `target` ("-": stdout): `source` plus one comment per unsuppressed finding. Returns the number written."""
    word = docx.Document(io.BytesIO(Path(source).read_bytes()))
    paragraphs = list(word.element.body.iter(qn("w:p")))
    anchors = {b.index: b.anchor for b in result.document.blocks if b.anchor is not None}
    fallback = next(iter(anchors.values()), 0)  # the title: first block in reading order
    count = 0
    for finding in result.findings:
        if finding.suppressed:
            continue
        if paragraphs:
            p = _outermost(paragraphs[anchors.get(finding.location.block, fallback)])
        else:
            p = word.add_paragraph()._p
        runs = [Run(r, None) for r in p.findall(qn("w:r"))] or [Run(p.add_r(), None)]
        first, *rest = comment_text(finding, lang)
        comment = word.add_comment(runs, text=first, author=AUTHOR, initials=INITIALS)
        for text in rest:
            comment.add_paragraph(text)
        count += 1
    buffer = io.BytesIO()
    word.save(buffer)
    write_output(target, buffer.getvalue(), inputs=[source])
    return count
