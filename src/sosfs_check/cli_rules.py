"""`sosfs-check rules ...`: list, explain, validate and test the rules; write their schema and reference."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_options import ListFormat, ListFormatOption, ProfileOption, RulesOption, value
from .errors import RuleError

rules_app = typer.Typer(
    no_args_is_help=True,
    help="Visa, förklara, validera och testa reglerna (även kommunens egna regelpaket).",
)

def _fail(message: str) -> None:
    print(f"sosfs-check: {message}", file=sys.stderr)
    raise typer.Exit(2)


def _ruleset(rules: list[Path] | None):
    from .packs import load_ruleset

    return load_ruleset(tuple(rules or ()))


def _console():
    """The terminal, for text from rule packs too: their control characters are shown, not obeyed."""
    from .controls import console

    return console(soft_wrap=True)


@rules_app.command("list")
def list_rules(
    area: Annotated[Optional[str], typer.Option(help="Visa bara ett område, t.ex. riskanalys.")] = None,
    profile: ProfileOption = None,
    format: ListFormatOption = ListFormat.rich,
    rules: RulesOption = None,
) -> None:
    """Lista reglerna med område, allvarlighet och rättslig grund (för en profil: de som gäller den)."""
    ruleset = _ruleset(rules)
    if area is not None and area not in ruleset.areas:
        _fail(f"okänt område {area!r}; välj bland: {', '.join(ruleset.areas)}")
    profile = ruleset.check_profile(value(profile))
    selected = [
        r for r in ruleset.rules if (area is None or r.area == area) and (profile is None or profile in r.profiles)
    ]
    if format is ListFormat.json:
        import json
        from datetime import date

        from .records import dump

        fields = ("id", "title", "area", "severity", "obligation", "source_level", "verified", "profiles", "legal_basis")
        rows = [
            {
                **{field: getattr(r, field) for field in fields},
                "severity_by_profile": r.severity_by_profile,
                "valid_from": r.valid_from and r.valid_from.isoformat(),
                "valid_to": r.valid_to and r.valid_to.isoformat(),
                "sources": [dump(b) for b in r.bases],
            }
            for r in selected
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=date.isoformat) + "\n")
        return
    from rich.text import Text

    from .ruledoc import SOURCE_WORDS, severity_text

    console = _console()
    console.print(f"{len(selected)} regler", style="bold")
    for area_key, title in ruleset.areas.items():
        rules_here = [r for r in selected if r.area == area_key]
        if rules_here:
            console.print(Text(f"\n{title} ({area_key})", style="bold underline"))
        for r in rules_here:
            severity = f"{severity_text(r, ruleset)}, {r.obligation}, {SOURCE_WORDS[r.source_level].split(' (')[0]}"
            console.print(Text.assemble((r.id, "bold"), f"  {severity}  ", (r.title, "")))
            console.print(Text(f"    {'; '.join(r.legal_basis)}", style="dim"))


@rules_app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="Regelns id, t.ex. PSL-3-9-ANSVAR.")],
    rules: RulesOption = None,
) -> None:
    """Förklara en regel: vad lagen kräver, varför, ett exempel, vad regeln letar efter och hur en brist åtgärdas."""
    from rich.text import Text

    from .ruledoc import explain_sections, facts_line

    ruleset = _ruleset(rules)
    rule = ruleset.by_id(rule_id.strip().upper())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id.upper(), [r.id for r in ruleset.rules], n=3)
        _fail(f"ingen regel med id {rule_id!r}" + (f"; menade du {' eller '.join(close)}?" if close else "") +
              " Se `sosfs-check rules list`.")
    console = _console()
    console.print(Text(f"{rule.id}  {rule.title}", style="bold"))
    console.print(Text(facts_line(rule, ruleset), style="dim"))
    for heading, body in explain_sections(rule):
        console.print(Text(f"\n{heading}", style="bold underline"))
        lines = body if isinstance(body, list) else body.splitlines()
        for line in lines:
            console.print(Text(f"  {line}"))


def _validate_file(path: Path) -> tuple[int, int]:
    """Validate one rule, pack or rule test file; returns (rules, cases) it holds."""
    from .packs import builtin_rules
    from .rules import RuleFile, _validate, file_texts, load_pack_file
    from .yamlfile import read_yaml
    from .ruletests import RuleTestFile

    if path.name == "pack.yml":
        load_pack_file(path)
        return 0, 0
    text, data = read_yaml(path)
    if isinstance(data, dict) and "cases" in data:
        return 0, len(_validate(RuleTestFile, path, text, data, builtin_rules().law).cases)
    base = builtin_rules()
    return len(_validate(RuleFile, path, text, data, base.law, texts=file_texts(path, base)).rules), 0


def _validate_dir(directory: Path) -> tuple[int, int]:
    """Validate a whole pack: its rules, how it merges with the built-in pack, and its test cases."""
    from .packs import own_rules
    from .ruletests import load_cases, ruleset_for

    rules = len(own_rules(directory).rules)
    return rules, len(load_cases(directory, ruleset_for(directory)))


@rules_app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Regelfiler, pack.yml, testfiler eller hela regelpaket (mappar).")],
) -> None:
    """Validera regelfiler: fel skrivs som fil:rad:kolumn: meddelande (exitkod 2 vid fel)."""
    problems: list[str] = []
    rules = cases = 0
    for path in paths:
        try:
            if path.is_dir():
                counts = _validate_dir(path)
            elif path.is_file():
                counts = _validate_file(path)
            else:
                problems.append(f"{path}: filen eller mappen finns inte")
                continue
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        rules, cases = rules + counts[0], cases + counts[1]
    for problem in problems:
        print(problem)
    if problems:
        _fail(f"{len(problems)} fel i reglerna")
    print(f"OK: inga fel ({rules} regler, {cases} testfall).")


@rules_app.command("test")
def test_rules(
    directory: Annotated[
        Optional[Path], typer.Argument(help="Regelpaket vars tests/*.yml ska köras (standard: det inbyggda).")
    ] = None,
) -> None:
    """Kör regeltesterna: bygg varje testfalls dokument som DOCX, granska det och jämför fynden."""
    from .packs import builtin_rules_dir, own_rules
    from .ruletests import load_cases, run_case, ruleset_for, untested

    directory = directory or builtin_rules_dir()
    ruleset = ruleset_for(directory)
    cases = load_cases(directory, ruleset)
    outcomes = [run_case(case, ruleset) for case in cases]
    failures = [o for o in outcomes if not o.passed]
    for outcome in failures:
        print(f"MISSLYCKADES {outcome.report()}\n")
    for rule_id, kinds in untested(cases, [r.id for r in own_rules(directory).rules]).items():
        print(f"Obs: {rule_id} saknar {' och '.join(kinds)}.")
    if failures:
        print(f"{len(failures)} av {len(outcomes)} testfall misslyckades.")
        raise typer.Exit(1)
    print(f"OK: alla {len(outcomes)} testfall godkända.")


@rules_app.command()
def schema(
    directory: Annotated[Path, typer.Argument(help="Mapp att skriva schemafilerna till.")] = Path("docs"),
) -> None:
    """Skriv JSON Schema för regelfiler, pack.yml och testfiler (för editorer)."""
    from .ruledoc import schemas

    directory.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (directory / name).write_text(text, encoding="utf-8")
        print(f"Skrev {directory / name}")


@rules_app.command()
def docs(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil i stället för skärmen.")] = None,
    rules: RulesOption = None,
    sources: Annotated[bool, typer.Option("--sources", help="Skriv rättskällorna (docs/legal-sources.md) i stället.")] = False,
) -> None:
    """Skriv regelreferensen (Markdown) med rättslig grund och förklaring för varje regel, eller rättskällorna."""
    from .ruledoc import legal_sources_markdown, rules_markdown

    text = (legal_sources_markdown if sources else rules_markdown)(_ruleset(rules))
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"Skrev {output}")
