"""Refuse files that cannot or must not be read, before any reader or parser sees them.

Checked here, for every format: the path is a readable, non-empty regular file within the size
limit, and not an old binary Office file (.doc, or a password-protected .docx, which Word stores
in the same OLE2 container) or RTF. For zip packages (.docx, .docm, .odt): the central directory
(number of parts, each part's and the total unpacked size, the compression ratio, compression
methods, encrypted parts) and every part's XML prolog: a DOCTYPE is refused, which shuts out
entity bombs ("billion laughs") and external entities whatever parser reads the part later.

A part that unpacks to more than its central directory says cannot get past `zipfile`: it stops
at the declared size and then fails the CRC check, so the declared sizes bound what is unpacked.
"""

from __future__ import annotations

import mmap
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from ..discover import lock_file
from ..errors import InputError

MB = 1024 * 1024
DEFAULT_MAX_MB = 50  # --max-size
MAX_RATIO = 200  # unpacked size / packed size, for what unpacks to more than RATIO_FROM
RATIO_FROM = MB
MAX_PARTS = 10_000
MAX_DIRECTORY = MB  # the zip's central directory: zipfile reads all of it into memory
XML_DEPTH = 256  # lxml (libxml2) refuses deeper nesting unless huge_tree is set

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # stream name in an encrypted OOXML file
END_OF_DIRECTORY = b"PK\x05\x06"

ENCRYPTED = (
    "är krypterad (lösenordsskyddad) och kan inte läsas: ta bort lösenordet i Word "
    "(Arkiv > Information > Skydda dokument > Kryptera med lösenord) och spara igen"
)
LEGACY = (
    "är ett Office-dokument i det gamla binärformatet (.doc), som inte kan läsas: "
    "öppna det i Word eller LibreOffice och spara som Word-dokument (.docx)"
)
LOCK_FILE = (
    "är en låsfil som Word eller LibreOffice skapar medan dokumentet är öppet, inte själva rapporten: "
    "granska filen med samma namn utan ”~$” eller ”.~lock.”"
)
RTF = "är en RTF-fil, som inte kan läsas: öppna den i Word eller LibreOffice och spara som Word-dokument (.docx)"
TOO_BIG = "är för stor ({size}; gränsen är {limit}): höj gränsen med --max-size MB om filen är en riktig rapport"
UNPACKS_TOO_BIG = (
    "blir för stor uppackad ({what}: {size}; gränsen är {limit}): "
    "höj gränsen med --max-size MB om filen är en riktig rapport"
)
BOMB = "ser ut som en zip-bomb: {name} blir {ratio:.0f} gånger större uppackad (högst {limit} gånger tillåts); filen läses inte"
DOCTYPE = (
    "innehåller en DOCTYPE-deklaration i {name}: sådana förekommer inte i Word- eller OpenDocument-filer "
    "men används för XML-attacker (entitetsbomber, externa entiteter); filen läses inte"
)


