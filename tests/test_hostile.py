"""Hostile and broken input: clear Swedish errors (exit 2, no traceback), safety limits, the
input never written, outputs written atomically. The corpus is fixtures/hostile/make_corpus.py."""

from __future__ import annotations

import io
import json
import os
import random
import re
import sys
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest

import sosfs_check
from sosfs_check.records import dump
from sosfs_check.cli import main
from sosfs_check.errors import InputError
from sosfs_check.readers import read, safety
from sosfs_check.regexes import linear_problem, rule_pattern
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx, libreoffice_convert, soffice_path
from measure import measured

ROOT = Path(__file__).parent.parent
HOSTILE = ROOT / "fixtures" / "hostile"
EXAMPLE = ROOT / "fixtures" / "examples" / "boras-2021.docx"
SPEC = "%% Patientsäkerhetsberättelse 2024\n\n# Riskanalys\n\nRiskanalyser har genomförts under året.\n"
MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
WORD_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Each corpus file and the exact reason it is refused with, after "sosfs-check: PATH: ".
DOCTYPE = ("innehåller en DOCTYPE-deklaration i {}: sådana förekommer inte i Word- eller OpenDocument-filer men "
           "används för XML-attacker (entitetsbomber, externa entiteter); filen läses inte")
NOT_WORD = "är inte en giltig Word-fil (.docx): "
NO_ZIP = "filen är skadad eller inget zip-paket, som en Word-fil ska vara (kanske en annan sorts fil med ändelsen .docx)"
CORPUS = {
    "billion-laughs-utf16.docx": DOCTYPE.format("word/document.xml"),
    "billion-laughs.docx": DOCTYPE.format("word/document.xml"),
    "billion-laughs.odt": DOCTYPE.format("content.xml"),
    "bzip2.docx": "använder en komprimeringsmetod som inte stöds ([Content_Types].xml)",
    "deep-nesting.docx": NOT_WORD + "XML-innehållet är nästlat i fler än 256 nivåer, vilket ingen riktig rapport är",
    "empty.docx": "filen är tom (0 byte)",
    "encrypted-zip.docx": "är krypterad: delen word/document.xml i zip-paketet är lösenordsskyddad",
    "encrypted.docx": ("är krypterad (lösenordsskyddad) och kan inte läsas: ta bort lösenordet i Word "
                       "(Arkiv > Information > Skydda dokument > Kryptera med lösenord) och spara igen"),
    "legacy.doc": ("är ett Office-dokument i det gamla binärformatet (.doc), som inte kan läsas: öppna det i Word "
                   "eller LibreOffice och spara som Word-dokument (.docx)"),
    "lying-size.docx": "är skadad: zip-paketet kan inte packas upp (Bad CRC-32 for file 'word/document.xml')",
    "media-bomb.docx": ("ser ut som en zip-bomb: word/media/image1.png blir 1029 gånger större uppackad "
                        "(högst 200 gånger tillåts); filen läses inte"),
    "no-document.docx": NOT_WORD + "huvuddokumentet word/document.xml saknas",
    "overlap-bomb.docx": "ser ut som en zip-bomb: delarna i zip-paketet överlappar varandra; filen läses inte",
    "photos.docx": NOT_WORD + "huvuddokumentet saknas",
    "random.docx": NOT_WORD + NO_ZIP,
    "rtf-as-doc.doc": ("är en RTF-fil, som inte kan läsas: öppna den i Word eller LibreOffice och spara som "
                       "Word-dokument (.docx)"),
    "truncated.docx": NOT_WORD + NO_ZIP,
    "xxe-after-pi.docx": DOCTYPE.format("word/document.xml"),
    "xxe-network.docx": DOCTYPE.format("[Content_Types].xml"),
    "xxe.docx": DOCTYPE.format("word/document.xml"),
    "zip-bomb.docx": "ser ut som en zip-bomb: word/document.xml blir 1028 gånger större uppackad (högst 200 gånger tillåts); "
                     "filen läses inte",
    "zip-bomb.odt": "ser ut som en zip-bomb: content.xml blir 1027 gånger större uppackad (högst 200 gånger tillåts); "
                     "filen läses inte",
}
PARSED_BEFORE_REFUSAL = {"deep-nesting.docx", "no-document.docx"}  # the parser's depth limit; the missing part
ZIP_BOMBS = {"zip-bomb.docx", "zip-bomb.odt", "media-bomb.docx", "overlap-bomb.docx"}


