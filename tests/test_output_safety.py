"""Inputs are sacred and outputs honest (issue 22): no output is ever one of the inputs, read or
not; regular files are replaced atomically, symlinks are written through, and devices, named
pipes and /dev/stdout are written into and never replaced."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from test_hostile import EXAMPLE, SPEC, build_docx, cli


def refused(code: int, err: str, output: Path, source: Path) -> bool:
    return code == 2 and err == f"sosfs-check: {output}: vägrar skriva över indatafilen {source}; välj ett annat utdatanamn\n"


def test_an_input_that_fails_to_read_is_not_overwritten(tmp_path):
    good = tmp_path / "in.docx"
    good.write_bytes(EXAMPLE.read_bytes())
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 inte ett helt paket")
    before = broken.read_bytes()
    code, out, err = cli("check", "-o", broken, good, broken)
    assert refused(code, err, broken, broken) and out == ""
    assert broken.read_bytes() == before


def test_an_unreadable_input_is_not_overwritten(tmp_path, monkeypatch):
    locked = build_docx(SPEC, tmp_path / "låst.docx")
    locked.chmod(0)
    before = locked.read_bytes()
    code, _, err = cli("check", locked, "-f", "json", "--output", f"json={locked}")
    assert refused(code, err, locked, locked)
    assert locked.read_bytes() == before


def test_a_report_found_in_a_folder_is_an_input(tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    report = build_docx(SPEC, folder / "a.docx")
    before = report.read_bytes()
    for command in (["check", folder, "-o", report], ["check", folder, "--write-baseline", report],
                    ["coverage", folder, "-f", "json", "-o", report]):
        code, _, err = cli(*command)
        assert refused(code, err, report, report), command
    assert report.read_bytes() == before


def test_a_link_to_an_input_is_the_input(tmp_path):
    report = build_docx(SPEC, tmp_path / "a.docx")
    before = report.read_bytes()
    (tmp_path / "länk.json").symlink_to(report)
    os.link(report, tmp_path / "hård.json")
    for name in ("länk.json", "hård.json"):
        code, _, err = cli("check", report, "-f", "json", "-o", tmp_path / name)
        assert refused(code, err, tmp_path / name, report), name
    assert report.read_bytes() == before


def test_configuration_and_rule_pack_files_are_inputs(tmp_path):
    config = tmp_path / "sosfs-check.toml"
    config.write_text('profile = "kombinerad"\n')
    code, _, err = cli("check", EXAMPLE, "--config", config, "-f", "json", "-o", config)
    assert refused(code, err, config, config)
    pack = tmp_path / "paket"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: eget\nversion: '1'\n")
    code, _, err = cli("check", EXAMPLE, "--rules", pack, "-f", "json", "-o", pack / "pack.yml")
    assert refused(code, err, pack / "pack.yml", pack / "pack.yml")
    assert config.read_text() == 'profile = "kombinerad"\n'


def test_compare_and_annotate_never_write_their_inputs(tmp_path):
    old = build_docx(SPEC, tmp_path / "förra.docx")
    new = build_docx(SPEC.replace("2024", "2025"), tmp_path / "årets.docx")
    before = (old.read_bytes(), new.read_bytes())
    code, _, err = cli("compare", old, new, "-f", "json", "-o", new)
    assert refused(code, err, new, new)
    code, _, err = cli("annotate", old, "-o", old)
    assert refused(code, err, old, old)
    assert (old.read_bytes(), new.read_bytes()) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod kräver root")
def test_a_device_node_stays_a_device_node(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--fail-on", "never", "-o", device)
    assert code == 0, err
    info = os.lstat(device)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left


def test_a_named_pipe_is_written_into(tmp_path):
    pipe = tmp_path / "rör"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--fail-on", "never", "-o", pipe)
    reader.join(timeout=10)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert json.loads(received[0])["documents"][0]["path"] == str(EXAMPLE)


def test_standard_output_by_name_is_written_into_not_replaced(tmp_path):
    """/dev/fd/1 is what /dev/stdout names; the test uses it because a regression here, run as root,
    would replace the machine's /dev/stdout itself (it did, once)."""
    captured = tmp_path / "fångat.txt"
    with captured.open("wb") as out:
        proc = subprocess.run([sys.executable, "-m", "sosfs_check", "check", str(EXAMPLE), "-f", "json",
                               "--fail-on", "never", "-o", "/dev/fd/1"], stdout=out, stderr=subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(captured.read_bytes())["documents"][0]["path"] == str(EXAMPLE)
    assert os.path.islink("/dev/fd")


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "mål" / "rapport.json"
    real.parent.mkdir()
    real.write_text("förra körningen")
    real.chmod(0o640)
    link = tmp_path / "länk.json"
    link.symlink_to(real)
    code, _, err = cli("check", EXAMPLE, "-f", "json", "--fail-on", "never", "-o", link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["documents"][0]["path"] == str(EXAMPLE)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the file keeps its mode
    assert sorted(p.name for p in real.parent.iterdir()) == ["rapport.json"]


def test_the_resolver_agrees_with_realpath_and_stat(tmp_path, monkeypatch):
    """`files.Resolver` (one `lstat` for a file that is no symlink) gives what `os.path.realpath`
    and `os.stat` give: through linked folders and files, dangling links, loops, `..` and missing paths."""
    from sosfs_check.files import Resolver

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.docx").write_bytes(b"x")
    os.link(tmp_path / "a" / "b" / "r.docx", tmp_path / "a" / "hard.docx")
    (tmp_path / "linked").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "a" / "file-link.docx").symlink_to("b/r.docx")
    (tmp_path / "a" / "dangling.docx").symlink_to("saknas.docx")
    (tmp_path / "loop.docx").symlink_to("loop.docx")
    monkeypatch.chdir(tmp_path / "a")
    paths = ["b/r.docx", "hard.docx", "file-link.docx", "dangling.docx", "saknas.docx", "../linked/r.docx",
             "../linked/../a/hard.docx", "b/..", "b/.", "b/", ".", "", "/", "../loop.docx", "b/r.docx/x",
             tmp_path / "linked" / "r.docx", tmp_path / "a" / "b" / "r.docx"]
    resolve = Resolver()
    for path in [*paths, *paths]:  # the second time from the folders already resolved
        real, info = resolve(path)
        try:
            expected = os.stat(path)
        except OSError:
            expected = None
        assert real == os.path.realpath(path), path
        assert (info and (info.st_dev, info.st_ino, info.st_mode)) == (
            expected and (expected.st_dev, expected.st_ino, expected.st_mode)), path
    assert resolve.plain("file-link.docx") is None and resolve.plain("b/r.docx")[0] == str(tmp_path / "a/b/r.docx")
