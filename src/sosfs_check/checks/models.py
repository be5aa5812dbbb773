"""The `check:` mapping of every check type as a pydantic model: the rule schema (`Check`).

Loaded only to validate rule files (and to write their JSON Schema); a check reads the validated
data, as a model or as a record from the rule cache (`records`), in its own module
`checks/<type>.py`. A model's `type` is `Literal["<type>"]`, the name of that module.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Union, get_args

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..records import dump
from ..schema import Regex, Strict
from .stale_references import _paragraph_regex, catalogue

FactKey = Literal[
    "avvikelser", "klagomal_synpunkter", "lex_maria_anmalningar", "lex_sarah_rapporter", "ivo_anmalningar", "riskanalyser"
]  # the figures a report states (facts.py)


class AbsenceCheck(Strict):
    """Fails when the report itself states that the work was not done."""

    type: Literal["absence"]
    patterns: list[Regex] = Field(min_length=1)
    within: list[str] = []
    # The report's figure for this key is zero ("Ingen särskild riskanalys genomfördes"): the same
    # reading of a stated none as the figures (facts.py).
    zero_figure: FactKey | None = None


class AdoptionCheck(Strict):
    """The adoption date: stated, by the deadline, one year after the period reported on."""

    type: Literal["adoption"]
    require: Literal["present", "deadline", "previous_year"]
    deadline: str = Field(default="03-01", pattern=r"^\d{2}-\d{2}$")  # MM-DD in the year after the period


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


class ControlsCheck(Strict):
    """Text with characters that change how it is shown, or hide in it, is not ready to publish."""

    type: Literal["controls"]


class FigureCheck(Strict):
    """The report states a figure (a count), in text or in a table."""

    type: Literal["figure"]
    key: FactKey
    within: list[str] = []  # where a finding points when the figure is missing


class GuidanceCheck(Strict):
    """Template guidance: instruction sentences and instruction styles (placeholders and hidden text
    are always guidance)."""

    type: Literal["guidance"]
    sentences: list[Regex] = []  # matched at the start of a sentence, case-insensitively
    styles: list[Regex] = []  # searched in paragraph style names, case-insensitively


class PeriodTextCheck(Strict):
    """The body speaks mostly of the period year, not of an earlier one (copied text)."""

    type: Literal["period_text"]
    min_mentions: int = Field(default=4, ge=1)


class AppliesIf(Strict):
    """What shows that a rule applies to the report: a term on the title page or in the body text,
    unless the title page names care the rule is not about."""

    title_page: list[str] = []
    text: list[str] = []
    unless_title_page: list[str] = []  # the report is about other care (elevhälsa for HSL 11 kap. 4 §)


class PhrasesCheck(Strict):
    """Every group must be matched by one of its terms: within some sections, or in one paragraph."""

    type: Literal["phrases"]
    groups: list[list[str]] = Field(min_length=1)
    within: list[str] = []
    same_block: bool = False
    # Nothing to describe when the report's figure for this key is zero ("Inga klagomål kom in").
    zero_figure: FactKey | None = None
    # The title page's short lines count too: where a report says who it is by and where it is
    # published ("Vårdgivare: …", "Berättelsen finns på regionens webbplats"), not its content.
    title_page: bool = False
    # The rule applies only to reports that show this (a kommun as vårdgivare for HSL 11 kap. 4 §);
    # for any other report it is not applicable.
    applies_if: AppliesIf | None = None


class PlaceholdersCheck(Strict):
    """Template leftovers and review marks that must not be published."""

    type: Literal["placeholders"]
    patterns: list[Regex] = []
    markup: list[Literal["comment", "insertion", "deletion", "highlight"]] = []


class SectionCheck(Strict):
    """A section with one of these headings and real content; body phrases count as partial evidence."""

    type: Literal["section"]
    headings: list[str] = Field(min_length=1)
    phrases: list[str] = []
    min_words: int = Field(default=15, ge=0)
    # "unclaimed": a subsection that is another area's own section does not count (a chapter
    # "Process – åtgärder för att säkerställa kvaliteten" over riskanalys, klagomål ... is not the
    # report's account of its measures); "all": every subsection counts (a results chapter).
    subsections: Literal["all", "unclaimed"] = "all"
    # A figure the section is to give: the report's stated count for this key (even 0) is enough.
    figure: FactKey | None = None
    # A rule about the years ahead: a heading naming a year after the report's period ("Mål 2026",
    # "Vad vi gör 2026") is its section too; without such a section, a plan naming such a year is.
    ahead: bool = False


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

    @model_validator(mode="after")
    def _built_patterns_are_safe(self, info: ValidationInfo) -> StaleReferencesCheck:
        if not self.replaced_laws and not self.entries:
            raise ValueError("ange minst en ersatt lag (replaced_laws) eller en inaktuell hänvisning (entries)")
        for entry in catalogue(self):
            StaleEntry.model_validate(dump(entry), context=info.context)  # compiles; no catastrophic backtracking
        return self


class SupersededTextsCheck(Strict):
    """A föreskrift of the pack (`texts:` with a `version` in pack.yml) not in force on the day the report
    is judged by: repealed or replaced before it, or not yet in force. The pack's rules on it do not
    apply, and the report says which text applied instead."""

    type: Literal["superseded_texts"]


class TitleCheck(Strict):
    """The title page names the kind of report (and a year)."""

    type: Literal["title"]
    terms: list[str] = Field(min_length=1)
    require_year: bool = True


class TocCheck(Strict):
    """Headings the table of contents promises exist in the body, and the reverse."""

    type: Literal["toc"]
    min_ratio: int = Field(default=88, ge=50, le=100)


MODELS = tuple(sorted(  # every check type's model, in the order of the type names
    (m for m in list(globals().values()) if isinstance(m, type) and issubclass(m, Strict) and "type" in m.model_fields),
    key=lambda m: get_args(m.model_fields["type"].annotation)[0],
))
Check = Annotated[Union[MODELS], Field(discriminator="type")]
