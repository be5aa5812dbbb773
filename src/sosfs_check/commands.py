"""Commands without the command-line layer: `cli` (Typer) and the fast path in `console` both
call them, so that behaviour has one code path. They return the exit code."""

from __future__ import annotations

import atexit
import gc
import signal
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .errors import InputError, NotAReportError, Stopped, UserError, raise_stopped

STOP_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


def as_of_date(value: str | None) -> date | None:
    """`--as-of ÅÅÅÅ-MM-DD`."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--as-of: ogiltigt datum {value!r}; skriv ÅÅÅÅ-MM-DD") from None


def collect(outcomes: list, paths: list[Path]) -> tuple[list, bool]:
    """(results, whether a file failed); problems are reported on stderr. A file found in a
    folder that is no report is skipped with a note; named on the command line, it fails."""
    results, failed = [], False
    named = {p for p in paths if not p.is_dir()}
    for outcome in outcomes:
        if isinstance(outcome, NotAReportError) and outcome.path not in named:
            print(f"sosfs-check: hoppar över {outcome.path}: varken patientsäkerhets- eller kvalitetsberättelse", file=sys.stderr)
        elif isinstance(outcome, InputError):
            if "--debug" in sys.argv:
                traceback.print_exception(outcome)
            print(f"sosfs-check: {outcome}", file=sys.stderr)
            failed = True
        else:
            results.append(outcome)
    return results, failed


def find_reports(paths: list[Path], settings, exclude: list[str] | None, outputs: list[Path], verbose: bool) -> list[Path]:
    """The files to read (see `discover`); with `verbose`, what was skipped and why goes to stderr."""
    from .discover import discover, report_skipped

    found = discover(paths, [*settings.exclude, *(exclude or ())], outputs)
    if verbose:
        report_skipped(found, sys.stderr)
    return found.files


def check(
    paths: list[Path],
    profile: str | None = None,
    format: str = "rich",
    output: list[str] | None = None,
    fail_on: str | None = None,
    as_of: str | None = None,
    lang: str | None = None,
    jobs: int | None = None,
    config: Path | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    rule_dirs: list[Path] | None = None,
    max_size: int | None = None,
    exclude: list[str] | None = None,
    verbose: bool = False,
) -> int:
    """`sosfs-check check`: check the reports, write the requested formats."""
    from .baseline import apply_baseline, load_baseline
    from .baseline import write_baseline as save_baseline
    from .batch import check_paths, default_jobs
    from .config import apply_suppressions, configured_rules, load_config
    from .outputs import emit, progress, targets
    from .render import Run

    settings = load_config(config)
    pairs = targets(format, output or [])
    when = as_of_date(as_of) or settings.as_of
    language = lang or settings.lang or "sv"
    threshold = fail_on or settings.fail_on or "error"
    rules = configured_rules(settings, rule_dirs or ())
    files = find_reports(paths, settings, exclude, [file for _, file in pairs if file is not None], verbose)
    with progress(len(files)) as advance:
        outcomes = check_paths(files, profile or settings.profile, when, jobs or default_jobs(), rules=rules,
                               style_map=settings.heading_styles or None, on_done=advance, max_size=max_size)
    results, failed = collect(outcomes, paths)
    apply_suppressions(settings, results)
    if write_baseline:
        save_baseline(write_baseline, results)
        baseline = write_baseline
    if baseline:
        apply_baseline(results, load_baseline(baseline), baseline)
    code = exit_code(results, failed, threshold)
    if results:
        emit(pairs, results, language, Run(threshold, code))
    return code


def exit_code(results: list, failed: bool, threshold: str) -> int:
    """2 when a file could not be read, 1 when an active finding reaches `threshold`, else 0."""
    from .result import SEVERITY_RANK

    if failed:
        return 2
    if threshold != "never":
        rank = SEVERITY_RANK[threshold]
        if any(SEVERITY_RANK[f.severity] >= rank for r in results for f in r.findings if f.active):
            return 1
    return 0


def guarded(run: Callable[[], object]) -> None:
    """Run a command: user errors become a Swedish message and exit code 2, never a traceback.

    Ctrl-C and SIGTERM stop the run with one line and exit code 130 or 143; a closed pipe
    (`| head`) ends it quietly with 141, as the shell reports a process that SIGPIPE ended."""
    atexit.register(gc.freeze)  # at exit, skip the final garbage collection: 20 ms of a 150 ms run
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # e.g. `nohup`, or a background job
            signal.signal(signum, raise_stopped)
    try:
        run()
    except BrokenPipeError:
        from .outputs import pipe_closed

        pipe_closed()
    except (Stopped, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        print(f"sosfs-check: avbrutet ({STOP_NAMES[signum]})", file=sys.stderr)
        sys.exit(128 + signum)
    except UserError as exc:
        if "--debug" in sys.argv:
            raise
        print(f"sosfs-check: {exc}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # a bug: still no traceback unless asked for
        if "--debug" in sys.argv:
            raise
        print(f"sosfs-check: internt fel: {type(exc).__name__}: {exc} (kör med --debug för detaljer)", file=sys.stderr)
        sys.exit(2)
