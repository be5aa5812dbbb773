"""Invisible control characters in report text, made visible.

A right-to-left override (U+202E) and its kin change the order in which text is shown without
changing its bytes, so a quoted passage can read differently from what it says ("Trojan Source").
Other control and zero-width characters hide in text the same way. Human-readable outputs (HTML,
Markdown, the terminal, JUnit and GitHub annotations) show each as `<U+202E>`; the `controls`
check reports them as a finding, since a report with hidden direction changes is not ready to
be published.
"""

from __future__ import annotations

import io
import re
import sys

BIDI = {
    "\u061c": "arabiskt bokstavsmärke", "\u200e": "vänster-till-höger-märke", "\u200f": "höger-till-vänster-märke",
    "\u202a": "vänster-till-höger-inbäddning", "\u202b": "höger-till-vänster-inbäddning",
    "\u202c": "avslutad riktningsformatering", "\u202d": "vänster-till-höger-åsidosättning",
    "\u202e": "höger-till-vänster-åsidosättning", "\u2066": "vänster-till-höger-isolering",
    "\u2067": "höger-till-vänster-isolering", "\u2068": "förstastarkt-isolering", "\u2069": "avslutad isolering",
}  # fmt: skip
# C0 and C1 controls except tab, line feed and carriage return; zero-width spaces and joiners
# that do not shape text (U+200D, the emoji joiner, and the soft hyphen U+00AD stay as they are).
OTHER = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]) + (
    "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\ufff9\ufffa\ufffb"
)
INVISIBLE = re.compile("[" + re.escape("".join(BIDI) + OTHER) + "]")
_ESCAPES = {ord(c): f"<U+{ord(c):04X}>" for c in "".join(BIDI) + OTHER}
_MARKUP_ESCAPES = {code: f"&lt;{text[1:-1]}&gt;" for code, text in _ESCAPES.items()}


def visible(text: str, markup: bool = False) -> str:
    """The text with every invisible control character written as `<U+XXXX>`; in HTML or XML
    (`markup`), as `&lt;U+XXXX&gt;`, which shows the same."""
    if not INVISIBLE.search(text):
        return text
    return text.translate(_MARKUP_ESCAPES if markup else _ESCAPES)


def name(char: str) -> str:
    """What the character is, in Swedish."""
    return BIDI.get(char, "osynligt styrtecken")


_TERMINAL_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # colour and weight: all the terminal renderer writes


class VisibleStream:
    """A text stream for the terminal renderer: report text cannot move the cursor, clear the
    screen or turn text around. Only colour sequences (which `rich` writes) pass as they are."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        parts = _TERMINAL_STYLE.split(text)
        styles = _TERMINAL_STYLE.findall(text)
        out = visible(parts[0]) + "".join(style + visible(part) for style, part in zip(styles, parts[1:]))
        return self._stream.write(out)

    def __getattr__(self, attribute):  # flush, isatty, fileno, encoding ...
        return getattr(self._stream, attribute)


def console(record_width: int | None = None, **options):
    """A rich console for text from reports and rule packs, shown as written: no markup (a heading
    "[ange datum]" stays, "[/]" is no error), no emoji codes, no highlighting. On the terminal its
    control characters are made visible (`VisibleStream`); with `record_width` it records into
    memory for `export_text`."""
    from rich.console import Console

    options.update(markup=False, emoji=False, highlight=False)
    if record_width:
        return Console(record=True, file=io.StringIO(), width=record_width, **options)
    return Console(file=VisibleStream(sys.stdout), **options)