def cli(*args) -> tuple[int, str, str]:
    """Run `sosfs-check ARGS` in this process through `main()`: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.object(sys, "argv", ["sosfs-check", *map(str, args)]), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
    return code, out.getvalue(), err.getvalue()


def assert_refused(args, path: Path, reason: str) -> str:
    code, _, err = cli(*args)
    assert code == 2, err
    assert f"{path}:" in err and reason in err, err
    assert "Traceback" not in err and "internt fel" not in err, err
    return err


def rezip(source: bytes, path: Path, change=lambda name, data: data) -> Path:
    """Copy a package, passing every part through `change(name, data)`."""
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))
    return path


# -- the corpus -------------------------------------------------------------------------------


def test_corpus_has_an_expected_reason_for_every_file():
    assert {p.name for p in HOSTILE.iterdir() if p.suffix != ".py"} == set(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file_is_refused_before_it_is_unpacked_or_parsed(name, monkeypatch):
    """The exact reason, and the cost of the refusal bounded by what was done: a zip bomb is refused
    from the zip directory without opening a part, and no part of the others is parsed as XML
    (entity bombs and DOCTYPEs are seen in the bytes), except where the parser's refusal is the reason."""
    from lxml import etree

    parsed, opened = [], []
    fromstring, zip_open = etree.fromstring, zipfile.ZipFile.open
    monkeypatch.setattr(etree, "fromstring", lambda data, *a, **k: parsed.append(len(data)) or fromstring(data, *a, **k))
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, part, *a, **k: opened.append(part) or zip_open(self, part, *a, **k))
    code, out, err = cli("check", HOSTILE / name)
    assert (code, out, err) == (2, "", f"sosfs-check: {HOSTILE / name}: {CORPUS[name]}\n")
    assert bool(parsed) == (name in PARSED_BEFORE_REFUSAL)
    if name in ZIP_BOMBS:
        assert opened == []


def test_corpus_is_refused_in_under_200_mb():
    files = sorted(HOSTILE / name for name in CORPUS)
    code, stderr, _, megabytes = measured("check", "--jobs", "1", *map(str, files))  # its own peak memory
    assert code == 2
    assert all(f"{path}:" in stderr for path in files), stderr
    assert "Traceback" not in stderr and "internt fel" not in stderr
    assert megabytes < 200, f"{megabytes} MB"


def test_debug_shows_the_traceback():
    code, _, err = cli("--debug", "check", HOSTILE / "empty.docx")
    assert code == 2 and "Traceback" in err and "filen är tom" in err


# -- paths, permissions, outputs -----------------------------------------------------------


def test_missing_path_directory_and_fifo(tmp_path):
    assert_refused(["check", tmp_path / "saknas.docx"], tmp_path / "saknas.docx", "filen finns inte")
    with pytest.raises(InputError, match="är en mapp"):
        read(tmp_path)
    os.mkfifo(tmp_path / "rör.docx")  # opening it would block forever
    assert_refused(["check", tmp_path / "rör.docx"], tmp_path / "rör.docx", "ingen vanlig fil")


def test_file_without_read_permission(tmp_path, monkeypatch):
    path = build_docx(SPEC, tmp_path / "låst.docx")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anyway: make opening fail as it would for anyone else
        real_open = Path.open

        def denied(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", denied)
    assert_refused(["check", path], path, "saknar behörighet att läsa filen")


def test_output_that_cannot_be_written(tmp_path):
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--output", "/nonexistent/dir/x.json")
    assert code == 2 and "/nonexistent/dir/x.json: kan inte skriva utdatafilen: mappen finns inte" in err
    assert "Traceback" not in err


def test_failed_rendering_leaves_no_partial_or_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "rapport.json"
    target.write_text("förra körningen")

    def broken(result):  # after the head is written: the output is streamed
        raise RuntimeError("renderaren kraschade")

    monkeypatch.setattr("sosfs_check.render.json_report.document_line", broken)
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--output", target)
    assert code == 2 and "internt fel" in err
    assert target.read_text() == "förra körningen"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.json"]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failure):
    target = tmp_path / "rapport.json"
    target.write_text("förra körningen")
    monkeypatch.setattr("sosfs_check.files.os.replace", mock.Mock(side_effect=failure))
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--output", target)
    assert code == 2 and "disken är full" in err if isinstance(failure, OSError) else code != 0  # Ctrl-C: "Aborted!"
    assert target.read_text() == "förra körningen"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.json"]


def test_batch_reports_the_bad_files_and_checks_the_rest(tmp_path):
    good = [build_docx(SPEC, tmp_path / "a.docx"), build_docx(SPEC.replace("2024", "2023"), tmp_path / "c.docx")]
    (tmp_path / "b.docx").write_bytes((HOSTILE / "zip-bomb.docx").read_bytes())
    (tmp_path / "d.docx").write_bytes(b"")
    code, out, err = cli("check", tmp_path, "-f", "json", "--jobs", "2")
    assert code == 2
    assert f"{tmp_path / 'b.docx'}: ser ut som en zip-bomb" in err and f"{tmp_path / 'd.docx'}: filen är tom" in err
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(p) for p in good]


