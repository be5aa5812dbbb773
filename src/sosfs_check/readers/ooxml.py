"""Open a Word package with zipfile and lxml, parsing only the parts the reader uses.

python-docx parses every XML part when it opens a file, among them a styles part that is
often ten times the size of the text (350 KB in Word's default template). Here the styles part
is cut into its `<w:style>` elements as bytes, and only the styles the text uses are parsed:
those named by `w:pStyle`/`w:rStyle`, the styles they are based on, and the defaults. A styles
part not written the usual way is parsed whole.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from ..values import Value

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = _OFFICE + "officeDocument"
STYLES, FOOTNOTES, ENDNOTES, COMMENTS = (_OFFICE + t for t in ("styles", "footnotes", "endnotes", "comments"))
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # as python-docx parses

_ROOT = re.compile(rb"\s*(?:<\?xml[^>]*\?>\s*)?<w:styles\b[^>]*>")
_STYLE_ID = b'w:styleId="'
_BASED_ON = re.compile(rb"""<w:basedOn\b[^<>]*\bw:val=["']([^"'&\s]*)["']""")
_DEFAULTS = re.compile(rb"<w:docDefaults\b(?:[^>]*/>|.*?</w:docDefaults>)", re.S)
_END = b"</w:style>"
# Byte searches look this far from a match; beyond it the part is parsed whole. Unbounded searches
# make hostile parts (thousands of unclosed tags) take quadratic time.
_TAG_REACH, _STYLE_REACH = 1 << 10, 1 << 16
_W_DECLARED = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class Package(Value):
    """The parsed parts of a Word package that the reader walks."""

    __slots__ = ("body", "styles", "parts", "title", "macros")

    def __init__(
        self,
        body: etree._Element,
        styles: etree._Element,  # root of the styles part, holding at least the styles the text uses
        parts: dict[str, etree._Element | None] | None = None,  # FOOTNOTES, ENDNOTES, COMMENTS; None: none
        title: str = "",  # core property dc:title
        macros: bool = False,  # a macro-enabled document (.docm); its macros are never run
    ):
        self.body = body
        self.styles = styles
        self.parts = {} if parts is None else parts
        self.title = title
        self.macros = macros


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _relations(z: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Relationship type -> part name, for the internal relationships of a part ("" = package)."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if not _has(z, rels):
        return {}
    out: dict[str, str] = {}
    for rel in _parse(z.read(rels)).iter(_REL):
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join("/" + folder, rel.get("Target", ""))).lstrip("/")
            out.setdefault(rel.get("Type"), target)
    return out


def _has(z: zipfile.ZipFile, name: str) -> bool:
    try:
        z.getinfo(name)
    except KeyError:
        return False
    return True


def _content_type(z: zipfile.ZipFile, name: str) -> str | None:
    types = _parse(z.read("[Content_Types].xml"))
    for override in types.iter(_CT + "Override"):
        if override.get("PartName", "").lstrip("/").lower() == name.lower():
            return override.get("ContentType")
    extension = name.rsplit(".", 1)[-1].lower()
    return next((d.get("ContentType") for d in types.iter(_CT + "Default") if d.get("Extension", "").lower() == extension), None)


def open_package(path, z: zipfile.ZipFile | None = None) -> Package:
    """Open a .docx/.docm file, or read it from its zip `z` when open already. Raises zipfile, XML,
    KeyError or ValueError errors on bad input."""
    if z is None:
        with zipfile.ZipFile(path) as z:
            return _read_package(z)
    return _read_package(z)


def _read_package(z: zipfile.ZipFile) -> Package:
    package_rels = _relations(z, "")
    main = package_rels.get(OFFICE_DOCUMENT)
    if main is None:
        raise ValueError("huvuddokumentet saknas")
    content_type = _content_type(z, main)
    if content_type not in MAIN_TYPES:
        raise ValueError(f"innehållstypen är {content_type}")
    if not _has(z, main):
        raise ValueError(f"huvuddokumentet {main} saknas")
    related = _relations(z, main)
    body = _parse(z.read(main)).find(_W + "body")
    if body is None:
        raise ValueError("dokumentet saknar brödtext (w:body)")
    parts = {rt: _parse(z.read(related[rt])) if rt in related else None for rt in (FOOTNOTES, ENDNOTES, COMMENTS)}
    used = {el.get(_W + "val") for root in (body, *parts.values()) if root is not None
            for el in root.iter(_W + "pStyle", _W + "rStyle")}
    styles = _styles(z.read(related[STYLES]), used) if STYLES in related else etree.Element(_W + "styles")
    core = package_rels.get(CORE_PROPERTIES)
    title = _parse(z.read(core)).findtext(_TITLE) if core and _has(z, core) else None
    return Package(body, styles, parts, title or "", "macroEnabled" in content_type)


def _styles(data: bytes, used: set[str | None]) -> etree._Element:
    """The styles part holding the styles in `used` (None: a style reference without w:val), those they
    are based on, and the defaults."""
    root = _ROOT.match(data)
    # Comments, CDATA or character references could hide styles from the byte search.
    if root is None or _W_DECLARED not in root[0] or b"&" in data or (b"!" in data and b"<!" in data):
        return _parse(data)
    at = data.find(b"<w:docDefaults", root.end())
    defaults = _DEFAULTS.match(data, at) if at != -1 else None
    head = data[: root.end()] + (defaults[0] if defaults else b"")
    spans = {_span(data, at) for at in _all(data, b"w:default=", root.end())}  # the default styles
    ids = _style_ids(data, root.end())
    if ids is None:
        return _parse(data)  # a style id written some other way
    # A work list, so that long basedOn chains take linear time.
    todo, done = [s for s in used if s], set()
    todo += [p.decode() for span in spans if span for p in _BASED_ON.findall(data, *span)]
    while todo:
        style_id = todo.pop()
        if style_id in done or style_id not in ids:
            continue
        done.add(style_id)
        span = _span(data, ids[style_id])
        spans.add(span)
        if span is not None:
            todo += [p.decode() for p in _BASED_ON.findall(data, *span)]
    if None in spans:
        return _parse(data)
    try:
        parsed = _parse(head + b"".join(data[slice(*span)] for span in sorted(spans)) + b"</w:styles>")
    except etree.XMLSyntaxError:  # the spans cut the XML wrongly (a style inside a style ...)
        return _parse(data)
    # The regex read the bytes; the parsed styles confirm that no parent is missing.
    missed = {el.get(_W + "val") for el in parsed.iter(_W + "basedOn")} - done
    return _parse(data) if missed & ids.keys() else parsed


def _style_ids(data: bytes, start: int) -> dict[str, int] | None:
    """styleId -> where its `w:styleId="…"` is written, the last definition winning as in a dict of
    the parsed part; None when any "styleId" in the part is written otherwise (one scan of the bytes)."""
    ids: dict[str, int] = {}
    at, end = data.find(b"styleId", start), start
    while at != -1:
        close = data.find(b'"', at + 9)
        if at < end or close == -1 or data[at - 2 : at + 9] != _STYLE_ID:
            return None
        ids[data[at + 9 : close].decode()] = at - 2
        at, end = data.find(b"styleId", at + 7), close
    return ids


def _all(data: bytes, text: bytes, start: int):
    at = data.find(text, start)
    while at != -1:
        yield at
        at = data.find(text, at + 1)


def _span(data: bytes, attribute: int) -> tuple[int, int] | None:
    """Where the <w:style> element whose start tag holds the attribute at `attribute` lies."""
    start = data.rfind(b"<w:style", max(0, attribute - _TAG_REACH), attribute)
    close = data.find(b">", attribute, attribute + _TAG_REACH)
    if start == -1 or close == -1 or data.find(b">", start, attribute) != -1:
        return None
    end = close + 1 if data[close - 1 : close] == b"/" else data.find(_END, close, close + _STYLE_REACH) + len(_END)
    return (start, end) if end > close else None
