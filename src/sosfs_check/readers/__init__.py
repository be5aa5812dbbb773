"""Readers turn a file into a `Document`; the format is chosen by content, not only by name."""

from __future__ import annotations

import re
import zipfile
import zlib
from contextlib import nullcontext
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .safety import Limits, check_file, check_zip, too_big, too_much_text


def read(path: Path, style_map: dict[str, int] | None = None, max_size: int | None = None) -> Document:
    """Read a report; `style_map` maps localised or custom heading style names to levels.

    `max_size` (MB, default 50) sets the size limits; unsafe files are refused first (`safety`).
    """
    limits = Limits.from_mb(max_size)
    size = check_file(path, limits)
    package = check_zip(path, limits)  # opened once: the format and the reader read it too
    try:
        fmt = sniff(path, package)
        if fmt in ("markdown", "text") and size > limits.text:
            raise InputError(path, too_big(size, limits.text))
        if fmt in ("markdown", "text") and size > limits.chars:  # counted before the reader's work on it
            from .common import read_text_file

            if (count := len(read_text_file(path))) > limits.chars:
                raise InputError(path, too_much_text(count, limits.chars))
        document = _read(path, fmt, style_map, package)
    finally:
        if package is not None:
            package.close()
    if (count := sum(len(block.text) for block in document.blocks)) > limits.chars:
        raise InputError(path, too_much_text(count, limits.chars))
    return document


def _read(path: Path, fmt: str, style_map: dict[str, int] | None, package: zipfile.ZipFile | None) -> Document:
    if fmt == "odt":
        from .odt import read_odt

        return read_odt(path, style_map, package)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(path)
    if fmt == "text":
        from .text import read_text

        return read_text(path)
    from .docx import read_docx

    return read_docx(path, style_map, package)


MARKDOWN_SUFFIXES = (".md", ".markdown")
BINARY_SUFFIXES = (".docx", ".docm", ".odt", ".pdf")  # text named so is a broken file: its reader says so
# ATX headings ("## Riskanalys") and setext underlines ("=====" under a line of text).
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S|^[^\s#=-][^\n]*\n(?:=+|-{3,})[ \t]*$", re.MULTILINE)


def sniff(path: Path, package: zipfile.ZipFile | None = None) -> str:
    """The format told by the content: "docx", "odt", "pdf", "markdown" or "text".

    Zip packages are told apart by [Content_Types].xml (Word) and mimetype (OpenDocument);
    text is Markdown when named .md or when it has Markdown headings. When the content does
    not tell, or is text under a Word/ODT/PDF name, the file name does, and Word is the default
    (the reader explains what is wrong with the file). `package`: the file's zip, when open already.
    """
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return "docx"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) if package is None else nullcontext(package) as package:
                names = set(package.namelist())
                if "mimetype" in names:
                    with package.open("mimetype") as mimetype:
                        if mimetype.read(64).startswith(b"application/vnd.oasis.opendocument.text"):
                            return "odt"
                if "[Content_Types].xml" in names:
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error):
            pass  # the name decides; the reader reports what is wrong
    elif b"%PDF-" in head[:1024]:
        return "pdf"
    elif suffix not in BINARY_SUFFIXES and (head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head):
        from .common import decode

        if suffix in MARKDOWN_SUFFIXES or _MARKDOWN_HEADING.search(decode(head)):
            return "markdown"
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return {".odt": "odt", ".pdf": "pdf", ".txt": "text"}.get(suffix, "docx")