# -- .docm, size limits -------------------------------------------------------------------------


def docm(tmp_path: Path) -> Path:
    """A macro-enabled report: macro content type and a vbaProject.bin part."""
    path = rezip(build_docx(SPEC), tmp_path / "makro.docm",
                 lambda name, data: data.replace(WORD_TYPE, MACRO_TYPE) if name == "[Content_Types].xml" else data)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


def test_docm_text_is_read_with_a_macro_warning(tmp_path):
    result = sosfs_check.check(docm(tmp_path))
    assert [b.text for b in result.document.headings] == ["Riskanalys"]
    assert any("makron" in w and "körs aldrig" in w for w in result.document.warnings)


def test_docm_is_not_annotated(tmp_path):
    path = docm(tmp_path)
    assert_refused(["annotate", path], path, "bara Word-filer (.docx) kan kommenteras")


def test_max_size_limits_the_file_and_can_be_raised(tmp_path):
    path = tmp_path / "stor.docx"
    rezip(build_docx(SPEC), path)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/media/bild.bin", os.urandom(1536 * 1024))
    err = assert_refused(["check", path, "--max-size", "1"], path, "är för stor (1,5 MB; gränsen är 1,0 MB)")
    assert "--max-size" in err
    assert cli("check", path, "--max-size", "3", "-f", "json", "--fail-on", "never")[0] == 0


def test_unpacked_parts_and_package_are_limited(tmp_path):
    long_text = "<w:p><w:r><w:t>" + "ord " * 200_000 + "</w:t></w:r></w:p>"  # 0,8 MB of XML
    xml = with_body_and_styles(tmp_path, long_text)
    with pytest.raises(InputError, match=r"blir för stor uppackad \(word/document.xml: 0,8 MB; gränsen är 0,6 MB\)"):
        read(xml, max_size=3)
    assert read(xml, max_size=5).blocks
    four_letters = bytes.maketrans(bytes(range(256)), b"abcd" * 64)
    media = rezip(build_docx(SPEC), tmp_path / "media.docx")
    with zipfile.ZipFile(media, "a", zipfile.ZIP_DEFLATED) as package:
        for n in range(3):  # each part 2,5 MB, packed about 4 times: the file stays under 3 MB
            package.writestr(f"word/media/b{n}.bin", random.Random(n).randbytes(2560 * 1024).translate(four_letters))
    assert media.stat().st_size < safety.Limits.from_mb(3).file
    with pytest.raises(InputError, match=r"alla delar: 8,\d MB; gränsen är 6,0 MB"):
        read(media, max_size=3)


def test_text_formats_are_limited_too(tmp_path):
    path = tmp_path / "stor.md"
    path.write_text("# Patientsäkerhetsberättelse 2024\n\n" + "Text om riskanalys. " * 20000)
    with pytest.raises(InputError, match="är för stor"):
        read(path, max_size=1)


def test_part_count_and_central_directory_are_limited(tmp_path, monkeypatch):
    path = rezip(build_docx(SPEC), tmp_path / "delar.docx")
    monkeypatch.setattr(safety, "MAX_PARTS", 5)
    with pytest.raises(InputError, match="orimligt många delar"):
        read(path)
    monkeypatch.setattr(safety, "MAX_DIRECTORY", 100)
    with pytest.raises(InputError, match="orimligt stor innehållsförteckning"):
        read(path)


# -- structures that once crashed or hung a reader ---------------------------------------------


def with_body_and_styles(tmp_path: Path, body: str, styles: str = "") -> Path:
    def change(name, data):
        if name == "word/document.xml":
            return data.replace(b"<w:body>", b"<w:body>" + body.encode())
        if name == "word/styles.xml":
            return data.replace(b"</w:styles>", styles.encode() + b"</w:styles>")
        return data

    return rezip(build_docx(SPEC), tmp_path / "rapport.docx", change)


