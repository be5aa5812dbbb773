"""Check many files, in parallel when asked; results come back in input order."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from .errors import InputError
from .result import Result


def _check_one(args: tuple) -> Result | InputError:
    from . import check

    path, profile, as_of = args
    try:
        return check(path, profile=profile, as_of=as_of)
    except InputError as exc:
        return exc


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_paths(
    paths: list[Path], profile: str | None = None, as_of: date | None = None, jobs: int = 1
) -> list[Result | InputError]:
    """One Result, or the InputError that stopped it, per path, in the order given."""
    work = [(path, profile, as_of) for path in paths]
    if jobs <= 1 or len(work) <= 1:
        return [_check_one(item) for item in work]
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        return list(pool.map(_check_one, work, chunksize=max(1, len(work) // (jobs * 8))))
