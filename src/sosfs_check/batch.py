"""Check many files, in parallel when asked; results come back in input order."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from .errors import InputError
from .result import Result


def _check_one(args: tuple) -> Result | InputError:
    from . import check

    path, profile, as_of, rules, style_map, max_size = args
    try:
        return check(path, profile=profile, as_of=as_of, rules=rules, style_map=style_map, max_size=max_size)
    except InputError as exc:
        return exc


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
    work = [(path, profile, as_of, rules, style_map, max_size) for path in paths]
    if jobs <= 1 or len(work) <= 1:
        return list(_report(map(_check_one, work), on_done))
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        chunks = max(1, len(work) // (jobs * 8))
        return list(_report(pool.map(_check_one, work, chunksize=chunks), on_done))


def _report(outcomes: Iterator, on_done: Callable[[], None] | None) -> Iterator:
    for outcome in outcomes:
        if on_done:
            on_done()
        yield outcome
