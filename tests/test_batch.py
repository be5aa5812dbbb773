"""Many reports at once: directories, parallel jobs, input order, one bad file among good ones."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import sosfs_check
from sosfs_check.batch import check_paths
from sosfs_check.result import PackRef, Result
from sosfs_check.settings import Settings
from sosfs_check.errors import InputError
from sosfs_check.discover import discover
from sosfs_check.render.json_report import document_dict
from sosfs_check.packs import builtin_rules

DOCX = Path(__file__).parent.parent / "fixtures" / "docx"
AS_OF = date(2026, 11, 25)


@pytest.fixture
def folder(tmp_path):
    """Reports in a folder and a subfolder, with one broken file between them."""
    (tmp_path / "2021").mkdir()
    for name, target in [
        ("boras-2018-headings.docx", "a-boras-2018.docx"),
        ("kvalitetsberattelse-aldreomsorg-2025.docx", "c-kb-2025.docx"),
        ("boras-2021-template.docx", "2021/boras-2021.docx"),
        ("psb-region-halsocentral-2024.docx", "d-region-2024.docx"),
    ]:
        (tmp_path / target).write_bytes((DOCX / name).read_bytes())
    (tmp_path / "b-trasig.docx").write_bytes(b"PK\x03\x04 inte en hel zip")
    (tmp_path / "anteckningar.xlsx").write_bytes(b"ignoreras")
    return tmp_path


def test_directories_are_searched_recursively_in_order(folder):
    names = [p.relative_to(folder).as_posix() for p in discover([folder]).files]
    assert names == ["2021/boras-2021.docx", "a-boras-2018.docx", "b-trasig.docx", "c-kb-2025.docx", "d-region-2024.docx"]


def test_parallel_gives_the_same_results_in_the_same_order(folder):
    paths = discover([folder]).files
    serial = list(check_paths(paths, Settings(as_of=AS_OF), jobs=1))
    parallel = list(check_paths(paths, Settings(as_of=AS_OF), jobs=2))
    assert [type(o) for o in parallel] == [type(o) for o in serial]
    assert isinstance(parallel[2], InputError) and parallel[2].path == paths[2]
    for one, two in zip(serial, parallel):
        if isinstance(one, InputError):
            assert str(one) == str(two)
        else:
            assert document_dict(one) == document_dict(two)
            assert two.packs == one.packs == (PackRef("sosfs-check grundpaket", builtin_rules().pack.version),)


def test_without_texts_every_report_format_reads_the_same(folder):
    """`check` asks for results without the documents' text (`texts=False`): a worker's result is
    half the bytes to pickle, and what the report formats read of a document is all kept."""
    from sosfs_check.outputs import FORMATS, render

    paths = discover([folder]).files
    whole = list(check_paths(paths, Settings(as_of=AS_OF), jobs=1))
    outlined = list(check_paths(paths, Settings(as_of=AS_OF), jobs=2, texts=False))
    assert [type(o) for o in outlined] == [type(o) for o in whole]
    for one, two in zip(whole, outlined):
        if isinstance(one, InputError):
            assert str(one) == str(two)
            continue
        assert len(two.document.blocks) < len(one.document.blocks)
        assert two.document.blocks == one.document.headings and two.document.markup == []
        assert (two.document.headings, two.document.title) == (one.document.headings, one.document.title)
        assert (two.path, two.document.toc, two.document.warnings) == (one.path, one.document.toc, one.document.warnings)
    results = [[o for o in outcomes if not isinstance(o, InputError)] for outcomes in (whole, outlined)]
    for format in FORMATS:
        assert render(format, results[1], "sv", builtin_rules()) == render(format, results[0], "sv", builtin_rules())


def test_an_internal_error_in_one_file_does_not_stop_the_others(monkeypatch):
    real = sosfs_check.check
    bad = DOCX / "boras-2018-bold.docx"

    def check(path, **options):
        if Path(path) == bad:
            raise RuntimeError("oväntat")
        return real(path, **options)

    monkeypatch.setattr(sosfs_check, "check", check)
    outcomes = list(check_paths([DOCX / "boras-2018-headings.docx", bad, DOCX / "boras-2021-headings.docx"], Settings(as_of=AS_OF)))
    assert [type(o).__name__ for o in outcomes] == ["Result", "InternalError", "Result"]
    assert "internt fel: RuntimeError: oväntat" in str(outcomes[1])


def test_cli_reports_the_broken_file_and_checks_the_rest(folder):
    proc = subprocess.run(
        [sys.executable, "-m", "sosfs_check", "check", str(folder), "--format", "json", "--jobs", "2",
         "--as-of", "2026-11-25", "--fail-on", "never"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert f"{folder / 'b-trasig.docx'}:" in proc.stderr and "Traceback" not in proc.stderr
    paths = [Path(d["path"]).relative_to(folder).as_posix() for d in json.loads(proc.stdout)["documents"]]
    assert paths == ["2021/boras-2021.docx", "a-boras-2018.docx", "c-kb-2025.docx", "d-region-2024.docx"]


def test_json_of_a_batch_is_the_whole_report_one_document_per_line(folder):
    from sosfs_check.render.json_report import render, report_dict

    results = [o for o in check_paths(discover([folder]).files, Settings(as_of=AS_OF), jobs=1) if not isinstance(o, InputError)]
    for chosen in (results, results[:1], []):
        text = render(chosen)
        assert json.loads(text) == json.loads(json.dumps(report_dict(chosen), ensure_ascii=False))
        lines = [line for line in text.splitlines() if line.startswith('    {"path"')]
        assert [json.loads(line.strip().rstrip(","))["path"] for line in lines] == [str(r.path) for r in chosen]


def test_a_worker_gets_its_next_file_while_the_parent_checks_its_own(monkeypatch, tmp_path):
    """The pool's thread gives a worker its next path as soon as one is done: while the parent is
    busy with a slow file of its own, the worker goes on, up to `AHEAD` paths beyond the oldest
    outcome (then it waits: the outcomes kept stay few). Each fake check returns who checked what."""
    import time

    from sosfs_check import batch

    parent, log, marker = os.getpid(), tmp_path / "worker.log", tmp_path / "parent-busy"
    seen: list[int] = []

    def check(path, **options):
        name = Path(path).name
        if os.getpid() != parent:
            while name == "1" and not marker.exists():  # the worker's first file waits for the parent's own
                time.sleep(0.01)
            with log.open("a") as file:
                file.write(name + "\n")
        elif name != "0" and not seen:  # the parent's first own file: slow until the worker has filled the window
            marker.touch()
            deadline = time.monotonic() + 20
            while len(log.read_text().split()) < batch.AHEAD - 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)
            seen.append(len(log.read_text().split()))
        return os.getpid(), name

    monkeypatch.setattr(sosfs_check, "check", check)
    log.touch()
    paths = [Path(str(i)) for i in range(40)]
    outcomes = list(check_paths(paths, Settings(), jobs=2))
    assert [name for _, name in outcomes] == [p.name for p in paths]
    assert [name for pid, name in outcomes if pid == parent][:2] == ["0", "3"]  # 1 and 2 went to the worker first
    assert seen[0] == batch.AHEAD - 1  # 1, 2 and 4-16: the window is full while the parent's 3 is not done


@pytest.mark.parametrize("files, processors", [
    ({"cpu.max": "150000 100000\n"}, 2),  # docker --cpus 1.5
    ({"cpu.max": "100000 100000\n"}, 1),
    ({"cpu.max": "50000 100000\n"}, 1),
    ({"cpu.max": "max 100000\n"}, None),
    ({"cpu/cpu.cfs_quota_us": "400000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 4),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({"cpu/cpu.cfs_quota_us": "-1\n"}, None),  # no period: no limit read
    ({}, None),  # no cgroup files (macOS, Windows, a machine without the cpu controller)
])
def test_a_containers_cpu_quota_in_whole_processors(tmp_path, files, processors):
    from sosfs_check.batch import cpu_quota

    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    assert cpu_quota(tmp_path) == processors


def test_the_default_number_of_jobs_is_what_the_process_may_use(monkeypatch):
    """A CI container limited to one processor on a larger machine runs no workers by default,
    whether the limit is a CPU affinity (taskset, cpuset) or a quota (docker --cpus)."""
    from sosfs_check import batch

    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs a process allowed on two processors")
    pinned = subprocess.run(
        [sys.executable, "-c", "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))});"
         "from sosfs_check.batch import default_jobs; print(default_jobs())"],
        capture_output=True, text=True, check=True,
    )
    assert pinned.stdout == "1\n"
    monkeypatch.setattr(batch, "cpu_quota", lambda: 1)
    assert batch.default_jobs() == 1
    monkeypatch.setattr(batch, "cpu_quota", lambda: None)
    assert batch.default_jobs() == len(os.sched_getaffinity(0))


def test_without_signal_masks_the_files_are_checked_here_one_at_a_time(folder, monkeypatch):
    """Windows has no `signal.pthread_sigmask`: no worker is started, and every report is still
    checked, in order, as with workers."""
    import concurrent.futures
    import signal

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    paths = discover([folder]).files
    parallel = list(check_paths(paths, Settings(as_of=AS_OF), jobs=2))
    monkeypatch.delattr(signal, "pthread_sigmask")
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    here = list(check_paths(paths, Settings(as_of=AS_OF), jobs=2))
    assert [type(o) for o in here] == [type(o) for o in parallel] == [Result, Result, InputError, Result, Result]
    for one, two in zip(parallel, here):
        assert str(one) == str(two) if isinstance(one, InputError) else document_dict(one) == document_dict(two)
