"""Commands without the command-line layer: `cli` (Typer) and the fast path in `console` both
call them, so that behaviour has one code path. They return the exit code."""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import Stopped, UserError, raise_stopped

STOP_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}
# Allocations between collections of the youngest generation (Python's default: 700). A report's
# objects die by reference counting: at 700 the collector ran five times per report and found
# nothing, at 10,000 about once in 40 reports (1.2 ms of ~42 ms per report saved).
GC_THRESHOLD = 10_000


def read_inputs(paths: list[Path], files: list[Path], config: Path | None = None, rule_dirs=()) -> list[Path]:
    """Every file a command reads: the paths named, the reports found in folders, the
    configuration and the rule packs' files. No output may be one of them."""
    packs = [file for folder in rule_dirs for file in Path(folder).glob("*.yml")]
    return [*paths, *files, *([config] if config else []), *packs]


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
    """`sosfs-check check`: check the reports, write the requested formats as results arrive."""
    from .batch import default_jobs
    from .outputs import Outputs, load_renderers, progress, targets
    from .pipeline import Discovery, run
    from .render import Run
    from .settings import resolve

    settings = resolve(config, rule_dirs or (), profile, as_of, lang, max_size, fail_on)
    pairs = targets(format, output or [])
    if not gc.isenabled():  # paused for start-up by the console script (`console.main`)
        from . import engine, readers  # noqa: F401 (every report needs them)

        load_renderers(pairs)
        gc.freeze()  # the rule set, the checks and the renderers: later collections need not walk them
        gc.set_threshold(GC_THRESHOLD)
        gc.enable()
    discovery = Discovery(exclude or (), [file for _, file in pairs if file is not None], verbose)
    config_file = settings.config.path if settings.config is not None else None
    packs = (*(settings.config.rule_dirs if settings.config is not None else ()), *(rule_dirs or ()))
    outputs = Outputs(pairs, settings.lang, settings.rules)
    reached = False  # an active finding reached --fail-on

    def each(result) -> None:
        nonlocal reached
        reached = reached or reaches(result, settings.fail_on)
        outputs.add(result)

    try:
        _, failed = run(paths, settings, jobs or default_jobs(), progress, baseline, write_baseline, discovery,
                        outputs=[file for _, file in pairs], reads=read_inputs([], [], config_file, packs), each=each,
                        texts=False)
        code = 2 if failed else int(reached)
        outputs.finish(Run(settings.fail_on, code, settings.docs_url))
    except BaseException:  # also Ctrl-C: no output file is left half written
        outputs.discard()
        raise
    return code


def reaches(result, threshold: str) -> bool:
    """Whether an active finding is at least as severe as `threshold` ("never": none is)."""
    from .result import SEVERITY_RANK

    rank = SEVERITY_RANK.get(threshold)
    return rank is not None and any(SEVERITY_RANK[f.severity] >= rank for f in result.findings if f.active)


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
        from .files import pipe_closed

        pipe_closed()
    except (Stopped, KeyboardInterrupt) as exc:
        for again in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C while exiting: no traceback
            signal.signal(again, signal.SIG_IGN)
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        print(f"sosfs-check: avbrutet ({STOP_NAMES[signum]})", file=sys.stderr)
        _exit_now(128 + signum)
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


def _exit_now(code: int) -> None:
    """End a stopped run at once. The workers are gone and no output file is left (the `finally`
    blocks have run); the interpreter's own exit would still join the worker pool's threads, which
    a signal in the middle of it makes print a traceback."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe has nothing more to say
            pass
    os._exit(code)
