"""Stopping is clean: SIGTERM and Ctrl-C end every worker, leave no file, and say so in one line."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
REPORT = ROOT / "fixtures" / "docx" / "boras-2021-headings.docx"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rapporter")
    for i in range(200):
        shutil.copyfile(REPORT, folder / f"rapport-{i:03}.docx")
    return folder


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _session(sid: int) -> list[int]:
    """Live processes of a session (zombies excluded): what a stopped run must not leave behind."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


@pytest.mark.parametrize("command", ["check", "coverage"])  # the fast path and the Typer app
@pytest.mark.parametrize(
    "signum, to_group, code, line",
    [
        (signal.SIGTERM, False, 143, "sosfs-check: avbrutet (SIGTERM)"),
        (signal.SIGINT, False, 130, "sosfs-check: avbrutet (Ctrl-C)"),
        (signal.SIGINT, True, 130, "sosfs-check: avbrutet (Ctrl-C)"),  # Ctrl-C in a terminal: the whole group
    ],
)
def test_a_signal_stops_every_worker_and_leaves_no_output(folder, tmp_path, command, signum, to_group, code, line):
    """One worker is stopped (SIGSTOP) before the signal: it can neither finish its files nor answer
    SIGTERM, so a run that waited for its workers would never end, and one that did not kill them
    would leave it behind. The timeout only keeps such a run from hanging the suite."""
    target = tmp_path / "rapport.json"
    run = subprocess.Popen(
        [sys.executable, "-m", "sosfs_check", command, "-j", "3", str(folder), "-f", "json", "-o", str(target)],  # 2 workers beside the parent
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(run.pid)) < 2 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        workers = _children(run.pid)
        assert len(workers) == 2, "the workers never started"
        os.kill(workers[0], signal.SIGSTOP)
        os.killpg(run.pid, signum) if to_group else os.kill(run.pid, signum)
        try:
            out, err = run.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the run did not end after {signum.name}")
        left = _session(run.pid)
    finally:
        if _session(run.pid):  # the stopped worker too: SIGKILL ends stopped processes
            os.killpg(run.pid, signal.SIGKILL)
        if run.poll() is None:
            run.wait()
    assert run.returncode == code
    assert err.splitlines() == [line]
    assert out == ""
    assert left == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["check", "coverage"])
def test_a_closed_pipe_ends_quietly(folder, command):
    """`| head`: the output is far larger than the pipe's buffer, so writing meets the closed end.

    Without PYTHONUNBUFFERED: with it, Python's text layer drops a partial write to a closed
    pipe without an error, and the run ends quietly with its own exit code."""
    script = f'{sys.executable} -m sosfs_check {command} {folder} -j 1 -f json 2>err.txt | head -n 1; echo "${{PIPESTATUS[0]}}"'
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(["bash", "-c", script], cwd=folder.parent, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.stdout == "{\n141\n"
    assert (folder.parent / "err.txt").read_text() == ""