class Limits(NamedTuple):
    """Sizes in bytes: the file and one unpacked part; all parts together; what gets parsed as
    text (one XML part, or a text file). `chars`: the characters of text a report may hold,
    which decides how long checking takes (a large berättelse holds 100,000)."""

    file: int
    part: int
    package: int
    text: int
    chars: int

    @classmethod
    def from_mb(cls, max_mb: int | None = None) -> Limits:
        """The limits for `--max-size` MB: twice that for a whole package, a fifth for text,
        and a fiftieth of it in characters, at least 1 Mi (the default 50 MB gives that)."""
        size = (max_mb or DEFAULT_MAX_MB) * MB
        return cls(file=size, part=size, package=2 * size, text=size // 5, chars=max(MB, size // 50))


def check_file(path: Path, limits: Limits) -> int:
    """Refuse what is not a readable, non-empty regular file within the limit; returns its size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(path, "filen finns inte") from None
    except PermissionError:
        raise InputError(path, "saknar behörighet att läsa filen") from None
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "är en mapp, inte en fil")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "är ingen vanlig fil (utan t.ex. en enhet eller en namngiven pipe)")
    if info.st_size == 0:
        raise InputError(path, "filen är tom (0 byte)")
    if lock_file(path.name):
        raise InputError(path, LOCK_FILE)
    if info.st_size > limits.file:
        raise InputError(path, too_big(info.st_size, limits.file))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head == OLE2:
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    raise InputError(path, ENCRYPTED if data.find(ENCRYPTION_INFO) >= 0 else LEGACY)
    except PermissionError:
        raise InputError(path, "saknar behörighet att läsa filen") from None
    except OSError as exc:
        raise InputError(path, f"kan inte läsas: {exc.strerror or exc}") from None
    if head.startswith(b"{\\rtf"):
        raise InputError(path, RTF)
    return info.st_size


class CheckedZip(zipfile.ZipFile):
    """A zip package as `check_zip` leaves it: the small parts its DOCTYPE check read whole are
    kept, and `read` gives them without unpacking them again."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.small: dict[str, bytes] = {}

    def read(self, name, pwd=None) -> bytes:
        data = self.small.get(name)
        return super().read(name, pwd) if data is None else data


def check_zip(path: Path, limits: Limits) -> CheckedZip | None:
    """Refuse a zip package that is a bomb, unreadable, or carries a DOCTYPE; other files pass.
    Returns the package, open for the reader (the caller closes it), or None for a file that is no zip."""
    with path.open("rb") as handle:
        directory = _directory_size(handle)
    if directory is None:
        return None  # no zip: the reader says what the file is not
    if directory > MAX_DIRECTORY:
        raise InputError(path, f"har en orimligt stor innehållsförteckning i zip-paketet ({_mb(directory)})")
    package = None
    try:
        package = CheckedZip(path)
        infos = package.infolist()
        _check_directory(path, infos, limits)
        for info in infos:
            if not info.is_dir() and _has_doctype(package, info):
                raise InputError(path, DOCTYPE.format(name=info.filename))
        return package
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError) as exc:
        if package is not None:
            package.close()
        raise InputError(path, f"är skadad: zip-paketet kan inte packas upp ({exc})") from None
    except InputError:
        package.close()
        raise


def _directory_size(handle) -> int | None:
    """Size of the central directory told by the end record, as zipfile finds it; None if no zip.

    A Zip64 record (needed only beyond 65 535 parts or 4 GB) counts as too big.
    """
    handle.seek(0, os.SEEK_END)
    end = handle.tell()
    handle.seek(max(0, end - (1 << 16) - 22))
    tail = handle.read()
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    entries, size = struct.unpack_from("<HI", tail, at + 10)
    return MAX_DIRECTORY + 1 if entries == 0xFFFF or size == 0xFFFFFFFF else size


def _check_directory(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"har orimligt många delar ({len(infos)}; högst {MAX_PARTS})")
    total = packed = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(path, f"är krypterad: delen {info.filename} i zip-paketet är lösenordsskyddad")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(path, f"använder en komprimeringsmetod som inte stöds ({info.filename})")
        _check_ratio(path, info.filename, info.file_size, info.compress_size)
        limit = limits.text if info.filename.endswith((".xml", ".rels")) else limits.part
        if info.file_size > limit:
            raise InputError(path, UNPACKS_TOO_BIG.format(what=info.filename, size=_mb(info.file_size), limit=_mb(limit)))
        total += info.file_size
        packed += info.compress_size
    if packed > path.stat().st_size:
        raise InputError(path, "ser ut som en zip-bomb: delarna i zip-paketet överlappar varandra; filen läses inte")
    _check_ratio(path, "paketet", total, packed)
    if total > limits.package:
        raise InputError(path, UNPACKS_TOO_BIG.format(what="alla delar", size=_mb(total), limit=_mb(limits.package)))


