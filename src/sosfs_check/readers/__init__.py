"""Readers turn a file into a `Document`; the format is chosen by content, not only by name."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError


def read(path: Path, style_map: dict[str, int] | None = None) -> Document:
    """Read a report; `style_map` maps localised or custom heading style names to levels."""
    if not path.exists():
        raise InputError(path, "filen finns inte")
    if path.is_dir():
        raise InputError(path, "är en mapp, inte en fil")
    from .docx import read_docx

    return read_docx(path, style_map)
