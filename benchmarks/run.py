"""Speed of sosfs-check as ratios against baselines measured in the same run (issue 20).

    python benchmarks/run.py [--quick] [--only files,series,large,cli,batches,hostile] [--src DIR] [--cpu]

Every measurement runs the tool and its baseline interleaved, best of N (15; 5 with --quick):
1. per DOCX in fixtures/docx and fixtures/examples: `check(path)` vs `docx.Document(path)`, in a
   fresh interpreter that loads only the two;
2. the Borås 2021 report with its body repeated 1x, 4x, 16x and 64x: the same ratio, and the 64x
   ratio divided by the 1x ratio (target at most 1.3), beside how much each time grows from 1x to 64x;
   and text just within the size limit (1 MiB characters) as one paragraph and as 16,000 short
   ones: `check` per character against `check` of the report its words come from (1.0: linear);
3. one `sosfs-check check report.docx --format json` (and `--format rich`, the terminal's default) vs
   `python -c "import docx; docx.Document(f)"`, also without the cache of compiled patterns
   (`regexcache`), and which of pydantic, rapidfuzz and openpyxl `python -X importtime` shows on that path;
4. 1,000 and 4,000 generated distinct reports (200 and 800 with --quick) with `-j1` and `-j2` vs a
   loop that only opens them with python-docx: wall-clock time, CPU time of the process tree and
   its peak RSS (from /proc);
5. input written to make the work explode (the slow patterns of issue 22, the built-in patterns on
   runs of one character, a 10,000-style basedOn chain, a styles part that defeats the byte scan,
   nested text boxes), at size n and 4n in this process: time per unit at 4n against time per unit
   at n (1.0: linear; quadratic work gives 4, exponential far more). The tests assert what these
   inputs must give (tests/test_hostile.py, tests/test_linear_regex.py), not how fast.
`--only` measures some of them (files, series, large, cli, batches, hostile); `--src` measures 1 and 2 with the
package in another source folder (another checkout's src/), and adds it to 3 and 4 as "före" beside
this checkout ("efter"), run in turn, for a before/after table from one run; `--cpu` times
1, 2 and 3 in CPU seconds (the process and its finished children) instead of wall-clock seconds, which
other processes on a loaded machine move far less. Prints Markdown tables for docs/performance.md.
Nothing here is asserted in the tests.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import io
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]  # tests/largetext.py: the large texts

SEED = ROOT / "fixtures" / "seeds" / "boras-2021.md"
FIXTURES = sorted([*(ROOT / "fixtures" / "docx").glob("*.docx"), *(ROOT / "fixtures" / "examples").glob("*.docx")])
BATCH_SOURCES = ["boras-2018-headings", "boras-2021-template", "kvalitetsberattelse-aldreomsorg-2025",
                 "psb-region-halsocentral-2024", "boras-2021-bold"]
WATCHED_IMPORTS = ("pydantic", "rapidfuzz", "openpyxl")
PARTS = ("files", "series", "large", "cli", "batches", "hostile")


def cpu_clock() -> float:
    """CPU seconds of this process and of its finished children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


CLOCK = time.perf_counter  # `--cpu`: cpu_clock


def timed(func) -> float:
    """Seconds one call takes, garbage collected before and disabled during it (as `timeit` does)."""
    gc.collect()
    gc.disable()
    try:
        start = CLOCK()
        func()
        return CLOCK() - start
    finally:
        gc.enable()


def interleaved(baseline, ours, runs: int, warmup: int = 2) -> tuple[float, float]:
    """Best times (seconds) of the baseline and of ours, run in turn so that load hits both."""
    return tuple(in_turn([baseline, ours], runs, warmup))


def in_turn(funcs: list, runs: int, warmup: int = 2) -> list[float]:
    """Best time (seconds) of each function, all run in turn so that load hits them alike."""
    for _ in range(warmup):
        for func in funcs:
            func()
    times = [[] for _ in funcs]
    for _ in range(runs):
        for func, took in zip(funcs, times):
            took.append(timed(func))
    return [min(took) for took in times]


