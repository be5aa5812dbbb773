"""`sosfs-check compare` as terminal text, Markdown or JSON."""

from __future__ import annotations

import json

from .. import __version__
from ..compare import Comparison
from ..i18n import words
from .markdown_report import escape

W = words("sv")
CHANGE_STYLE = {"förbättrad": "green", "försämrad": "bold red", "ändrad": "yellow", "oförändrad": "dim"}


def _value(value: int | None) -> str:
    return "–" if value is None else str(value)


def _share(c: Comparison) -> str:
    return f"{c.copied} av {c.paragraphs} stycken ({c.copied_share:.0%}) är kopierade ordagrant från {c.old.path.name}"


def print_rich(c: Comparison, console) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"Jämförelse: {c.old.path} → {c.new.path}", style="bold"))
    sections = Table(title="Avsnitt", title_justify="left")
    sections.add_column("Nya avsnitt", overflow="fold")
    sections.add_column("Borttagna avsnitt", overflow="fold")
    for i in range(max(len(c.added), len(c.removed))):
        sections.add_row(c.added[i] if i < len(c.added) else "", c.removed[i] if i < len(c.removed) else "")
    console.print(sections)
    figures = Table(title="Uppgifter", title_justify="left")
    for column in ("Uppgift", c.old.path.name, c.new.path.name):
        figures.add_column(column)
    for f in c.figures:
        figures.add_row(f.label, _value(f.old), _value(f.new))
    console.print(figures)
    areas = Table(title=W["checklist"], title_justify="left")
    for column in (W["area"], c.old.path.name, c.new.path.name, "Förändring"):
        areas.add_column(column)
    for a in c.areas:
        areas.add_row(a.title, W[a.old], W[a.new], Text(a.change, style=CHANGE_STYLE[a.change]))
    console.print(areas)
    console.print(Text(f"\n{_share(c)}.", style="bold"))
    if c.passages:
        passages = Table(title="Längsta kopierade partier", title_justify="left")
        for column in (W["section"], "Stycken", "Ord", "Text"):
            passages.add_column(column, overflow="fold")
        for p in c.passages[:10]:
            passages.add_row(p.section, str(p.paragraphs), str(p.words), p.text)
        console.print(passages)


def markdown(c: Comparison) -> str:
    old, new = escape(c.old.path.name), escape(c.new.path.name)
    lines = [f"# Jämförelse: {old} → {new}", "", "## Avsnitt", ""]
    lines += [f"- Nytt: {escape(h)}" for h in c.added] + [f"- Borttaget: {escape(h)}" for h in c.removed]
    lines += ["", "## Uppgifter", "", f"| Uppgift | {old} | {new} |", "|---|---|---|"]
    lines += [f"| {escape(f.label)} | {_value(f.old)} | {_value(f.new)} |" for f in c.figures]
    lines += ["", f"## {W['checklist']}", "", f"| {W['area']} | {old} | {new} | Förändring |", "|---|---|---|---|"]
    lines += [f"| {escape(a.title)} | {W[a.old]} | {W[a.new]} | {a.change} |" for a in c.areas]
    lines += ["", "## Kopierad text", "", escape(_share(c)) + ".", ""]
    if c.passages:
        lines += [f"| {W['section']} | Stycken | Ord | Text |", "|---|---|---|---|"]
        lines += [f"| {escape(p.section)} | {p.paragraphs} | {p.words} | {escape(p.text)} |" for p in c.passages[:10]]
    return "\n".join(lines) + "\n"


def json_text(c: Comparison) -> str:
    data = {
        "tool": {"name": "sosfs-check", "version": __version__},
        "old": str(c.old.path),
        "new": str(c.new.path),
        "sections": {"added": c.added, "removed": c.removed},
        "figures": [{"key": f.key, "label": f.label, "old": f.old, "new": f.new} for f in c.figures],
        "checklist": [{"area": a.area, "old": a.old, "new": a.new, "change": a.change} for a in c.areas],
        "copied": {
            "paragraphs": c.paragraphs,
            "copied": c.copied,
            "share": round(c.copied_share, 4),
            "passages": [
                {"section": p.section, "first_block": p.first, "last_block": p.last, "paragraphs": p.paragraphs,
                 "words": p.words, "excerpt": p.text}
                for p in c.passages
            ],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