def test_long_based_on_chain_is_walked_to_its_end(tmp_path):
    """A chain far longer than Python's recursion limit (it was a RecursionError, then minutes in the
    styles scan; its time against the chain's length: benchmarks/run.py --only hostile): the outline
    level of the last style reaches the paragraph styled with the first."""
    length = 20000
    assert length > 10 * sys.getrecursionlimit()
    chain = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/>'
                    f'<w:basedOn w:val="S{i + 1}"/></w:style>' for i in range(length))
    last = f'<w:style w:type="paragraph" w:styleId="S{length}"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    body = '<w:p><w:pPr><w:pStyle w:val="S0"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    for end, kind, level in (("", "paragraph", None), (last, "heading", 1)):
        first = read(with_body_and_styles(tmp_path, body, chain + end)).blocks[0]
        assert (first.kind, first.text, first.level, first.style) == (kind, "x", level, "s0")


def _blocks(path: Path) -> list[tuple]:
    return [(b.kind, b.text, b.level, b.style) for b in read(path).blocks]


def test_styles_part_written_to_slow_down_the_byte_scan_reads_as_without_it(tmp_path):
    """A processing instruction full of unclosed tags the byte scan looks for changes nothing that
    is read (its time against its length: benchmarks/run.py --only hostile)."""
    path = with_body_and_styles(tmp_path, "", "<?pi " + "<w:docDefaults <w:basedOn " * 50000 + "?>")
    assert _blocks(path) == _blocks(build_docx(SPEC, tmp_path / "utan.docx")) == [
        ("title", "Patientsäkerhetsberättelse 2024", None, "Title"),
        ("heading", "Riskanalys", 1, "heading 1"),
        ("paragraph", "Riskanalyser har genomförts under året.", None, "Normal"),
    ]


def test_small_parts_are_unpacked_once_and_a_repeated_name_gives_its_last_part(tmp_path, monkeypatch):
    """Parts that the DOCTYPE check unpacks whole (4 KB, zipfile's first read) are kept for the
    reader; larger parts and a name whose last entry is large are unpacked again when read."""
    path = tmp_path / "parts.zip"
    big = b"<a>" + random.Random(1).randbytes(3000).hex().encode() + b"</a>"  # 6 KB that do not pack to 4 KB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("small.xml", b"<a>small</a>")
        package.writestr("big.xml", big)
        package.writestr("twice.xml", b"<a>first</a>")
        with pytest.warns(UserWarning, match="Duplicate name"):
            package.writestr("twice.xml", big)
    package = safety.check_zip(path, safety.Limits.from_mb())
    assert package.small == {"small.xml": b"<a>small</a>"}
    opened = []
    zip_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, part, *a, **k: opened.append(part) or zip_open(self, part, *a, **k))
    assert [package.read(name) for name in ("small.xml", "big.xml", "twice.xml")] == [b"<a>small</a>", big, big]
    assert opened == ["big.xml", "twice.xml"]
    package.close()


def test_nested_text_boxes_are_read_once_each(tmp_path):
    depth = 12  # each level used to be read twice as often as the one above: 4,095 boxes instead of 12
    body = ("<w:p><w:r><w:t>ruta</w:t></w:r><w:r><w:pict><w:txbxContent>" * depth + "<w:p/>"
            + "</w:txbxContent></w:pict></w:r></w:p>" * depth)
    blocks = read(with_body_and_styles(tmp_path, body)).blocks
    assert [b.text for b in blocks].count("ruta") == depth


def test_long_odt_parent_style_chain(tmp_path):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    chain = "".join(f'<style:style style:name="S{i}" style:family="paragraph" style:parent-style-name="S{i + 1}"/>'
                    for i in range(20000))
    content = (f"<office:document-content {ns}><office:automatic-styles>{chain}</office:automatic-styles>"
               '<office:body><office:text><text:p text:style-name="S0">Hej</text:p></office:text></office:body>'
               "</office:document-content>")
    path = tmp_path / "kedja.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    assert [b.text for b in read(path).blocks] == ["Hej"]


# -- rules and configuration ------------------------------------------------------------------

