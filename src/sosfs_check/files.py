"""Writing outputs atomically, or to stdout; inputs are never written."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from .errors import UserError


def guard_outputs(outputs, inputs) -> None:
    """Refuse an output that is one of the inputs, as a path (through symlinks) or as the same
    file (a hard link), whether or not the input can be read. Call it before reading anything."""
    if all(output is None for output in outputs):
        return
    resolve = Resolver()
    taken, identities = {}, {}
    for path in inputs:
        real, info = resolve(path)
        taken[real] = Path(path)
        if info is not None:  # missing or unreachable: its path still counts
            identities[(info.st_dev, info.st_ino)] = Path(path)
    for output in outputs:
        if output is None:
            continue
        same = taken.get(os.path.realpath(output))
        if same is None:
            try:
                info = os.stat(output)
                same = identities.get((info.st_dev, info.st_ino)) if stat.S_ISREG(info.st_mode) else None
            except OSError:
                pass
        if same is not None:
            raise UserError(f"{output}: vägrar skriva över indatafilen {same}; välj ett annat utdatanamn")


class Resolver:
    """Paths with symlinks followed, as `os.path.realpath` gives them, with what `os.stat` says of
    them. Each folder is resolved once: a file that is no symlink costs one `lstat`, not one for
    every folder on its way and a `stat`."""

    def __init__(self):
        self._folders: dict[str, str] = {}

    def plain(self, path) -> tuple[str, os.stat_result] | None:
        """The real path and `lstat` of a file that is no symlink; None for a symlink, a path that
        cannot be reached or one that ends in `.` or `..`."""
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            return None
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            return None
        if (real := self._folders.get(folder)) is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name), info

    def __call__(self, path) -> tuple[str, os.stat_result | None]:
        """The real path and `os.stat` (None when it fails) of any path."""
        if plain := self.plain(path):
            return plain
        try:
            info = os.stat(path)
        except OSError:
            info = None
        return os.path.realpath(path), info


STDOUT = Path("-")  # as an output file name: write to stdout


def write_output(path: Path | None, data: str | bytes, inputs: list[Path] = ()) -> None:
    """Write an output to `path`, or to stdout when it is None or "-"; binary data never to a terminal."""
    if path is not None and Path(path) != STDOUT:
        write_atomic(path, data, inputs)
        return
    if isinstance(data, bytes) and sys.stdout.isatty():
        raise UserError("binära utdata kan inte skrivas till terminalen; ange --output FIL")
    try:
        sys.stdout.flush()
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
    except BrokenPipeError:
        pipe_closed()


PIPE_CLOSED = 141  # exit code of a process ended by SIGPIPE, as the shell reports it


def pipe_closed() -> None:
    """The reader of stdout is gone (`| head`): end quietly, with nothing left to flush at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(PIPE_CLOSED)


def write_atomic(path: Path, data: str | bytes, inputs: list[Path] = ()) -> None:
    """Write an output and never an input, in one piece (see `Output`)."""
    output = Output(path, inputs)
    try:
        output.write(data)
        output.commit()
    except BaseException:
        output.discard()
        raise


class Output:
    """An output file written piece by piece, never an input.

    A regular file (or a new one) is written into a temporary file in its folder and renamed by
    `commit`, so that an interrupted run (`discard`) leaves no half file; through a symlink, its
    target is written and the link stays. What exists and is not a regular file (a device, a named
    pipe, `/dev/stdout`) is written into and never replaced.
    """

    def __init__(self, path: Path, inputs: list[Path] = ()):
        self.target = target = Path(path)
        guard_outputs([target], inputs)
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
        except OSError as exc:  # a symlink loop, a folder that cannot be searched
            raise UserError(f"{target}: kan inte skriva utdatafilen: {_reason(exc)}") from exc
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise UserError(f"{target}: är en mapp; ange ett filnamn för utdata")
        self.tmp: str | None = None
        try:
            if _descriptor(target) or (info is not None and not stat.S_ISREG(info.st_mode)):
                fd = os.open(target, os.O_WRONLY | (os.O_APPEND if _descriptor(target) else 0))
            else:
                import tempfile  # here: output to stdout does without it

                self.real = Path(os.path.realpath(target))  # through symlinks: the link stays, its target is written
                fd, self.tmp = tempfile.mkstemp(prefix=f".{self.real.name}.", suffix=".tmp", dir=self.real.parent)
                self.mode = stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask()  # mkstemp makes 0600
        except OSError as exc:
            raise UserError(f"{target}: kan inte skriva utdatafilen: {_reason(exc)}") from exc
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: str | bytes) -> None:
        try:
            self.handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            raise UserError(f"{self.target}: kan inte skriva utdatafilen: {_reason(exc)}") from exc

    def commit(self) -> None:
        """Put the file in place: everything written so far, and nothing more."""
        try:
            self.handle.close()
            if self.tmp is not None:
                os.chmod(self.tmp, self.mode)
                os.replace(self.tmp, self.real)
                self.tmp = None
        except OSError as exc:
            raise UserError(f"{self.target}: kan inte skriva utdatafilen: {_reason(exc)}") from exc

    def discard(self) -> None:
        """Leave no temporary file behind (also after Ctrl-C)."""
        try:
            self.handle.close()
        except OSError:
            pass
        if self.tmp is not None:
            Path(self.tmp).unlink(missing_ok=True)
            self.tmp = None


def _descriptor(path: Path) -> bool:
    """`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` and the like: a file some process already has open."""
    absolute = os.path.abspath(path)
    return absolute.startswith("/proc/") or (absolute.startswith("/dev/") and not absolute.startswith("/dev/shm/"))


_REASONS = {
    errno.ENOENT: "mappen finns inte",
    errno.ENOTDIR: "mappen finns inte",
    errno.EACCES: "saknar skrivbehörighet",
    errno.EPERM: "saknar skrivbehörighet",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EISDIR: "är en mapp",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
