"""The text of a Word paragraph: runs, fields, revisions, content controls, hidden text and highlighting."""

from __future__ import annotations

from itertools import takewhile

from lxml.etree import tostring

from ..document import Markup
from .common import collapse, int_or_none
from .wordml import (
    ALTERNATE, AUTHOR, B, CHOICE, COMMENT_REF, COMMENT_START, DEL, DELTEXT, DRAWING, ENDNOTE_REF, FALLBACK,
    FLDCHAR, FLDTYPE, FOOTNOTE_REF, HIGHLIGHT, ID, INS, INSTRTEXT, LEAF_TEXT, MOVEFROM, MOVETO, NUMPR, OUTLINE,
    PICT, PLACEHOLDER, PPR, PSTYLE, R, RPR, RSTYLE, SDT, SDTPR, SPECIAL, SZ, T, TXBX, UNREADABLE, VAL, VANISH, P,
    numbering, is_on, WordStyle,
)


class ParagraphText:
    """Reads a paragraph's text for the DOCX reader (`_Reader`), noting its markup on the reader."""

    def _read_para(self, p) -> str:
        """Raw text of a paragraph (tabs and breaks kept); sets the paragraph's facts on self."""
        self.boxes: list | tuple = ()  # text boxes are collected by the full walk only
        self.pstyle, self.outline, self.numbered = self._para_props(p)
        self.placeholder_text, self.hidden_text = [], []
        if self.fields and not all(separated for _, separated in self.fields):
            self.fields = [f for f in self.fields if f[1]]  # field codes never span paragraphs
            self._field_state()
        raw = None
        if p not in self.special:  # plain runs: their w:t are the only text nodes
            raw = tostring(p, method="text", encoding=str, with_tail=False)
            if "\n" in raw:  # pretty-printed XML: whitespace between elements
                raw = None
            else:
                self.toc_text = self.in_toc_field and not raw.isspace()
        if raw is None:
            self.parts: list[str] = []
            self.boxes, self.toc_text, self.last_highlight = [], False, None
            self._inline(p)
            raw = "".join(self.parts)
        if self.pstyle.vanish:
            self.hidden_text.append(raw)
            return ""
        if p in self.placeholder_paras:
            self.placeholder_text.append(raw)
            return ""
        return raw

    def _guidance(self, raw: str) -> tuple[str, str]:
        """(text, Block.guidance) of the paragraph just read: a paragraph holding nothing but a
        placeholder or hidden text is that guidance; guidance beside visible text becomes markup."""
        if self.placeholder_text or self.hidden_text:
            placeholder, hidden = collapse("".join(self.placeholder_text)), collapse("".join(self.hidden_text))
            if not collapse(raw):
                return (placeholder, "placeholder") if placeholder else (hidden, "hidden")
            self.pending.extend(Markup(kind, text) for kind, text in (("placeholder", placeholder), ("hidden", hidden)) if text)
        return raw, ""

    def _para_props(self, p) -> tuple[WordStyle, int | None, bool | None]:
        """Style, own outline level and own numbering of a paragraph."""
        ppr = p[0] if len(p) else None  # pPr comes first when present
        style_id, outline, numbered = self.styles.default_id, None, None
        if ppr is not None and ppr.tag == PPR:
            for el in ppr:
                tag = el.tag
                if tag == PSTYLE:
                    style_id = el.get(VAL)
                elif tag == OUTLINE:
                    outline = int_or_none(el.get(VAL))
                elif tag == NUMPR and numbered is None:
                    numbered = numbering(el)
        return self.styles.get(style_id), outline, numbered

    def _mark_special(self, root) -> None:
        """Remember paragraphs that need the full walk (revisions, fields, drawings, notes ...),
        and the paragraphs that are wholly inside a content control showing its placeholder."""
        for el in root.iter(*SPECIAL):
            self.special.update(el.iterancestors(P))
        for mark in root.iter(PLACEHOLDER):
            sdt = mark.getparent().getparent()
            if sdt is not None and next(sdt.iterancestors(P), None) is None:
                self.placeholder_paras.update(sdt.iter(P))

    def _inline(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == R:
                self._run(el)
            elif tag == INS or tag == MOVETO:
                start = len(self.parts)
                self._inline(el)
                text = collapse("".join(self.parts[start:]))
                if text:
                    self.pending.append(Markup("insertion", text, author=el.get(AUTHOR, "")))
            elif tag == DEL or tag == MOVEFROM:
                text = collapse("".join(t.text or "" for t in el.iter(DELTEXT, T)))
                if text:
                    self.pending.append(Markup("deletion", text, author=el.get(AUTHOR, "")))
            elif tag == SDT:
                content, _ = self._sdt(el)
                if content is not None:
                    start = len(self.parts)
                    self._inline(content)
                    pr = el.find(SDTPR)
                    if pr is not None and pr.find(PLACEHOLDER) is not None:
                        self.placeholder_text.append("".join(self.parts[start:]))
                        del self.parts[start:]
            elif tag == ALTERNATE:
                branch = el.find(CHOICE)  # one branch only: the same content is in both
                if branch is None:
                    branch = el.find(FALLBACK)
                if branch is not None:
                    self._inline(branch)
            elif tag == DRAWING or tag == PICT:
                self.boxes.extend(_outer_boxes(el))
            elif tag in UNREADABLE:
                self.unreadable += 1
            elif tag == COMMENT_START:
                self.refs.append(("comment", el.get(ID)))
            elif tag != PPR:  # hyperlink, smartTag, fldSimple, customXml ...: ordinary runs inside
                self._inline(el)

    def _run(self, r) -> None:
        rpr = r[0] if len(r) and r[0].tag == RPR else None
        hidden = self._vanished(rpr)
        parts = self.hidden_text if hidden else self.parts
        start = len(parts)
        for el in r:
            tag = el.tag
            if tag == T:
                if not self.hidden:
                    parts.append(el.text or "")
            elif tag in LEAF_TEXT:
                parts.append(LEAF_TEXT[tag])
            elif tag == RPR:
                pass
            elif tag == FLDCHAR:
                self._field(el.get(FLDTYPE))
            elif tag == INSTRTEXT:
                if self.fields:
                    self.fields[-1][0] += el.text or ""
                    self._field_state()
            elif tag == FOOTNOTE_REF or tag == ENDNOTE_REF:
                self.refs.append(("footnote" if tag == FOOTNOTE_REF else "endnote", el.get(ID)))
            elif tag == COMMENT_REF:
                self.refs.append(("comment", el.get(ID)))
            else:
                self._inline((el,))
        if len(parts) > start and not hidden:
            self._highlight(rpr, "".join(parts[start:]))

    def _vanished(self, rpr) -> bool:
        """Whether a run is hidden text: w:vanish on the run, its character style or (unless the run
        says otherwise) its paragraph style, which `_read_para` handles as a whole."""
        if rpr is None:
            return False
        for el in rpr:
            if el.tag == VANISH:
                return is_on(el)
            if el.tag == RSTYLE and self.styles.get(el.get(VAL)).vanish:
                return True
        return False

    def _highlight(self, rpr, text: str) -> None:
        """Note text added by one run: inside a TOC field, highlighted (adjacent runs merge)."""
        if self.in_toc_field:
            self.toc_text = True
        mark = rpr.find(HIGHLIGHT) if rpr is not None else None
        if mark is None or mark.get(VAL, "none") == "none":
            self.last_highlight = None
        elif self.last_highlight is not None:
            self.last_highlight.text += text
        else:
            self.last_highlight = Markup("highlight", text)
            self.pending.append(self.last_highlight)

    def _looks(self, p) -> tuple[bool, int]:
        """(all text bold, largest font size in half-points) of a paragraph, for the bold heuristic."""
        style = self._para_props(p)[0]
        all_bold, largest = True, 0
        for r in p.iter(R):
            if not tostring(r, method="text", encoding=str, with_tail=False).strip():
                continue
            bold = size = None
            rpr = r[0] if len(r) else None  # rPr comes first when present; text may sit in w:r itself
            for el in rpr if rpr is not None and rpr.tag == RPR else ():
                tag = el.tag
                if tag == B:
                    bold = is_on(el)
                elif tag == SZ:
                    size = int_or_none(el.get(VAL))
                elif tag == RSTYLE:
                    char = self.styles.get(el.get(VAL))
                    bold, size = char.bold if bold is None else bold, size or char.size
            all_bold = all_bold and bool(style.bold if bold is None else bold)
            largest = max(largest, size or style.size or self.styles.default_size)
        return all_bold, largest

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(["", False])
        elif kind == "separate" and self.fields:
            self.fields[-1][1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()
        self._field_state()

    def _field_state(self) -> None:
        self.hidden = bool(self.fields) and not self.fields[-1][1]
        self.in_toc_field = any(instr.lstrip()[:3].upper() == "TOC" for instr, _ in self.fields)

    # -- blocks --------------------------------------------------------------------------------


def _outer_boxes(drawing) -> list:
    """Text boxes in a drawing, without the boxes inside them: those are read with their box
    (reading them here too would read nested boxes 2, 4, 8 ... times)."""
    return [box for box in drawing.iter(TXBX)
            if not any(a.tag == TXBX for a in takewhile(lambda a: a is not drawing, box.iterancestors()))]
