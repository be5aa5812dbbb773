"""`sosfs-check mall`: a Word template built from the rules, and next year's draft from this year's report.

The outline is data: every rule names its section (`section:` in the rule files), the sections
come from the packs' `sections:` catalogue (id, title, parent, order). The template has one
built-in heading per section the profile's rules name, and under it a Word placeholder content
control (`w:sdt` with `w:showingPlcHdr`) with what the rules ask for and their example text, and a
Word comment with the legal basis. The checker reads placeholders as guidance, never as content,
so `check` on the untouched template reports every section as unfilled.

`make_template` is the one entry point (the CLI and `serve` call it).
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import UserError
from .rules import Rule, RuleSet, Section

__all__ = ["FORMATS", "Part", "Template", "make_template", "outline", "plan"]

FORMATS = ("docx", "odt", "md")
TAG = "sosfs-check:"  # w:tag of every content control the template writes, followed by what it holds
AUTHOR, INITIALS = "sosfs-check", "SC"
GOALS_SECTION = "uppfoljning-mal"
NEXT_YEAR_SECTION = "kommande-ar"

WORDS = {
    "sv": {
        "toc": "Innehållsförteckning",
        "organisation": "Nämnd, förvaltning eller vårdgivare",
        "period": "Berättelsen avser {year}.",
        "prepared": "Upprättad:",
        "adopted": "Fastställd:",
        "by": "av",
        "date": "Välj datum",
        "who": "namn och funktion",
        "body": "nämnd och paragraf",
        "example": "Till exempel:",
        "goal": "Förra årets mål: {goal} Beskriv om målet har uppnåtts under {year}, vad som har gjorts och vad som återstår.",
        "basis": "Lagrum",
    },
    "en": {
        "toc": "Contents",
        "organisation": "Board, administration or care provider",
        "period": "The report covers {year}.",
        "prepared": "Prepared:",
        "adopted": "Adopted:",
        "by": "by",
        "date": "Choose a date",
        "who": "name and role",
        "body": "board and minute number",
        "example": "For example:",
        "goal": "Last year's goal: {goal} Describe whether it was met in {year}, what was done and what remains.",
        "basis": "Legal basis",
    },
}
@dataclass
class Part:
    """One heading of the template: its section, level, wording and the rules it answers."""

    section: Section
    level: int
    heading: str
    rules: list[Rule] = field(default_factory=list)
    guidance: list[str] = field(default_factory=list)  # one placeholder paragraph each; empty: no placeholder
    placeholders: list[list[str]] = field(default_factory=list)  # extra placeholders (one per goal)


def outline(rules: RuleSet, profile: str, lang: str = "sv") -> list[Part]:
    """The template's sections for a profile, in catalogue order: every section an active rule
    names (when the section is meant for the profile), with its parents."""
    catalogue = {s.id: s for s in rules.sections}
    own: dict[str, list[Rule]] = {}
    for rule in rules.for_profile(profile):
        section = catalogue.get(rule.section) if rule.section else None
        if section is not None and profile in section.profiles:
            own.setdefault(section.id, []).append(rule)
    wanted: set[str] = set()
    for section_id in own:
        while section_id is not None and section_id not in wanted:
            wanted.add(section_id)
            section_id = catalogue[section_id].parent
    children: dict[str | None, list[Section]] = {}
    for section in catalogue.values():
        if section.id in wanted:
            children.setdefault(section.parent, []).append(section)
    parts: list[Part] = []

    def walk(parent: str | None, level: int) -> None:
        for section in sorted(children.get(parent, []), key=lambda s: (s.order, s.id)):
            mine = own.get(section.id, [])
            parts.append(Part(section, level, section.heading(profile, lang), mine, [_guidance(r, lang) for r in mine]))
            walk(section.id, level + 1)

    walk(None, 1)
    return parts


def _guidance(rule: Rule, lang: str) -> str:
    """What to describe (the rule's own title) and its example text."""
    text = rule.title.rstrip(".") + "."
    if rule.explain is not None:
        text += f" {WORDS[lang]['example']} ”{rule.explain.example.strip()}”"
    return text


def _basis(rules: list[Rule], lang: str) -> str:
    """The comment on a heading: each rule's legal basis, obligation and id."""
    lines = [f"{WORDS[lang]['basis']}: {'; '.join(r.legal_basis)} – {r.title} ({r.id}, {r.obligation})" for r in rules]
    return "\n".join(dict.fromkeys(lines))


# --- next year's draft from this year's report -------------------------------------------------


@dataclass
class Source:
    """What a template keeps of last year's report: headings, goals, organisation; never body text."""

    headings: list  # Block
    goals: list[str]
    organisation: str
    profile: str
    year: int | None  # the year it reported on


def read_source(path: Path, rules: RuleSet, profile: str | None) -> Source:
    from . import check

    result = check(path, profile=profile, rules=rules)
    document = result.document
    year = result.period_year or result.report_year
    return Source(document.headings, _goals(document, rules), _organisation(document),
                  result.profile, year)


def _organisation(document) -> str:
    """The title page's line that names the board or care provider (short, no digits)."""
    for block in document.front_matter:
        if block.kind == "paragraph" and not re.search(r"\d", block.text) and len(block.text.split()) <= 8:
            return block.text.strip()
    return ""


def _goals(document, rules: RuleSet) -> list[str]:
    """Last year's goals for the coming year: the body paragraphs of its "kommande år" section;
    a lead-in ending in a colon ("Enheten har som mål under 2022:") prefixes the goals after it."""
    catalogue = {s.id: s for s in rules.sections}
    section = catalogue.get(NEXT_YEAR_SECTION)
    if section is None:
        return []
    heading = next((h for h in document.headings if _same(h.text, section)), None)
    if heading is None:
        return []
    goals, lead = [], ""
    for block in document.blocks[heading.index:]:
        if block.kind == "heading" and (block.level or 1) <= (heading.level or 1):
            break
        if block.kind not in ("paragraph", "list_item", "table_cell"):
            continue
        text = " ".join(block.text.split())
        if text.endswith(":"):
            lead = text
        elif text:
            goals.append(f"{lead} {text}" if lead else text)
    return goals


def _same(heading: str, section: Section) -> bool:
    """Is an old heading this section (a title of it or an alias)? Compared without numbers, case
    and word order, with room for a typo."""
    from rapidfuzz import fuzz

    from .vocabulary import heading_key

    key = heading_key(heading)
    terms = [section.title.sv, *(w.sv for w in section.titles.values()), *section.aliases]
    return any(fuzz.token_sort_ratio(key, heading_key(term)) >= 90 for term in terms)


def _keeps_rules(old: str, new: str, rules: list[Rule]) -> bool:
    """Last year's wording keeps every section rule the template's own heading satisfies."""
    from .vocabulary import text_matches

    for rule in rules:
        headings = getattr(rule.check, "headings", None)
        if rule.check.type == "section" and headings:
            if any(text_matches(new, h) for h in headings) and not any(text_matches(old, h) for h in headings):
                return False
    return True


def _follow(parts: list[Part], source: Source, rules: RuleSet, profile: str, year: int, lang: str) -> list[Part]:
    """Keep last year's headings where they mean a required section; add the follow-up of its goals."""
    from .vocabulary import heading_key

    used: set[int] = set()
    chosen: dict[str, object] = {}  # section id -> old heading block
    for part in parts:
        parent = chosen.get(part.section.parent) if part.section.parent else None
        candidates = [
            h for h in source.headings
            if h.index not in used and _same(h.text, part.section)
            and (parent is None or parent.text in h.section[:-1])
        ]
        if not candidates:
            continue
        old = candidates[0]
        used.add(old.index)
        chosen[part.section.id] = old
        wording = re.sub(r"^[\d.\s]+", "", old.text).strip()
        if heading_key(wording) and _keeps_rules(wording, part.heading, part.rules):
            part.heading = wording
    if source.goals:
        catalogue = {s.id: s for s in rules.sections}
        follow = next((p for p in parts if p.section.id == GOALS_SECTION), None)
        if follow is None and GOALS_SECTION in catalogue:
            section = catalogue[GOALS_SECTION]
            follow = Part(section, 1, section.heading(profile, lang))
            position = next((i for i, p in enumerate(parts) if p.level == 1 and p.section.order > section.order), len(parts))
            parts.insert(position, follow)
        if follow is not None:
            follow.guidance = []
            follow.placeholders = [[WORDS[lang]["goal"].format(year=year, goal=_sentence(g))] for g in source.goals]
            follow.rules = follow.rules or [r for r in rules.for_profile(profile) if r.section == GOALS_SECTION]
    return parts


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


# --- writing -----------------------------------------------------------------------------------


@dataclass
class Template:
    """What a template holds before it is written in a format."""

    profile: str
    year: int
    organisation: str | None
    lang: str
    parts: list[Part]
    profile_title: str  # "Patientsäkerhetsberättelse"

    @property
    def title(self) -> str:
        return f"{self.profile_title} {self.year}"

    @property
    def file_stem(self) -> str:
        return f"{self.profile}-{self.year}"

    def render(self, format: str = "docx") -> bytes:
        if format not in FORMATS:
            raise UserError(f"okänt format {format!r}; välj bland: {', '.join(FORMATS)}")
        if format == "md":
            return _markdown(self).encode("utf-8")
        data = _Writer(self.lang).write(self)
        return data if format == "docx" else _convert(data, format)


def plan(
    profile: str | None = None,
    year: int | None = None,
    organisation: str | None = None,
    rules: RuleSet | None = None,
    lang: str = "sv",
    source: str | Path | None = None,
) -> Template:
    """The template's profile, year, organisation and outline (see `make_template`)."""
    from .rules import builtin_rules

    rules = rules or builtin_rules()
    if lang not in WORDS:
        raise UserError(f"okänt språk {lang!r}; välj bland: {', '.join(WORDS)}")
    rules.check_profile(profile)
    if not rules.sections:
        raise UserError("regelpaketen har inga avsnitt ('sections:'); mallen byggs av regelpaketets avsnitt")
    last = read_source(Path(source), rules, profile) if source is not None else None
    profile = profile or (last.profile if last else "patientsakerhetsberattelse")
    if year is None:
        year = last.year + 1 if last and last.year else date.today().year - 1
    organisation = organisation or (last.organisation if last else None)
    parts = outline(rules, profile, lang)
    if last is not None:
        parts = _follow(parts, last, rules, profile, year, lang)
    return Template(profile, year, organisation, lang, parts, rules.profiles[profile])


def make_template(
    profile: str | None = None,
    year: int | None = None,
    organisation: str | None = None,
    rules: RuleSet | None = None,
    lang: str = "sv",
    source: str | Path | None = None,
    format: str = "docx",
) -> bytes:
    """The template as bytes in `format` (docx, odt or md).

    `profile` defaults to patientsäkerhetsberättelse (with `source`: the kind of last year's
    report); `year` is the year reported on (default: last year; with `source`: the year after
    the one it covers); `rules` defaults to the built-in pack; `source` is last year's report,
    whose headings are kept where they match a required section and whose goals for the coming
    year become one placeholder each under "Uppföljning av förra årets mål". None of its body
    text is copied. Raises `UserError` (Swedish message) for bad arguments or an unreadable source.
    """
    if format not in FORMATS:
        raise UserError(f"okänt format {format!r}; välj bland: {', '.join(FORMATS)}")
    return plan(profile, year, organisation, rules, lang, source).render(format)


def _convert(data: bytes, fmt: str) -> bytes:
    from .testing import libreoffice_convert

    with tempfile.TemporaryDirectory(prefix="sosfs-mall-") as tmp:
        path = Path(tmp) / "mall.docx"
        path.write_bytes(data)
        return libreoffice_convert(path, fmt, Path(tmp) / "out").read_bytes()


def _markdown(template: Template) -> str:
    """The same outline in Markdown: guidance in HTML comments, so every section starts empty."""
    lang, words = template.lang, WORDS[template.lang]
    lines = [f"% {template.title}", "", template.organisation or f"<!-- {words['organisation']} -->", "",
             words["period"].format(year=template.year), "",
             f"{words['prepared']} <!-- {words['date']}, {words['by']} {words['who']} -->", "",
             f"{words['adopted']} <!-- {words['date']}, {words['by']} {words['body']} -->", ""]
    for part in template.parts:
        lines += ["#" * part.level + " " + part.heading, ""]
        if part.rules:
            lines += [f"<!-- {_basis(part.rules, lang)} -->", ""]
        for text in [*part.guidance, *(t for p in part.placeholders for t in p)]:
            lines += [f"<!-- {text.replace('--', '–')} -->", ""]
    return "\n".join(lines)


class _Writer:
    """Writes the template with python-docx: title page, TOC field, headings, placeholders, comments."""

    def __init__(self, lang: str):
        import docx

        self.lang = lang
        self.words = WORDS[lang]
        self.doc = docx.Document()
        self.ids = iter(range(1, 10**6))
        self._placeholder_style()

    def write(self, template: Template) -> bytes:
        from docx.enum.text import WD_BREAK

        doc, title, organisation, year = self.doc, template.title, template.organisation, template.year
        parts = template.parts
        doc.core_properties.title = title
        doc.core_properties.author = AUTHOR
        doc.add_paragraph(title, style="Title")
        if organisation:
            doc.add_paragraph(organisation)
        else:
            self._inline_placeholder(doc.add_paragraph(), "organisation", self.words["organisation"])
        doc.add_paragraph(self.words["period"].format(year=year))
        for label, who in (("prepared", "who"), ("adopted", "body")):
            p = doc.add_paragraph(self.words[label] + " ")
            self._inline_placeholder(p, f"{label}-date", self.words["date"], date_picker=True)
            p.add_run(f" {self.words['by']} ")
            self._inline_placeholder(p, f"{label}-by", self.words[who])
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._toc(parts)
        for part in parts:
            heading = doc.add_paragraph(part.heading, style=f"Heading {min(part.level, 9)}")
            if part.rules:
                doc.add_comment(heading.runs, text=_basis(part.rules, self.lang), author=AUTHOR, initials=INITIALS)
            if part.guidance:
                self._block_placeholder(part, part.guidance, part.section.id)
            for n, texts in enumerate(part.placeholders, 1):
                self._block_placeholder(part, texts, f"{part.section.id}:{n}")
        self._update_fields_on_open()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def _placeholder_style(self) -> None:
        """Word's built-in character style for placeholder text (grey)."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        if "Placeholder Text" not in [s.name for s in self.doc.styles]:
            style = self.doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER, builtin=True)
            style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        self.placeholder_style = self.doc.styles["Placeholder Text"].style_id

    def _run(self, text: str) -> str:
        from xml.sax.saxutils import escape

        return (f'<w:r><w:rPr><w:rStyle w:val="{self.placeholder_style}"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')

    def _sdt_pr(self, alias: str, tag: str, extra: str = "") -> str:
        from xml.sax.saxutils import quoteattr

        return (f"<w:sdtPr><w:alias w:val={quoteattr(alias)}/><w:tag w:val={quoteattr(TAG + tag)}/>"
                f'<w:id w:val="{next(self.ids)}"/><w:showingPlcHdr/>{extra}</w:sdtPr>')

    def _inline_placeholder(self, paragraph, tag: str, text: str, date_picker: bool = False) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        extra = ('<w:date><w:dateFormat w:val="yyyy-MM-dd"/><w:lid w:val="sv-SE"/>'
                 '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
                 if date_picker else "<w:text/>")
        paragraph._p.append(parse_xml(
            f'<w:sdt {nsdecls("w")}>{self._sdt_pr(text, tag, extra)}<w:sdtContent>{self._run(text)}</w:sdtContent></w:sdt>'))

    def _block_placeholder(self, part: Part, texts: list[str], tag: str) -> None:
        """A rich-text content control after the heading, showing its placeholder (the guidance)."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        paragraphs = "".join(f"<w:p>{self._run(t)}</w:p>" for t in texts)
        sdt = parse_xml(f'<w:sdt {nsdecls("w")}>{self._sdt_pr(part.heading, tag)}<w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>')
        body = self.doc.element.body
        body.sectPr.addprevious(sdt) if body.sectPr is not None else body.append(sdt)

    def _toc(self, parts: list[Part]) -> None:
        """A TOC field (headings 1-3) inside Word's TOC content control; its result lists the
        headings already, and Word is asked to update fields (page numbers) when it opens the file."""
        from docx.enum.text import WD_BREAK
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        from xml.sax.saxutils import escape

        styles = {s.name: s.style_id for s in self.doc.styles}
        heading_style = styles.get("TOC Heading")
        entries = [p for p in parts if p.level <= 3]
        style = f'<w:pPr><w:pStyle w:val="{heading_style}"/></w:pPr>' if heading_style else ""
        paragraphs = [f'<w:p>{style}<w:r><w:t>{escape(self.words["toc"])}</w:t></w:r></w:p>']
        begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                 '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        for n, part in enumerate(entries):
            style = self._toc_style(part.level)
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
            paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{begin if n == 0 else ""}'
                              f"<w:r><w:t>{escape(part.heading)}</w:t></w:r>{end}</w:p>")
        sdt = parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{"".join(paragraphs)}</w:sdtContent></w:sdt>')
        body = self.doc.element.body
        body.sectPr.addprevious(sdt)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _toc_style(self, level: int) -> str:
        """Word's built-in "toc N" paragraph style (styleId TOCN), created when missing."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm

        name = f"toc {level}"
        if name not in [s.name for s in self.doc.styles]:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
            style.style_id = f"TOC{level}"
            style.base_style = self.doc.styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
            style.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        return self.doc.styles[name].style_id

    def _update_fields_on_open(self) -> None:
        """Word asks to update the fields (the TOC's page numbers) when it opens the file."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        settings = self.doc.settings.element
        element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
        later = [qn(f"w:{tag}") for tag in _AFTER_UPDATE_FIELDS]
        successor = next((child for child in settings if child.tag in later), None)
        settings.append(element) if successor is None else successor.addprevious(element)


# CT_Settings elements that come after w:updateFields (the schema fixes the order; Word checks it)
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
