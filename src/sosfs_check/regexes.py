"""Reading regular expressions: rule-pack patterns in linear time, and the literal prefilter.

The only module that looks inside a parsed pattern (`re._parser`).

A rule pack's patterns come from whoever wrote the pack, so they never reach Python's
backtracking `re`, where `(a?){30}a{30}` takes seconds on 31 characters: `rule_pattern(p)` runs
them in RE2 (`google-re2`), in time linear in the text, with Python's Unicode meaning of \\w, \\d
and \\s. `linear_problem(p)` says why a pattern cannot run there (lookaround, backreferences),
and the pack is refused. Python's `re` runs only the tool's own fixed patterns.

`needles(pattern)` returns clauses that every match satisfies: each clause is a tuple of
case-folded strings of which a match contains at least one. A regex scan costs tens of
nanoseconds per character, a substring test a fraction of one; so checks test block texts for
the clauses first and run the pattern only where all hold, with the same results.
"""

from __future__ import annotations

import functools
import re
from re import _constants as C
from re import _parser
from re._compiler import _EXTRA_CASES

NEEDLES: dict[tuple[str, int], tuple] = {}  # (regex, flags) -> literal clauses; kept across runs by `rulecache`
ANCHORED: dict[tuple[str, int], bool] = {}  # (regex, flags) -> whether it matches only at the start (`anchored`)

# Python's classes for str patterns, in RE2's syntax: RE2's own \w, \d and \s are ASCII only.
_SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\p{Z}"
_OUTSIDE = {"w": r"[\p{L}\p{N}_]", "W": r"[^\p{L}\p{N}_]", "d": r"\p{Nd}", "D": r"\P{Nd}",
            "s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "Z": r"\z"}  # fmt: skip
_INSIDE = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE}
_HEX = {"u": 4, "U": 8}  # \uXXXX and \UXXXXXXXX are \x{...} in RE2
_UNSUPPORTED = {
    C.ASSERT: "lookahead och lookbehind ((?=, (?!, (?<=, (?<!) stöds inte",
    C.ASSERT_NOT: "lookahead och lookbehind ((?=, (?!, (?<=, (?<!) stöds inte",
    C.GROUPREF: "bakåtreferenser (\\1, (?P=namn)) stöds inte",
    C.GROUPREF_EXISTS: "villkorliga grupper ((?(1)...)) stöds inte",
    C.ATOMIC_GROUP: "atomära grupper ((?>...)) stöds inte",
    C.POSSESSIVE_REPEAT: "possessiva upprepningar (a*+) stöds inte",
}


def _non_ascii_word(item) -> str | None:
    """The character of a literal that is a word character outside ASCII ("å"), or None."""
    op, av = item
    char = chr(av) if op is C.LITERAL else ""
    return char if char and not char.isascii() and (char.isalnum() or char == "_") else None


def _unsupported(items) -> str | None:
    """Why a parsed pattern cannot run in linear time, or gives other matches there, or None."""
    items = list(items)
    for i, (op, av) in enumerate(items):
        if op in _UNSUPPORTED:
            return f"{_UNSUPPORTED[op]}, eftersom uttryck körs i linjär tid (RE2)"
        if op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            beside = [items[j] for j in (i - 1, i + 1) if 0 <= j < len(items)]
            if char := next(filter(None, map(_non_ascii_word, beside)), None):
                return (f"\\b intill ”{char}” blir fel, eftersom ordgränsen i RE2 bara räknar ASCII-bokstäver som "
                        "ordtecken; skriv (?:^|[^\\w-]) eller (?:[^\\w-]|$) i stället")
        subs = (av[3],) if op is C.SUBPATTERN else (av[2],) if op in (C.MAX_REPEAT, C.MIN_REPEAT) else (
            av[1] if op is C.BRANCH else ())
        for sub in subs:
            if reason := _unsupported(sub):
                return reason
    return None


