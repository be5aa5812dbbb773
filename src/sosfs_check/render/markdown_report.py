"""A reviewer's report in Markdown: checklist table, findings by area, figures found."""

from __future__ import annotations

from .. import __version__
from ..i18n import words
from ..result import Finding, Result
from . import Parts, draft_notice, obligation, summary

_SPECIAL = "\\`*_[]<|"  # never at a line start, so '#', '>' and '-' need no escape


def escape(text: str) -> str:
    """Text safe inside Markdown paragraphs and table cells."""
    text = "".join("\\" + c if c in _SPECIAL else c for c in text)
    return " ".join(text.split())


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _finding(f: Finding, w: dict) -> list[str]:
    loc = f.location
    head = f"- **{w[f.severity].capitalize()} · {f.rule_id}** – {escape(f.message)}"
    if f.suppressed:
        head += f" *({escape(w['suppressed'].format(reason=f.suppressed))})*"
    if f.baselined:
        head += f" *({w['baselined']})*"
    where = escape(loc.section) if loc.section else w["whole_document"]
    if loc.label:
        where += f" ({escape(loc.label)})"
    lines = [head, f"  - {w['section']}: {where}"]
    if loc.excerpt:
        lines.append(f"  - {w['quote']}: ”{escape(loc.excerpt)}”")
    basis = escape("; ".join(f.legal_basis))
    lines.append(f"  - {w['legal_basis']}: {basis}" + ("" if f.verified else f" ({w['unverified']})"))
    lines.append(f"  - {w['obligation']}: {escape(obligation(f, w))}")
    lines.append(f"  - {w['fix']}: {escape(f.fix)}")
    return lines


def document(result: Result, w: dict) -> list[str]:
    lines = [f"## {w['review_of']} {escape(result.path.name)}", ""]
    lines += [
        f"- **{w['file']}:** `{result.path.as_posix()}`",
        f"- **{w['profile']}:** {result.profile_title} ({result.profile_source})",
        f"- **{w['report_year']}:** {result.report_year or '–'}",
        f"- **{w['period_year']}:** {result.period_year or '–'}",
        *([f"- **{w['as_of']}:** {result.as_of.isoformat()} ({w['as_of_' + result.as_of_reason]})"] if result.as_of else []),
        f"- **{w['rule_pack']}:** {escape(result.pack_names)}",
        f"- **{w['findings']}:** {summary(result, w)}",
    ]
    progress, notices, empty = draft_notice(result, w)
    if progress:
        lines.append(f"- **{w['draft']}:** {progress}")
    lines.append("")
    for warning in result.document.warnings:
        lines += [f"> {w['reader']}: {escape(warning)}", ""]
    if notices:
        lines += [f"> **{escape(notice)}**" for notice in notices] + [""]
        if empty:
            lines += [f"{w['draft_empty']}:", ""] + [f"- {escape(line)}" for line in empty] + [""]
    lines += [f"### {w['checklist']}", ""]
    lines += _table(
        [w["area"], w["status"], w["evidence"]],
        [[a.title, f"**{w[a.status]}**" if a.status == "ej_uppfyllt" else w[a.status], escape(a.evidence_section)]
         for a in result.checklist],
    )
    lines += [f"### {w['findings']}", ""]
    if not result.findings:
        lines += [w["no_findings"], ""]
    for area, title in ((a.area, a.title) for a in result.checklist):
        mine = [f for f in result.findings if f.area == area]
        if mine:
            lines += [f"#### {title}", ""]
            lines += [line for f in mine for line in _finding(f, w)] + [""]
    if result.facts:
        lines += [f"### {w['facts']}", ""]
        lines += _table(
            [w["fact"], w["value"], w["section"], w["quote"]],
            [[f.key, str(f.value), escape(f.section), escape(f.excerpt)] for f in result.facts],
        )
    return lines


def parts(first: Result | None, lang: str = "sv") -> Parts:
    """A title, each document's section, and the tool's signature."""
    w = words(lang)
    return Parts(f"# {w['report']}\n\n", lambda result: "\n".join(document(result, w)) + "\n",
                 tail=f"*{w['made_by'].format(version=__version__)}*\n")


def render(results: list[Result], lang: str = "sv") -> str:
    return parts(None, lang).join(results)
