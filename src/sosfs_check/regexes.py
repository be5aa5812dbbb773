"""Reading regular expressions: the backtracking guard and the literal prefilter.

The only module that looks inside a parsed pattern (`re._parser`).

`backtracking_risk(pattern)` says why a pattern can backtrack catastrophically on long text.
`needles(pattern)` returns clauses that every match satisfies: each clause is a tuple of
case-folded strings of which a match contains at least one. A regex scan costs tens of
nanoseconds per character, a substring test a fraction of one; so checks test block texts for
the clauses first and run the pattern only where all hold, with the same results.
"""

from __future__ import annotations

import re
import string
from re import _constants as C
from re import _parser

NEEDLES: dict[tuple[str, int], tuple] = {}  # (regex, flags) -> literal clauses; kept across runs by `rulecache`

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
_CATEGORIES = {
    C.CATEGORY_DIGIT: re.compile(r"\d"), C.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    C.CATEGORY_SPACE: re.compile(r"\s"), C.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    C.CATEGORY_WORD: re.compile(r"\w"), C.CATEGORY_NOT_WORD: re.compile(r"\W"),
}  # fmt: skip


def _in_class(items, ch: str) -> bool:
    """Does `ch` match a parsed character class `[...]`?"""
    negate = bool(items) and items[0][0] is C.NEGATE
    code = ord(ch)
    hit = any(
        (op is C.LITERAL and av == code)
        or (op is C.RANGE and av[0] <= code <= av[1])
        or (op is C.CATEGORY and av in _CATEGORIES and _CATEGORIES[av].match(ch) is not None)
        for op, av in items
    )
    return hit != negate


def _first(items, probe: frozenset) -> tuple[set[str], bool]:
    """The probe characters a parsed sequence can start with, and whether it can match empty text."""
    first: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars, empty = {chr(av)}, False
        elif op is C.NOT_LITERAL:
            chars, empty = probe - {chr(av)}, False
        elif op is C.ANY:
            chars, empty = set(probe), False
        elif op is C.IN:
            chars, empty = {c for c in probe if _in_class(av, c)}, False
        elif op in _REPEATS or op is C.POSSESSIVE_REPEAT:
            chars, empty = _first(av[2], probe)
            empty = empty or av[0] == 0
        elif op is C.SUBPATTERN:
            chars, empty = _first(av[3], probe)
        elif op is C.ATOMIC_GROUP:
            chars, empty = _first(av, probe)
        elif op is C.BRANCH:
            alternatives = [_first(alt, probe) for alt in av[1]]
            chars = set().union(*(c for c, _ in alternatives))
            empty = any(e for _, e in alternatives)
        else:  # anchors, lookarounds, back references: zero width or unknown
            chars, empty = set(), True
        first |= chars
        if not empty:
            return first, False
    return first, True


def _backtracking(items, probe: frozenset, loop=None) -> str | None:
    """Why a parsed pattern can backtrack catastrophically, or None; `loop` is the body of the
    enclosing repetition.

    Caught (as Python parses them, after it merges "(ab|ac)" into "a[bc]"): a repetition inside a
    repetition that can start with the same character ("(a+)+", "(\\w+\\s?)*"), and alternatives
    inside a repetition that can match the same text ("(a|a)*", "(a|a?)+"). A possessive repeat or
    atomic group gives nothing back, so what is inside it is judged on its own. A heuristic: rare
    safe patterns such as "(\\s*,)*" are refused.
    """
    for op, av in items:
        inner = loop
        if op in _REPEATS:
            subs = [av[2]]
            if av[1] > 1:
                inner = av[2]
                if loop is not None and _first(inner, probe)[0] & _first(loop, probe)[0]:
                    return "en upprepning inuti en upprepning, som (a+)+ eller (a*)*"
        elif op is C.BRANCH:
            subs = av[1]
            if loop is not None:
                firsts = [_first(alt, probe) for alt in subs]
                if any((a & b) or (ea and eb) for i, (a, ea) in enumerate(firsts) for b, eb in firsts[i + 1 :]):
                    return "alternativ som kan matcha samma text inuti en upprepning, som (a|a)* eller (a|a?)+"
        elif op is C.SUBPATTERN:
            subs = [av[3]]
        elif op is C.POSSESSIVE_REPEAT:
            subs, inner = [av[2]], None
        elif op is C.ATOMIC_GROUP:
            subs, inner = [av], None
        elif op in (C.ASSERT, C.ASSERT_NOT):
            subs = [av[1]]
        elif op is C.GROUPREF_EXISTS:
            subs = [s for s in av[1:] if s is not None]
        else:
            continue
        for sub in subs:
            if reason := _backtracking(sub, probe, inner):
                return reason
    return None


_PROBE = frozenset(string.printable + "åäöÅÄÖéü§–”")


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically on long text, or None when it cannot (as far as we see)."""
    return _backtracking(_parser.parse(pattern), _PROBE | set(pattern))


_ANY_REPEAT = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
Clause = tuple[str, ...]


def needles(pattern: re.Pattern) -> tuple[Clause, ...]:
    """The clauses, most selective first (at most three); () when nothing is known."""
    key = (pattern.pattern, pattern.flags)
    if key not in NEEDLES:
        found = _sequence(_parser.parse(pattern.pattern, pattern.flags).data)
        clauses = {tuple(sorted(_minimal({n.casefold() for n in c}))) for c in found}
        NEEDLES[key] = tuple(sorted(clauses, key=_score, reverse=True)[:3])
    return NEEDLES[key]


def _minimal(alternatives: set[str]) -> set[str]:
    """Drop alternatives that contain another: text holding the longer one holds the shorter."""
    return {a for a in alternatives if not any(b != a and b in a for b in alternatives)}


def _score(clause: Clause) -> int:
    """Longer needles are rarer in text, and so are fewer of them."""
    return min(map(len, clause)) - len(clause) + 1


def _sequence(items) -> list[Clause]:
    """Clauses every match of a sequence of pattern items satisfies."""
    clauses: list[Clause] = []
    run: list[str] = []
    for op, arg in items:
        if op is C.LITERAL:
            run.append(chr(arg))
            continue
        if op in _ANY_REPEAT and arg[0] >= 1 and len(arg[2]) == 1 and arg[2][0][0] is C.LITERAL:
            run.append(chr(arg[2][0][1]) * arg[0])  # "XX+" holds "XX"
            if arg[1] != arg[0]:  # more may follow: the run ends here
                clauses.append(("".join(run),))
                run = []
            continue
        if run:
            clauses.append(("".join(run),))
            run = []
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            clauses.extend(_sequence(arg[-1] if op is C.SUBPATTERN else arg))
        elif op is C.BRANCH:
            best = [max(_sequence(branch), key=_score, default=None) for branch in arg[1]]
            if None not in best:
                clauses.append(tuple(n for clause in best for n in clause))
        elif op in _ANY_REPEAT and arg[0] >= 1:
            clauses.extend(_sequence(arg[2]))
    if run:
        clauses.append(("".join(run),))
    return clauses


def may_match(pattern: re.Pattern, folded: str) -> bool:
    """False only when the pattern cannot match the text (`folded` is the text case-folded)."""
    for clause in needles(pattern):
        for needle in clause:
            if needle in folded:
                break
        else:
            return False
    return True
