"""The terminal report: header, checklist table, findings by area with quote, basis and fix."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..i18n import words
from ..result import Result
from . import summary

STATUS_STYLE = {"uppfyllt": "green", "delvis": "yellow", "ej_uppfyllt": "bold red", "ej_tillampligt": "dim"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _header(result: Result, w: dict) -> Panel:
    lines = Text()
    lines.append(f"{w['file']}: ", style="bold").append(f"{result.path}\n")
    lines.append(f"{w['profile']}: ", style="bold").append(result.profile_title)
    lines.append(f"  ({result.profile_source})\n", style="dim")
    lines.append(f"{w['report_year']}: ", style="bold").append(f"{result.report_year or '–'}   ")
    lines.append(f"{w['period_year']}: ", style="bold").append(f"{result.period_year or '–'}\n")
    if result.as_of:
        lines.append(f"{w['as_of']}: ", style="bold").append(result.as_of.isoformat())
        lines.append(f"  ({w['as_of_' + result.as_of_reason]})\n", style="dim")
    lines.append(f"{w['rule_pack']}: ", style="bold").append(result.pack_names)
    for warning in result.document.warnings:
        lines.append(f"\n{w['reader']}: ", style="bold yellow").append(warning)
    return Panel(lines, expand=False)


def _checklist(result: Result, w: dict) -> Table:
    table = Table(title=w["checklist"], title_justify="left", show_lines=False)
    table.add_column(w["area"])
    table.add_column(w["status"])
    table.add_column(w["evidence"], overflow="fold", max_width=50)
    for area in result.checklist:
        table.add_row(area.title, Text(w[area.status], style=STATUS_STYLE[area.status]), area.evidence_section)
    return table


def _findings(result: Result, w: dict) -> list:
    parts: list = []
    for area in result.checklist:
        findings = [f for f in result.findings if f.area == area.area]
        if not findings:
            continue
        parts.append(Text(f"\n{area.title}", style="bold underline"))
        for f in findings:
            text = Text()
            text.append(f"{w[f.severity].upper():8}", style=SEVERITY_STYLE[f.severity])
            text.append(f" {f.rule_id}  ", style="bold").append(f.message)
            if f.raised_from:
                text.append(f"\n    {w['raised'].format(severity=w[f.raised_from])}", style="bold magenta")
            if f.suppressed:
                text.append(f"\n    {w['suppressed'].format(reason=f.suppressed)}", style="bold magenta")
            if f.baselined:
                text.append(f"\n    {w['baselined']}", style="bold magenta")
            section = f.location.section or w["whole_document"]
            label = f" ({f.location.label})" if f.location.label else ""
            text.append(f"\n    {w['section']}: ", style="dim").append(section + label)
            if f.location.excerpt:
                text.append(f"\n    {w['quote']}: ", style="dim").append(f"”{f.location.excerpt}”", style="italic")
            text.append(f"\n    {w['legal_basis']}: ", style="dim").append("; ".join(f.legal_basis))
            if not f.verified:
                text.append(f" ({w['unverified']})", style="dim")
            text.append(f"\n    {w['fix']}: ", style="dim").append(f.fix)
            parts.append(text)
    return parts


def _facts(result: Result, w: dict) -> Table | None:
    if not result.facts:
        return None
    table = Table(title=w["facts"], title_justify="left")
    for column in ("", w["section"], w["quote"]):
        table.add_column(column, overflow="fold")
    for fact in result.facts:
        table.add_row(f"{fact.key} = {fact.value}", fact.section, fact.excerpt)
    return table


def print_report(results: list[Result], console: Console, lang: str = "sv") -> None:
    w = words(lang)
    for result in results:
        parts = [_header(result, w), _checklist(result, w)]
        facts = _facts(result, w)
        if facts is not None:
            parts.append(facts)
        parts.extend(_findings(result, w) or [Text(w["no_findings"], style="green")])
        parts.append(Text(f"\n{summary(result, w)}", style="bold"))
        console.print(Group(*parts))
