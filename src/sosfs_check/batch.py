"""Check many files, in parallel when asked; results come back in input order."""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from .document import Document
from .errors import InputError, InternalError
from .result import Result
from .settings import Settings


def _check_one(path: Path, settings: Settings, texts: bool = True) -> Result | InputError:
    try:
        result = settings.check(path)
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug met in one file must not stop the others
        error = InternalError(path, f"internt fel: {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        return error
    if not texts:
        result.document = _outline(result.document)
    return result


def _outline(document: Document) -> Document:
    """The document as the report formats read it: headings, title, contents and warnings, not the text."""
    return Document(document.path, document.format, document.headings, document.toc, None, document.warnings,
                    document.core_title, headings=document.headings, title=document.title)


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_worker = (Settings(), True)  # set once per worker process: the rules travel once, not per file


def _init_worker(settings: Settings, texts: bool) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent alone decides, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked by the parent while it forked
    _worker = (settings, texts)
    gc.freeze()  # what the worker inherits lives as long as it: the collector need not walk it


def _check_in_worker(path: Path) -> Result | InputError:
    return _check_one(path, *_worker)


def default_jobs() -> int:
    """The processors this process may use: those its CPU affinity allows (`os.cpu_count` counts the
    whole machine), and no more than its container's CPU quota."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on macOS and Windows
        usable = os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(usable, quota) if quota else usable)


def cpu_quota(cgroup: Path = Path("/sys/fs/cgroup")) -> int | None:
    """A container's CPU limit in whole processors, rounded up (`docker --cpus 1.5`: 2), or None
    without one: cgroup v2 `cpu.max` ("150000 100000", "max 100000"), or v1's quota and period."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()
    except (OSError, ValueError):
        try:
            quota, period = ((cgroup / "cpu" / f"cpu.cfs_{name}_us").read_text() for name in ("quota", "period"))
        except OSError:
            return None
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:  # "max": no limit
        return None
    return -(-quota_us // period_us) if quota_us > 0 and period_us > 0 else None  # v1's -1: no limit


def check_paths(
    paths: list[Path],
    settings: Settings = Settings(),
    jobs: int = 1,
    on_done: Callable[[], None] | None = None,
    texts: bool = True,
) -> Iterator[Result | InputError]:
    """One Result, or the InputError that stopped it, per path, in the order given, each as soon
    as it and those before it are done. Close the iterator (`contextlib.closing`) when stopping
    early: that ends the workers. With `texts` False a Result's document keeps only what the report
    formats read (`_outline`): a worker's result is half the bytes to pickle.

    With `jobs` > 1, `jobs - 1` worker processes check files and so does this process, which
    would otherwise only wait: one process fewer holds the rules and the libraries in memory.
    `on_done` is called after each file, e.g. to advance a progress bar.

    The first file is checked here before any worker is forked: the workers start with the
    modules, compiled patterns and word caches it loaded, and do not load them again. Without
    signal masks (Windows) the workers could not be started and stopped safely: the files are then
    checked here, one at a time.
    """
    job = (settings, texts)  # what `_check_one` needs besides the path, here and in each worker
    yield from _report((_check_one(path, *job) for path in paths[:1]), on_done)
    paths = paths[1:]
    if jobs <= 1 or len(paths) <= 1 or not hasattr(signal, "pthread_sigmask"):
        yield from _report((_check_one(path, *job) for path in paths), on_done)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: costs 12 ms to import

    workers = min(jobs, len(paths)) - 1
    # A signal while a worker is forked could leave it out of the pool's table, and alive after
    # the run: the signals wait until every worker is started and known.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    pool = None
    try:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=job)
        yield from _report(_shared(paths, job, pool, workers, mask), on_done)
    except BaseException:  # Ctrl-C, SIGTERM, the iterator closed early: no worker may outlive the run
        if pool is not None:
            _stop(pool)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    pool.shutdown()


AHEAD = 16  # paths given out beyond the oldest outcome not yet yielded: memory stays flat whatever a file costs


class _Handout:
    """Paths given out in input order, to this process or to a worker, from this process's thread
    or the pool's, and their outcomes until they are yielded."""

    def __init__(self, paths: list[Path], pool, queued: int):
        self.paths, self.pool, self.queued = paths, pool, queued
        self.slots: dict = {}  # index -> the outcome, or the Future of a file given to a worker
        self.taken = self.oldest = self.busy = 0  # paths given out, the next to yield, the workers' files not done
        self.lock = threading.Lock()

    def _take(self) -> int | None:
        """The next path's index (the lock held), or None when all are given out or AHEAD wait."""
        if self.taken == len(self.paths) or self.taken - self.oldest >= AHEAD:
            return None
        self.taken += 1
        return self.taken - 1

    def own(self) -> int | None:
        """The next path's index for this process to check, or None."""
        with self.lock:
            return self._take()

    def feed(self) -> None:
        """Give the workers paths until `queued` of their files are not done."""
        from concurrent.futures import Future

        while True:
            with self.lock:
                if self.busy >= self.queued or (index := self._take()) is None:
                    return
                try:
                    future = self.pool.submit(_check_in_worker, self.paths[index])
                except RuntimeError as exc:  # the pool is stopping or broken: the file's outcome says so
                    future = Future()
                    future.set_exception(exc)
                self.slots[index] = future
                self.busy += 1
            future.add_done_callback(self._done)

    def _done(self, future) -> None:
        """A worker's file is done (in the pool's thread): the worker gets the next path at once."""
        with self.lock:
            self.busy -= 1
        if not future.cancelled() and future.exception() is None:
            self.feed()

    def advance(self) -> None:
        """The oldest outcome was taken: one more path may be given out."""
        with self.lock:
            self.oldest += 1
        self.feed()


def _shared(paths: list[Path], job: tuple, pool, workers: int, mask) -> Iterator[Result | InputError]:
    """Outcomes in input order. Each worker always has two files given to it: when one is done, the
    pool's thread gives it the next path at once, without waiting for this process, which checks
    the next path itself while the oldest outcome is not ready."""
    from concurrent.futures import Future

    handout = _Handout(paths, pool, 2 * workers)
    handout.feed()
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # the workers are started
    while handout.oldest < len(paths):
        oldest = handout.slots.get(handout.oldest)
        if oldest is None or isinstance(oldest, Future) and not oldest.done():
            index = handout.own()
            if index is not None:
                handout.slots[index] = _check_one(paths[index], *job)
                continue
        oldest = handout.slots.pop(handout.oldest)
        handout.advance()
        yield oldest.result() if isinstance(oldest, Future) else oldest


STOP_WITHIN = 1.5  # seconds a worker gets to end on SIGTERM before it is killed


def _stop(pool) -> None:
    """End every worker now: SIGTERM, then SIGKILL for any still running after STOP_WITHIN.

    Python 3.14's `ProcessPoolExecutor.terminate_workers` does this; 3.11 needs its process table
    and its manager thread."""
    processes = list((pool._processes or {}).values())
    manager = pool._executor_manager_thread
    default_hook = threading.excepthook

    def quiet(args) -> None:  # the pool's own thread may trip over the workers it loses: not news
        if args.thread is not manager:
            default_hook(args)

    threading.excepthook = quiet
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(STOP_WITHIN / len(processes))
        if process.is_alive():
            process.kill()
            process.join()


def _report(outcomes: Iterator, on_done: Callable[[], None] | None) -> Iterator:
    for outcome in outcomes:
        if on_done:
            on_done()
        yield outcome
