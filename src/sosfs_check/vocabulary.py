"""Swedish term matching with inflections and compounds, over a per-document word index.

A term is one or more words. Each word matches any word in the text that starts with its
Snowball stem, so "avvikelse" matches "avvikelser", "avvikelserna" and "avvikelsehantering".
Words of three letters or fewer, and words written "=ord", must match exactly ("SIP", "IVO").
Multi-word terms must appear in that order, separated by spaces or dashes, or by the first parts of
a coordination ending in the later word: "rapportera risker och avvikelser" holds "rapportera
avvikelser", as "rapportera avvikelser och risker" does.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from copy import copy
from functools import cache, cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from .values import Frozen

if TYPE_CHECKING:
    from collections.abc import Set

    from .wordsplit import Split

WORD = re.compile(r"\w+")
# The space between a sentence's end and a capital: starting with the full stop lets `re` skip to it.
_SENTENCE_END = re.compile(r"[.!?](\s+)(?=[A-ZÅÄÖ”\"])")
_ABBREVIATION_REACH = 12  # longer than any abbreviation below with its word boundary and a final newline
STEMS: dict[str, str] = {}  # word -> its Snowball stem; kept across runs by `rulecache`
_STEMMING = threading.Lock()  # the one Snowball stemmer keeps its state while it stems: one word at a time
# Between two words of a term: spaces or dashes, and perhaps up to three words of a coordination
# whose last conjunct is the term's next word ("rapportera risker, fel och avvikelser").
_BETWEEN = r"[\s\-–/]+(?:(?:\w+(?:\s*,\s*|\s+)){1,3}?(?:och|samt|eller)\s+)?"
_ABBREVIATION = re.compile(r"\b(?:kap|t\.ex|bl\.a|st|p|nr|resp|ca|jfr|dvs|m\.m|enl|s\.k|f\.d|fr\.o\.m|t\.o\.m)\.$", re.IGNORECASE)


class Term(Frozen):
    """A term of the pack as words to find: each a stem or an exact word (`compile_term`)."""

    __slots__ = ("text", "words", "regex")

    def __init__(
        self,
        text: str,
        words: tuple[tuple[str, bool], ...],  # (stem or exact word, exact?)
        regex: str,  # the words in order; compiled only when asked (most terms are one word)
    ):
        self._set(text=text, words=words, regex=regex)

    @property
    def pattern(self) -> re.Pattern:
        return _compiled(self.regex)


@cache
def _compiled(regex: str) -> re.Pattern:
    return re.compile(regex)


def _stem(word: str) -> str:
    if word not in STEMS:
        with _STEMMING:  # `serve` checks uploads in threads
            STEMS[word] = _stemmer().stemWord(word)
    return STEMS[word]


@cache
def _stemmer():
    import snowballstemmer  # 10 ms to import: only when a word's stem is not known yet (see STEMS)

    return snowballstemmer.stemmer("swedish")


@cache
def compile_term(text: str) -> Term:
    words = []
    parts = []
    for raw in re.findall(r"=?\w+", text.lower()):
        exact = raw.startswith("=") or len(raw) <= 3
        word = raw.lstrip("=")
        stem = word if exact else _stem(word)
        words.append((stem, exact))
        parts.append(re.escape(stem) + (r"\b" if exact else r"\w*"))
    if not words:
        raise ValueError(f"tom term: {text!r}")
    return Term(text=text, words=tuple(words), regex=r"\b" + _BETWEEN.join(parts))


def _contains(term: Term, lower: str) -> bool:
    """Whether a lower-cased text holds a multi-word term: the pattern is tried only where its
    first word occurs, found by plain search, so a text of megabytes is not scanned per term."""
    pattern, first = term.pattern, term.words[0][0]
    at = lower.find(first)
    while at != -1:
        if pattern.match(lower, at):
            return True
        at = lower.find(first, at + 1)
    return False


class TextIndex:
    """Which blocks contain which words; built once per document.

    With `owners`, text i is a part of the block at position owners[i] (a block is its parts in
    order, joined by spaces); `keeping` gives the index of the blocks made of some parts only.
    `split`: the texts already split (`wordsplit.Split`), whose tokens are these."""

    def __init__(self, texts: list[str], owners: list[int] | None = None, split: list[Split] | None = None):
        self.lower = [s.lower for s in split] if split is not None else [t.lower() for t in texts]
        self.owners = owners
        self.kept: list[bool] | None = None
        self._parts: dict[int, list[int]] = {}  # block -> its parts
        for i, owner in enumerate(owners or ()):
            self._parts.setdefault(owner, []).append(i)
        postings: dict[str, set[int]] = {}  # token -> texts holding it
        for i, tokens in enumerate([s.tokens for s in split] if split is not None else map(WORD.findall, self.lower)):
            for token in tokens:
                if token in postings:
                    postings[token].add(i)
                else:
                    postings[token] = {i}
        self.postings = postings
        self.tokens = sorted(postings)
        self._found: dict[str, list[int]] = {}
        self._matched: dict[str, list[int]] = {}
        self._hits: dict[tuple[str, bool], set[int]] = {}
        self._text_hits: dict[tuple[str, bool], set[int]] = {}  # shared with the views (`keeping`)

    def keeping(self, kept: list[bool]) -> TextIndex:
        """The index of the blocks made of the kept parts only, sharing the word lists."""
        view = copy(self)
        view.kept, view._found, view._matched, view._hits = kept, {}, {}, {}
        return view

    def _text(self, pos: int) -> str:
        if self.owners is None:
            return self.lower[pos]
        kept = self.kept
        return " ".join(self.lower[i] for i in self._parts.get(pos, ()) if kept is None or kept[i])

    def _prefixed(self, stem: str) -> list[str]:
        """Tokens that start with `stem` (they sort from it to it followed by the last character; often none does)."""
        tokens = self.tokens
        start = bisect_left(tokens, stem)
        if start == len(tokens) or not tokens[start].startswith(stem):
            return []
        return tokens[start : bisect_left(tokens, stem + "\U0010ffff", start)]

    def _texts_with(self, stem: str, exact: bool) -> set[int]:
        """Texts with a word equal to `stem` (exact) or starting with it, whichever parts a view keeps
        (shared with the views); do not modify."""
        key = (stem, exact)
        found = self._text_hits.get(key)
        if found is None:
            postings = self.postings
            tokens = ([stem] if stem in postings else []) if exact else self._prefixed(stem)
            found = self._text_hits[key] = set().union(*map(postings.__getitem__, tokens))
        return found

    def _owning(self, texts: set[int]) -> set[int]:
        """The blocks the kept texts are parts of."""
        if self.owners is None:
            return texts
        kept, owners = self.kept, self.owners
        return {owners[i] for i in texts if kept is None or kept[i]}

    def _word_hits(self, stem: str, exact: bool) -> set[int]:
        """Blocks with a word equal to `stem` (exact) or starting with it; do not modify."""
        key = (stem, exact)
        if key not in self._hits:
            self._hits[key] = self._owning(self._texts_with(stem, exact))
        return self._hits[key]

    def find(self, term_text: str, scope: Set[int] | None = None) -> list[int]:
        """Positions (0-based, sorted) of the texts that contain the term."""
        if term_text not in self._found:
            self._found[term_text] = self._find(term_text)
        found = self._found[term_text]
        return list(found) if scope is None else [i for i in found if i in scope]

    def _find(self, term_text: str) -> list[int]:
        term = compile_term(term_text)
        candidates: set[int] | None = None
        for stem, exact in term.words:
            hits = self._word_hits(stem, exact)
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                return []
        if len(term.words) > 1:
            candidates = {i for i in candidates if _contains(term, self._text(i))}
        return sorted(candidates)

    def find_any(self, terms: list[str], scope: Set[int] | None = None) -> list[int]:
        """Positions (sorted) of the texts that contain one of the terms. The texts with a one-word
        term are gathered first and mapped to the view's blocks once, not once per term."""
        found: set[int] = set()
        texts: set[int] = set()
        for term in terms:
            words = compile_term(term).words
            if len(words) == 1:
                texts.update(self._texts_with(*words[0]))
            else:
                if term not in self._found:
                    self._found[term] = self._find(term)
                found.update(self._found[term])
        found.update(self._owning(texts))
        return sorted(found if scope is None else found & scope)

    def matching(self, term_text: str) -> list[int]:
        """Like `find`, but one long word (7+ letters) may also start a word with one typo."""
        if term_text not in self._matched:
            self._matched[term_text] = self._matching(term_text)
        return list(self._matched[term_text])

    def _matching(self, term_text: str) -> list[int]:
        found = set(self.find(term_text))
        term = compile_term(term_text)
        if len(term.words) == 1 and not term.words[0][1] and len(term_text) >= 7:
            word = term_text.lower()
            for token in self._near(word):
                if len(token) >= len(word) - 1 and (
                    one_edit(token[: len(word)], word) or one_edit(token[: len(word) + 1], word)
                ):
                    found.update(self._owning(self.postings[token]))
        return sorted(found)

    def _near(self, word: str) -> set[str]:
        """Tokens that may start with `word` give or take one edit: one edit leaves either the
        first half of the word at the token's start or its second half inside the token."""
        half = len(word) // 2
        return set(self._prefixed(word[:half])) | set(self._containing(word[half:]))

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """All tokens in one string, and where each starts."""
        return "\0".join(self.tokens), list(accumulate((len(t) + 1 for t in self.tokens[:-1]), initial=0))

    def _containing(self, part: str) -> list[str]:
        """Tokens that contain `part`."""
        joined, starts = self._joined
        out, at = [], joined.find(part)
        while at != -1:
            i = bisect_right(starts, at) - 1
            out.append(self.tokens[i])
            at = joined.find(part, starts[i] + len(self.tokens[i]) + 1)
        return out