RULE = """\
rules:
  - id: EGEN-1
    title: Egen regel
    area: riskanalys
    profiles: [kombinerad]
    severity: warning
    legal_basis: ["SOSFS 2011:9 5 kap. 1 §"]
    check:
      type: absence
      patterns: ['inga riskanalyser']
    message: Ingen riskanalys.
    fix: Gör en riskanalys.
"""


@pytest.mark.parametrize("rules, reason", [
    ("rules: [unclosed\n", "ogiltig YAML"),
    (RULE.replace("    fix:", "    fixx:"), "okänd nyckel 'fixx'"),
    (RULE.replace("'inga riskanalyser'", "'(a+)\\1'"), "bakåtreferenser"),
    ("rules: !!python/object/apply:os.system ['touch {sentinel}']\n", "ogiltig YAML"),
])
def test_bad_rule_pack_is_an_error_and_nothing_runs(tmp_path, rules, reason):
    pack, sentinel = tmp_path / "paket", tmp_path / "körd"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: eget\nversion: '1'\n")
    (pack / "regler.yml").write_text(rules.format(sentinel=sentinel) if "{sentinel}" in rules else rules)
    code, _, err = cli("check", EXAMPLE, "--rules", pack, "-f", "json")
    assert code == 2 and f"{pack / 'regler.yml'}:" in err and reason in err, err
    assert "Traceback" not in err and not sentinel.exists()


@pytest.mark.parametrize("text, reason", [("profile = [", "ogiltig TOML"), ("okand = 1\n", "okänd nyckel 'okand'")])
def test_bad_configuration_is_an_error(tmp_path, text, reason):
    config = tmp_path / "sosfs-check.toml"
    config.write_text(text)
    code, _, err = cli("check", EXAMPLE, "--config", config)
    assert code == 2 and str(config) in err and reason in err and "Traceback" not in err


def builtin_patterns() -> list[str]:
    found: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in ("pattern", "patterns", "context", "historical", "malformed",
                                                          "law_names", "not_followed_by"):
            found.append(value)

    for rule in builtin_rules().rules:
        walk(dump(rule.check))  # a validated model or its record from the rule cache
    return found


def test_builtin_regexes_pass_the_guard_and_never_reach_pythons_re(monkeypatch):
    """The built-in pack follows the custom packs' rule: every pattern passes the guard's analysis
    (no lookaround, backreference ...) and a check runs it in RE2, never in Python's backtracking
    `re`, which compiles every pattern it runs through `re._compile`. Their time on the texts that
    make backtracking explode: benchmarks/run.py --only hostile."""
    patterns = set(builtin_patterns())
    assert len(patterns) > 20
    assert {p: linear_problem(p) for p in patterns if linear_problem(p)} == {}
    original, reached = re._compile, set()
    monkeypatch.setattr(re, "_compile", lambda p, flags: reached.add(p) or original(p, flags))
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--as-of", "2026-11-25")
    assert code in (0, 1), err
    assert reached & patterns == set()
    assert {type(rule_pattern(p, re.IGNORECASE)._re2).__module__ for p in patterns} == {"re2"}


# -- the input is never written ----------------------------------------------------------------

needs_libreoffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) saknas")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """One report per format, in a folder of their own."""
    folder = tmp_path_factory.mktemp("indata")
    files = {"docx": folder / "rapport.docx", "docm": docm(folder)}
    files["docx"].write_bytes(EXAMPLE.read_bytes())
    files["md"] = folder / "rapport.md"
    files["md"].write_text((ROOT / "fixtures" / "seeds" / "boras-2021.md").read_text(encoding="utf-8"), encoding="utf-8")
    files["txt"] = folder / "rapport.txt"
    files["txt"].write_bytes((ROOT / "fixtures" / "text" / "boras-patientsakerhetsberattelse-2021.txt").read_bytes())
    if soffice_path():
        for fmt in ("odt", "pdf"):
            files[fmt] = libreoffice_convert(files["docx"], fmt, folder)
    for path in files.values():
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))  # an mtime no run can hit
    return files


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_no_command_writes_to_its_input(inputs, tmp_path):
    folder = inputs["docx"].parent
    before = snapshot(folder)
    paths = list(inputs.values())
    outputs = [f"{fmt}={tmp_path / ('ut.' + fmt)}" for fmt in ("json", "sarif", "junit", "github", "markdown", "html")]
    commands = [
        ["check", *paths, "--profile", "kombinerad", *(a for o in outputs for a in ("--output", o))],
        ["check", *paths, "--profile", "kombinerad", "--write-baseline", tmp_path / "baslinje.json"],
        ["annotate", inputs["docx"], "--output", tmp_path / "kommenterad.docx"],
        ["coverage", *paths, "--profile", "kombinerad", "--format", "json", "--output", tmp_path / "tackning.json"],
        ["compare", inputs["docx"], inputs["md"], "--profile", "kombinerad", "--format", "json"],
    ]
    for command in commands:
        code, _, err = cli(*command)
        assert code in (0, 1), (command, err)
    assert snapshot(folder) == before
    assert len(before) == (6 if soffice_path() else 4)


DOCTYPE_XML = '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'


def _parser_sees_doctype(data: bytes) -> bool:
    """What the DOCTYPE check's parser (fed as `_has_doctype` feeds it) says about a part."""
    target = safety._Prolog()
    parser = safety.etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        parser.feed(data)
        parser.close()
    except (safety._RootReached, safety.etree.XMLSyntaxError):
        pass
    return target.doctype_seen


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                      "utf-32-be", "cp500", "latin-1"])
@pytest.mark.parametrize("before", ["", " \r\n\t", '<?xml version="1.0"?>', '<?xml version="1.0" encoding="cp500"?>',
                                    "<!-- c -->\n", "\ufeff", "\x00", "x", " x"])
