"""A reviewer's report as one self-contained HTML file (inline CSS, no network) that prints on A4."""

from __future__ import annotations

from html import escape

from .. import __version__
from ..i18n import words
from ..result import Finding, Result
from . import Parts, draft_notice, obligation, summary

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "Segoe UI", "Liberation Sans", Arial, sans-serif; color: #1b1b1b;
       max-width: 190mm; margin: 0 auto; padding: 10mm 6mm; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 2px solid #1b1b1b; padding-bottom: 1mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
h4 { font-size: 11pt; margin: 4mm 0 1.5mm; color: #333; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
th, td { border: 1px solid #b8b8b8; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #ececec; }
table.meta th { width: 32mm; }
.status { font-weight: 600; white-space: nowrap; }
.uppfyllt { background: #dff3e4; color: #0b5d1e; }
.delvis { background: #fff1c2; color: #6b4b00; }
.ej_uppfyllt { background: #fbdcdc; color: #8a1010; }
.ej_tillampligt { color: #6b6b6b; }
.finding { border-left: 4px solid #999; padding: 1mm 0 1mm 3mm; margin: 0 0 3mm; }
.finding.error { border-color: #b3261e; } .finding.warning { border-color: #c98a00; }
.finding.info { border-color: #2f6fb3; }
.finding p { margin: 0.6mm 0; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 9pt; }
.rule { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; }
.known { color: #6a1b9a; font-weight: 600; }
blockquote { margin: 1mm 0; padding: 0.5mm 3mm; border-left: 2px solid #ccc; font-style: italic; color: #333; }
.label { color: #555; }
.warning-box { background: #fff8e1; border: 1px solid #e0c060; padding: 2mm 3mm; margin: 2mm 0; }
.draft-box { background: #fbdcdc; border: 1px solid #b3261e; padding: 2mm 3mm; margin: 2mm 0; }
.draft-box ul { margin: 1mm 0; columns: 2; }
.editorial { color: #6a1b9a; font-weight: 600; }
footer { margin-top: 8mm; color: #666; font-size: 9pt; }
@media print {
  body { max-width: none; padding: 0; }
  .status, .finding, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, .finding, blockquote { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  section.document + section.document { break-before: page; }
}
"""


def _finding(f: Finding, w: dict) -> str:
    loc = f.location
    known = ""
    if f.suppressed:
        known += f' <span class="known">({escape(w["suppressed"].format(reason=f.suppressed))})</span>'
    if f.baselined:
        known += f' <span class="known">({escape(w["baselined"])})</span>'
    where = escape(loc.section) if loc.section else escape(w["whole_document"])
    if loc.label:
        where += f" ({escape(loc.label)})"
    parts = [
        f'<div class="finding {f.severity}">',
        f'<p><span class="sev">{escape(w[f.severity])}</span> <span class="rule">{escape(f.rule_id)}</span>'
        f" – {escape(f.message)}{known}</p>",
        f'<p><span class="label">{escape(w["section"])}:</span> {where}</p>',
    ]
    if loc.excerpt:
        parts.append(f"<blockquote>”{escape(loc.excerpt)}”</blockquote>")
    unverified = "" if f.verified else f' <span class="label">({escape(w["unverified"])})</span>'
    parts.append(
        f'<p><span class="label">{escape(w["legal_basis"])}:</span> {escape("; ".join(f.legal_basis))}{unverified}</p>'
    )
    editorial = ' class="editorial"' if f.obligation == "publicering" else ""
    parts.append(f'<p><span class="label">{escape(w["obligation"])}:</span> <span{editorial}>{escape(obligation(f, w))}</span></p>')
    parts.append(f'<p><span class="label">{escape(w["fix"])}:</span> {escape(f.fix)}</p></div>')
    return "\n".join(parts)


def _rows(rows: list[list[str]]) -> str:
    return "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)


def _document(result: Result, w: dict) -> str:
    meta = [
        (w["file"], result.path.as_posix()),
        (w["profile"], f"{result.profile_title} ({result.profile_source})"),
        (w["report_year"], str(result.report_year or "–")),
        (w["period_year"], str(result.period_year or "–")),
        *([(w["as_of"], f"{result.as_of.isoformat()} ({w['as_of_' + result.as_of_reason]})")] if result.as_of else []),
        (w["rule_pack"], result.pack_names),
        (w["findings"], summary(result, w)),
    ]
    progress, notices, empty = draft_notice(result, w)
    if progress:
        meta.append((w["draft"], progress))
    out = [
        '<section class="document">',
        f"<h2>{escape(w['review_of'])} {escape(result.path.name)}</h2>",
        '<table class="meta">',
        _rows([[f"<th>{escape(k)}</th>", f"<td>{escape(v)}</td>"] for k, v in meta]),
        "</table>",
    ]
    out += [f'<p class="warning-box">{escape(w["reader"])}: {escape(text)}</p>' for text in result.document.warnings]
    if notices:
        out.append('<div class="draft-box" role="alert">')
        out += [f"<p><strong>{escape(notice)}</strong></p>" for notice in notices]
        if empty:
            out.append(f"<p>{escape(w['draft_empty'])}:</p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in empty) + "</ul>")
        out.append("</div>")
    out += [
        f"<h3>{escape(w['checklist'])}</h3>",
        '<table class="checklist">',
        f"<tr><th>{escape(w['area'])}</th><th>{escape(w['status'])}</th><th>{escape(w['evidence'])}</th></tr>",
        _rows(
            [
                [f"<td>{escape(a.title)}</td>", f'<td class="status {a.status}">{escape(w[a.status])}</td>',
                 f"<td>{escape(a.evidence_section)}</td>"]
                for a in result.checklist
            ]
        ),
        "</table>",
        f"<h3>{escape(w['findings'])}</h3>",
    ]
    if not result.findings:
        out.append(f"<p>{escape(w['no_findings'])}</p>")
    for area, title in ((a.area, a.title) for a in result.checklist):
        mine = [f for f in result.findings if f.area == area]
        if mine:
            out.append(f"<h4>{escape(title)}</h4>")
            out += [_finding(f, w) for f in mine]
    if result.facts:
        out += [
            f"<h3>{escape(w['facts'])}</h3>",
            "<table>",
            "<tr>" + "".join(f"<th>{escape(w[k])}</th>" for k in ("fact", "value", "section", "quote")) + "</tr>",
            _rows(
                [[f"<td>{escape(x)}</td>" for x in (f.key, str(f.value), f.section, f.excerpt)] for f in result.facts]
            ),
            "</table>",
        ]
    out.append("</section>")
    return "\n".join(out)


def parts(first: Result | None, lang: str = "sv") -> Parts:
    """The page's head, each document's section, the footer."""
    w = words(lang)
    head = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(w['report'])} – sosfs-check</title>
<style>{CSS}</style>
</head>
<body>
<h1>{escape(w['report'])}</h1>
"""
    tail = f"""
<footer>{escape(w['made_by'].format(version=__version__))}</footer>
</body>
</html>
"""
    return Parts(head, lambda result: _document(result, w), "\n", tail)


def render(results: list[Result], lang: str = "sv") -> str:
    return parts(None, lang).join(results)