def _check_ratio(path: Path, name: str, size: int, packed: int) -> None:
    if size > RATIO_FROM and size > MAX_RATIO * packed:
        raise InputError(path, BOMB.format(name=name, ratio=size / max(packed, 1), limit=MAX_RATIO))


class _RootReached(Exception):
    """Raised by `_Prolog` at the first element: the rest of the part is not parsed."""


class _Prolog:
    """lxml parser target that notes a DOCTYPE and stops at the root element."""

    def __init__(self):
        self.doctype_seen = False

    def doctype(self, name, public_id, system_url):
        self.doctype_seen = True

    def start(self, tag, attrib):
        raise _RootReached

    def close(self):
        return None


# An XML declaration, then the root element: nothing between them that could be a DOCTYPE.
_PLAIN_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml[^>]*\?>)?\s*<[^?!\x00]")  # "<\x00": UTF-16LE or UTF-32LE


def _has_doctype(package: CheckedZip, info: zipfile.ZipInfo) -> bool:
    """Whether a part's prolog declares a DOCTYPE (in any encoding lxml reads); images and
    other non-XML parts fail at their first bytes and pass. A part that `zipfile` unpacks in one
    step anyway (packed and unpacked within its first read) is read whole and kept in the package."""
    with package.open(info) as member:
        if info.compress_size <= member.MIN_READ_SIZE and info.file_size <= member.MIN_READ_SIZE:
            head = member.read()
            if package.getinfo(info.filename) is info:  # the part `read(name)` gives (names can repeat)
                package.small[info.filename] = head
        else:
            head = member.read(1024)
        if _PLAIN_PROLOG.match(head) or _not_xml(head):  # fast paths; parsed only when unusual
            return False
        target = _Prolog()
        parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False)
        try:
            chunk = head
            while chunk:
                parser.feed(chunk)
                chunk = member.read(1 << 16)
            parser.close()
        except _RootReached:
            pass
        except etree.XMLSyntaxError:  # the push parser cannot read UTF-32: lxml may, from the whole part
            return target.doctype_seen or _doctype_in_whole(zipfile.ZipFile.read(package, info))
    return target.doctype_seen


def _doctype_in_whole(data: bytes) -> bool:
    """Whether lxml, parsing the whole part (entities unresolved, nothing loaded), finds a DOCTYPE."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError:
        return False
    return bool(root.getroottree().docinfo.doctype)


# How XML in an encoding libxml2 tells from the first bytes starts (UCS-4 and UTF-16 without a
# byte-order mark start with a zero byte or "<", EBCDIC with "L"; then the byte-order marks).
_ENCODED_XML_STARTS = (b"\x00", b"\x4c", b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe")


def _not_xml(head: bytes) -> bool:
    """Whether libxml2 stops at the part's first bytes (an image, say): in an encoding it does not
    tell from them it reads UTF-8, and there the first character after blanks must be "<"."""
    start = head.lstrip(b" \t\r\n")[:1]
    return bool(start) and start != b"<" and not head.startswith(_ENCODED_XML_STARTS)


def too_big(size: int, limit: int) -> str:
    return TOO_BIG.format(size=_mb(size), limit=_mb(limit))


TOO_MUCH_TEXT = (
    "har för mycket text för att granskas ({count} tecken; gränsen är {limit} tecken, tio gånger en stor "
    "berättelse): höj gränsen med --max-size MB om filen är en riktig rapport"
)


def too_much_text(count: int, limit: int) -> str:
    return TOO_MUCH_TEXT.format(count=f"{count:,}".replace(",", " "), limit=f"{limit:,}".replace(",", " "))


def xml_problem(exc: etree.XMLSyntaxError) -> str:
    """A parse error in Swedish, for a reader's message."""
    if "depth" in str(exc).lower():
        return f"XML-innehållet är nästlat i fler än {XML_DEPTH} nivåer, vilket ingen riktig rapport är"
    return f"XML-innehållet är felaktigt ({exc})"


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB".replace(".", ",")
