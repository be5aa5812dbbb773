"""Check many files, in parallel when asked; results come back in input order."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from .errors import InputError, UserError
from .result import Result


def _check_one(path: Path, settings: tuple) -> Result | InputError:
    from . import check

    profile, as_of, rules, style_map, max_size = settings
    try:
        return check(path, profile=profile, as_of=as_of, rules=rules, style_map=style_map, max_size=max_size)
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug met in one file must not stop the others
        error = InputError(path, f"internt fel: {type(exc).__name__}: {exc} (kör med --debug för detaljer)")
        error.__cause__ = exc
        return error


_worker_settings: tuple = ()  # set once per worker process: the rules travel once, not per file


def _init_worker(settings: tuple) -> None:
    global _worker_settings
    _worker_settings = settings
    gc.freeze()  # what the worker inherits lives as long as it: the collector need not walk it


def _check_in_worker(path: Path) -> Result | InputError:
    """As `_check_one`, without the rule set: the parent has it, and results travel lighter."""
    outcome = _check_one(path, _worker_settings)
    if isinstance(outcome, Result):
        outcome.rules = None
    return outcome


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_paths(
    paths: list[Path],
    profile: str | None = None,
    as_of: date | None = None,
    jobs: int = 1,
    rules=None,
    style_map: dict[str, int] | None = None,
    on_done: Callable[[], None] | None = None,
    max_size: int | None = None,
) -> list[Result | InputError]:
    """One Result, or the InputError that stopped it, per path, in the order given.

    `on_done` is called after each file, e.g. to advance a progress bar; `max_size` (MB) raises
    the size limits.
    """
    from .rules import PROFILES

    if profile is not None and profile not in PROFILES:
        raise UserError(f"--profile: okänd profil {profile!r}; välj bland: {', '.join(PROFILES)}")
    settings = (profile, as_of, rules, style_map, max_size)
    if jobs <= 1 or len(paths) <= 1:
        return list(_report((_check_one(path, settings) for path in paths), on_done))
    from concurrent.futures import ProcessPoolExecutor  # here: costs 12 ms to import

    from .rules import builtin_rules

    ruleset = rules or builtin_rules()
    workers = min(jobs, len(paths))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings,)) as pool:
        chunks = max(1, len(paths) // (workers * 32))  # small: no worker idles long at the end
        outcomes = list(_report(pool.map(_check_in_worker, paths, chunksize=chunks), on_done))
    for outcome in outcomes:
        if isinstance(outcome, Result):
            outcome.rules = ruleset
    return outcomes


def _report(outcomes: Iterator, on_done: Callable[[], None] | None) -> Iterator:
    for outcome in outcomes:
        if on_done:
            on_done()
        yield outcome
