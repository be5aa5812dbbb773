"""The styles of an OpenDocument text: common and automatic styles resolved through their parents."""

from __future__ import annotations

import re

from .common import Style, int_or_none

_S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
STYLE = _S + "style"
PLACEHOLDER_STYLE = "placeholder text"  # Word's "Placeholder Text" character style, as LibreOffice keeps it
BUILTIN_HEADING = re.compile(r"heading ([1-9]|10)")
STYLE_HEADING = re.compile(r"(?:rubrik|överskrift)\s*([1-9])")
TOC_STYLE = re.compile(r"contents ([1-9]|10)")


class Styles:
    """Common and automatic styles, resolved through their parents once: (family, name) -> `Style`."""

    def __init__(self, roots, style_map: dict[str, int]):
        self.style_map = {k.casefold(): v for k, v in style_map.items()}
        self.raw = {(el.get(_S + "family"), el.get(_S + "name")): el for root in roots for el in root.iter(STYLE)}
        size = None
        for root in roots:
            for default in root.iter(_S + "default-style"):
                if default.get(_S + "family") == "paragraph":
                    size = _size(default.find(_S + "text-properties"), None) or size
        self.default_size = size or 12.0
        self.base = Style()
        self.cache: dict[tuple, Style] = {}

    def placeholder(self, name: str | None) -> bool:
        """Is a text style (or one it is based on) Word's "Placeholder Text"?"""
        seen = set()
        while name and name not in seen:
            seen.add(name)
            if _display(name).strip().casefold() == PLACEHOLDER_STYLE:
                return True
            el = self.raw.get(("text", name))
            name = el.get(_S + "parent-style-name") if el is not None else None
        return False

    def get(self, family: str, name: str | None) -> Style:
        """The resolved style; its parent chain is walked in a loop (chains can be thousands long)."""
        chain, key = [], (family, name)
        while key not in self.cache:
            self.cache[key] = self.base  # guards against parent cycles
            chain.append(key)
            el = self.raw.get(key)
            key = (family, el.get(_S + "parent-style-name") if el is not None else None)
        for ancestor in reversed(chain):  # parents first, so _resolve finds them in the cache
            self.cache[ancestor] = self._resolve(family, self.raw.get(ancestor))
        return self.cache[chain[0] if chain else key]

    def _resolve(self, family: str, el) -> Style:
        if el is None:
            return self.base
        parent = self.get(family, el.get(_S + "parent-style-name")) if el.get(_S + "parent-style-name") else self.base
        props = el.find(_S + "text-properties")
        weight = props.get(_FO + "font-weight") if props is not None else None
        outline = el.get(_S + "default-outline-level")
        style = Style(
            outline=parent.outline if outline is None else int_or_none(outline),
            bold=parent.bold if weight is None else weight == "bold" or (int_or_none(weight) or 0) >= 600,
            size=_size(props, parent.size) or parent.size,
        )
        name = (el.get(_S + "display-name") or _display(el.get(_S + "name") or "")).strip().casefold()
        style.kind, style.level, style.source = _kind(name, style, self.style_map)
        if style.kind == "paragraph":  # automatic styles ("P1") take what their parent is
            style.kind, style.level, style.source = parent.kind, parent.level, parent.source
        return style


def _display(name: str) -> str:
    """Style names encode characters as _XX_ hex ("Heading_20_1" is "Heading 1")."""
    return re.sub(r"_([0-9A-Fa-f]{2})_", lambda m: chr(int(m[1], 16)), name)


def _size(props, parent: float | None) -> float | None:
    value = props.get(_FO + "font-size") if props is not None else None
    if not value:
        return None
    m = re.fullmatch(r"([\d.]+)(pt|%)", value.strip())
    if m is None:
        return None
    number = float(m[1])
    return number if m[2] == "pt" else (parent * number / 100 if parent else None)


def _kind(name: str, style: Style, style_map: dict[str, int]) -> tuple[str, int | None, str | None]:
    """Heading ladder by style (outline level, built-in name, mapped or localised name) and other kinds."""
    if m := TOC_STYLE.fullmatch(name):
        return "toc", int(m[1]), None
    if name == "contents heading":
        return "toc_heading", None, None
    if style.outline is not None and style.outline >= 1:
        return "heading", style.outline, "style_outline"
    if m := BUILTIN_HEADING.fullmatch(name):
        return "heading", int(m[1]), "builtin_style"
    if name == "title":
        return "title", None, None
    if name in style_map:
        return "heading", style_map[name], "style_map"
    if m := STYLE_HEADING.fullmatch(name):
        return "heading", int(m[1]), "style_map"
    if "list" in name:
        return "list_item", None, None
    return "paragraph", None, None
