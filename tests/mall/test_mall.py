"""`sosfs-check mall`: the template built from the rules, read back by python-docx, LibreOffice and
the checker itself; the loop template -> write -> check; next year's draft from last year's report."""

import io
import json
import re
import textwrap
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from helpers import run_cli
from xml.sax.saxutils import escape

from sosfs_check import check
from sosfs_check.errors import RuleError, UserError
from sosfs_check.mall import TAG, outline, plan
from sosfs_check.readers import read
from sosfs_check.packs import builtin_rules, load_ruleset
from sosfs_check.testing import libreoffice_convert, soffice_path

ROOT = Path(__file__).resolve().parents[2]
BORAS_2021 = ROOT / "fixtures" / "examples" / "boras-2021.docx"
KOMMUN_PACK = ROOT / "docs" / "examples" / "kommun-pack"
PROFILES = ("patientsakerhetsberattelse", "kvalitetsberattelse", "kombinerad")
ORGANISATION = "Vård- och omsorgsnämnden i Exempelby"
PSB_OUTLINE = [
    (1, "Sammanfattning"),
    (1, "Struktur"),
    (2, "Övergripande mål och strategier"),
    (2, "Organisation och ansvar"),
    (2, "Samverkan för att förebygga vårdskador"),
    (2, "Patienters och närståendes delaktighet"),
    (2, "Hälso- och sjukvårdspersonalens rapporteringsskyldighet"),
    (2, "Klagomål och synpunkter"),
    (2, "Egenkontroll"),
    (1, "Process – åtgärder för att säkerställa verksamhetens kvalitet"),
    (2, "Hur patientsäkerhetsarbetet har bedrivits"),
    (2, "Processer och rutiner"),
    (2, "Riskanalys"),
    (2, "Utredning av händelser – vårdskador och lex Maria"),
    (2, "Informationssäkerhet"),
    (1, "Resultat och analys"),
    (2, "Egenkontroll"),
    (2, "Avvikelser"),
    (2, "Klagomål och synpunkter"),
    (2, "Händelser och vårdskador"),
    (2, "Riskanalys"),
    (1, "Uppföljning av förra årets mål"),
    (1, "Mål och strategier för kommande år"),
]
KB_OUTLINE = [
    (1, "Sammanfattning"),
    (1, "Struktur"),
    (2, "Övergripande mål och strategier"),
    (2, "Organisation och ansvar"),
    (2, "Samverkan"),
    (2, "Brukarnas delaktighet"),
    (2, "Personalens rapporteringsskyldighet"),
    (2, "Synpunkter och klagomål"),
    (2, "Egenkontroll"),
    (1, "Process – åtgärder för att säkerställa verksamhetens kvalitet"),
    (2, "Processer och rutiner"),
    (2, "Riskanalys"),
    (2, "Avvikelser"),
    (2, "Lex Sarah"),
    (1, "Resultat och analys"),
    (2, "Egenkontroll"),
    (2, "Avvikelser"),
    (2, "Synpunkter och klagomål"),
    (2, "Lex Sarah"),
    (2, "Riskanalys"),
    (1, "Mål och strategier för kommande år"),
]
W_SDT, W_TAG, W_PLACEHOLDER = qn("w:sdt"), qn("w:tag"), qn("w:showingPlcHdr")


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """The untouched template of each profile, as a file."""
    folder = tmp_path_factory.mktemp("mall")
    out = {}
    for profile in PROFILES:
        out[profile] = folder / f"{profile}.docx"
        out[profile].write_bytes(plan(profile, 2025, ORGANISATION).render())
    return out


def _sdts(document) -> list:
    """Every content control the template wrote (its w:tag starts with TAG), in document order."""
    return [
        sdt for sdt in document.element.body.iter(W_SDT)
        if (tag := sdt.find(f"{qn('w:sdtPr')}/{W_TAG}")) is not None and tag.get(qn("w:val")).startswith(TAG)
    ]