def to_re2(pattern: str) -> str:
    """A Python pattern in RE2's syntax, with Python's Unicode meaning of \\w, \\d and \\s.

    RE2's \\b stays a boundary between ASCII word characters and the rest. ValueError for what
    has no RE2 form (\\W or \\S inside a class).
    """
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape in _HEX:
                digits = pattern[i + 2 : i + 2 + _HEX[escape]]
                out.append(f"\\x{{{digits}}}")
                i += 2 + _HEX[escape]
                continue
            if in_class and escape in "WS":
                raise ValueError(f"\\{escape} inuti en teckenklass [...] stöds inte; skriv klassen på annat sätt")
            out.append((_INSIDE if in_class else _OUTSIDE).get(escape, char + escape))
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            i += 1
            for lead in ("^", "]"):  # "[]" and "[^]" begin with a literal "]"
                if pattern.startswith(lead, i):
                    out.append(lead)
                    i += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


class LinearPattern:
    """A rule pack's regular expression, run by RE2 in time linear in the text; `pattern` and
    `flags` are the Python form, which the literal prefilter (`needles`) reads. `search` and
    `finditer` call RE2 only on text that holds the pattern's literals; RE2 compiles the pattern
    when it is first run (a run meets about half of the pack's patterns only in the prefilter)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    @property
    def _re2(self):
        if self._compiled is None:
            import re2

            options = re2.Options()
            options.log_errors = False
            options.case_sensitive = not self.flags & re.IGNORECASE
            self._compiled = re2.compile(to_re2(self.pattern), options)
        return self._compiled

    def search(self, text: str):
        return self._re2.search(text) if may_match(self, casefolded(text)) else None

    def match(self, text: str):
        return self._re2.match(text)

    def finditer(self, text: str):
        return self._re2.finditer(text) if may_match(self, casefolded(text)) else iter(())

    def fullmatch(self, text: str):
        return self._re2.fullmatch(text)


@functools.cache
def rule_pattern(pattern: str, flags: int = 0) -> LinearPattern:
    """The compiled form of a rule-pack pattern (validated by `linear_problem` when the pack was loaded)."""
    return LinearPattern(pattern, flags)


def linear_problem(pattern: str) -> str | None:
    """Why a rule-pack pattern is refused, in Swedish, or None: it must be valid Python syntax
    (which the prefilter reads) and run in RE2, which has no backtracking."""
    import re2

    try:
        parsed = _parser.parse(pattern)
    except re.error as exc:
        return f"kompilerar inte: {exc}"
    if reason := _unsupported(parsed):
        return reason
    try:
        rule_pattern(pattern)._re2  # compiled once: the checks reuse it
    except ValueError as exc:
        return str(exc)
    except re2.error as exc:
        message = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        return f"kan inte köras i linjär tid (RE2): {message}"
    return None


_ANY_REPEAT = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
Clause = tuple[str, ...]


# id(pattern) -> (the pattern, its clauses): `needles` is asked a thousand times a check, and by the pattern's
# id it need not build and hash a (regex, flags) key each time; holding the pattern keeps its id its own.
# Patterns are the pack's and the tool's, a few hundred; the bound is for a process that loads many packs.
_BY_ID: dict[int, tuple[object, tuple[Clause, ...]]] = {}
_MAX_BY_ID = 4096


def needles(pattern: re.Pattern) -> tuple[Clause, ...]:
    """The clauses, most selective first (at most three); () when nothing is known."""
    known = _BY_ID.get(id(pattern))
    if known is None:
        key = (pattern.pattern, pattern.flags)
        if key not in NEEDLES:
            found = _sequence(_parser.parse(pattern.pattern, pattern.flags).data)
            clauses = {tuple(sorted(_minimal({n.casefold() for n in c}))) for c in found}
            NEEDLES[key] = tuple(sorted(clauses, key=_score, reverse=True)[:3])
        if len(_BY_ID) >= _MAX_BY_ID:
            _BY_ID.clear()
        known = _BY_ID[id(pattern)] = (pattern, NEEDLES[key])
    return known[1]


def anchored(pattern: re.Pattern) -> bool:
    """Whether every match starts at the text's start ("^\\s*se\\s+bilaga"): such a pattern fails at once
    where it does not match, so a search costs less than finding the texts that hold its literals."""
    key = (pattern.pattern, pattern.flags)
    if key not in ANCHORED:
        items = _parser.parse(pattern.pattern, pattern.flags).data
        ANCHORED[key] = (not pattern.flags & re.MULTILINE and bool(items)
                         and items[0] == (C.AT, C.AT_BEGINNING))
    return ANCHORED[key]


def searching(pattern: re.Pattern) -> re.Pattern:
    """The pattern for `search`, without a leading `\\w*` ("\\w*(risk|fall)"): a run that may be empty moves
    where a match starts, never whether there is one, and Python's `re` tries it again at every letter."""
    if pattern.pattern.startswith(r"\w*"):
        op, av = _parser.parse(pattern.pattern, pattern.flags).data[0]
        if op is C.MAX_REPEAT and av[:2] == (0, C.MAXREPEAT) and av[2].data == [(C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])]:
            return re.compile(pattern.pattern[3:], pattern.flags)
    return pattern


