"""Swedish term matching with inflections and compounds, over a per-document word index.

A term is one or more words. Each word matches any word in the text that starts with its
Snowball stem, so "avvikelse" matches "avvikelser", "avvikelserna" and "avvikelsehantering".
Words of three letters or fewer, and words written "=ord", must match exactly ("SIP", "IVO").
Multi-word terms must appear in that order, separated only by spaces or dashes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from rapidfuzz.distance import Levenshtein

WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ”\"])")
_ABBREVIATION = re.compile(r"\b(?:kap|t\.ex|bl\.a|st|p|nr|resp|ca|jfr|dvs|m\.m|enl|s\.k|f\.d|fr\.o\.m|t\.o\.m)\.$", re.IGNORECASE)
_STEMMER = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True)
class Term:
    text: str
    words: tuple[tuple[str, bool], ...]  # (stem or exact word, exact?)
    pattern: re.Pattern


@cache
def compile_term(text: str) -> Term:
    words = []
    parts = []
    for raw in re.findall(r"=?\w+", text.lower()):
        exact = raw.startswith("=") or len(raw) <= 3
        word = raw.lstrip("=")
        stem = word if exact else _STEMMER.stemWord(word)
        words.append((stem, exact))
        parts.append(re.escape(stem) + (r"\b" if exact else r"\w*"))
    if not words:
        raise ValueError(f"tom term: {text!r}")
    pattern = re.compile(r"\b" + r"[\s\-–/]+".join(parts))
    return Term(text=text, words=tuple(words), pattern=pattern)


class TextIndex:
    """Which blocks contain which words; built once per document."""

    def __init__(self, texts: list[str]):
        self.lower = [t.lower() for t in texts]
        postings: dict[str, set[int]] = defaultdict(set)
        for i, text in enumerate(self.lower):
            for token in WORD.findall(text):
                postings[token].add(i)
        self.postings = postings
        self.tokens = sorted(postings)

    def _word_hits(self, stem: str, exact: bool) -> set[int]:
        if exact:
            return set(self.postings.get(stem, ()))
        hits: set[int] = set()
        start = bisect_left(self.tokens, stem)
        for token in self.tokens[start:]:
            if not token.startswith(stem):
                break
            hits |= self.postings[token]
        return hits

    def find(self, term_text: str, scope: set[int] | None = None) -> list[int]:
        """Positions (0-based, sorted) of the texts that contain the term."""
        term = compile_term(term_text)
        candidates: set[int] | None = None
        for stem, exact in term.words:
            hits = self._word_hits(stem, exact)
            candidates = hits if candidates is None else candidates & hits
            if not candidates:
                return []
        if scope is not None:
            candidates &= scope
        if len(term.words) > 1:
            candidates = {i for i in candidates if term.pattern.search(self.lower[i])}
        return sorted(candidates)

    def find_any(self, terms: list[str], scope: set[int] | None = None) -> list[int]:
        found: set[int] = set()
        for term in terms:
            found.update(self.find(term, scope))
        return sorted(found)


def text_matches(text: str, term_text: str) -> bool:
    """Does one text contain the term (used for headings, with a typo allowance)?"""
    term = compile_term(term_text)
    lower = text.lower()
    if term.pattern.search(lower):
        return True
    if len(term.words) == 1 and not term.words[0][1] and len(term_text) >= 7:
        word = term_text.lower()
        return any(
            Levenshtein.distance(token[: len(word)], word, score_cutoff=1) <= 1
            or Levenshtein.distance(token[: len(word) + 1], word, score_cutoff=1) <= 1
            for token in WORD.findall(lower)
            if len(token) >= len(word) - 1
        )
    return False


def sentences(text: str) -> list[str]:
    """Split at a full stop followed by a capital; "3 kap. 1 §" and "t.ex. IVO" stay whole."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        elif piece.strip():
            out.append(piece.strip())
    return out
