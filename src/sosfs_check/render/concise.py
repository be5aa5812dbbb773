"""One line per finding, `fil:stycke: REGEL-ID meddelande`, for terminals, editors and grep.

The number after the file is the finding's line: the paragraph in a Word file, the line in a
text file. Known findings end with their mark, so they are seen but not mistaken for new ones.
"""

from __future__ import annotations

from ..i18n import words
from ..result import Result
from . import Parts


def parts(first: Result | None, lang: str = "sv") -> Parts:
    """One line per finding: `path:line: RULE message`."""
    w = words(lang)

    def document(result: Result) -> str:
        lines = []
        for finding in result.findings:
            message = " ".join(finding.message.split())
            line = f"{result.path.as_posix()}:{max(1, finding.location.line)}: {finding.rule_id} {message}"
            if finding.suppressed:
                line += f" ({w['suppressed'].format(reason=finding.suppressed)})"
            elif finding.baselined:
                line += f" ({w['baselined']})"
            lines.append(line)
        return "".join(line + "\n" for line in lines)

    return Parts("", document)


def render(results: list[Result], lang: str = "sv") -> str:
    return parts(None, lang).join(results)
