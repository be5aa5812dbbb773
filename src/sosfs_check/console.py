"""The `sosfs-check` console script.

`sosfs-check check` with plain options (the form CI and batch runs use) runs without loading
Typer, which would take a sixth of a run; anything else, and any option the fast path does not
know or whose value it would reject, goes to the Typer app in `cli`, which parses it and
explains mistakes. Both end in `commands.check`.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

# option -> parameter of `commands.check`; the values are checked as Typer checks them
_OPTIONS = {
    "--profile": "profile", "--format": "format", "-f": "format", "--output": "output", "-o": "output",
    "--fail-on": "fail_on", "--as-of": "as_of", "--lang": "lang", "--jobs": "jobs", "-j": "jobs",
    "--config": "config", "--baseline": "baseline", "--write-baseline": "write_baseline",
    "--rules": "rule_dirs", "--max-size": "max_size", "--exclude": "exclude",
    "--verbose": "verbose", "-v": "verbose",
}  # fmt: skip
_FLAGS = ("verbose",)
_REPEATABLE = ("output", "rule_dirs", "exclude")
_PATHS = ("config", "baseline", "write_baseline", "rule_dirs")


def _value(parameter: str, text: str):
    """The option's value as `commands.check` takes it, or None when Typer should judge it."""
    if parameter == "format":
        from .outputs import FORMATS

        return text if text in FORMATS else None
    if parameter in ("fail_on", "lang"):
        from .choices import FAIL_ON, LANGS

        return text if text in {"fail_on": FAIL_ON, "lang": LANGS}[parameter] else None
    if parameter in ("jobs", "max_size"):
        return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None
    return Path(text) if parameter in _PATHS else text


def plain_check(args: list[str]) -> dict | None:
    """Keyword arguments for `commands.check` from `check ...`, or None when Typer is needed."""
    if not args or args[0] != "check":
        return None
    options: dict = {"paths": []}
    rest = iter(args[1:])
    for arg in rest:
        if not arg.startswith("-"):
            options["paths"].append(Path(arg))
            continue
        if arg.startswith("--"):
            name, equals, text = arg.partition("=")
        else:  # a short option, its value attached as Click takes it ("-j2") or the next argument
            name, equals, text = arg[:2], arg[2:] and "=", arg[2:]
        parameter = _OPTIONS.get(name)
        if parameter in _FLAGS:
            if equals:
                return None  # Typer explains that a flag takes no value
            options[parameter] = True
            continue
        if not equals:
            text = next(rest, "-")
        value = _value(parameter, text) if parameter and not text.startswith("-") else None
        if value is None or (parameter in options and parameter not in _REPEATABLE):
            return None
        if parameter in _REPEATABLE:
            options.setdefault(parameter, []).append(value)
        else:
            options[parameter] = value
    return options if options["paths"] else None


def main() -> None:
    # What start-up makes (patterns, modules, the rule set) lives as long as the run: no garbage is
    # collected until `commands.check` has loaded the rule set.
    gc.disable()
    from .regexcache import install

    install()  # before the modules that compile their patterns when imported
    options = plain_check(sys.argv[1:])
    if options is None:
        gc.enable()
        from .cli import main as typer_main

        return typer_main()
    from .commands import check, guarded

    def run() -> None:
        sys.exit(check(**options))

    guarded(run)
