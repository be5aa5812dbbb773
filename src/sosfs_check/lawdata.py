"""What a rule pack says about the law itself (pack.yml): checklist areas, kinds of report and how
they are told apart, paragraph names, the statutes cited and how they were read, dating words."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo

from .behaviour import BasisBehaviour, InForce, Law
from .schema import Regex, Strict


class ProfileSpec(Strict):
    """A kind of report (profile): its title and how a report of that kind names itself."""

    title: str
    names: Regex  # matched case-insensitively on the title page and in the text
    combines: list[str] = []  # a combined report is each of these kinds at once


def _law(info: ValidationInfo) -> Law | None:
    """The law a file is validated against, given by the loader; None when data is validated again
    (e.g. a rule at a configured severity), which was checked when it was read."""
    return (info.context or {}).get("law")


def _choice(value: str, known) -> str:
    if known is not None and value not in known:
        raise ValueError(f"ogiltigt värde {value!r}; tillåtna värden: {', '.join(map(repr, known))}")
    return value


def _known(table: str):
    """A validator: the value is one of the law's `table` (areas, profiles); `choices` marks the JSON
    Schema, where `ruledoc.schemas` lists the built-in pack's values for editors."""
    return AfterValidator(lambda value, info: _choice(value, getattr(_law(info), table, None)))


Area = Annotated[str, _known("areas"), Field(json_schema_extra={"choices": "areas"})]
Profile = Annotated[str, _known("profiles"), Field(json_schema_extra={"choices": "profiles"})]


SourceLevel = Literal["primary", "secondary", "unverified"]
_TEXT_ID = re.compile(r"^(?:SFS|SOSFS|HSLF-FS) \d{4}:\d+")


class Dated(InForce, Strict):
    """In force from `valid_from` up to and including `valid_to`; open-ended when not given."""

    valid_from: date | None = None
    valid_to: date | None = None


class ProvisionSource(Strict):
    """How one provision was read, when it differs from its statute's or föreskrift's source."""

    level: SourceLevel
    reference: str = Field(min_length=1)
    quotes_wording: bool = False
    valid_from: date | None = None  # when the provision itself came into force (e.g. 27 kap. 7 § SoL)
    valid_to: date | None = None  # the last day the provision itself was in force
    check_before_release: str = ""  # what must be checked against the official text


class LegalText(Dated):
    """A statute or föreskrift the pack cites: where its text was read, how reliably, which version the
    pack encodes and, once known, what replaced it."""

    id: str = Field(pattern=r"^(SFS|SOSFS|HSLF-FS) \d{4}:\d+$")  # "SFS 2010:659"
    name: str
    level: SourceLevel  # primary: read in the consolidated text; secondary: a named source; unverified
    reference: str = Field(min_length=1)  # the file or the named secondary source
    quotes_wording: bool = False  # a secondary source that quotes the provisions' own wording
    version: str = ""  # the version the pack encodes, e.g. "ändrad t.o.m. HSLF-FS 2025:21"
    replaced_by: str = ""  # in force after valid_to
    replaces: str = ""  # in force before valid_from
    report_content: list[str] = []  # provisions that say what the report itself contains: "3 kap. 10 §"
    provisions: dict[str, ProvisionSource] = {}  # "5 kap. 3 §" -> its own source
    check_before_release: str = ""  # what must be checked against the official text (docs/legal-sources.md)


class LegalBasis(BasisBehaviour, Dated):
    """One citation of a rule, with how its text was verified and when it is in force."""

    cite: str
    level: SourceLevel = "unverified"
    reference: str = ""
    quotes_wording: bool = False
    in_report: bool = False  # the provision prescribes content of the report itself


def resolve_basis(citation: str, texts: dict[str, LegalText]) -> LegalBasis:
    """The citation with its source level and dates from the pack's texts; unverified when unknown."""
    match = _TEXT_ID.match(citation)
    text = texts.get(match.group(0)) if match else None
    if text is None:
        return LegalBasis(cite=citation)
    provision = citation[match.end() :].strip()
    own = next((s for key, s in text.provisions.items() if provision.startswith(key)), None)
    source = own or text
    return LegalBasis(
        cite=citation,
        level=source.level,
        reference=source.reference,
        quotes_wording=source.quotes_wording,
        in_report=any(provision.startswith(p) for p in text.report_content),
        valid_from=(own.valid_from if own else None) or text.valid_from,
        valid_to=(own.valid_to if own else None) or text.valid_to,
    )


class Adoption(Strict):
    """Words that date a report: when it was drawn up (the 1 March deadline in PSL 3 kap. 10 §) and when a
    body treated, approved or adopted it (not a deadline)."""

    drawn_up: list[str] = Field(min_length=1)  # "upprättad", "daterad"
    adopted: list[str] = Field(min_length=1)  # "fastställd", "behandlad", "godkänd"
    unspecified: list[str] = []  # "datum": a date, but not what happened that day
    other_dates: list[str] = []  # "reviderad": dates something else; "Reviderad den …" is no signature line


class Pack(Strict):
    """pack.yml: the pack's name and version and, in a base pack, the law's own data."""

    name: str
    version: str
    description: str = ""
    disable: list[str] = []  # ids of rules from earlier packs (the built-in one) to switch off
    texts: list[LegalText] = []  # the statutes and föreskrifter the rules cite, and how they were read
    adoption: Adoption | None = None  # the built-in pack's words are used when a pack has none
    areas: dict[str, str] = {}  # checklist area -> title, in the checklist's order
    profiles: dict[str, ProfileSpec] = {}  # kind of report -> what it is called and how it is told
    paragraphs: dict[str, str] = {}  # cited paragraph ("SFS 2010:659 3 kap. 10 §") -> what it requires
    # Paragraphs that authorise the government or an agency to issue föreskrifter (bemyndiganden): a
    # report can neither meet nor breach them, so the coverage matrix has no row for them.
    authorisations: list[str] = []
