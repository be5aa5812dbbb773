"""Every command-line option, declared once; commands take the ones they use.

Every command (check, annotate, coverage, compare, mall, serve) takes the shared `--rules`,
`--config`, `--lang`, `--max-size`, `--as-of` and `--profile` through `shared_options`.
"""

from __future__ import annotations

import functools
import inspect
import typing
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .choices import COMPARE_FORMATS, COVERAGE_FORMATS, FAIL_ON, LANGS, LIST_FORMATS, TEMPLATE_FORMATS
from .outputs import FORMATS
from .packs import builtin_rules


def _choices(name: str, values) -> type[Enum]:
    return Enum(name, {value: value for value in values}, type=str)


Format = _choices("Format", FORMATS)
CoverageFormat = _choices("CoverageFormat", COVERAGE_FORMATS)
CompareFormat = _choices("CompareFormat", COMPARE_FORMATS)
ListFormat = _choices("ListFormat", LIST_FORMATS)
FailOn = _choices("FailOn", FAIL_ON)
Lang = _choices("Lang", LANGS)
TemplateFormat = _choices("TemplateFormat", TEMPLATE_FORMATS)


def value(choice: Enum | str | None) -> str | None:
    """An option's choice as text (None when not given)."""
    return choice.value if isinstance(choice, Enum) else choice


# Shared by every command that judges reports.
RulesOption = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", help="Mapp med ett eget regelpaket (pack.yml + regelfiler); kan upprepas.", show_default=False),
]
ConfigOption = Annotated[
    Optional[Path], typer.Option(help="Konfigurationsfil (annars sosfs-check.toml eller pyproject.toml uppåt).")
]
ProfileOption = Annotated[
    Optional[str],
    typer.Option(
        metavar="PROFIL",
        help=f"Berättelsens slag (annars avläst ur titeln): {', '.join(builtin_rules().profiles)}; även psb och kb.",
    ),
]
AsOfOption = Annotated[Optional[str], typer.Option(help="Bedöm lagläget per datum (ÅÅÅÅ-MM-DD).")]
LangOption = Annotated[Optional[Lang], typer.Option(help="Språk i rapporten (standard sv).")]
ExcludeOption = Annotated[
    Optional[list[str]],
    typer.Option("--exclude", metavar="GLOB", help="Läs inte filer eller mappar som matchar (Git-mönster; kan upprepas)."),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Visa vilka filer som hoppas över och varför.")]
MaxSizeOption = Annotated[
    Optional[int],
    typer.Option("--max-size", min=1, metavar="MB", help="Största fil som granskas, i MB (standard 50); se README, Garantier."),
]

# Options of some commands.
JobsOption = Annotated[
    Optional[int], typer.Option("--jobs", "-j", min=1, help="Antal parallella processer (standard: de kärnor processen får använda).")
]
FailOnOption = Annotated[Optional[FailOn], typer.Option(help="Lägsta allvarlighet som ger exitkod 1 (standard error).")]
BaselineOption = Annotated[Optional[Path], typer.Option(help="Kända brister i denna fil visas men fäller inte.")]
WriteBaselineOption = Annotated[Optional[Path], typer.Option(help="Spara alla brister som kända i denna fil.")]
CheckFormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Utdataformat till stdout (eller till --output FIL).")
]
CheckOutputOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--output", "-o", metavar="[FORMAT=]FIL",
        help="FIL för --format, eller FORMAT=FIL (kan upprepas: --output sarif=a.sarif); - är stdout.",
    ),
]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till FIL i stället för stdout (- är stdout).")]
CoverageFormatOption = Annotated[CoverageFormat, typer.Option("--format", "-f", help="Utdataformat.")]
CompareFormatOption = Annotated[CompareFormat, typer.Option("--format", "-f", help="Utdataformat.")]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Utdataformat.")]

SHARED = {
    "profile": ProfileOption, "as_of": AsOfOption, "lang": LangOption, "config": ConfigOption,
    "rule_dirs": RulesOption, "max_size": MaxSizeOption,
}  # fmt: skip


def shared_options(command):
    """`command` with the shared options (`SHARED`) after its own: it takes them as `**shared`,
    choices as text, ready for `settings.resolve(**shared)`."""
    hints = typing.get_type_hints(command, include_extras=True)
    own = [p.replace(annotation=hints[p.name]) for p in inspect.signature(command).parameters.values()
           if p.kind is not p.VAR_KEYWORD]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=option)
              for name, option in SHARED.items()]

    @functools.wraps(command)
    def with_shared(*args, **kwargs):
        return command(*args, **{**kwargs, **{name: value(kwargs[name]) for name in SHARED}})

    with_shared.__signature__ = inspect.Signature([*own, *shared])
    with_shared.__annotations__ = {p.name: p.annotation for p in [*own, *shared]}
    return with_shared
