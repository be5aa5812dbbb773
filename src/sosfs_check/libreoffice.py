"""LibreOffice as a converter: a copy of a document in another format (the `mall` command's ODT,
and the test documents written the way LibreOffice writes them). The input is never touched."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .errors import UserError


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so rebuilding gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


class LibreOfficeError(UserError):
    """LibreOffice is missing or failed to convert a document."""


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(path: str | Path, fmt: str, out_dir: str | Path) -> Path:
    """Convert a copy of `path` with LibreOffice to "docx", "odt" or "pdf"; returns out_dir/<stem>.<fmt>.

    The input file is never touched; an output that would overwrite it is refused.
    """
    filters = {"docx": "docx:MS Word 2007 XML", "odt": "odt", "pdf": "pdf"}
    if fmt not in filters:
        raise ValueError(f"fmt must be one of {sorted(filters)}, not {fmt!r}")
    soffice = soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) saknas: installera libreoffice-writer "
                               "för att konvertera dokument.")
    src = Path(path).resolve()
    target = Path(out_dir).resolve() / f"{src.stem}.{fmt}"
    if target == src:
        raise ValueError(f"{target} would overwrite the input; choose another out_dir")
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        copy = Path(shutil.copy2(src, work / "in" / src.name))
        cmd = [soffice, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", filters[fmt], "--outdir", str(work / "out"), str(copy)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        produced = work / "out" / f"{src.stem}.{fmt}"
        if not produced.exists():
            raise LibreOfficeError(f"LibreOffice kunde inte konvertera {src.name} till {fmt}: "
                                   f"{(done.stderr or done.stdout).strip()}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(produced, target)
    return target


def libreoffice_resave(docx_path: str | Path, out_dir: str | Path) -> Path:
    """Open a copy of a DOCX in LibreOffice and save it again as DOCX into out_dir/<stem>.docx.

    Zip timestamps are fixed afterwards (LibreOffice's XML is otherwise identical run to run).
    """
    target = libreoffice_convert(docx_path, "docx", out_dir)
    target.write_bytes(fixed_zip(target.read_bytes()))
    return target
