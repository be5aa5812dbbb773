"""Where the configuration is and what its file says, read without pydantic: a run without a
configuration file (the usual case) loads no more. `config` validates what is found."""

from __future__ import annotations

from pathlib import Path

from .errors import UserError

FILE_NAME = "sosfs-check.toml"
PYPROJECT = "pyproject.toml"
RESERVED_HOSTS = ("example", "invalid", "localhost", "test")  # RFC 2606 and 6761: never a published page


def docs_url_problem(url: str) -> str | None:
    """Why `url` cannot be where the rule reference is published, or None: it must be an http(s)
    address of a real host."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("https", "http") or not host:
        return f"{url!r} är ingen webbadress; skriv en adress som börjar med https://"
    if host.rsplit(".", 1)[-1] in RESERVED_HOSTS or host.split(".")[-2:-1] == ["example"]:
        return f"{url!r} är en exempeladress; skriv adressen där regelreferensen faktiskt publiceras"
    return None


def find_config(start: Path) -> Path | None:
    """The nearest sosfs-check.toml, or pyproject.toml with [tool.sosfs-check], from `start` upward."""
    for directory in (start, *start.parents):
        own = directory / FILE_NAME
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and b"sosfs-check" in read_bytes(pyproject):
            if "sosfs-check" in read_toml(pyproject).get("tool", {}):
                return pyproject
    return None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, within the size limit for configuration files."""
    from .bounds import DataError, read_bounded

    try:
        return read_bounded(path)
    except OSError as exc:
        raise UserError(f"{path}: kan inte läsa konfigurationen: {exc.strerror or exc}") from None
    except DataError as exc:
        raise UserError(f"{path}: konfigurationsfilen {exc.problem}") from None


def read_toml(path: Path) -> dict:
    """The file as TOML, or a UserError naming the file and line."""
    import re
    import tomllib

    try:
        return tomllib.loads(read_bytes(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = re.search(r"\(at line (\d+),", str(exc))
        raise UserError(f"{path}{':' + line[1] if line else ''}: ogiltig TOML: {exc}") from None
    except RecursionError:
        raise UserError(f"{path}: ogiltig TOML: orimligt djupt nästlad") from None
