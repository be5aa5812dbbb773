"""Check type `stale_references`: references to replaced laws, föreskrifter and bodies, judged at --as-of."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..regexes import rule_pattern
from ..behaviour import KINDS
from .context import Context
from ..verdicts import Problem, Verdict


# A sentence that cites a text for the present: a duty, a plan or what the law says now (the lookahead
# of the words' first letters lets `re` pass over other positions at once).
_PRESENT = re.compile(r"(?=[sbmrgf])\b(?:ska|skall|bör|måste|regleras|gäller|framgår)\b", re.IGNORECASE)
_SFS_NUMBER = re.compile(r"\b\d{4}:\d+\b")  # "2025:400" in "socialtjänstlagen (2025:400)"
# "14 kap. 3 §", "14 kap. 3–7 §§", "16 kap. 6 f §", "24 §"
_CITATION = re.compile(r"^(?:(?P<chapter>\d+) kap\. )?(?P<first>\d+)(?: (?P<letter>[a-z]))?(?:–(?P<last>\d+))? §§?$")


def _paragraph_regex(citation: str) -> str:
    """A paragraph citation as a regex that allows the usual spacing ("14 kap 3-7 §§")."""
    parts = _CITATION.match(citation)
    if parts is None:
        raise ValueError(f"otydlig paragraf {citation!r}: skriv t.ex. '14 kap. 3 §' eller '14 kap. 3–7 §§'")
    out = rf"{parts['chapter']}\s*kap\.?\s*" if parts["chapter"] else r"\b"
    out += parts["first"] + (rf"\s*{parts['letter']}" if parts["letter"] else "")
    return out + (rf"\s*[-–]\s*{parts['last']}\s*§§?" if parts["last"] else r"\s*§")


def catalogue(check) -> list:
    """Every entry (a `StaleEntry`), in the order they are tried: the replaced laws', then the check's own."""
    return [entry for law in check.replaced_laws for entry in entries(law)] + list(check.entries)


def entries(law) -> list:
    """A replaced law's entries: each paragraph (the law's name may follow), then the law's own name."""
    entry = KINDS["StaleEntry"]
    names = "(" + "|".join(law.names) + ")"
    number = rf"\s*\(\s*(SFS\s*)?{re.escape(law.number)}\s*\)"
    suffix = rf"(\s*(i\s+)?{names}({number})?)"
    out = []
    for moved in law.paragraphs:
        cited = "|".join(_paragraph_regex(c) for c in moved.old)
        cited = f"({cited})" if len(moved.old) > 1 else cited
        if moved.subsections:
            cited += rf"(\s*({'|'.join(moved.subsections)})\s+stycket)?"
        context = None if moved.named else "|".join(c for c in (law.context, moved.context) if c) or None
        replacement = f"{moved.new} {law.replaced_by}" + (f" ({moved.explanation})" if moved.explanation else "")
        out.append(entry(dict(
            pattern=cited + (suffix if moved.named else suffix + "?"), replacement=replacement,
            valid_from=law.valid_from, valid_to=None, context=context, not_followed_by=None, note=moved.note,
            miscited=False,
        )))
    out.append(entry(dict(
        pattern=rf"\b{names}\s*\(?\s*(SFS\s*)?{re.escape(law.number)}\s*\)?|\bSFS\s*{re.escape(law.number)}\b",
        replacement=law.replaced_by, valid_from=law.valid_from, valid_to=None, context=None, not_followed_by=None,
        note="", miscited=False,
    )))
    return out


def evaluate(check, ctx: Context) -> Verdict:
    """One finding per stale reference, at its first place, counting the others."""
    historical = rule_pattern(check.historical, re.IGNORECASE)
    former = [rule_pattern(p, re.IGNORECASE) if p else None for p in (check.former_before, check.former_after)]
    period = ctx.period_year
    # Judged by its own date, a report tells of the year it reports on: a name right all that year is right.
    told_of = date(period, 12, 31) if ctx.own_date and period is not None else None
    entries = [
        (e, rule_pattern(e.pattern, re.IGNORECASE), rule_pattern(e.context, re.IGNORECASE) if e.context else None,
         rule_pattern(e.not_followed_by, re.IGNORECASE) if e.not_followed_by else None)
        for e in catalogue(check)
        if e.valid_from <= ctx.as_of and (e.valid_to is None or ctx.as_of <= e.valid_to)
    ]
    found: dict[tuple[int, str], list] = {}
    # A sentence that also cites what replaced the reference sets old and new side by side
    # ("… enligt 14 kap. SoL (2001:453) och från och med den 1 juli enligt 27 kap. SoL (2025:400)").
    successors = {n: _SFS_NUMBER.findall(e.replacement) for n, (e, _, _, _) in enumerate(entries)}
    where = [set(ctx.candidates([pattern])) for _, pattern, _, _ in entries]
    for pos in sorted(set().union(*where)):
        # Masking a match only blanks text out, so entries that cannot match the block stay out.
        live = [(n, entries[n]) for n, blocks in enumerate(where) if pos in blocks]
        block = ctx.blocks[pos]
        for sentence in ctx.sentences(pos):
            if historical.search(sentence):
                continue
            text = sentence
            for number, (entry, pattern, context, after) in live:
                for match in pattern.finditer(text):
                    if context and not (context.search(sentence) or context.search(block.section_label)):
                        continue
                    if after and after.match(text[match.end() :]):
                        continue
                    if any(number_ in sentence for number_ in successors[number]):
                        continue
                    right = _former_name(former, text, match) or (
                        told_of and told_of < entry.valid_from and not _PRESENT.search(sentence)
                    )
                    if not right:
                        old = " ".join(match.group(0).split())
                        found.setdefault((number, old.lower()), [old, block, sentence, 0])[3] += 1
                    text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    problems = []
    for (number, _), (old, block, sentence, count) in found.items():
        entry = entries[number][0]
        if entry.miscited:
            detail = f"”{old}” är fel hänvisning här: det som avses regleras i {entry.replacement} (sedan {entry.valid_from.isoformat()})."
        else:
            detail = f"”{old}” är inaktuell: ersatt av {entry.replacement} från {entry.valid_from.isoformat()}."
        if count > 1:
            detail += f" Förekommer på {count} ställen."
        if entry.note:
            detail += f" {entry.note}"
        # A report on a year that began before the replacement describes, at least in part, a time when
        # the old text applied: told as history the reference is information, not a warning. Cited for
        # the present ("ska rapportera enligt", "regleras i") it is stale whatever the year.
        before = period is not None and date(period, 1, 1) < entry.valid_from
        if before and period == entry.valid_from.year:
            if _PRESENT.search(sentence) or entry.miscited:
                before = False
            else:
                last = (entry.valid_from - timedelta(days=1)).isoformat()
                detail += f" Berättelsen avser {period}: hänvisningen stämmer för tiden till och med {last}."
        problems.append(Problem(block, sentence, detail, "info" if before else None))
    return Verdict(not problems, problems=problems)


