"""Fuzzing, bounded in time: random but valid Word structures never crash the checker, and
mutated real reports give exit code 0, 1 or 2 with a message, never an internal error."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from copy import deepcopy
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import sosfs_check
from sosfs_check.errors import InputError
from sosfs_check.outputs import render
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import STYLES, build_docx
from test_hostile import cli

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "docx").glob("*.docx"))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- random but valid documents ------------------------------------------------------------------

WORDS = ["Riskanalys", "avvikelser", "12", "inga", "lex Maria", "lex Sarah", "Innehållsförteckning", "SOSFS 2011:9",
         "4.2 Riskanalys.....7", "5 kap. 1 §", "Patientsäkerhetsberättelse 2024", "Kvalitetsberättelse", "…", "\t",
         "klagomål och synpunkter", "2023", "Fastställd 2024-02-20", "[Skriv här]", "14 kap. 3 § SoL", "", " "]
text = st.one_of(st.sampled_from(WORDS), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40))
STYLE_IDS = ["Heading1", "Heading2", "Title", "TOC1", "TOCHeading", "Rubrik1", "Egen", "Cykel", "ListParagraph",
             "saknas", ""]
number = st.one_of(st.integers(-3, 12).map(str), st.sampled_from(["x", "", "99999999999999999999", "1.5"]))


def xml(tag: str, inner: str = "", **attrs: str) -> str:
    attributes = "".join(f' w:{k}="{escape(v, {chr(34): "&quot;"})}"' for k, v in attrs.items())
    return f"<w:{tag}{attributes}>{inner}</w:{tag}>"


run_properties = st.builds(
    lambda bold, size, mark, style: xml("rPr", bold + size + mark + style),
    st.sampled_from(["", xml("b"), xml("b", val="0"), xml("b", val="nej")]),
    number.map(lambda n: xml("sz", val=n)) | st.just(""),
    st.sampled_from(["", xml("highlight", val="yellow"), xml("highlight", val="none")]),
    st.sampled_from(STYLE_IDS).map(lambda s: xml("rStyle", val=s)) | st.just(""),
)
run_content = st.one_of(
    text.map(lambda t: f'<w:t xml:space="preserve">{escape(t)}</w:t>'),
    st.sampled_from([xml("tab"), xml("br"), xml("cr"), xml("noBreakHyphen"), xml("object"), xml("delText", "borta")]),
    st.sampled_from(["begin", "separate", "end", "okänd"]).map(lambda kind: xml("fldChar", fldCharType=kind)),
    st.sampled_from([' TOC \\o "1-3" ', " PAGE ", "HYPERLINK x"]).map(lambda i: xml("instrText", escape(i))),
    st.tuples(st.sampled_from(["footnoteReference", "endnoteReference", "commentReference"]), number).map(
        lambda k: xml(k[0], id=k[1])),
)
run = st.builds(lambda props, content: xml("r", props + "".join(content)), run_properties | st.just(""),
                st.lists(run_content, max_size=4))


def inline(blocks):
    """Paragraph content: runs, and wrappers around more of it (tracked changes, content controls ...)."""
    def wrappers(children):
        inner = st.lists(children, max_size=3).map("".join)
        return st.one_of(
            st.tuples(st.sampled_from(["ins", "del", "moveTo", "moveFrom", "hyperlink", "smartTag", "fldSimple"]),
                      inner).map(lambda t: xml(t[0], t[1], author="Anna", id="1")),
            st.tuples(st.booleans(), inner).map(
                lambda t: xml("sdt", xml("sdtPr", xml("showingPlcHdr") if t[0] else "") + xml("sdtContent", t[1]))),
            st.tuples(inner, inner).map(
                lambda t: f"<mc:AlternateContent><mc:Choice>{t[0]}</mc:Choice><mc:Fallback>{t[1]}</mc:Fallback>"
                          "</mc:AlternateContent>"),
            blocks.map(lambda b: xml("r", xml("pict", xml("txbxContent", b)))),  # a text box
            number.map(lambda n: xml("commentRangeStart", id=n)),
        )
    return st.recursive(run, wrappers, max_leaves=8)


paragraph_properties = st.builds(
    lambda style, outline, numbered: xml("pPr", style + outline + numbered),
    st.sampled_from(STYLE_IDS).map(lambda s: xml("pStyle", val=s)) | st.just(""),
    number.map(lambda n: xml("outlineLvl", val=n)) | st.just(""),
    number.map(lambda n: xml("numPr", xml("ilvl", val="0") + xml("numId", val=n))) | st.just(""),
)


def body(depth: int = 2):
    """A list of body elements: paragraphs, tables, content controls, custom XML, embedded chunks."""
    nested = body(depth - 1) if depth else st.just(xml("p"))
    paragraph = st.builds(lambda props, content: xml("p", props + "".join(content)),
                          paragraph_properties | st.just(""), st.lists(inline(nested), max_size=4))
    if not depth:
        return st.lists(paragraph, min_size=1, max_size=3).map("".join)
    cell = st.builds(lambda span, content: xml("tc", span + content),
                     number.map(lambda n: xml("tcPr", xml("gridSpan", val=n))) | st.just(""), nested | st.just(""))
    row = st.lists(cell, max_size=3).map(lambda cells: xml("tr", "".join(cells)))
    table = st.lists(row | row.map(lambda r: xml("sdt", xml("sdtContent", r))), max_size=3).map(
        lambda rows: xml("tbl", "".join(rows)))
    control = st.builds(
        lambda toc, placeholder, content: xml("sdt", xml("sdtPr", (
            xml("docPartObj", xml("docPartGallery", val="Table of Contents")) if toc else "")
            + (xml("showingPlcHdr") if placeholder else "")) + xml("sdtContent", content)),
        st.booleans(), st.booleans(), nested)
    element = st.one_of(paragraph, table, control, nested.map(lambda b: xml("customXml", b)), st.just(xml("altChunk")))
    return st.lists(element, min_size=1, max_size=4).map("".join)


style = st.builds(
    lambda style_id, name, based, props: f'<w:style w:type="paragraph" w:styleId="{style_id}">'
                                         f"{xml('name', val=name)}{based}{props}</w:style>",
    st.sampled_from(STYLE_IDS), st.sampled_from(["heading 1", "heading 9", "Title", "toc 2", "TOC Heading",
                                                 "Rubrik 3", "Kommun Rubrik 1", "List Paragraph", "Normal", ""]),
    st.sampled_from(STYLE_IDS).map(lambda s: xml("basedOn", val=s)) | st.just(""),
    paragraph_properties,
)
spec = st.lists(st.one_of(
    text.map(lambda t: f"%% {t}"), st.tuples(st.integers(1, 4), text).map(lambda h: "#" * h[0] + f" {h[1]}"),
    text, text.map(lambda t: f"- {t}"), text.map(lambda t: f"1. {t}"), text.map(lambda t: f"{t}[^1]\n\n[^1]: not {t}"),
    st.lists(text, min_size=1, max_size=3).map(lambda cells: "| " + " | ".join(cells) + " |\n|---|"),
    st.just("<!-- toc -->\n- Riskanalys.....3\n  - Avvikelser.....4\n<!-- /toc -->"),
), max_size=8).map(lambda items: "\n\n".join(i.replace("|", "/") if not i.startswith("|") else i for i in items))


def with_raw_xml(data: bytes, path: Path, fragment: str, styles: str, at_start: bool) -> Path:
    """The built document with `fragment` put into the body (first or last) and `styles` into the
    styles part; the document part already declares the w: and mc: prefixes."""
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            part = old.read(name)
            if name == "word/document.xml":
                part = (part.replace(b"<w:body>", b"<w:body>" + fragment.encode(), 1) if at_start
                        else part.replace(b"<w:sectPr", fragment.encode() + b"<w:sectPr", 1))
            elif name == "word/styles.xml":
                part = part.replace(b"</w:styles>", styles.encode() + b"</w:styles>")
            new.writestr(name, part)
    return path


@FUZZ
@given(spec=spec, form=st.sampled_from(STYLES), fragment=body(), styles=st.lists(style, max_size=4).map("".join),
       at_start=st.booleans())
def test_random_valid_documents_never_crash(tmp_path_factory, spec, form, fragment, styles, at_start):
    path = with_raw_xml(build_docx(spec, style=form), tmp_path_factory.mktemp("fuzz") / "rapport.docx",
                        fragment, styles, at_start)
    try:
        result = sosfs_check.check(path, profile="kombinerad")
    except InputError:
        return
    render("json", [result], "sv", builtin_rules())


# -- mutated real reports ----------------------------------------------------------------------------


def rezip(data: bytes, change) -> bytes:
    """A copy of the package made by `change(list of (name, data))`, which may drop, reorder or edit parts."""
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        parts = change([(name, old.read(name)) for name in old.namelist()])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name, part in parts:
            new.writestr(name, part)
    return out.getvalue()


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    """Damage a real report the way transfers, tools and people do."""
    if kind == "truncate":
        return data[: rng.randrange(len(data))]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "shuffle":
        return rezip(data, lambda parts: rng.sample(parts, len(parts)))
    if kind == "remove":
        def drop_one(parts):
            del parts[rng.randrange(len(parts))]
            return parts
        return rezip(data, drop_one)
    if kind == "tree":
        return rezip(data, lambda parts: [(n, reshape(d, rng) if n.startswith("word/") and n.endswith(".xml") else d)
                                          for n, d in parts])
    if kind == "rename":
        return rezip(data, lambda parts: [(n.replace("word/", rng.choice(["Word/", "word/x/", "word/"])), d)
                                          for n, d in parts])

    def damage(part: bytes) -> bytes:  # inside an XML part, so the XML parser and the walk see it
        at, end = sorted(rng.randrange(len(part) + 1) for _ in range(2))
        return rng.choice([
            part[:at] + part[end:],
            part[:at] + part[at:end] * 2 + part[end:],
            part[:at] + rng.choice([b"<w:p>", b"</w:body>", b"<w:t>", b'"', b"&amp;", b"\xff", b"<w:tbl>"]) + part[at:],
            part.replace(b'w:val="', b'w:val="9', rng.randint(1, 50)),
            part.replace(b"word/", b"../../../etc/", 1),
        ])
    return rezip(data, lambda parts: [(n, damage(d) if n.endswith((".xml", ".rels")) and rng.random() < 0.5 else d)
                                      for n, d in parts])


def reshape(part: bytes, rng: random.Random) -> bytes:
    """Still well-formed XML, but rearranged: elements dropped, copied elsewhere, renamed, their
    attributes garbled. This reaches the reader's walk, where broken bytes stop at the parser."""
    root = etree.fromstring(part)
    elements = list(root.iter())
    for _ in range(rng.randint(1, 8)):
        el, other = rng.choice(elements), rng.choice(elements)
        operation = rng.randrange(4)
        if operation == 0 and el.getparent() is not None:
            el.getparent().remove(el)
        elif operation == 1 and el is not root and sum(1 for _ in el.iter()) < 200:
            other.insert(rng.randint(0, len(other)), deepcopy(el))
        elif operation == 2:
            for name in el.attrib:
                el.set(name, rng.choice(["", "-1", "x", "0", "99999999999", "Heading1", "Table of Contents"]))
        elif operation == 3 and isinstance(el.tag, str) and isinstance(other.tag, str):
            el.tag = other.tag
    return etree.tostring(root)


