"""One pipeline for every command: read -> evaluate -> suppress -> baseline, for any list of paths."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager as ContextManager
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, InternalError, NotAReportError
from .result import Result
from .settings import Settings


def on_stderr(problem: InputError) -> None:
    """How the command line reports a file that could not be checked."""
    if "--debug" in sys.argv:
        traceback.print_exception(problem)
    hint = " (kör med --debug för detaljer)" if isinstance(problem, InternalError) else ""
    print(f"sosfs-check: {problem}{hint}", file=sys.stderr)


def collect(outcomes: list, paths: list[Path], on_problem: Callable[[InputError], None]) -> tuple[list[Result], bool]:
    """(results, whether a file failed); each file that failed goes to `on_problem`. A file found in
    a folder that is no report is skipped with a note; named on the command line, it fails."""
    results, failed = [], False
    named = {p for p in paths if not p.is_dir()}
    for outcome in outcomes:
        if isinstance(outcome, NotAReportError) and outcome.path not in named:
            print(f"sosfs-check: hoppar över {outcome.path}: varken patientsäkerhets- eller kvalitetsberättelse", file=sys.stderr)
        elif isinstance(outcome, InputError):
            on_problem(outcome)
            failed = True
        else:
            results.append(outcome)
    return results, failed


@dataclass(frozen=True)
class Discovery:
    """How folders are searched (see `discover`): extra `--exclude` patterns, the run's own output
    files, and whether to say on stderr what was skipped (`-v`)."""

    exclude: Sequence[str] = ()
    outputs: Sequence[Path] = ()
    verbose: bool = False


def run(
    paths: list[Path],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], ContextManager] | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    discovery: Discovery = Discovery(),
    outputs: list[Path | None] = (),
    reads: list[Path] = (),
    on_problem: Callable[[InputError], None] = on_stderr,
) -> tuple[list[Result], bool]:
    """Check the reports (folders are searched) under `settings`: (results, whether a file failed).

    `progress(total)` gives a context yielding the per-file callback (see `outputs.progress`).
    Findings of suppressed rules carry the configured reason; `write_baseline` records the
    findings as known, and `baseline` (or the file just written) marks the known ones.
    Before anything is read, `outputs` and `write_baseline` are refused if they are any file
    read: the paths, the reports found in folders, the baseline and `reads` (configuration, packs).
    Each file that cannot be checked goes to `on_problem` (default: a line on stderr).
    """
    from .batch import check_paths
    from .discover import discover, report_skipped
    from .files import guard_outputs
    from .readers import BINARY_SUFFIXES

    configured = settings.config.exclude if settings.config is not None else []
    # A scan skips the run's own earlier output (a `rapport.md` in the folder) so that it is
    # overwritten, not read; no command writes a Word, OpenDocument or PDF file, so an output named
    # like one is a report, stays an input and is refused by the guard below.
    own = [o for o in discovery.outputs if Path(o).suffix.lower() not in BINARY_SUFFIXES]
    found = discover(paths, [*configured, *discovery.exclude], own)
    if discovery.verbose:
        report_skipped(found, sys.stderr)
    files = found.files
    inputs = [*paths, *files, *reads]
    guard_outputs(outputs, [*inputs, *([baseline] if baseline else [])])
    guard_outputs([write_baseline], inputs)
    with progress(len(files)) if progress else nullcontext() as on_done:
        outcomes = check_paths(files, settings, jobs, on_done)
    results, failed = collect(outcomes, paths, on_problem)
    suppress(settings, results)
    if write_baseline:
        from .baseline import write_baseline as save_baseline

        save_baseline(write_baseline, results)
        baseline = write_baseline
    if baseline:
        from .baseline import apply_baseline, load_baseline

        apply_baseline(results, load_baseline(baseline, settings.rules.aliases), baseline)
    return results, failed


def suppress(settings: Settings, results: list[Result]) -> None:
    """Mark findings of the configuration's suppressed rules with the written reason."""
    if settings.config is not None:
        from .config import apply_suppressions

        apply_suppressions(settings.config, results, settings.rules.aliases)
