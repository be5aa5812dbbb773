"""What the server does with uploads, without the web layer: each request's files go to a private
temporary folder that is removed before the answer is sent, and are checked as `check` checks them.

Everything here is blocking and runs in the server's thread pool. Errors are `UserError`s whose
message names the file by the name it was uploaded with, never by its temporary path.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, UserError
from ..pipeline import suppress
from ..result import Result
from ..settings import Settings, resolve

MAX_FILES = 50  # per request
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


class FileProblems(UserError):
    """Files that could not be checked: one message per file, as `check` prints them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it: its name and an open stream of its content."""

    name: str
    stream: BinaryIO


@dataclass(frozen=True)
class Checker:
    """The server's settings, resolved once at start as `check` resolves them (`settings.resolve`);
    a request may set its own profile and date."""

    settings: Settings

    @classmethod
    def load(cls, config: Path | None = None, rule_dirs=(), max_size: int | None = None,
             lang: str | None = None) -> Checker:
        """From the configuration file (or the nearest one), `--rules` packs and the flags."""
        return cls(resolve(config, tuple(rule_dirs), lang=lang, max_size=max_size))

    def check(self, path: Path, name: str, profile: str | None, as_of: date | None) -> Result:
        """Check one saved upload; the result and any error carry the uploaded name."""
        settings = replace(self.settings, profile=profile or self.settings.profile,
                           as_of=as_of or self.settings.as_of)
        try:
            result = settings.check(path)
        except InputError as exc:
            raise type(exc)(name, exc.problem) from None
        except UserError:
            raise
        except Exception as exc:  # a bug met in one file: the same message as `check` gives, no traceback
            raise InputError(name, f"internt fel: {type(exc).__name__}: {exc}") from None
        result.document.path = Path(name)
        suppress(settings, [result])
        return result


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


def check_all(checker: Checker, files: list[tuple[str, Path]], profile: str | None,
              as_of: date | None) -> list[Result]:
    """Every file checked; when any cannot be, `FileProblems` names each that failed."""
    results, problems = [], []
    for name, path in files:
        try:
            results.append(checker.check(path, name, profile, as_of))
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise FileProblems(problems)
    return results
