"""One pipeline for every command: read -> evaluate -> suppress -> baseline, for any list of paths."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager as ContextManager
from contextlib import closing, nullcontext
from pathlib import Path
from typing import NamedTuple

from .errors import InputError, InternalError, NotAReportError
from .result import Result
from .settings import Settings


def on_stderr(problem: InputError) -> None:
    """How the command line reports a file that could not be checked."""
    if "--debug" in sys.argv:
        import traceback

        traceback.print_exception(problem)
    hint = " (kör med --debug för detaljer)" if isinstance(problem, InternalError) else ""
    print(f"sosfs-check: {problem}{hint}", file=sys.stderr)


def _problem(outcome: InputError, paths: set[Path], on_problem: Callable[[InputError], None]) -> bool:
    """Pass a file that could not be checked to `on_problem`; whether it fails the run. A file found
    in a folder that is no report is skipped with a note; named on the command line, it fails."""
    if isinstance(outcome, NotAReportError) and outcome.path not in paths:
        print(f"sosfs-check: hoppar över {outcome.path}: varken patientsäkerhets- eller kvalitetsberättelse", file=sys.stderr)
        return False
    on_problem(outcome)
    return True


class Discovery(NamedTuple):
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
    each: Callable[[Result], None] | None = None,
    texts: bool = True,
) -> tuple[list[Result], bool]:
    """Check the reports (folders are searched) under `settings`: (results, whether a file failed).

    Results come in input order; `each(result)`, when given, gets each one as soon as it is done,
    and none is kept (the list is empty). With `texts` False their documents keep only what the
    report formats read (see `batch.check_paths`). Each file that cannot be checked goes to `on_problem` as it
    comes (default: a line on stderr).
    `progress(total)` gives a context yielding the per-file callback (see `outputs.progress`).
    Findings of suppressed rules carry the configured reason; `write_baseline` records the
    findings as known, and `baseline` (or the file being written) marks the known ones.
    Before anything is read, `outputs` and `write_baseline` are refused if they are any file
    read: the paths, the reports found in folders, the baseline and `reads` (configuration, packs).
    """
    from .baseline import entries, load_baseline, mark_known, write_baseline as save_baseline
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
    known = load_baseline(baseline, settings.rules.aliases) if baseline and not write_baseline else None
    written: list[dict] = []  # the baseline being written: every unsuppressed finding is known
    results, failed, named = [], False, {p for p in paths if not p.is_dir()}
    with progress(len(files)) if progress else nullcontext() as on_done, \
            closing(check_paths(files, settings, jobs, on_done, texts)) as outcomes:
        for outcome in outcomes:
            if isinstance(outcome, InputError):
                failed |= _problem(outcome, named, on_problem)
                continue
            suppress(settings, [outcome])
            if write_baseline:
                written.extend(mine := entries(outcome, write_baseline.parent))
                mark_known(outcome, Counter((e["path"], e["fingerprint"]) for e in mine), write_baseline.parent)
            elif known is not None:
                mark_known(outcome, known, baseline.parent)
            each(outcome) if each else results.append(outcome)
    if write_baseline:
        save_baseline(write_baseline, written, files)
    return results, failed


def suppress(settings: Settings, results: list[Result]) -> None:
    """Mark findings of the configuration's suppressed rules with the written reason."""
    if settings.config is not None:
        from .config import apply_suppressions

        apply_suppressions(settings.config, results, settings.rules.aliases)