IN_PROCESS = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import docx, sosfs_check
import run
if sys.argv[4] == "cpu":
    run.CLOCK = run.cpu_clock
runs, warmup, baseline = int(sys.argv[3]), int(sys.argv[5]), sys.argv[6]
for name in sys.argv[7:]:
    base = (lambda: docx.Document(name)) if baseline == "docx" else lambda: sosfs_check.check(baseline, max_size=200)
    print(*run.interleaved(base, lambda: sosfs_check.check(name, max_size=200), runs, warmup), flush=True)
"""


def in_process(paths: list[Path], runs: int, src: Path = ROOT / "src", baseline: Path | None = None,
               warmup: int = 2) -> list[tuple[float, float]]:
    """(baseline, check) best times per file, in one fresh interpreter that loads only the two. The
    baseline is `docx.Document(path)`, or `check(baseline)` when a baseline file is given.

    The size limit is raised to 200 MB: the 64x report is over the default text limit of 1 MiB characters.
    """
    clock = "cpu" if CLOCK is cpu_clock else "wall"
    proc = subprocess.run([sys.executable, "-c", IN_PROCESS, str(src), str(Path(__file__).parent), str(runs), clock,
                           str(warmup), str(baseline or "docx"), *map(str, paths)], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    out = proc.stdout
    return [tuple(map(float, line.split())) for line in out.splitlines()]


def scaled_report(times: int, folder: Path) -> Path:
    """The Borås 2021 report with its body repeated: title page and contents once."""
    from sosfs_check.testing import build_docx

    text = SEED.read_text(encoding="utf-8")
    cut = text.index("<!-- /toc -->") + len("<!-- /toc -->")
    return build_docx(text[:cut] + text[cut:] * times, folder / f"boras-2021-x{times}.docx")


def distinct_reports(count: int, folder: Path) -> Path:
    """`count` reports, each a fixture with its own numbered paragraph before the section properties."""
    many = folder / f"many-{count}"
    many.mkdir()
    sources = []
    for name in BATCH_SOURCES:
        with zipfile.ZipFile(ROOT / "fixtures" / "docx" / f"{name}.docx") as package:
            sources.append({info.filename: package.read(info) for info in package.infolist()})
    for i in range(count):
        parts = dict(sources[i % len(sources)])
        body = parts["word/document.xml"].decode("utf-8")
        at = body.rindex("<w:sectPr")
        parts["word/document.xml"] = (body[:at] + f"<w:p><w:r><w:t>Löpnummer {i}</w:t></w:r></w:p>"
                                      + body[at:]).encode("utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)
        (many / f"rapport-{i:04d}.docx").write_bytes(buffer.getvalue())
    return many


# What the installed console script runs, with the measured package first on the path.
LAUNCH = "import sys; sys.path.insert(0, sys.argv.pop(1)); from sosfs_check.console import main; sys.exit(main())"


# The same, with `regexcache.install` left out: every pattern is compiled by `re` as if there were no cache.
LAUNCH_UNCACHED = LAUNCH.replace("from sosfs_check.console", "import sosfs_check.regexcache as cache; "
                                 "cache.install = lambda: None; from sosfs_check.console")


def command(src: Path, launch: str = LAUNCH) -> list[str]:
    """`sosfs-check` from the package in `src`, started as the console script starts it."""
    return [sys.executable, "-c", launch, str(src)]


def packages(src: Path) -> list[tuple[str, Path]]:
    """(label, source folder) of the packages 3 and 4 measure: `--src` ("före") and this checkout ("efter")."""
    here = ROOT / "src"
    return [("", here)] if src.resolve() == here.resolve() else [("före", src), ("efter", here)]


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


def run_measured(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak summed RSS in bytes) of a command and its children."""
    cpu = cpu_clock()
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
    elapsed, used = time.perf_counter() - start, cpu_clock() - cpu
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} misslyckades ({proc.returncode}): {err.decode()}")
    return elapsed, used, peak


