"""Which files a command reads: one discovery for check, annotate, coverage and compare.

A file named on the command line is always read. In a folder, the reports are the files with a
supported suffix, less what is plainly not a report: Office lock files, hidden files and folders,
virtual environments and caches, the tool's own outputs, what `.gitignore` excludes and what
`--exclude` (or `exclude` in the configuration) names. `.gitignore` and `--exclude` patterns
use Git's syntax (`pathspec`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import UserError
from .files import Resolver

if TYPE_CHECKING:
    import pathspec

SUFFIXES = (".docx", ".docm", ".odt", ".pdf", ".md", ".txt")
# Reports in formats that cannot be read: named among the skipped files (`-v`), never read.
UNREADABLE = {".doc": "gammalt Word-format (.doc), som inte kan läsas: spara som Word-dokument (.docx)",
              ".rtf": "RTF-fil, som inte kan läsas: spara som Word-dokument (.docx)"}
TOOL_FOLDERS = frozenset({".venv", "venv", "node_modules", "__pycache__"})
GITIGNORE = ".gitignore"


class Skipped(NamedTuple):
    path: Path
    reason: str  # Swedish, for `-v`


class Found(NamedTuple):
    files: list[Path]
    skipped: list[Skipped]


def lock_file(name: str) -> bool:
    """Word's `~$rapport.docx` and LibreOffice's `.~lock.rapport.docx#`."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def _own_output(name: str) -> bool:
    """`annotate`'s copies: `rapport.granskad.docx`."""
    return ".granskad." in name


class _Ignores:
    """`.gitignore` files from the repository root (or the folder) down to each folder walked."""

    def __init__(self, top: Path):
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._above: dict[Path, list] = {}
        root = next((d for d in (top, *top.parents) if (d / ".git").exists()), top)
        self._chain = [d for d in reversed((top, *top.parents)) if d == root or root in d.parents]

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            file = folder / GITIGNORE
            try:
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines() if file.is_file() else None
            except OSError:
                lines = None
            self._specs[folder] = _spec(lines) if lines else None
        return self._specs[folder]

    def _specs_above(self, folder: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
        """The `.gitignore` files that decide for what is in `folder`, the deepest last; found once per folder."""
        if (specs := self._above.get(folder)) is None:
            folders = [*self._chain, *(p for p in reversed((folder, *folder.parents)) if self._chain[-1] in p.parents)]
            specs = self._above[folder] = [(f, spec) for f in folders if (spec := self._spec(f)) is not None]
        return specs

    def ignored(self, path: Path, is_dir: bool) -> Path | None:
        """The `.gitignore` that excludes `path`, or None; a deeper file's decision wins."""
        decided: Path | None = None
        for folder, spec in self._specs_above(path.parent):
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(relative).include
            if include is not None:
                decided = folder / GITIGNORE if include else None
        return decided


def _spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec  # here: a run without exclusions or .gitignore files does without it

    return pathspec.GitIgnoreSpec.from_lines(lines)


def discover(paths: list[Path], exclude: list[str] = (), outputs: list[Path] = ()) -> Found:
    """The files to read, in input order (each folder sorted), and what was skipped and why."""
    patterns = _spec(exclude) if exclude else None
    resolve = Resolver()  # for this search only: a folder's real path may change between runs
    outputs = {Path(resolve(o)[0]) for o in outputs}  # each file is compared with them resolved
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = _walk(path, patterns, outputs, skipped, resolve)
        if not found:
            raise UserError(f"{path}: mappen innehåller inga rapporter att granska ({', '.join(SUFFIXES)})")
        files.extend(found)
    return Found(files, skipped)


def _walk(top: Path, patterns, outputs: set[Path], skipped: list[Skipped], resolve: Resolver) -> list[Path]:
    ignores = _Ignores(top.resolve())
    found: list[Path] = []
    for folder, dirs, names in os.walk(top):
        here = Path(folder)
        keep = []
        for name in sorted(dirs):
            reason = _folder_reason(here / name, top, patterns, ignores)
            if reason:
                skipped.append(Skipped(here / name, reason))
            else:
                keep.append(name)
        dirs[:] = keep
        for name in sorted(names):
            path = here / name
            if not name.lower().endswith(SUFFIXES) and not lock_file(name):
                if (reason := UNREADABLE.get(path.suffix.lower())) and not name.startswith("."):
                    skipped.append(Skipped(path, reason))
                continue
            reason = _file_reason(path, top, patterns, ignores, outputs, resolve)
            if reason:
                skipped.append(Skipped(path, reason))
            elif path.is_file():
                found.append(path)
    return sorted(found)


def _excluded(path: Path, top: Path, patterns, is_dir: bool) -> bool:
    return patterns is not None and patterns.match_file(path.relative_to(top).as_posix() + ("/" if is_dir else ""))


def _folder_reason(path: Path, top: Path, patterns, ignores: _Ignores) -> str:
    if path.name in TOOL_FOLDERS:
        return "miljö- eller cachemapp"
    if path.name.startswith("."):
        return "dold mapp"
    if _excluded(path, top, patterns, True):
        return "--exclude"
    if gitignore := ignores.ignored(path.resolve(), True):
        return f"utesluten av {gitignore}"
    return ""


def _file_reason(path: Path, top: Path, patterns, ignores: _Ignores, outputs: set[Path], resolve: Resolver) -> str:
    if lock_file(path.name):
        return "låsfil från Word eller LibreOffice"
    if path.name.startswith("."):
        return "dold fil"
    if _own_output(path.name):
        return "kommenterad kopia från sosfs-check annotate"
    real = Path(resolve(path)[0])  # once per file; a symlink loop too (`Path.resolve` raises on it)
    if real in outputs:
        return "utdatafil för denna körning"
    if _excluded(path, top, patterns, False):
        return "--exclude"
    if gitignore := ignores.ignored(real, False):
        return f"utesluten av {gitignore}"
    return ""


def report_skipped(found: Found, stream) -> None:
    """`-v`: one line per skipped file or folder."""
    for item in found.skipped:
        print(f"sosfs-check: hoppar över {item.path}: {item.reason}", file=stream)