def _tag(sdt) -> str:
    return sdt.find(f"{qn('w:sdtPr')}/{W_TAG}").get(qn("w:val")).removeprefix(TAG)


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


# --- the template as Word, LibreOffice and the checker read it


@pytest.mark.parametrize(("profile", "expected"), [
    ("patientsakerhetsberattelse", PSB_OUTLINE), ("kvalitetsberattelse", KB_OUTLINE),
])
def test_headings_are_built_in_headings_at_their_levels(templates, profile, expected):
    document = docx.Document(str(templates[profile]))
    headings = [(int(p.style.name.removeprefix("Heading ")), p.text)
                for p in document.paragraphs if p.style.name.startswith("Heading ")]
    assert headings == expected
    read_back = read(templates[profile]).headings
    assert [(h.level, h.text) for h in read_back] == expected
    assert {h.source for h in read_back} == {"style_outline"}  # the built-in style's outline level


def test_kombinerad_has_both_lex_maria_and_lex_sarah(templates):
    headings = [(h.level, h.text) for h in read(templates["kombinerad"]).headings]
    assert (2, "Utredning av händelser – vårdskador och lex Maria") in headings
    assert (2, "Lex Sarah") in headings
    assert (2, "Händelser och vårdskador") in headings
    assert headings.count((2, "Lex Sarah")) == 2  # process and results


def test_title_page_names_kind_organisation_year_and_has_fields_for_upprattad_and_faststalld(templates):
    document = docx.Document(str(templates["patientsakerhetsberattelse"]))
    first = document.paragraphs[:5]
    assert [(p.style.name, p.text) for p in first[:3]] == [
        ("Title", "Patientsäkerhetsberättelse 2025"), ("Normal", ORGANISATION), ("Normal", "Berättelsen avser 2025."),
    ]
    assert document.core_properties.title == "Patientsäkerhetsberättelse 2025"
    controls = {_tag(sdt): sdt for sdt in _sdts(document)}
    for label, key in (("Upprättad:", "prepared"), ("Fastställd:", "adopted")):
        paragraph = next(p for p in first if _text(p._p).startswith(label))
        tags = [_tag(sdt) for sdt in paragraph._p.iter(W_SDT)]
        assert tags == [f"{key}-date", f"{key}-by"]
        assert controls[f"{key}-date"].find(f"{qn('w:sdtPr')}/{qn('w:date')}") is not None  # a date picker
        assert all(controls[t].find(f"{qn('w:sdtPr')}/{W_PLACEHOLDER}") is not None for t in tags)


def test_organisation_is_a_placeholder_when_not_given():
    document = docx.Document(io.BytesIO(plan("kvalitetsberattelse", 2024).render()))
    assert document.paragraphs[0].text == "Kvalitetsberättelse 2024"
    assert [_tag(s) for s in document.paragraphs[1]._p.iter(W_SDT)] == ["organisation"]


def test_table_of_contents_is_a_word_field_listing_the_headings(templates):
    document = docx.Document(str(templates["patientsakerhetsberattelse"]))
    instructions = [t.text for t in document.element.body.iter(qn("w:instrText"))]
    assert instructions == [' TOC \\o "1-3" \\h \\z \\u ']
    begin = next(document.element.body.iter(qn("w:fldChar")))
    assert begin.get(qn("w:dirty")) == "true"
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    toc = read(templates["patientsakerhetsberattelse"]).toc
    assert [(e.level, e.text) for e in toc] == PSB_OUTLINE