def _former_name(former: list, text: str, match: re.Match) -> bool:
    """The match is named as what something was called before ("bytte namn från …", "… (numera
    Region Hallsta)"): the pack's `former_before` ends right before it or `former_after` starts right after."""
    before, after = former
    return bool((before and before.search(text[max(0, match.start() - 60) : match.start()]))
                or (after and after.match(text[match.end() :])))


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    lines = ["Hänvisningar som har ersatts, bedömda per datumet för granskningen (--as-of):"]
    for law in check.replaced_laws:
        lines.append(f"  {law.law} ({', '.join(f'`{n}`' for n in law.names)}) ersattes av {law.replaced_by} "
                     f"från {law.valid_from.isoformat()}")
        lines += [f"  {' eller '.join(m.old)} → {m.new}" + (f" ({m.explanation})" if m.explanation else "")
                  for m in law.paragraphs]
    return lines + [
        f"  {e.replacement} gäller sedan {e.valid_from.isoformat()} (mönster `{e.pattern}`)" for e in check.entries
    ]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field, ValidationInfo, field_validator, model_validator

    from ..records import dump
    from ..schema import Regex, Strict

    class StaleEntry(Strict):
        pattern: Regex
        replacement: str
        valid_from: date  # the day the reference became stale
        valid_to: date | None = None  # the last day it is flagged (e.g. when a name comes back); open-ended
        context: Regex | None = None  # must also match the sentence or its section path
        not_followed_by: Regex | None = None  # a match directly followed by this is not the stale reference
        note: str = ""
        miscited: bool = False  # still in force, but cited for something another text regulates

    class MovedParagraph(Strict):
        """Paragraphs of a replaced law and where their content is now."""

        old: list[str] = Field(min_length=1)  # "14 kap. 3 §", "14 kap. 3–7 §§": cited this way they are stale
        new: str  # "27 kap. 2 §": where it is in the law that replaced it
        explanation: str = ""  # added in parentheses after the new law
        subsections: list[str] = []  # "tredje", "fjärde": "3 kap. 3 § fjärde stycket" is the same paragraph
        named: bool = False  # stale only with the law's name after it ("7 kap. 6 § SoL"), not on its own
        context: Regex | None = None  # besides the law's context, text that makes a bare paragraph mean this law
        note: str = ""

        @field_validator("old")
        @classmethod
        def _citations(cls, old: list[str]) -> list[str]:
            for citation in old:
                _paragraph_regex(citation)
            return old

    class ReplacedLaw(Strict):
        """A law replaced by another: its name and number, and where its paragraphs went."""

        law: str  # "socialtjänstlagen (2001:453)"
        number: str = Field(pattern=r"^\d{4}:\d+$")  # its SFS number
        names: list[Regex] = Field(min_length=1)  # how the law is named in text: "SoL", "socialtjänstlag(en)?"
        replaced_by: str  # "socialtjänstlagen (2025:400)"
        valid_from: date  # the day the new law came into force
        context: Regex | None = None  # a paragraph cited without the law's name counts only in such text
        paragraphs: list[MovedParagraph] = []

    class StaleReferencesCheck(Strict):
        """References to laws, föreskrifter and bodies that have been replaced, judged at --as-of.

        `replaced_laws` are laws given as data (names, number, paragraph map), from which the patterns
        are built; `entries` are other stale references, each with its own pattern. Laws are tried
        first: a paragraph citation that also names the law uses up that text before the name alone
        is tried."""

        type: Literal["stale_references"]
        replaced_laws: list[ReplacedLaw] = []
        entries: list[StaleEntry] = []
        historical: Regex = r"\b(tidigare|upphävd|upphävdes|ersattes|ersatt|hette|dåvarande|före den)\b"
        former_before: Regex | None = None  # ends right before a name given as a former one ("bytte namn från")
        former_after: Regex | None = None  # starts right after a name given as a former one ("(numera")

        @model_validator(mode="after")
        def _built_patterns_are_safe(self, info: ValidationInfo) -> StaleReferencesCheck:
            if not self.replaced_laws and not self.entries:
                raise ValueError("ange minst en ersatt lag (replaced_laws) eller en inaktuell hänvisning (entries)")
            for entry in catalogue(self):
                StaleEntry.model_validate(dump(entry), context=info.context)  # compiles; no catastrophic backtracking
            return self

    return StaleReferencesCheck
