"""What the server does with uploads, without the web layer: each request's files go to a private
temporary folder that is removed before the answer is sent, and are checked as `check` checks them
(`pipeline.run`, under the `Settings` resolved at start).

Everything here is blocking and runs in the server's thread pool. Errors are `UserError`s whose
message names the file by the name it was uploaded with, never by its temporary path.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import UserError
from ..result import Result
from ..settings import Settings, as_of_date
from ..values import Frozen

MAX_FILES = 50  # per request
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


class FileProblems(UserError):
    """Files that could not be checked: one message per file, as `check` prints them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Upload(Frozen):
    """A file as the browser sent it: its name and an open stream of its content."""

    __slots__ = ("name", "stream")

    def __init__(self, name: str, stream: BinaryIO):
        self._set(name=name, stream=stream)


def display_name(name: str | None, index: int) -> str:
    """The uploaded file's own name without folders or characters no file name may hold."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    while len(base.encode("utf-8")) > 200:
        stem, dot, suffix = base.rpartition(".")
        base = f"{stem[:-1]}.{suffix}" if dot and len(suffix) < 10 else base[:-1]
    return base or f"fil-{index + 1}"


@contextmanager
def saved(uploads: list[Upload]) -> Iterator[list[tuple[str, Path]]]:
    """(name, path) per upload, saved in a private folder (mode 0700) that is removed afterwards."""
    if not uploads:
        raise UserError("ingen fil skickades; välj en eller flera rapporter")
    if len(uploads) > MAX_FILES:
        raise UserError(f"för många filer ({len(uploads)}); högst {MAX_FILES} åt gången")
    with tempfile.TemporaryDirectory(prefix="sosfs-check-serve-") as folder:
        out = []
        for index, upload in enumerate(uploads):
            name = display_name(upload.name, index)
            own = Path(folder, str(index))
            own.mkdir()
            path = own / name
            with path.open("wb") as handle:
                shutil.copyfileobj(upload.stream, handle)
            out.append((name, path))
        yield out


def request_settings(settings: Settings, profile: str | None, as_of: str | None) -> Settings:
    """The server's settings (resolved once at start, as `check` resolves them) with a request's
    own profile and date; a wrong one is refused with the command line's message."""
    return settings.replace(profile=settings.rules.check_profile(profile, "profile") or settings.profile,
                   as_of=as_of_date(as_of) or settings.as_of)


def check_all(settings: Settings, files: list[tuple[str, Path]]) -> list[Result]:
    """Every file checked as `check` checks it (`pipeline.run`); when any cannot be, `FileProblems`
    names each that failed by its uploaded name."""
    from ..pipeline import run

    names = {path: name for name, path in files}
    problems: list[str] = []
    results, _ = run(list(names), settings, on_problem=lambda exc: problems.append(f"{names[exc.path]}: {exc.problem}"))
    if problems:
        raise FileProblems(problems)
    for result in results:
        result.document.path = Path(names[result.path])
    return results
