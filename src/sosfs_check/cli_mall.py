"""`sosfs-check mall`: write a template built from the rules (or next year's from last year's report)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_options import TemplateFormat, shared_options


def mall(
    year: Annotated[
        Optional[int], typer.Option("--year", min=1900, max=2999, metavar="ÅÅÅÅ",
                                    help="Året berättelsen avser (standard: förra året; med --from året efter).")
    ] = None,
    organisation: Annotated[
        Optional[str], typer.Option(help="Nämnd eller vårdgivare på titelsidan, t.ex. \"Vård- och omsorgsnämnden i X\".")
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FIL",
                                     help="Mallen (standard: <profil>-<år>.<format> i aktuell mapp).")
    ] = None,
    source: Annotated[
        Optional[Path], typer.Option("--from", metavar="FÖRRA.docx",
                                     help="Förra årets berättelse: rubrikerna och målen förs över, aldrig brödtexten.")
    ] = None,
    format: Annotated[TemplateFormat, typer.Option("--format", "-f", help="Filformat.")] = TemplateFormat.docx,
    **shared,
) -> None:
    """Skriv en mall (Word) med ett avsnitt för varje krav, vägledning och lagrum; `check` visar sedan hur långt du kommit."""
    from .files import write_atomic
    from .mall import plan
    from .settings import resolve

    settings = resolve(**shared)
    last = settings.check(source) if source else None
    template = plan(settings.profile, year, organisation, settings.rules, settings.lang, last)
    data = template.render(format.value)
    target = output or Path(f"{template.file_stem}.{format.value}")
    write_atomic(target, data, inputs=[source] if source else [])
    print(f"Skrev {target} ({len(template.parts)} avsnitt).")


def register(app: typer.Typer) -> None:
    app.command()(shared_options(mall))