def text_matches(text: str, term_text: str) -> bool:
    """Does one text contain the term (used for headings, with a typo allowance)?"""
    return bool(TextIndex([text]).matching(term_text))


_TYPED_NUMBER = re.compile(r"^[\d.\s]+")


def one_edit(a: str, b: str) -> bool:
    """At most one edit apart (Levenshtein distance 0 or 1): a letter replaced, added or left out."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def heading_key(text: str) -> str:
    """A heading compared without its typed number, case or dashes: "5.3 Risk-analys" -> "risk analys"."""
    return " ".join(_TYPED_NUMBER.sub("", text).casefold().replace("-", " ").split())


def _pieces(text: str):
    """The text cut at each space between a sentence's end and a capital (`_SENTENCE_END`)."""
    start = 0
    for gap in _SENTENCE_END.finditer(text):
        yield text[start : gap.start(1)]
        start = gap.end()
    yield text[start:]


def sentences(text: str) -> list[str]:
    """Split at a full stop followed by a capital; "3 kap. 1 §" and "t.ex. IVO" stay whole."""
    out: list[str] = []
    for piece in _pieces(text):
        # An abbreviation ends the sentence so far: look at its last characters only.
        if out and _ABBREVIATION.search(out[-1], max(0, len(out[-1]) - _ABBREVIATION_REACH)):
            out[-1] = f"{out[-1]} {piece}"
        elif piece.strip():
            out.append(piece.strip())
    return out
