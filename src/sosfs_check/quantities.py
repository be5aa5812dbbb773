"""Quantities written in words: number words, fractions and approximators read as the figures they
are ("mot ungefär sju av tio" -> "mot 7 av 10", "en tredjedel färre" -> "1/3 färre", "var tredje"
-> "1/3"), so that every comparison frame of a topic's wording, and the figure a result needs, read
them as they read digits. The fractions, ordinals and approximators are the pack's
(`descriptions.fractions`, `ordinals`, `approximators`); the number words are `figurewording`'s.
"""

from __future__ import annotations

import re

from .figurewording import NUMBER_WORDS

TOKEN, DIGIT = re.compile(r"\w+"), re.compile(r"\d")
# A share in figures: "9 av 10", "1/3", "84 procent", "84 %".
SHARE = re.compile(r"(?<![\w:,.])\d+(?:\s+av\s+\d+|/\d+|(?:[,.]\d+)?\s*(?:%|procent))(?![\w:])")


def _words(words) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


class Quantities:
    """The pack's wording of quantities, compiled once per rule set."""

    def __init__(self, fractions: dict[str, int], ordinals: dict[str, int], approximators: list[str]):
        # "en" and "ett" are articles too: a count only before "av" ("en av tio"); "inga" is no figure.
        counts = {w: n for w, n in NUMBER_WORDS.items() if n > 1 or w == "noll"}
        self.values = {**counts, "en": 1, "ett": 1}
        self.fractions, self.ordinals = {w.lower(): n for w, n in fractions.items()}, {w.lower(): n for w, n in ordinals.items()}
        number = rf"(?:{_words(self.values)}|\d+)"
        parts = []
        if self.fractions:  # "hälften", "en tredjedel", "två tredjedelar"
            parts.append(rf"(?:(?P<part>{number})\s+)?(?P<fraction>{_words(self.fractions)})")
        if self.ordinals:  # "var tredje", "varannan"
            parts.append(rf"var\s+(?P<ordinal>{_words(self.ordinals)})|(?P<every>var(?:{_words(self.ordinals)}))")
        parts.append(rf"(?P<one>en|ett)(?=\s+av\s+{number}(?![\w-]))|(?P<count>{_words(counts)})")
        self.wording = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
        # The words one of them opens with ("en" and "ett" only before "av"): without one, nothing to read.
        self.first_words = frozenset(w.split()[0].lower() for w in (*counts, *self.fractions)) | {"var"} | {
            f"var{w}" for w in self.ordinals}
        self.approximate = re.compile(rf"(?<![\w-])(?:{_words(approximators)})\s+(?=\d)(?!(?:19|20)\d\d\b)", re.IGNORECASE) if approximators else None

    def normal(self, text: str) -> str:
        """The text with its quantities in figures and without the approximators before them."""
        tokens = set(TOKEN.findall(text.lower()))
        if not self.first_words.isdisjoint(tokens) or ("av" in tokens and not tokens.isdisjoint(("en", "ett"))):
            text = self.wording.sub(self._figure, text)
        return self.approximate.sub("", text) if self.approximate and DIGIT.search(text) else text

    def share(self, text: str) -> bool:
        """Whether the text states a share, in figures or in words ("nio av tio", "hälften", "var tredje")."""
        return bool(SHARE.search(self.normal(text)))

    def _figure(self, match: re.Match) -> str:
        if match["fraction"]:
            part = match["part"]
            count = self.values.get(part.lower(), 1) if part and not part.isdigit() else int(part or 1)
            return f"{count}/{self.fractions[match['fraction'].lower()]}"
        if match["ordinal"] or match["every"]:
            word = (match["ordinal"] or match["every"][3:]).lower()
            return f"1/{self.ordinals[word]}"
        return str(self.values[(match["one"] or match["count"]).lower()])
