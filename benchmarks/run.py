"""Speed of sosfs-check as ratios against baselines measured in the same run.

    python benchmarks/run.py [--quick]

1. In-process `sosfs_check.check(path)` on a real report (Borås 2021, built from its seed) vs
   python-docx merely opening the same file (`docx.Document(path)`), in turn in a fresh
   interpreter that loads only the two; limit 2.0x.
2. `sosfs-check check report.docx --format json` end to end vs
   `python -c "import docx; docx.Document('report.docx')"`; limit 2.5x.
3. 500 reports with `--jobs 2` vs `--jobs 1` on two cores; limits: at least 1.7x the speed,
   peak memory of the whole process tree (summed RSS, sampled from /proc) under 200 MB.
4. Time against document size (1, 10 and 100 times the report): linear.

Timings are medians; runs of the two sides alternate, with garbage collected between them
and disabled during them (as `timeit` does), so that load on the machine hits both sides.
Prints a table and exits 1 when a limit does not hold. Results go into docs/performance.md.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import sosfs_check  # noqa: E402

SEED = ROOT / "fixtures" / "seeds" / "boras-2021.md"
BATCH_SOURCES = ["boras-2018-headings", "boras-2021-template", "kvalitetsberattelse-aldreomsorg-2025",
                 "psb-region-halsocentral-2024", "boras-2021-bold"]
LIMITS = {"in_process": 2.0, "end_to_end": 2.5, "parallel": 1.7, "memory_mb": 200}


def timed(func) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        func()
        return time.perf_counter() - start
    finally:
        gc.enable()


def alternate(first, second, runs: int, warmup: int = 3) -> tuple[float, float]:
    """Medians (seconds) of two functions run in turn."""
    for _ in range(warmup):
        first()
        second()
    a, b = [], []
    for _ in range(runs):
        a.append(timed(first))
        b.append(timed(second))
    return statistics.median(a), statistics.median(b)


IN_PROCESS = """
import sys
sys.path[:0] = sys.argv[3:]
from pathlib import Path
import docx, sosfs_check
from run import alternate
report = Path(sys.argv[1])
print(*alternate(lambda: docx.Document(str(report)), lambda: sosfs_check.check(report), int(sys.argv[2])))
"""


def in_process(report: Path, runs: int) -> tuple[float, float]:
    """Medians of opening with python-docx and of checking, in turn in one interpreter."""
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(report), str(runs), str(ROOT / "src"),
                          str(Path(__file__).parent)], capture_output=True, text=True, check=True).stdout
    opened, checked = map(float, out.split())
    return opened, checked


def scaled_report(times: int, folder: Path) -> Path:
    """The Borås 2021 report with its body repeated: title page and contents once."""
    from sosfs_check.testing import build_docx  # here: it loads more than the measurements should see

    text = SEED.read_text(encoding="utf-8")
    cut = text.index("<!-- /toc -->") + len("<!-- /toc -->")
    return build_docx(text[:cut] + text[cut:] * times, folder / f"boras-2021-x{times}.docx")


def command() -> list[str]:
    """The installed console script (next to this Python: a pyenv shim would add its own start-up)."""
    script = Path(sys.executable).with_name("sosfs-check")
    if not script.exists():
        script = shutil.which("sosfs-check")
    return [str(script)] if script else [sys.executable, "-m", "sosfs_check"]


def run_quiet(args: list[str], cwd: Path) -> None:
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} misslyckades ({proc.returncode}): {proc.stderr}")


def _tree_rss(pid: int) -> int:
    """Summed resident memory (bytes) of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def run_measured(args: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak summed RSS in bytes) of a command and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    peak = 0

    def sample():
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} misslyckades ({proc.returncode}): {err.decode()}")
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="färre upprepningar (inget resultat att lita på)")
    quick = parser.parse_args().quick
    # Byte code, as pip writes it when installing (this checkout may run with PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(ROOT / "src" / "sosfs_check", quiet=1)
    rows: list[tuple[str, str, str, str, bool]] = []  # what, measured, baseline, ratio, ok
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = scaled_report(1, folder)
        size_kb = report.stat().st_size / 1024
        assert 40 <= size_kb <= 80, f"rapporten är {size_kb:.0f} KB"

        # 1. In process: in a fresh interpreter that loads only python-docx and sosfs-check.
        opened, checked = in_process(report, 15 if quick else 80)
        ratio = checked / opened
        rows.append((f"sosfs_check.check ({size_kb:.0f} KB)", f"{checked * 1000:.1f} ms",
                     f"docx.Document {opened * 1000:.1f} ms", f"{ratio:.2f}x", ratio <= LIMITS["in_process"]))

        # 2. End to end.
        baseline = [sys.executable, "-c", f"import docx; docx.Document({str(report)!r})"]
        ours = [*command(), "check", str(report), "--format", "json"]
        base_t, ours_t = alternate(lambda: run_quiet(baseline, folder), lambda: run_quiet(ours, folder),
                                   5 if quick else 21, 2)
        ratio = ours_t / base_t
        rows.append(("sosfs-check check --format json", f"{ours_t * 1000:.0f} ms",
                     f"python -c 'docx.Document' {base_t * 1000:.0f} ms", f"{ratio:.2f}x",
                     ratio <= LIMITS["end_to_end"]))

        # 3. 500 reports, one and two jobs.
        count = 100 if quick else 500
        many = folder / "many"
        many.mkdir()
        sources = [ROOT / "fixtures" / "docx" / f"{name}.docx" for name in BATCH_SOURCES]
        for i in range(count):
            shutil.copyfile(sources[i % len(sources)], many / f"rapport-{i:03d}.docx")
        batch = [*command(), "check", str(many), "--format", "json", "--fail-on", "never"]
        one, memory_one = run_measured([*batch, "--jobs", "1"], folder)
        two, memory_two = run_measured([*batch, "--jobs", "2"], folder)
        speedup = one / two
        peak_mb = max(memory_one, memory_two) / 2**20
        rows.append((f"{count} rapporter, --jobs 2 mot --jobs 1", f"{two:.1f} s", f"{one:.1f} s",
                     f"{speedup:.2f}x snabbare", speedup >= LIMITS["parallel"] and os.cpu_count() >= 2))
        rows.append((f"{count} rapporter, högsta minne (alla processer)", f"{memory_two / 2**20:.0f} MB (2 jobb)",
                     f"{memory_one / 2**20:.0f} MB (1 jobb)", f"gräns {LIMITS['memory_mb']} MB",
                     peak_mb < LIMITS["memory_mb"]))

        # 4. Growth with size.
        scaling = []
        for times in (1, 10, 100):
            path = scaled_report(times, folder)
            runs = 3 if times == 100 or quick else 9
            seconds = statistics.median(timed(lambda: sosfs_check.check(path)) for _ in range(runs))
            blocks = len(sosfs_check.check(path).document.blocks)
            scaling.append((times, path.stat().st_size / 1024, blocks, seconds))
        per_copy = [s / t for t, _, _, s in scaling]
        growth = per_copy[-1] / per_copy[0]
        rows.append(("tid per kopia vid 100x mot 1x", f"{per_copy[-1] * 1000:.1f} ms", f"{per_copy[0] * 1000:.1f} ms",
                     f"{growth:.2f}x", growth <= 1.5))

    print(f"sosfs-check {sosfs_check.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} kärnor\n")
    print("| mätning | sosfs-check | jämfört med | kvot | inom gränsen |")
    print("|---|---|---|---|---|")
    for what, measured, base, ratio, ok in rows:
        print(f"| {what} | {measured} | {base} | {ratio} | {'ja' if ok else 'NEJ'} |")
    print("\n| storlek | fil | stycken | tid | tid per kopia |")
    print("|---|---|---|---|---|")
    for times, kb, blocks, seconds in scaling:
        print(f"| {times}x | {kb:.0f} KB | {blocks} | {seconds * 1000:.0f} ms | {seconds / times * 1000:.1f} ms |")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
