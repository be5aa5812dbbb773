"""A python-docx document's package as the test documents are written: zip entries dated
1980-01-01 (the bytes of `libreoffice.fixed_zip(document.save(...))`, in one pass), and a new blank
document without reading python-docx's template again."""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter


def package_bytes(document: Document) -> bytes:
    """What `document.save` writes, with every zip entry dated 1980-01-01 as `fixed_zip` gives it,
    written once (not saved and then copied)."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        entries = _DatedEntries(archive)
        PackageWriter._write_content_types_stream(entries, parts)  # PackageWriter.write's three steps
        PackageWriter._write_pkg_rels(entries, package.rels)
        PackageWriter._write_parts(entries, parts)
    return raw.getvalue()


@dataclass
class _DatedEntries:
    """Takes python-docx's package members into a zip, each compressed and dated 1980-01-01."""

    archive: zipfile.ZipFile

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, (1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        self.archive.writestr(entry, blob)


def blank_document() -> Document:
    """A new python-docx document: a copy of its blank one, read once."""
    return copy.deepcopy(_blank())


@functools.cache
def _blank() -> Document:
    return docx.Document()
