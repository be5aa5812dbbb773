"""Writing outputs atomically, or to stdout; inputs are never written."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

from .errors import UserError

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
    """Write via a temporary file and rename, so an interrupted run leaves no half file."""
    target = Path(path)
    if any(target.resolve() == Path(p).resolve() for p in inputs):
        raise UserError(f"{target}: vägrar skriva över indatafilen; välj ett annat utdatanamn")
    if target.is_dir():
        raise UserError(f"{target}: är en mapp; ange ett filnamn för utdata")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UserError(f"{target}: kan inte skriva utdatafilen: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        os.replace(tmp, target)
    except BaseException as exc:  # also Ctrl-C: no temporary file is left behind
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserError(f"{target}: kan inte skriva utdatafilen: {_reason(exc)}") from exc
        raise


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
