"""`sosfs-check compare` as terminal text or Markdown (in the report language), or JSON."""

from __future__ import annotations

import json

from .. import __version__
from ..compare import Comparison
from ..i18n import words
from .markdown_report import escape

CHANGE_STYLE = {"förbättrad": "green", "försämrad": "bold red", "ändrad": "yellow", "oförändrad": "dim"}


def _value(value: int | None) -> str:
    return "–" if value is None else str(value)


def _share(c: Comparison, w: dict[str, str]) -> str:
    return w["copied"].format(copied=c.copied, paragraphs=c.paragraphs, share=c.copied_share, name=c.old.path.name)


def _label(figure, w: dict[str, str]) -> str:
    """The figure's name in the report's language (the Swedish label where there is no other)."""
    return w.get(f"fact_{figure.key}", figure.label)


def print_rich(c: Comparison, console, lang: str = "sv") -> None:
    from rich.table import Table
    from rich.text import Text

    w = words(lang)
    console.print(Text(f"{w['comparison']}: {c.old.path} → {c.new.path}", style="bold"))
    sections = Table(title=w["sections"], title_justify="left")
    sections.add_column(w["added"], overflow="fold")
    sections.add_column(w["removed"], overflow="fold")
    for i in range(max(len(c.added), len(c.removed))):
        sections.add_row(c.added[i] if i < len(c.added) else "", c.removed[i] if i < len(c.removed) else "")
    console.print(sections)
    figures = Table(title=w["figures"], title_justify="left")
    for column in (w["fact"], c.old.path.name, c.new.path.name):
        figures.add_column(column)
    for f in c.figures:
        figures.add_row(_label(f, w), _value(f.old), _value(f.new))
    console.print(figures)
    areas = Table(title=w["checklist"], title_justify="left")
    for column in (w["area"], c.old.path.name, c.new.path.name, w["change"]):
        areas.add_column(column)
    for a in c.areas:
        areas.add_row(a.title, w[a.old], w[a.new], Text(w[a.change], style=CHANGE_STYLE[a.change]))
    console.print(areas)
    console.print(Text(f"\n{_share(c, w)}.", style="bold"))
    if c.passages:
        passages = Table(title=w["passages"], title_justify="left")
        for column in (w["section"], w["paragraphs"], w["words"], w["text"]):
            passages.add_column(column, overflow="fold")
        for p in c.passages[:10]:
            passages.add_row(p.section, str(p.paragraphs), str(p.words), p.text)
        console.print(passages)


def markdown(c: Comparison, lang: str = "sv") -> str:
    w = words(lang)
    old, new = escape(c.old.path.name), escape(c.new.path.name)
    lines = [f"# {w['comparison']}: {old} → {new}", "", f"## {w['sections']}", ""]
    lines += [f"- {w['added_one']}: {escape(h)}" for h in c.added]
    lines += [f"- {w['removed_one']}: {escape(h)}" for h in c.removed]
    lines += ["", f"## {w['figures']}", "", f"| {w['fact']} | {old} | {new} |", "|---|---|---|"]
    lines += [f"| {escape(_label(f, w))} | {_value(f.old)} | {_value(f.new)} |" for f in c.figures]
    lines += ["", f"## {w['checklist']}", "", f"| {w['area']} | {old} | {new} | {w['change']} |", "|---|---|---|---|"]
    lines += [f"| {escape(a.title)} | {w[a.old]} | {w[a.new]} | {w[a.change]} |" for a in c.areas]
    lines += ["", f"## {w['copied_text']}", "", escape(_share(c, w)) + ".", ""]
    if c.passages:
        lines += [f"| {w['section']} | {w['paragraphs']} | {w['words']} | {w['text']} |", "|---|---|---|---|"]
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