def test_every_section_with_rules_has_a_placeholder_with_their_guidance_and_a_comment_with_their_legal_basis(templates):
    rules = builtin_rules()
    parts = outline(rules, "patientsakerhetsberattelse")
    document = docx.Document(str(templates["patientsakerhetsberattelse"]))
    blocks = {_tag(s): s for s in _sdts(document) if s.getparent().tag == qn("w:body")}
    assert list(blocks) == [p.section.id for p in parts if p.rules]
    for part in parts:
        if not part.rules:
            continue
        sdt = blocks[part.section.id]
        assert sdt.find(f"{qn('w:sdtPr')}/{W_PLACEHOLDER}") is not None
        paragraphs = [_text(p) for p in sdt.iter(qn("w:p"))]
        assert paragraphs == [f"{r.title.rstrip('.')}. Till exempel: ”{r.explain.example.strip()}”" for r in part.rules]
    comments = {c.paragraphs[0].text.split(" (")[0]: c for c in document.comments}
    assert len(list(document.comments)) == sum(1 for p in parts if p.rules)
    texts = ["\n".join(p.text for p in c.paragraphs) for c in document.comments]
    for part, text in zip([p for p in parts if p.rules], texts):
        for rule in part.rules:
            assert f"Lagrum: {'; '.join(rule.legal_basis)} – {rule.title} ({rule.id}, {rule.obligation})" in text
    assert comments  # anchored on the headings: every comment's range starts in a heading paragraph
    for start in document.element.body.iter(qn("w:commentRangeStart")):
        assert start.getparent().style.startswith("Heading") or "Rubrik" in start.getparent().style


def test_placeholders_and_comments_are_not_content(templates):
    document = read(templates["patientsakerhetsberattelse"])
    body = [b for b in document.blocks if b.is_body]  # placeholders are read, marked as guidance
    assert [b.text for b in body] == [ORGANISATION, "Berättelsen avser 2025.", "Upprättad: av", "Fastställd: av"]
    assert {m.kind for m in document.markup} == {"comment", "placeholder"}


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")
def test_libreoffice_opens_the_template_and_converts_it_to_pdf(templates, tmp_path):
    import pdfplumber

    pdf = libreoffice_convert(templates["patientsakerhetsberattelse"], "pdf", tmp_path)
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
    for _, heading in PSB_OUTLINE:
        assert heading in text
    assert "Till exempel:" in text  # the placeholder's guidance is shown


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")
def test_odt_format_keeps_the_headings(tmp_path):
    path = tmp_path / "mall.odt"
    path.write_bytes(plan("kvalitetsberattelse", 2025, ORGANISATION).render("odt"))
    assert [(h.level, h.text) for h in read(path).headings] == KB_OUTLINE


def test_markdown_format_has_the_outline_and_no_content(tmp_path):
    path = tmp_path / "mall.md"
    path.write_bytes(plan("kvalitetsberattelse", 2025, ORGANISATION).render("md"))
    document = read(path)
    assert [(h.level, h.text) for h in document.headings] == KB_OUTLINE
    assert document.title == "Kvalitetsberättelse 2025"
    assert [b.text for b in document.blocks if b.kind not in ("heading", "title")] == [
        ORGANISATION, "Berättelsen avser 2025.", "Upprättad:", "Fastställd:"]


def test_english_headings():
    headings = [p.heading for p in plan("patientsakerhetsberattelse", 2025, lang="en").parts]
    assert headings[:3] == ["Summary", "Structure", "Overall goals and strategies"]


# --- sections come from rule data


def test_a_custom_pack_adds_its_own_section():
    parts = outline(load_ruleset((KOMMUN_PACK,)), "patientsakerhetsberattelse")
    results = [p.heading for p in parts if p.section.parent == "resultat"]
    assert results == ["Egenkontroll", "Kommunens kvalitet i korthet", "Avvikelser", "Klagomål och synpunkter",
                       "Händelser och vårdskador", "Riskanalys"]
    kkik = next(p for p in parts if p.section.id == "kkik")
    assert [r.id for r in kkik.rules] == ["KOMMUN-KKIK"]


