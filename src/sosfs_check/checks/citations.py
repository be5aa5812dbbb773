"""Check type `citations`: malformed citations and paragraphs that do not exist."""

from __future__ import annotations

import re
from functools import lru_cache

from ..regexes import rule_pattern
from .context import Context, sentences_at
from ..verdicts import Problem, Verdict

_CITED = re.compile(r"(?P<chapter>\d{1,2})\s*kap\.?\s*(?P<para>\d{1,3})\s*(?P<letter>[a-z])?\s*§", re.IGNORECASE)


def _cited_law(sentence: str, cite: re.Match, mentions: list[re.Match]) -> re.Match | None:
    """The law a "3 kap. 9 §" belongs to: written right before it ("SFS 2010:659, 3 kap. 9 §")
    or right after it ("3 kap. 9 § patientsäkerhetslagen")."""
    before = [m for m in mentions if m.end() <= cite.start() and len(sentence[m.end() : cite.start()].strip(" ,")) == 0]
    if before:
        return before[-1]
    after = [m for m in mentions if m.start() >= cite.end() and sentence[cite.end() : m.start()].strip(" ,") in ("", "i")]
    return after[0] if after else None


@lru_cache(maxsize=4096)
def _names(pattern: str, mention: str) -> bool:
    """Whether a law's pattern is all of a mention ("patientsäkerhetslagen"): a report names its laws
    the same way again and again, so RE2 is asked once per wording."""
    return rule_pattern(pattern, re.IGNORECASE).fullmatch(mention) is not None


def evaluate(check, ctx: Context) -> Verdict:
    problems = []
    malformed = [rule_pattern(p) for p in check.malformed]
    laws = check.laws
    any_law = rule_pattern(check.law_names) if laws else None
    for block, sentence in sentences_at(ctx, ctx.candidates(malformed + ([_CITED] if laws else []))):
        for pattern in malformed:
            for match in pattern.finditer(sentence):
                problems.append(Problem(block, sentence, f"Felaktigt skriven hänvisning: ”{match.group(0)}”."))
        if not laws or not _CITED.search(sentence):
            continue
        mentions = list(any_law.finditer(sentence))
        for cite in _CITED.finditer(sentence):
            mention = _cited_law(sentence, cite, mentions)
            law = next((law for law in laws if mention and _names(law.pattern, mention.group(0))), None)
            if law is None:
                continue
            chapter, para = int(cite.group("chapter")), int(cite.group("para"))
            highest = law.chapters.get(chapter)
            if (law.chapter_count and chapter > law.chapter_count) or (highest is not None and para > highest):
                limit = f"{chapter} kap. har {highest} §§" if highest else f"{law.name} har {law.chapter_count} kapitel"
                problems.append(Problem(block, sentence, f"{law.name} {chapter} kap. {para} § finns inte ({limit})."))
    return Verdict(not problems, problems=problems)


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    lines = [f"Felskrivna hänvisningar som `{p}`." for p in check.malformed]
    for law in check.laws:
        chapters = ", ".join(f"{c} kap. har {n} §§" for c, n in law.chapters.items())
        count = f"; {law.chapter_count} kapitel" if law.chapter_count else ""
        lines.append(f"Paragrafer i {law.name} som inte finns ({chapters}{count}).")
    return lines


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import model_validator

    from ..schema import Regex, Strict

    class LawParagraphs(Strict):
        name: str
        pattern: Regex  # how the law is named in text
        chapters: dict[int, int] = {}  # chapter -> highest paragraph number
        chapter_count: int | None = None  # number of chapters, when known

    class CitationsCheck(Strict):
        """Malformed citations ("SOSFS: 2011:9") and paragraphs that do not exist."""

        type: Literal["citations"]
        malformed: list[Regex] = []
        laws: list[LawParagraphs] = []
        law_names: Regex | None = None  # how any law is named in text: a "3 kap. 9 §" belongs to the name next to it

        @model_validator(mode="after")
        def _names_for_laws(self) -> CitationsCheck:
            if self.laws and self.law_names is None:
                raise ValueError("'laws' kräver 'law_names': hur en lag skrivs i text, så att paragrafen knyts till rätt lag")
            return self

    return CitationsCheck
