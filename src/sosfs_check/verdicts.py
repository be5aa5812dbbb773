"""What a check returns: a Verdict (passed or not, the blocks that show the area is addressed, and
one Problem per finding: where, what to quote, what exactly is wrong), and the helpers that word
findings and descriptions."""

from __future__ import annotations

from .document import Block
from .values import Value


class Problem(Value):
    """One finding of a check: where, what to quote, what exactly is wrong."""

    __slots__ = ("where", "quote", "detail", "severity")

    def __init__(
        self,
        where: Block | None = None,  # the block the finding points at; None = the document
        quote: str = "",  # text to quote in the finding
        detail: str = "",  # Swedish sentence appended to the rule's message
        severity: str | None = None,  # overrides the rule's severity (e.g. info for history)
    ):
        self.where = where
        self.quote = quote
        self.detail = detail
        self.severity = severity


class Verdict(Value):
    """What a check returns for one rule."""

    __slots__ = ("passed", "evidence", "problems", "empty_section", "applicable")

    def __init__(
        self,
        passed: bool,
        evidence: list[Block] | None = None,
        problems: list[Problem] | None = None,
        empty_section: bool = False,  # failed on the rule's own section left without text: a description
        # elsewhere does not make up for a chapter the draft has not written
        applicable: bool = True,  # False: the report is not of the kind the rule is about (not_applicable)
    ):
        self.passed = passed
        self.evidence = [] if evidence is None else evidence
        self.problems = [] if problems is None else problems
        self.empty_section = empty_section
        self.applicable = applicable


def failed(evidence=(), where=None, quote="", detail="") -> Verdict:
    """A failed verdict with a single finding."""
    return Verdict(False, list(evidence), [Problem(where, quote, detail)])


def excerpt(text: str, limit: int = 160) -> str:
    """The text with its spaces collapsed, cut at `limit`; only its start is read, so a paragraph
    of megabytes costs no more than a short one."""
    head = text[: 8 * limit]
    flat = " ".join(head.split())
    if len(flat) <= limit and len(head) == len(text):
        return flat
    return flat[: limit - 1].rstrip() + "…"


def quoted(terms: list[str]) -> str:
    """Terms for a description: ”a”, ”b”."""
    return ", ".join(f"”{t.lstrip('=')}”" for t in terms)


def within_words(within: list[str]) -> str:
    """Where a check looks, for a description."""
    return f" i avsnitt med rubriker som {quoted(within)}" if within else " någonstans i berättelsen"
