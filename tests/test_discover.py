"""One discovery for every command: a folder scan reads the reports and nothing else."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sosfs_check.discover import Skipped, discover

ROOT = Path(__file__).parent.parent
DOCX = ROOT / "fixtures" / "docx"
AS_OF = "2026-11-25"


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "sosfs_check", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture
def repo(tmp_path):
    """A repository as a CI job sees it: two reports among everything else a folder holds."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref")
    reports = tmp_path / "rapporter"
    reports.mkdir()
    real = (reports / "boras-2021.docx", reports / "kb-2025.docx")
    real[0].write_bytes((DOCX / "boras-2021-headings.docx").read_bytes())
    real[1].write_bytes((DOCX / "kvalitetsberattelse-aldreomsorg-2025.docx").read_bytes())
    (reports / "~$ras-2021.docx").write_bytes(b"\x00lock")
    (reports / ".~lock.boras-2021.docx#").write_text("lock")
    (reports / "boras-2021.granskad.docx").write_bytes(real[0].read_bytes())
    (reports / ".dold.docx").write_bytes(b"x")
    (reports / "gammal.docx").write_bytes(b"ignorerad av .gitignore")
    for folder in (".venv/lib", "venv", "node_modules/pkg", "__pycache__", ".cache", "utkast", "docs"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.docx").write_bytes(b"inte en rapport")
    (tmp_path / ".gitignore").write_text("utkast/\nrapporter/gammal.docx\n")
    (tmp_path / "sosfs-check.toml").write_text('exclude = ["docs/"]\n')
    return tmp_path


def test_a_repository_scan_reads_exactly_the_reports(repo):
    proc = run("check", ".", "--format", "json", "--as-of", AS_OF, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == [
        "rapporter/boras-2021.docx", "rapporter/kb-2025.docx",
    ]  # fmt: skip
    assert proc.stderr == ""


def test_verbose_says_what_was_skipped_and_why(repo):
    found = discover([repo], exclude=["docs/"], outputs=[repo / "rapporter" / "kb-2025.docx"])
    assert [p.relative_to(repo).as_posix() for p in found.files] == ["rapporter/boras-2021.docx"]
    assert [(s.path.relative_to(repo).as_posix(), s.reason) for s in found.skipped] == [
        (".cache", "dold mapp"),
        (".git", "dold mapp"),
        (".venv", "miljö- eller cachemapp"),
        ("__pycache__", "miljö- eller cachemapp"),
        ("docs", "--exclude"),
        ("node_modules", "miljö- eller cachemapp"),
        ("utkast", f"utesluten av {repo.resolve() / '.gitignore'}"),
        ("venv", "miljö- eller cachemapp"),
        ("rapporter/.dold.docx", "dold fil"),
        ("rapporter/.~lock.boras-2021.docx#", "låsfil från Word eller LibreOffice"),
        ("rapporter/boras-2021.granskad.docx", "kommenterad kopia från sosfs-check annotate"),
        ("rapporter/gammal.docx", f"utesluten av {repo.resolve() / '.gitignore'}"),
        ("rapporter/kb-2025.docx", "utdatafil för denna körning"),
        ("rapporter/~$ras-2021.docx", "låsfil från Word eller LibreOffice"),
    ]


def test_verbose_flag_prints_the_skipped_files(repo):
    proc = run("check", "rapporter", "-v", "--exclude", "kb-*.docx", "--format", "json", "--as-of", AS_OF, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr.splitlines() == [
        "sosfs-check: hoppar över rapporter/.dold.docx: dold fil",
        "sosfs-check: hoppar över rapporter/.~lock.boras-2021.docx#: låsfil från Word eller LibreOffice",
        "sosfs-check: hoppar över rapporter/boras-2021.granskad.docx: kommenterad kopia från sosfs-check annotate",
        f"sosfs-check: hoppar över rapporter/gammal.docx: utesluten av {repo.resolve() / '.gitignore'}",
        "sosfs-check: hoppar över rapporter/kb-2025.docx: --exclude",
        "sosfs-check: hoppar över rapporter/~$ras-2021.docx: låsfil från Word eller LibreOffice",
    ]
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["rapporter/boras-2021.docx"]


def test_without_the_exclusions_the_scan_would_fail(repo):
    """The control: the same files named explicitly are read, and the lock file is no Word file."""
    proc = run("check", "rapporter/~$ras-2021.docx", "--as-of", AS_OF, cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "sosfs-check: rapporter/~$ras-2021.docx: är en låsfil som Word eller LibreOffice skapar medan dokumentet "
        "är öppet, inte själva rapporten: granska filen med samma namn utan ”~$” eller ”.~lock.”"
    ]


def test_text_named_docx_is_explained_in_swedish_only(tmp_path):
    (tmp_path / "text-som-docx.docx").write_text("Det här är ingen Word-fil.\n")
    proc = run("check", "text-som-docx.docx", "--as-of", AS_OF, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "sosfs-check: text-som-docx.docx: är inte en giltig Word-fil (.docx): filen är skadad eller inget zip-paket, "
        "som en Word-fil ska vara (kanske en annan sorts fil med ändelsen .docx)"
    ]


def test_an_old_word_file_in_a_folder_is_named_among_the_skipped(tmp_path):
    (tmp_path / "rapport.docx").write_bytes((DOCX / "boras-2021-headings.docx").read_bytes())
    (tmp_path / "rapport-2019.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "anteckningar.xlsx").write_bytes(b"PK")
    proc = run("check", ".", "-v", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr.splitlines() == [
        "sosfs-check: hoppar över rapport-2019.doc: gammalt Word-format (.doc), som inte kan läsas: "
        "spara som Word-dokument (.docx)"
    ]
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["rapport.docx"]


def test_a_file_named_explicitly_is_always_read(repo):
    named = [repo / "rapporter" / "boras-2021.granskad.docx", repo / "utkast" / "x.docx"]
    found = discover(named, exclude=["*.docx"], outputs=[])
    assert found == type(found)(named, [])


def test_the_current_output_file_is_not_read(repo):
    target = repo / "rapporter" / "rapport.md"
    target.write_text("# gammal rapport\n")
    proc = run("check", "rapporter", "--format", "markdown", "--output", "rapporter/rapport.md", "--as-of", AS_OF,
               cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    assert target.read_text().startswith("# Granskningsrapport")


def test_a_negated_pattern_in_a_deeper_gitignore_wins(tmp_path):
    (tmp_path / ".gitignore").write_text("*.md\n")
    sub = tmp_path / "a"
    sub.mkdir()
    (sub / ".gitignore").write_text("!behall.md\n")
    for name in ("behall.md", "annan.md"):
        (sub / name).write_text("# x\n")
    found = discover([tmp_path])
    assert [p.name for p in found.files] == ["behall.md"]
    assert found.skipped == [Skipped(sub / "annan.md", f"utesluten av {tmp_path.resolve() / '.gitignore'}")]


def test_coverage_uses_the_same_discovery(repo):
    proc = run("coverage", ".", "--exclude", "kb-*.docx", "-v", "--format", "json", "--as-of", AS_OF, cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert [r["path"] for r in json.loads(proc.stdout)["reports"]] == ["rapporter/boras-2021.docx"]
    assert "sosfs-check: hoppar över rapporter/kb-2025.docx: --exclude" in proc.stderr.splitlines()


def test_a_symlink_loop_or_a_dangling_link_in_a_folder_stops_nothing(tmp_path):
    """A link to itself (`Path.resolve` raises on it) or to a missing file is no report: the scan
    reads the real report beside them, and an output named through a link is skipped by either name."""
    (tmp_path / "rapport.docx").write_bytes((DOCX / "boras-2021-headings.docx").read_bytes())
    (tmp_path / "loop.docx").symlink_to("loop.docx")
    (tmp_path / "saknas.docx").symlink_to("finns-inte.docx")
    (tmp_path / "rapport.md").write_text("# gammal rapport\n")
    (tmp_path / "länk.md").symlink_to("rapport.md")
    found = discover([tmp_path], outputs=[tmp_path / "länk.md"])
    assert found.files == [tmp_path / "rapport.docx"]
    assert found.skipped == [Skipped(tmp_path / name, "utdatafil för denna körning") for name in ("länk.md", "rapport.md")]