WordClause = tuple[frozenset[str], str]
_SPACES = [(C.IN, [(C.CATEGORY, C.CATEGORY_SPACE)])]


def whole_words(pattern: re.Pattern) -> tuple[WordClause, ...]:
    """Clauses (words, odd) of words every match holds as whole words, between `\\b` or `\\s+`: a text whose
    lower-cased letter runs (`wordsplit.Split.words`) hold none of `words` cannot match, unless it holds a
    character of `odd`, which case-insensitive `re` takes for a letter of the words though `str.lower` does not
    ("ſ" for "s", "İ" for "i": the one capital whose lower case is two characters)."""
    return _whole_words(pattern.pattern, pattern.flags)


@functools.cache
def _whole_words(pattern: str, flags: int) -> tuple[WordClause, ...]:
    if flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return ()
    items, out = _parser.parse(pattern, flags).data, []
    for i in range(1, len(items) - 1):
        op, av = items[i]
        if op is C.LITERAL:  # a run of literals, from a bound to a bound
            end = next((j for j in range(i, len(items)) if items[j][0] is not C.LITERAL), len(items))
            branches = [items[i:end]] if end < len(items) else []
        else:
            end = i + 1
            inner = av[3].data if op is C.SUBPATTERN and not av[1] and not av[2] and len(av[3].data) == 1 else [items[i]]
            branches = inner[0][1][1] if inner[0][0] is C.BRANCH else []
        words = {"".join(chr(a) for o, a in b) for b in branches if all(o is C.LITERAL for o, _ in b)}
        if (len(words) == len(branches) > 0 and all(w.isalpha() and w == w.lower() for w in words)
                and all(_bound(items[j]) for j in (i - 1, end))):
            letters = set("".join(words))
            odd = {chr(x) for c in letters for x in _EXTRA_CASES.get(ord(c), ())} if flags & re.IGNORECASE else set()
            out.append((frozenset(words), "".join(sorted(odd | ({"\u0130"} if "i" in letters else set())))))
    return tuple(out)


def _bound(item) -> bool:
    """Whether a pattern item is a word boundary or whitespace: a word next to it is a whole word."""
    op, av = item
    return item == (C.AT, C.AT_BOUNDARY) or (op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and av[2].data == _SPACES)


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


_FOLD_CACHED = 2_000  # characters: a longer text is folded each time, never kept


def casefolded(text: str) -> str:
    """The text case-folded for `may_match`: a sentence is tested for the literals of pattern after pattern,
    so the folded form of the last few hundred short texts is kept."""
    return _casefolded(text) if len(text) <= _FOLD_CACHED else text.casefold()


@functools.lru_cache(maxsize=512)
def _casefolded(text: str) -> str:
    return text.casefold()


def may_match(pattern: re.Pattern, folded: str) -> bool:
    """False only when the pattern cannot match the text (`folded` is the text case-folded)."""
    for clause in needles(pattern):
        for needle in clause:
            if needle in folded:
                break
        else:
            return False
    return True
