"""`sosfs-check mall`: a Word template built from the rules, and next year's draft from this year's report.

The outline is data: every rule names its section (`section:` in the rule files), the sections
come from the packs' `sections:` catalogue (id, title, parent, order). The template has one
built-in heading per section the profile's rules name, and under it a Word placeholder content
control (`w:sdt` with `w:showingPlcHdr`) with what the rules ask for and their example text, and a
Word comment with the legal basis. The checker reads placeholders as guidance, never as content,
so `check` on the untouched template reports every section as unfilled.

`plan` gives the template, `Template.render` writes it (the CLI and `serve` call them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import UserError
from ..result import Result
from ..rules import RuleSet
from .outline import WORDS, Part, outline
from .source import follow, last_year
from .word import FORMATS, TAG, render

__all__ = ["FORMATS", "Part", "TAG", "Template", "outline", "plan"]


@dataclass
class Template:
    """What a template holds before it is written in a format."""

    profile: str
    year: int
    organisation: str | None
    lang: str
    parts: list[Part]
    profile_title: str  # "Patientsäkerhetsberättelse"

    @property
    def title(self) -> str:
        return f"{self.profile_title} {self.year}"

    @property
    def file_stem(self) -> str:
        return f"{self.profile}-{self.year}"

    def render(self, format: str = "docx") -> bytes:
        return render(self, format)


def plan(
    profile: str | None = None,
    year: int | None = None,
    organisation: str | None = None,
    rules: RuleSet | None = None,
    lang: str = "sv",
    last: Result | None = None,
) -> Template:
    """The template's profile, year, organisation and outline.

    `profile` defaults to patientsäkerhetsberättelse (with `last`: the kind of last year's report);
    `year` is the year reported on (default: last year; with `last`: the year after the one it
    covers); `rules` defaults to the built-in pack. `last` is last year's report, checked: its
    headings are kept where they match a required section, and its goals for the coming year become
    one placeholder each under "Uppföljning av förra årets mål"; none of its body text is copied.
    Raises `UserError` (Swedish message) for bad arguments."""
    from ..packs import builtin_rules

    rules = rules or builtin_rules()
    if lang not in WORDS:
        raise UserError(f"okänt språk {lang!r}; välj bland: {', '.join(WORDS)}")
    rules.check_profile(profile)
    if not rules.sections:
        raise UserError("regelpaketen har inga avsnitt ('sections:'); mallen byggs av regelpaketets avsnitt")
    source = last_year(last, rules) if last is not None else None
    profile = profile or (source.profile if source else "patientsakerhetsberattelse")
    if year is None:
        year = source.year + 1 if source and source.year else date.today().year - 1
    if not 1900 <= year <= 2999:
        raise UserError(f"ogiltigt år {year}; skriv året berättelsen avser, t.ex. {date.today().year - 1}")
    organisation = organisation or (source.organisation if source else None)
    parts = outline(rules, profile, lang)
    if source is not None:
        parts = follow(parts, source, rules, profile, year, lang)
    return Template(profile, year, organisation, lang, parts, rules.profiles[profile])
