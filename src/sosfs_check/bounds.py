"""Limits on the data users and repositories hand the tool besides reports: rule packs,
configuration files and baselines. The command line and the `serve` page use the same functions.

A YAML file is read only when it is a regular file of at most `MAX_DATA_FILE` bytes; its events
are scanned before anything is built from them, and aliases (`*name`, the means of an alias bomb)
and nesting deeper than `MAX_DEPTH` are refused. A pack holds at most `MAX_RULES` rules in at most
`MAX_PACK` bytes of files. Every refusal names the file, line and column, in Swedish.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

MB = 1024 * 1024
MAX_DATA_FILE = 2 * MB  # one rule file, pack manifest or configuration file
MAX_BASELINE = 10 * MB  # a baseline holds a line per known finding
MAX_PACK = 10 * MB  # all files of one rule pack together
MAX_RULES = 10_000  # rules in one pack
MAX_DEPTH = 64  # nesting of YAML collections; real rule files use 6


class DataError(Exception):
    """A file that is refused before it is parsed; `line` and `column` are 1-based."""

    def __init__(self, problem: str, line: int = 1, column: int = 1):
        self.problem, self.line, self.column = problem, line, column
        super().__init__(problem)


def megabytes(size: int) -> str:
    """'2,1 MB', rounded up: a file just over a limit never reads as equal to it."""
    return f"{math.ceil(size * 10 / MB) / 10:.1f} MB".replace(".", ",")


def read_bounded(path: Path, limit: int = MAX_DATA_FILE) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError when it cannot be read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a named pipe must not block the run
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError("är ingen vanlig fil")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise DataError(f"är för stor ({megabytes(max(info.st_size, len(data)))}; gränsen är {megabytes(limit)})")
    return data


def yaml_loader():
    import yaml  # here: a run with cached rules never reads YAML

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_yaml_events(text: str) -> None:
    """Refuse aliases and deep nesting before the text is composed; YAMLError for bad syntax."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml_loader()):
        if isinstance(event, yaml.AliasEvent):
            raise DataError(
                f"YAML-alias (*{event.anchor}) tillåts inte: skriv ut värdet där det används "
                "(alias kan blåsa upp en liten fil till gigabyte)",
                event.start_mark.line + 1, event.start_mark.column + 1,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError(f"är nästlad i fler än {MAX_DEPTH} nivåer",
                                event.start_mark.line + 1, event.start_mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str):
    """The data in a YAML text that has passed `check_yaml_events`."""
    import yaml

    check_yaml_events(text)
    return yaml.load(text, Loader=yaml_loader())


def pack_size(files: list[Path]) -> None:
    """Refuse a pack whose files together exceed `MAX_PACK` (checked before any is read)."""
    total = sum(path.stat().st_size for path in files)
    if total > MAX_PACK:
        raise DataError(f"regelpaketets filer är för stora tillsammans ({megabytes(total)}; gränsen är {megabytes(MAX_PACK)})")


def rule_count(count: int) -> None:
    if count > MAX_RULES:
        raise DataError(f"regelpaketet har för många regler ({count}; gränsen är {MAX_RULES})")