KINDS = ["truncate", "flip", "shuffle", "remove", "rename", "xml", "tree", "tree", "tree"]


@FUZZ
@given(source=st.sampled_from(FIXTURES), kind=st.sampled_from(KINDS), seed=st.integers(0, 2**32))
def test_mutated_reports_get_exit_0_1_or_2_with_a_message(tmp_path_factory, source, kind, seed):
    path = tmp_path_factory.mktemp("fuzz") / source.name
    path.write_bytes(mutate(source.read_bytes(), kind, random.Random(seed)))
    code, _, err = cli("check", path, "--profile", "kombinerad", "-f", "json")
    assert code in (0, 1, 2)
    assert "internt fel" not in err and "Traceback" not in err, err
    if code == 2:
        assert f"{path}: " in err


def test_mutated_reports_through_the_real_command(tmp_path):
    """A few runs as a user runs it: a separate process, its real stderr and exit code."""
    rng = random.Random(7)
    paths = []
    for n, kind in enumerate(["truncate", "flip", "xml", "remove"]):
        paths.append(tmp_path / f"skadad-{n}.docx")
        paths[-1].write_bytes(mutate(FIXTURES[n].read_bytes(), kind, rng))
    proc = subprocess.run([sys.executable, "-m", "sosfs_check", "check", "--profile", "kombinerad", "-f", "json",
                           *map(str, paths)], capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1, 2)
    assert "internt fel" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    checked = {d["path"] for d in json.loads(proc.stdout)["documents"]} if proc.stdout else set()
    assert all(str(path) in checked or f"{path}: " in proc.stderr for path in paths)  # each checked or refused