def test_parts_taken_for_no_xml_hold_no_doctype_the_parser_sees(encoding, before):
    """`_not_xml` lets the DOCTYPE check skip its parser only where the parser sees no DOCTYPE."""
    data = (before + DOCTYPE_XML).encode(encoding, errors="replace")
    assert not (safety._not_xml(data) and _parser_sees_doctype(data))


def test_parts_that_cannot_start_xml_are_not_parsed_for_a_doctype(tmp_path, monkeypatch):
    """An image, or text before the first "<", stops libxml2 at its first bytes: no parser is made.
    Parts starting with a zero byte, "L" (EBCDIC) or a byte-order mark are parsed, as XML can."""
    parts = {"media/image1.jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF" + DOCTYPE_XML.encode(),
             "media/image2.png": b"\x89PNG\r\n\x1a\n" + DOCTYPE_XML.encode(),
             "junk.xml": b" \n x" + DOCTYPE_XML.encode(),
             "zero.xml": b"\x00\x00", "ebcdic.xml": b"Lo", "bom.xml": b"\xef\xbb\xbfx", "utf16.xml": b"\xff\xfex\x00"}
    path = tmp_path / "p.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    made = []
    prolog = safety._Prolog
    monkeypatch.setattr(safety, "_Prolog", lambda: made.append(1) or prolog())
    safety.check_zip(path, safety.Limits.from_mb()).close()
    assert len(made) == 4
    assert [safety._not_xml(data) for data in parts.values()] == [True, True, True, False, False, False, False]
    assert [safety._not_xml(data) for data in (b"", b" \n", b"<x/>", b" <x/>")] == [False, False, False, False]
    for encoding in ("utf-8", "utf-16"):  # and a DOCTYPE is refused as before
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("word/document.xml", (" \n" + DOCTYPE_XML).encode(encoding))
        with pytest.raises(InputError, match="DOCTYPE-deklaration i word/document.xml"):
            safety.check_zip(path, safety.Limits.from_mb())


def _lxml_sees_doctype(data: bytes) -> bool:
    parser = safety.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return bool(safety.etree.fromstring(data, parser).getroottree().docinfo.doctype)
    except safety.etree.XMLSyntaxError:
        return False


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("declared", [False, True])
def test_a_doctype_lxml_reads_is_refused_in_every_encoding(tmp_path, encoding, declared):
    """UTF-32 (the push parser of the DOCTYPE check cannot read it) and UTF-16LE or UTF-32LE without
    a byte-order mark ("<" and a zero byte) were let through; lxml reads a DOCTYPE in them."""
    name = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
    data = ((f'<?xml version="1.0" encoding="{name}"?>' if declared else "") + DOCTYPE_XML).encode(encoding)
    path = tmp_path / "p.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", data)
    refused = encoding not in ("utf-16-le", "utf-16-be") or declared  # without both, lxml reads no XML here
    assert _lxml_sees_doctype(data) is refused
    if refused:
        with pytest.raises(InputError, match="DOCTYPE-deklaration i word/document.xml"):
            safety.check_zip(path, safety.Limits.from_mb())
    else:
        safety.check_zip(path, safety.Limits.from_mb()).close()