def loaded_modules(report: Path, cwd: Path, src: Path) -> list[str]:
    """Which of WATCHED_IMPORTS `python -X importtime` shows on the `check` path."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *command(src)[1:], "check", str(report),
                           "--format", "json"], capture_output=True, text=True, cwd=cwd)
    seen = {m.group(1).split(".")[0] for m in re.finditer(r"^import time:.*\|\s*([\w.]+)\s*$", proc.stderr, re.M)}
    return [name for name in WATCHED_IMPORTS if name in seen]


def table(header: str, rows: list[tuple]) -> None:
    print(header)
    print("|---" * (header.count(" | ") + 1) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 upprepningar, 200 och 800 rapporter")
    parser.add_argument("--only", default=",".join(PARTS), help="delar att mäta, kommaseparerade: " + ", ".join(PARTS))
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="mappen med paketet som mäts i del 1 och 2")
    parser.add_argument("--cpu", action="store_true", help="del 1–3 i CPU-tid i stället för väggklockans tid")
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = cpu_clock
    quick, only = args.quick, set(args.only.split(","))
    if only - set(PARTS):
        parser.error(f"okänd del: {', '.join(sorted(only - set(PARTS)))}")
    runs = 5 if quick else 15
    for src in {args.src, ROOT / "src"}:  # PYTHONDONTWRITEBYTECODE would leave every start compiling
        compileall.compile_dir(src / "sosfs_check", quiet=1)
    import sosfs_check

    print(f"sosfs-check {sosfs_check.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} kärnor, {'--quick, ' if quick else ''}bäst av {runs}, varvat med jämförelsen"
          f"{', CPU-tid' if args.cpu else ''}\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        if "files" in only:
            per_file(runs, args.src)
        if "series" in only:
            size_series(folder, runs, args.src)
        if "large" in only:
            large_texts(folder, runs, args.src)
        if "cli" in only:
            command_line(scaled_report(1, folder), folder, runs, packages(args.src))
        if "batches" in only:
            batches(folder, quick, packages(args.src))
        if "hostile" in only:
            hostile(folder, runs)
    return 0


def per_file(runs: int, src: Path) -> None:
    """`check(path)` against `docx.Document(path)` for every DOCX in fixtures/."""
    rows = []
    for path, (opened, checked) in zip(FIXTURES, in_process(FIXTURES, runs, src)):
        rows.append((str(path.relative_to(ROOT)), f"{checked * 1000:.1f} ms", f"{opened * 1000:.1f} ms",
                     f"{checked / opened:.2f}"))
    table("| fil | check(path) | docx.Document(path) | kvot |", rows)


def size_series(folder: Path, runs: int, src: Path) -> None:
    """The 1x/4x/16x/64x table; its last row divides 64x by 1x: each time, and the ratio."""
    series = [1, 4, 16, 64]
    times_ms, rows = [], []
    for times in series:
        path = scaled_report(times, folder)
        (opened, checked), = in_process([path], runs if times < 64 else max(3, runs // 3), src)
        times_ms.append((checked, opened))
        rows.append((f"{times}x", f"{path.stat().st_size / 1024:.0f} KB", f"{checked * 1000:.1f} ms",
                     f"{opened * 1000:.1f} ms", f"{checked / opened:.2f}"))
    (first, first_open), (last, last_open) = times_ms[0], times_ms[-1]
    rows.append(("64x/1x", "", f"{last / first:.1f}x", f"{last_open / first_open:.1f}x",
                 f"{(last / last_open) / (first / first_open):.2f}"))
    table("| storlek | fil | check(path) | docx.Document(path) | kvot |", rows)


def large_texts(folder: Path, runs: int, src: Path) -> None:
    """Text just within the size limit, as one paragraph and as 16,000 short ones, against the report
    its words come from: `check` per character, as a ratio (1.0: as fast per character as the report)."""
    from largetext import REPORT, REPORT_PATH, one_paragraph, short_paragraphs
    from sosfs_check.readers.safety import Limits

    texts = {"ett stycke": one_paragraph(Limits.from_mb().chars - 1000), "16 000 korta stycken": short_paragraphs(16_000)}
    paths = [folder / f"stor-{i}.txt" for i in range(len(texts))]
    for path, text in zip(paths, texts.values()):
        path.write_text(text, encoding="utf-8")
    size = len(REPORT)
    rows = []
    for (name, text), (report, checked) in zip(texts.items(), in_process(paths, max(2, runs // 5), src, REPORT_PATH, 1)):
        rows.append((name, f"{len(text):,}".replace(",", " "), f"{checked:.2f} s", f"{report * 1000:.1f} ms",
                     f"{(checked / len(text)) / (report / size):.2f}"))
    table(f"| text inom gränsen | tecken | check(path) | check(rapporten, {size} tecken) | kvot per tecken |", rows)


def command_line(report: Path, folder: Path, runs: int, measured: list[tuple[str, Path]]) -> None:
    """One report from the command line against `python -c "import docx; docx.Document(f)"`, as JSON (what CI
    asks for) and as the rich report (the default in a terminal); the last row is this checkout without the
    cache of compiled patterns (`regexcache`)."""
    baseline = [sys.executable, "-c", f"import docx; docx.Document({str(report)!r})"]
    started = ([(label, src, LAUNCH, "json") for label, src in measured]
               + [(label, src, LAUNCH, "rich") for label, src in measured]
               + [("utan regexcache", ROOT / "src", LAUNCH_UNCACHED, "json")])
    ours = [[*command(src, launch), "check", str(report), "--format", form] for _, src, launch, form in started]
    base_t, *ours_t = in_turn([lambda: run_quiet(baseline, folder)]
                              + [lambda args=args: run_quiet(args, folder) for args in ours], runs, 1)
    rows = []
    for (label, src, _, form), took in zip(started, ours_t):
        loaded = loaded_modules(report, folder, src)
        rows.append((" ".join(filter(None, [label, "en rapport", form])), f"{took * 1000:.0f} ms",
                     f"{base_t * 1000:.0f} ms", f"{took / base_t:.2f}",
                     ", ".join(loaded) or "ingen av " + ", ".join(WATCHED_IMPORTS)))
    table("| kommandorad | sosfs-check | python -c docx.Document | kvot | laddar |", rows)


def batches(folder: Path, quick: bool, measured: list[tuple[str, Path]]) -> None:
    """Batches of distinct reports with -j1 and -j2 against a loop that only opens them: wall-clock
    time (the ratio), CPU time of the process tree and its peak RSS."""
    rows = []
    open_only = [sys.executable, "-c", "import docx, pathlib, sys\n"
                 "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.docx')): docx.Document(str(p))"]
    for count in ((200, 800) if quick else (1000, 4000)):
        many = distinct_reports(count, folder)
        base_t, base_cpu, base_rss = run_measured([*open_only, str(many)], folder)
        for jobs in (1, 2):
            for label, src in measured:
                took, cpu, rss = run_measured([*command(src), "check", str(many), "--format", "json", "--fail-on",
                                               "never", "-j", str(jobs), "--output", str(folder / "out.json")], folder)
                rows.append((" ".join(filter(None, [label, f"{count} rapporter, -j{jobs}"])), f"{took:.1f} s",
                             f"{base_t:.1f} s", f"{took / base_t:.2f}", f"{cpu:.1f} s", f"{base_cpu:.1f} s",
                             f"{rss / 2**20:.0f} MB", f"{base_rss / 2**20:.0f} MB"))
        shutil.rmtree(many)
    table("| omgång | sosfs-check | bara öppna (docx) | kvot | CPU-tid | CPU-tid bara öppna | högsta RSS "
          "| RSS bara öppna |", rows)


def hostile(folder: Path, runs: int) -> None:
    """Hostile input at n and 4n: the time per unit at 4n divided by the time per unit at n."""
    import re

    from sosfs_check.readers import read
    from sosfs_check.regexes import rule_pattern
    from test_hostile import builtin_patterns, with_body_and_styles

    def chain(length: int) -> Path:
        styles = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/>'
                         f'<w:basedOn w:val="S{i + 1}"/></w:style>' for i in range(length))
        body = '<w:p><w:pPr><w:pStyle w:val="S0"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
        return with_body_and_styles(folder / f"kedja-{length}", body, styles)

    def byte_scan(count: int) -> Path:
        return with_body_and_styles(folder / f"pi-{count}", "", "<?pi " + "<w:docDefaults <w:basedOn " * count + "?>")

    def boxes(depth: int) -> Path:
        body = ("<w:p><w:r><w:t>ruta</w:t></w:r><w:r><w:pict><w:txbxContent>" * depth + "<w:p/>"
                + "</w:txbxContent></w:pict></w:r></w:p>" * depth)
        return with_body_and_styles(folder / f"rutor-{depth}", body)

    builtins = [rule_pattern(p, re.IGNORECASE) for p in set(builtin_patterns())]
    runs_of = ("a", " ", "1", ".", "§ ", "kap. ", "ab ", "1.", "- ")

    def all_builtins(n: int):
        texts = [(c * n)[:n] + "!" for c in runs_of]
        return lambda: [p.search(t) for p in builtins for t in texts]

    def engine(pattern: str, n: int):  # RE2 itself: the prefilter would skip a text without the literal "c"
        compiled, text = rule_pattern(pattern)._re2, ("a" * 29 + "b") * (n // 30)  # 29 a's: never quite a match
        return lambda: compiled.search(text)

    def reading(make, n: int):
        path = make(n)
        return lambda: read(path)

    for sub in ("kedja-2500", "kedja-10000", "pi-25000", "pi-100000", "rutor-15", "rutor-60", "tom"):
        (folder / sub).mkdir()
    plain = with_body_and_styles(folder / "tom", "")
    cases = [  # the readers' rows subtract the time of reading the report without the hostile part
        ("(a?){30}a{30} på (a×29 b)… (RE2)", "tecken", 120_000, lambda n: engine("(a?){30}a{30}", n), None),
        ("a*a*a*a*a*c på (a×29 b)… (RE2)", "tecken", 120_000, lambda n: engine("a*a*a*a*a*c", n), None),
        (f"{len(builtins)} inbyggda mönster × {len(runs_of)} texter", "tecken", 20_000, all_builtins, None),
        ("basedOn-kedja, read()", "format", 2_500, lambda n: reading(chain, n), plain),
        ("formatdel mot byte-sökningen, read()", "upprepningar", 25_000, lambda n: reading(byte_scan, n), plain),
        ("nästlade textrutor, read()", "nivåer", 15, lambda n: reading(boxes, n), plain),
    ]
    rows = []
    for name, unit, n, make, baseline in cases:
        small, large = interleaved(make(n), make(4 * n), max(3, runs // 3), 1)
        base = interleaved(lambda: read(baseline), lambda: None, max(3, runs // 3), 1)[0] if baseline else 0.0
        rows.append((name, f"{n:,} / {4 * n:,} {unit}".replace(",", " "), f"{base * 1000:.1f} ms",
                     f"{small * 1000:.1f} ms", f"{large * 1000:.1f} ms", f"{((large - base) / 4) / (small - base):.2f}"))
    table("| fientlig indata | n / 4n | utan den | tid vid n | tid vid 4n | kvot per enhet (1,0: linjär) |", rows)


if __name__ == "__main__":
    sys.exit(main())
