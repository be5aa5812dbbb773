"""The user's cache folder (`$SOSFS_CHECK_CACHE`, else `$XDG_CACHE_HOME/sosfs-check`, else
`~/.cache/sosfs-check`). Its files are read and written only when they and the folder belong to
the user and nobody else may write to them; each carries the SHA-256 of its data, so that a file
changed or cut short since it was written counts as no cache."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

MAX_CACHE = 20 * 1024 * 1024  # the built-in pack and its tables take well under 1 MB


def cache_dir() -> Path:
    if folder := os.environ.get("SOSFS_CHECK_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sosfs-check"


def seal(head: dict, body: bytes) -> bytes:
    """A cache file: a first line with `head` and the SHA-256 of `body`, then `body`."""
    return json.dumps({**head, "sha256": hashlib.sha256(body).hexdigest()}).encode("ascii") + b"\n" + body


def unseal(raw: bytes) -> tuple[dict, bytes]:
    """`seal`'s head and body; ValueError when the body is not what the first line's hash says."""
    first, _, body = raw.partition(b"\n")
    head = json.loads(first)
    if not isinstance(head, dict) or hashlib.sha256(body).hexdigest() != head.get("sha256"):
        raise ValueError("the cache file was changed after it was written")
    return head, body


def read_private(path: Path) -> bytes:
    """The cache file's bytes, only when it and its folder belong to the user and nobody else may
    write to them (PermissionError otherwise); a symlink is not followed."""
    if not _private(os.stat(path.parent)):
        raise PermissionError(path.parent)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_CACHE:
            raise PermissionError(path)
        return handle.read()


def write_private(target: Path, make: Callable[[], bytes]) -> None:
    """Write `make()`'s bytes to `target` at once (mode 0600, the folder made 0700), or nothing:
    not into a folder others may write to, and not when the folder cannot be made or written."""
    import tempfile  # here: a run that writes nothing does without it

    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(target.parent)):
            return  # others could replace what we write
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", dir=target.parent)  # mode 0600
    except OSError:
        return  # a read-only home: no cache, same results
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(make())
        os.replace(tmp, target)
    except (OSError, ValueError, TypeError):
        Path(tmp).unlink(missing_ok=True)


def _private(info: os.stat_result) -> bool:
    """Owned by the user, and neither group nor others may write."""
    return info.st_uid == os.getuid() and not info.st_mode & 0o022