def _pack(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pack.yml").write_text("name: Testpaket\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "regler.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


NEW_RULE = """\
    sections:
      - id: lokalt
        title: {sv: Lokala krav}
        order: 35
    rules:
      - id: LOKAL-1
        title: Lokalt krav
        area: egenkontroll
        section: %s
        profiles: [kvalitetsberattelse]
        severity: info
        obligation: praxis
        legal_basis: ["SOSFS 2011:9 5 kap. 2 §"]
        check: {type: phrases, groups: [[lokalt]]}
        message: Lokalt krav saknas.
        fix: Skriv om det lokala kravet.
"""


def test_a_new_rule_in_a_new_section_gets_a_heading_where_its_order_puts_it(tmp_path):
    rules = load_ruleset((_pack(tmp_path, NEW_RULE % "lokalt"),))
    top = [p.heading for p in outline(rules, "kvalitetsberattelse") if p.level == 1]
    assert top == ["Sammanfattning", "Struktur", "Process – åtgärder för att säkerställa verksamhetens kvalitet",
                   "Lokala krav", "Resultat och analys", "Mål och strategier för kommande år"]
    assert "Lokala krav" not in [p.heading for p in outline(rules, "patientsakerhetsberattelse")]


def test_a_rule_naming_an_unknown_section_is_refused_with_its_position(tmp_path):
    with pytest.raises(RuleError) as refused:
        load_ruleset((_pack(tmp_path, NEW_RULE % "finns-inte"),))
    assert refused.value.problems == [
        f"{tmp_path / 'regler.yml'}:9:5: rules.0.section: okänt avsnitt 'finns-inte'; "
        "avsnitten anges under 'sections:' i regelpaketet"
    ]


def test_sections_whose_parents_go_in_a_circle_are_refused(tmp_path):
    _pack(tmp_path, """\
        sections:
          - id: a
            title: {sv: A}
            order: 1
            parent: b
          - id: b
            title: {sv: B}
            order: 2
            parent: a
    """)
    with pytest.raises(RuleError) as refused:
        load_ruleset((tmp_path,))
    regler = tmp_path / "regler.yml"
    assert refused.value.problems == [
        f"{regler}:5:5: sections.0.parent: avsnittet 'a' ligger under sig självt (föräldrarna går i cirkel)",
        f"{regler}:9:5: sections.1.parent: avsnittet 'b' ligger under sig självt (föräldrarna går i cirkel)",
    ]


def test_a_section_without_active_rules_is_left_out(tmp_path):
    (tmp_path / "pack.yml").write_text(
        "name: Utan lex Sarah\nversion: '1'\ndisable: [SOL-27-LEX-SARAH, FIGUR-LEX-SARAH, FIGUR-IVO-ANMALNINGAR, "
        "SOL-27-6-ANMALAN, SOL-17-10-UTREDNING, KB-27-1-RUTINER]\n", encoding="utf-8")
    headings = [p.heading for p in outline(load_ruleset((tmp_path,)), "kvalitetsberattelse")]
    assert "Lex Sarah" not in headings
    assert len(headings) == len(KB_OUTLINE) - 2


# --- the loop: template -> write -> check


def _fill(path: Path, target: Path, rules, profile: str, skip: frozenset[str] = frozenset()) -> Path:
    """What an author does: each placeholder replaced by the example text of its section's rules,
    the title page's fields filled in, the comments deleted. Sections in `skip` stay untouched."""
    document = docx.Document(str(path))
    parts = {p.section.id: p for p in outline(rules, profile)}
    for sdt in _sdts(document):
        tag = _tag(sdt)
        if tag in skip:
            continue
        if tag in parts:
            texts = [r.explain.example.strip() for r in parts[tag].rules if r.explain]
        else:
            texts = [{"organisation": ORGANISATION, "prepared-date": "2026-02-02", "prepared-by": "Anna Berg, MAS",
                      "adopted-date": "2026-02-20", "adopted-by": "Vård- och omsorgsnämnden, § 14"}[tag]]
        if sdt.getparent().tag == qn("w:body"):
            for text in texts:
                sdt.addprevious(parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t>{escape(text)}</w:t></w:r></w:p>'))
        else:
            sdt.addprevious(parse_xml(f'<w:r {nsdecls("w")}><w:t>{escape(texts[0])}</w:t></w:r>'))
        sdt.getparent().remove(sdt)
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for element in list(document.element.body.iter(qn(tag))):
            element.getparent().remove(element)
    for reference in list(document.element.body.iter(qn("w:commentReference"))):
        run = reference.getparent()
        run.getparent().remove(run)
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS:
            for comment in list(rel.target_part.element):
                rel.target_part.element.remove(comment)
    document.save(str(target))
    return target


def _editorial(result) -> list[str]:
    """Findings about publication readiness (guidance, placeholders, comments), not about the law."""
    return [f.rule_id for f in result.findings
            if getattr(builtin_rules().by_id(f.rule_id), "obligation", "") == "publicering"
            or builtin_rules().by_id(f.rule_id).check.type == "placeholders"]


@pytest.mark.parametrize("profile", PROFILES)
def test_filled_with_the_rules_own_examples_every_area_is_met_or_partly(templates, tmp_path, profile):
    filled = _fill(templates[profile], tmp_path / "ifylld.docx", builtin_rules(), profile)
    result = check(filled, profile=profile)
    assert {a.area: a.status for a in result.checklist if a.status not in ("uppfyllt", "delvis")} == {}
    assert _editorial(result) == []
    failing_section_rules = [
        o.rule_id for o in result.outcomes
        if o.outcome == "fail" and builtin_rules().by_id(o.rule_id).check.type == "section"
    ]
    assert failing_section_rules == []
    assert (result.draft.empty, result.draft.guidance) == ([], 0)  # every section written, no guidance left


def test_each_section_filled_in_turns_its_rules_green(templates, tmp_path):
    rules = builtin_rules()
    parts = outline(rules, "patientsakerhetsberattelse")
    all_sections = frozenset(p.section.id for p in parts if p.rules)
    only = _fill(templates["patientsakerhetsberattelse"], tmp_path / "en.docx", rules, "patientsakerhetsberattelse",
                 skip=all_sections - {"riskanalys"})
    outcomes = {o.rule_id: o.outcome for o in check(only, profile="patientsakerhetsberattelse").outcomes}
    assert outcomes["SOSFS-5-1-RISKANALYS"] == "pass"
    assert outcomes["SOSFS-5-1-SANNOLIKHET"] == "pass"
    assert outcomes["SOSFS-5-2-EGENKONTROLL"] == "fail"


# The draft model of issue 13: placeholders and guidance are not evidence, and documents[].draft /
# "N av M avsnitt ifyllda" report what is left to write.


@pytest.mark.parametrize("profile", PROFILES)
def test_check_on_the_untouched_template_finds_nothing_written(templates, profile):
    result = check(templates[profile], profile=profile)
    assert {a.area: a.status for a in result.checklist} == {a.area: "ej_uppfyllt" for a in result.checklist}


@pytest.mark.parametrize("fmt", [
    "md", pytest.param("odt", marks=pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")),
])
def test_the_loop_holds_for_odt_and_markdown(tmp_path, fmt):
    """LibreOffice keeps Word's placeholders as "Placeholder Text" spans and content controls; the
    ODT reader reads them as guidance. Markdown carries the guidance in comments."""
    path = tmp_path / f"mall.{fmt}"
    path.write_bytes(plan("patientsakerhetsberattelse", 2025).render(fmt))
    result = check(path)
    assert {a.area: a.status for a in result.checklist} == {a.area: "ej_uppfyllt" for a in result.checklist}
    assert [loc.excerpt for loc in result.draft.empty] == [heading for _, heading in PSB_OUTLINE]
    if fmt == "odt":
        guidance = [b.text for b in result.document.blocks if b.guidance == "placeholder"]
        assert guidance[0] == "Nämnd, förvaltning eller vårdgivare"
        assert len(guidance) == 1 + sum(len(p.guidance) for p in outline(builtin_rules(), "patientsakerhetsberattelse"))
        assert [m.text for m in result.document.markup if m.kind == "placeholder"] == [
            "Välj datum", "namn och funktion", "Välj datum", "nämnd och paragraf"]


def _json(cli, path: Path) -> dict:
    code, out, _ = cli("check", str(path), "--format", "json")
    return json.loads(out)["documents"][0]


@pytest.fixture
def cli(monkeypatch, capsys):
    return lambda *args: run_cli(monkeypatch, capsys, *args)


def test_untouched_template_is_reported_as_not_filled_in_with_every_section(templates, cli):
    path = templates["patientsakerhetsberattelse"]
    headings = [h.text for h in read(path).headings]
    draft = _json(cli, path)["draft"]
    assert [s["heading"] for s in draft["empty_sections"]] == headings
    assert (draft["sections"], draft["filled"], draft["unfinished"]) == (len(headings), 0, True)
    _, out, _ = cli("check", str(path))
    notice = f"Utkastet är inte ifyllt: {len(headings)} av {len(headings)} avsnitt saknar text"
    assert notice in out
    above_checklist = out[out.index(notice):out.index("Checklista för ledningssystemet")]
    for heading in headings:
        assert heading in above_checklist


@pytest.mark.parametrize("fmt", ["rich", "json", "html"])
def test_progress_counts_the_sections_written(templates, tmp_path, cli, fmt):
    rules = builtin_rules()
    parts = outline(rules, "patientsakerhetsberattelse")
    written = {"riskanalys", "egenkontroll", "klagomal"}  # a section is written by text under its own heading
    path = _fill(templates["patientsakerhetsberattelse"], tmp_path / "tre.docx", rules, "patientsakerhetsberattelse",
                 skip=frozenset(p.section.id for p in parts if p.rules) - written)
    code, out, _ = cli("check", str(path), "--format", fmt)
    if fmt == "json":
        draft = json.loads(out)["documents"][0]["draft"]
        assert (draft["filled"], draft["sections"]) == (3, len(parts))
    else:
        assert f"3 av {len(parts)} avsnitt ifyllda" in out


# --- next year's draft from last year's report


@pytest.fixture(scope="module")
def next_year(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("from") / "2022.docx"
    path.write_bytes(plan(last=check(BORAS_2021)).render())
    return path


BORAS_GOALS = [
    "Försörjningsenheten har som mål under 2022: Fortsatt arbete med digitalisering och tillgänglighet kommer ske "
    "under året. Målsättningen är att 70 % av alla klienter ska ansöka digitalt.",
    "Försörjningsenheten har som mål under 2022: Försörjningsenheten kommer arbeta med att försöka minska antalet "
    "bidragshushåll som innehåller barn. Detta genom att kartlägga vilka insatser som behövs för att de individer "
    "som ingår i familjerna ska komma vidare till arbete eller studier.",
    "Försörjningsenheten har som mål under 2022: Förvaltningen kommer även att arbeta med att kartlägga de klienter "
    "på försörjningsenheten som är berättigade anställningsstöd och försöka växla över så många som möjligt av dessa "
    "från bidrag till anställning.",
    "Försörjningsenheten har som mål under 2022: Fortsatt fokus på unga för att i så stor utsträckning som möjligt "
    "minska denna grupp.",
    "Försörjningsenheten har som mål under 2022: I alla avslagsbeslut där det finns barn ska en "
    "barnkonsekvensanalys genomföras.",
    "Relationsvårdsenheten har som mål under 2022: Fortsatt arbeta för att öka tillgängligheten för de klienter som "
    "söker stöd eller skydd. Alla som söker akut hjälp ska erbjudas en tid samma dag de tar kontakt. I de fall där "
    "det inte bedöms som akut ska tid erbjudas inom en vecka.",
    "Relationsvårdsenheten har som mål under 2022: Personer som söker stöd och hjälp ska få ett samordnat stöd genom "
    "att SIP tillämpas i ärenden där fler än en verksamhet behövs för att klientens behov ska omhändertas.",
    "Relationsvårdsenheten har som mål under 2022: Relationsvårdsenheten kommer även fortsatt att utveckla och "
    "genomföra grundutbildnings- och fortbildningsinsatser till yrkesgrupper som möter hedersutsatta.",
    "Relationsvårdsenheten har som mål under 2022: Under 2022 kommer Relationsvårdsenheten att revidera handboken "
    "för hedersrelaterat våld och förtryck.",
    "Relationsvårdsenheten har som mål under 2022: Fortsatt utveckla tillgängligheten för att få information om "
    "hedersvåld.",
    "Relationsvårdsenheten har som mål under 2022: I alla ärenden där barn är barn finns med ska en "
    "barnkonsekvensanalys genomföras.",
]


def test_from_last_year_writes_next_years_template(next_year):
    document = read(next_year)
    assert document.title == "Patientsäkerhets- och kvalitetsberättelse 2022"
    assert document.front_matter[1].text == "Arbetslivsnämnden"
    headings = [(h.level, h.text) for h in document.headings]
    # last year's wording where it means a required section ...
    for kept in [(2, "Synpunkter och klagomål"), (2, "Avvikelser på individnivå"), (2, "Lex Maria"),
                 (1, "Mål och aktiviteter för kommande år"), (2, "Hur patientsäkerhets- och kvalitetsarbete har bedrivits")]:
        assert kept in headings
    # ... never where the rules would no longer find the section, and the missing ones added
    assert (2, "Utredning av händelser – vårdskador och lex Maria") in headings
    assert (2, "Informationssäkerhet") in headings
    assert (1, "Uppföljning av förra årets mål") in headings
    assert not any(re.match(r"\d", text) for _, text in headings)  # no typed numbers of last year
    # headings that are no required section are not carried over
    assert [text for _, text in headings if text in ("Begreppsdefinitioner", "Förkortningar", "Försörjningsenheten")] == []


def test_from_last_year_gives_one_placeholder_per_goal(next_year):
    document = docx.Document(str(next_year))
    goals = [(_tag(s), _text(s)) for s in _sdts(document) if _tag(s).startswith("uppfoljning-mal")]
    assert goals == [
        (f"uppfoljning-mal:{n}", f"Förra årets mål: {goal} Beskriv om målet har uppnåtts under 2022, "
                                  "vad som har gjorts och vad som återstår.")
        for n, goal in enumerate(BORAS_GOALS, 1)
    ]
    assert all(s.find(f"{qn('w:sdtPr')}/{W_PLACEHOLDER}") is not None for s in _sdts(document))


def test_from_last_year_copies_no_body_text(next_year):
    old = read(BORAS_2021)
    new = read(next_year)
    old_body = {b.text for b in old.blocks if b.kind in ("paragraph", "list_item", "table_cell", "footnote")}
    assert [b.text for b in new.blocks if b.text in old_body] == ["Arbetslivsnämnden"]  # the title page's board
    xml = _text(docx.Document(str(next_year)).element.body)
    goals = "\n".join(BORAS_GOALS)
    copied = [t for t in old_body if len(t.split()) >= 4 and t in xml and t not in goals]
    assert copied == []


def test_from_a_template_carries_its_written_goals_and_never_its_guidance(templates, tmp_path):
    untouched = plan(last=check(templates["patientsakerhetsberattelse"]))
    assert (untouched.year, untouched.organisation) == (2026, ORGANISATION)
    assert [p.placeholders for p in untouched.parts if p.placeholders] == []
    rules = builtin_rules()
    filled = _fill(templates["patientsakerhetsberattelse"], tmp_path / "2025.docx", rules, "patientsakerhetsberattelse")
    follow = next(p for p in plan(last=check(filled)).parts if p.section.id == "uppfoljning-mal")
    goal = rules.by_id("PSL-3-2-KOMMANDE-AR").explain.example.strip()
    assert follow.placeholders == [[f"Förra årets mål: {goal} Beskriv om målet har uppnåtts under 2026, "
                                    "vad som har gjorts och vad som återstår."]]


def test_from_keeps_the_kind_of_report_unless_told(tmp_path):
    template = plan("patientsakerhetsberattelse", last=check(BORAS_2021, profile="patientsakerhetsberattelse"))
    assert (template.profile, template.year) == ("patientsakerhetsberattelse", 2022)
    assert template.parts[-2].heading == "Uppföljning av förra årets mål"


# --- command line


def test_cli_writes_the_template(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("mall", "--year", "2025", "--organisation", ORGANISATION)
    assert (code, out, err) == (0, "Skrev patientsakerhetsberattelse-2025.docx (23 avsnitt).\n", "")
    assert read(tmp_path / "patientsakerhetsberattelse-2025.docx").title == "Patientsäkerhetsberättelse 2025"
    code, out, err = cli("mall", "--profile", "kvalitetsberattelse", "--rules", str(KOMMUN_PACK), "-f", "md",
                         "-o", "kb.md")
    assert (code, out, err) == (0, "Skrev kb.md (22 avsnitt).\n", "")
    code, out, err = cli("mall", "--from", str(BORAS_2021), "-o", "2022.docx")
    assert (code, out, err) == (0, "Skrev 2022.docx (25 avsnitt).\n", "")


@pytest.mark.parametrize(("args", "message"), [
    (["--profile", "nej"], "sosfs-check: --profile: okänd profil 'nej'; välj bland: patientsakerhetsberattelse, "
                           "kvalitetsberattelse, kombinerad\n"),
    (["--from", "saknas.docx"], "sosfs-check: saknas.docx: filen finns inte\n"),
])
def test_cli_bad_input_is_a_swedish_message_and_exit_2(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("mall", *args)
    assert (code, err) == (2, message)
    assert list(tmp_path.iterdir()) == []


def test_cli_never_writes_over_last_years_report(cli, tmp_path):
    source = tmp_path / "2021.docx"
    source.write_bytes(BORAS_2021.read_bytes())
    code, _, err = cli("mall", "--from", str(source), "-o", str(source))
    assert code == 2
    assert "vägrar skriva över indatafilen" in err
    assert source.read_bytes() == BORAS_2021.read_bytes()


def test_plan_refuses_unknown_format_language_and_year():
    with pytest.raises(UserError, match="ogiltigt år 25;"):
        plan(year=25)
    with pytest.raises(UserError, match="okänt format 'pdf'"):
        plan().render("pdf")
    with pytest.raises(UserError, match="okänt språk 'de'"):
        plan(lang="de")


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")
def test_the_template_resaved_by_libreoffice_is_still_unwritten(templates, tmp_path):
    """LibreOffice drops w:showingPlcHdr when it saves the template as DOCX (review A0). The rules'
    examples ("… Till exempel: ”Under året rapporterades 312 avvikelser …”") are then plain text,
    but still guidance: an instruction that opens a quotation runs to its closing mark."""
    resaved = libreoffice_convert(templates["patientsakerhetsberattelse"], "docx", tmp_path / "lo")
    result = check(resaved)
    assert {a.area: a.status for a in result.checklist} == {a.area: "ej_uppfyllt" for a in result.checklist}
    assert [loc.excerpt for loc in result.draft.empty] == [heading for _, heading in PSB_OUTLINE]
    assert result.facts == []
    assert [o.outcome for o in result.outcomes if o.rule_id.startswith("PSL-3-10-") and o.rule_id in {
        "PSL-3-10-HUR", "PSL-3-10-ATGARDER", "PSL-3-10-RESULTAT"}] == ["fail", "fail", "fail"]
