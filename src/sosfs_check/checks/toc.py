"""Check type `toc`: headings the table of contents promises exist in the body, and the reverse."""

from __future__ import annotations

from collections import defaultdict

from ..document import Block
from ..vocabulary import heading_key
from .context import Context
from ..verdicts import Problem, Verdict


def _length_window(length: int, min_ratio: int) -> range:
    """Lengths a name may have and still reach `min_ratio` against a text of `length` characters.

    `fuzz.ratio` is at most 200 * shorter / (sum of lengths), so names outside this window cannot match.
    """
    low = length * min_ratio // (200 - min_ratio)
    high = -(-length * (200 - min_ratio) // min_ratio)
    return range(max(low - 1, 0), high + 2)


def _matcher(names: list[str], min_ratio: int):
    """Index of the heading an entry names: its first exact key, else the first similar enough one."""
    first_exact: dict[str, int] = {}
    by_length: dict[int, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        first_exact.setdefault(name, i)
        by_length[len(name)].append(i)
    known: dict[str, int | None] = {}

    def found(text: str) -> int | None:
        if text not in known:
            known[text] = first_exact.get(text)
            if known[text] is None:
                from rapidfuzz import fuzz  # only for entries no heading names exactly

                candidates = sorted(i for n in _length_window(len(text), min_ratio) for i in by_length.get(n, ()))
                known[text] = next((i for i in candidates
                                    if fuzz.ratio(text, names[i], score_cutoff=min_ratio)), None)
        return known[text]

    return found


def evaluate(check, ctx: Context) -> Verdict:
    toc_lines = ctx.document.toc
    entries = [heading_key(e.text) for e in toc_lines]
    if not entries:
        return Verdict(True)
    headings: list[Block] = ctx.document.headings
    found = _matcher([heading_key(h.text) for h in headings], check.min_ratio)

    problems, matched = [], set()
    for i, raw in enumerate(toc_lines):
        # An entry may have wrapped: its second line starts in lower case ("och kvalitet").
        wrapped = [f"{entries[i - 1]} {entries[i]}"] if i and raw.text[:1].islower() else []
        if i + 1 < len(entries) and toc_lines[i + 1].text[:1].islower():
            wrapped.append(f"{entries[i]} {entries[i + 1]}")
        at = next((at for at in map(found, [entries[i], *wrapped]) if at is not None), None)
        if at is not None:
            matched.add(headings[at].index)
        else:
            problems.append(Problem(None, raw.text, f"Innehållsförteckningen lovar ”{raw.text}”, men avsnittet finns inte i texten."))
    top = min((h.level or 1 for h in headings if h.index in matched), default=1)
    for head in headings:
        if (head.level or 1) == top and head.index not in matched:
            problems.append(Problem(head, head.text, f"Rubriken ”{head.text}” saknas i innehållsförteckningen.", "info"))
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [f"Att varje post i innehållsförteckningen har en rubrik i texten (minst {check.min_ratio} % lika) "
            "och att huvudrubrikerna finns i förteckningen."]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import Strict

    class TocCheck(Strict):
        """Headings the table of contents promises exist in the body, and the reverse."""

        type: Literal["toc"]
        min_ratio: int = Field(default=88, ge=50, le=100)

    return TocCheck
