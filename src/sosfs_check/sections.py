"""The sections of a report (`sections:` in rule files), in the order of SKR's template."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, ValidationInfo, model_validator

from .lawdata import Profile, _law
from .behaviour import SectionBehaviour, WordingBehaviour
from .schema import Strict


class Wording(WordingBehaviour, Strict):
    """A text in Swedish and, optionally, English."""

    sv: str = Field(min_length=1)
    en: str = ""


SectionId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Section(SectionBehaviour, Strict):
    """A section of the report, in the order of SKR's template; rules name it with `section:`.

    `sosfs-check mall` writes one heading for every section an active rule of the profile names
    (and for its parents). `titles` words a heading differently for one profile; `aliases` are
    other headings that mean the same section in an earlier year's report.
    """

    id: SectionId
    title: Wording
    order: int
    parent: SectionId | None = None
    profiles: list[Profile] = Field(min_length=1)  # default: every profile
    titles: dict[Profile, Wording] = {}
    aliases: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _every_profile(cls, data, info: ValidationInfo):
        if isinstance(data, dict) and "profiles" not in data:
            return {**data, "profiles": list(_law(info).profiles)}  # read by the loader, which gives the law
        return data

