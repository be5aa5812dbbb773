"""The stable JSON contract (documented in README.md)."""

from __future__ import annotations

import json
from collections import Counter

from .. import __version__
from ..result import Result, fingerprint
from . import Parts


def _draft(result: Result) -> dict | None:
    draft = result.draft
    if draft is None:
        return None
    return {
        "sections": draft.sections,
        "filled": draft.filled,
        "progress": f"{draft.filled} av {draft.sections} avsnitt ifyllda",
        "empty_sections": [
            {"heading": loc.excerpt, "section": loc.section, "block": loc.block, "line": loc.line, "label": loc.label}
            for loc in draft.empty
        ],
        "guidance": draft.guidance,
        "unfinished": draft.unfinished,
    }


def document_dict(result: Result) -> dict:
    doc = result.document
    return {
        "path": str(result.path),
        "profile": result.profile,
        "profile_source": result.profile_source,
        "report_year": result.report_year,
        "period_year": result.period_year,
        "as_of": {"date": result.as_of.isoformat() if result.as_of else None, "reason": result.as_of_reason},
        "checklist": [
            {
                "area": a.area,
                "title": a.title,
                "status": a.status,
                "rules": a.rules,
                "evidence_section": a.evidence_section,
            }
            for a in result.checklist
        ],
        "results": [
            {"rule_id": o.rule_id, "area": o.area, "outcome": o.outcome, "severity": o.severity}
            for o in result.outcomes
        ],
        "findings": [
            {
                "rule_id": f.rule_id,
                "area": f.area,
                "severity": f.severity,
                "message": f.message,
                "fix": f.fix,
                "legal_basis": f.legal_basis,
                "verified": f.verified,
                "obligation": f.obligation,
                "raised_from": f.raised_from or None,
                "fingerprint": fingerprint(f),
                "baselined": f.baselined,
                "suppressed": f.suppressed or None,
                "location": {
                    "section": f.location.section,
                    "block": f.location.block,
                    "line": f.location.line,
                    "label": f.location.label,
                    "excerpt": f.location.excerpt,
                },
            }
            for f in result.findings
        ],
        "baselined": sum(f.baselined for f in result.findings),
        "suppressed": sum(bool(f.suppressed) for f in result.findings),
        "facts": [
            {"key": f.key, "value": f.value, "section": f.section, "excerpt": f.excerpt}
            for f in result.facts
        ],
        "draft": _draft(result),
        "reader": {
            "format": doc.format,
            "headings": len(doc.headings),
            "heading_sources": dict(Counter(h.source for h in doc.headings)),
            "toc_entries": len(doc.toc),
            "warnings": list(doc.warnings),
        },
    }


def report_dict(results: list[Result]) -> dict:
    packs = results[0].packs if results else ()
    return {
        "tool": {"name": "sosfs-check", "version": __version__},
        "rule_pack": {"name": packs[0].name, "version": packs[0].version} if packs else None,
        "rule_packs": [{"name": p.name, "version": p.version} for p in packs],
        "documents": [document_dict(r) for r in results],
    }


def parts(first: Result | None, lang: str = "sv") -> Parts:
    """The report as JSON: the envelope indented, each document on one line (`jq` shows it
    indented). Compact dumping uses the C encoder, which makes a batch of 500 reports six times
    faster to write than indenting everything. `first` gives the envelope its rule packs."""
    head = report_dict([first] if first else [])
    if first is None:
        return Parts(json.dumps(head, ensure_ascii=False, indent=2) + "\n", document_line)
    head["documents"] = ["\0"]
    before, after = (json.dumps(head, ensure_ascii=False, indent=2) + "\n").split('    "\\u0000"')
    return Parts(before, document_line, ",\n", after)


def document_line(result: Result) -> str:
    return "    " + json.dumps(document_dict(result), ensure_ascii=False)


def render(results: list[Result], lang: str = "sv") -> str:
    return parts(results[0] if results else None, lang).join(results)
