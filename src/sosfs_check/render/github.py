"""GitHub Actions workflow annotations, plus the step summary that lists every finding."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from ..errors import UserError
from ..i18n import words
from ..result import Finding, Result
from . import Parts

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
SHOWN_PER_KIND = 10  # GitHub shows at most this many annotations of each kind per step


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    """Suppressed and baselined findings are notices: visible, but not what fails the step."""
    return COMMAND[finding.severity] if finding.active else "notice"


def _annotation(finding: Finding, path: Path, w: dict) -> str:
    loc = finding.location
    title = finding.rule_id
    if finding.suppressed:
        title += f" ({w['suppressed'].format(reason=finding.suppressed)})"
    elif finding.baselined:
        title += f" ({w['baselined']})"
    lines = [finding.message, f"{w['section']}: {loc.section or w['whole_document']}"]
    lines += [f"{w['legal_basis']}: {'; '.join(finding.legal_basis)}", f"{w['fix']}: {finding.fix}"]
    props = f"file={_property(path.as_posix())},line={max(1, loc.line)},title={_property(title)}"
    return f"::{_command(finding)} {props}::{_data(chr(10).join(lines))}"


def parts(first: Result | None, lang: str = "sv") -> Parts:
    """One workflow command per finding."""
    w = words(lang)
    return Parts("", lambda result: "".join(_annotation(f, result.path, w) + "\n" for f in result.findings))


def render(results: list[Result], lang: str = "sv") -> str:
    return parts(None, lang).join(results)


def step_summary(results: list[Result], lang: str = "sv") -> str:
    """The Markdown report, with a note when GitHub will not show every annotation."""
    from .markdown_report import render as markdown

    kinds = Counter(_command(f) for r in results for f in r.findings)
    note = f"> {words(lang)['annotations_capped']}\n\n" if any(n > SHOWN_PER_KIND for n in kinds.values()) else ""
    return note + markdown(results, lang)


def append_step_summary(results: list[Result], lang: str = "sv") -> None:
    """Append the summary to $GITHUB_STEP_SUMMARY when running in GitHub Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(step_summary(results, lang) + "\n")
        except OSError as exc:
            raise UserError(f"{target}: kan inte skriva GitHubs sammanfattning: {exc.strerror or exc}") from None
