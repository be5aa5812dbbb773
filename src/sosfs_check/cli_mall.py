"""`sosfs-check mall`: write a template built from the rules (or next year's from last year's report)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_options import RulesOption


class TemplateFormat(str, Enum):
    docx = "docx"
    odt = "odt"
    md = "md"


class TemplateLang(str, Enum):
    sv = "sv"
    en = "en"


def mall(
    profile: Annotated[
        Optional[str], typer.Option(help="patientsakerhetsberattelse (standard), kvalitetsberattelse eller kombinerad.")
    ] = None,
    year: Annotated[
        Optional[int], typer.Option("--year", min=1900, max=2999, metavar="ÅÅÅÅ",
                                    help="Året berättelsen avser (standard: förra året; med --from året efter).")
    ] = None,
    organisation: Annotated[
        Optional[str], typer.Option(help="Nämnd eller vårdgivare på titelsidan, t.ex. \"Vård- och omsorgsnämnden i X\".")
    ] = None,
    rule_dirs: RulesOption = None,
    lang: Annotated[TemplateLang, typer.Option(help="Språk i mallens rubriker och ledtexter.")] = TemplateLang.sv,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FIL",
                                     help="Mallen (standard: <profil>-<år>.<format> i aktuell mapp).")
    ] = None,
    source: Annotated[
        Optional[Path], typer.Option("--from", metavar="FÖRRA.docx",
                                     help="Förra årets berättelse: rubrikerna och målen förs över, aldrig brödtexten.")
    ] = None,
    format: Annotated[TemplateFormat, typer.Option("--format", "-f", help="Filformat.")] = TemplateFormat.docx,
) -> None:
    """Skriv en mall (Word) med ett avsnitt för varje krav, vägledning och lagrum; `check` visar sedan hur långt du kommit."""
    from .files import write_atomic
    from .mall import plan
    from .settings import resolve

    settings = resolve(rules=rule_dirs or (), profile=profile)
    template = plan(settings.profile, year, organisation, settings.rules, lang.value, source)
    data = template.render(format.value)
    target = output or Path(f"{template.file_stem}.{format.value}")
    write_atomic(target, data, inputs=[source] if source else [])
    print(f"Skrev {target} ({len(template.parts)} avsnitt).")


def register(app: typer.Typer) -> None:
    app.command()(mall)
