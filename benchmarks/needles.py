"""Finding the texts that hold each literal needle: one `find` loop per needle vs one pass for all (issue 20).

    python benchmarks/needles.py [--runs N]

For the case-folded texts of every `prefilter.Folded` that a check of Borås 2021 and of its 64x
report builds, each method gives, for every needle of a set, the positions of the texts that
contain it. The needle sets: those the check asks of that `Folded`; those it asks of any `Folded`
(what `prefilter` searches in one pass from a process's second document on); the first clause of
every known pattern's needles (`regexes.NEEDLES`); and all the needles of `regexes.NEEDLES`. The methods:

- `find (main)`: `Folded.containing` before (main 72a580d), a `str.find` loop over the joined texts per needle;
- `ahocorasick-rs`: one automaton over all needles, overlapping matches over the joined texts,
  mapped to texts with bisect; and the same automaton run per text, as `prefilter._Automaton` does now;
- `hyperscan` (when installed: not a dependency): one literal database (each needle once per text, `HS_FLAG_SINGLEMATCH`), scanned per text;
- `RE2 Set`: all needles as one `re2.Set`, which answers per text which needles occur;
- `RE2 alternation`: one regex `n1|n2|...` over the joined texts. Its matches do not overlap, so it
  misses needles inside or across another match ("risk" in "riskanalys"): it is timed as one pass,
  and its answer is not used.

Every method's answer is compared with `needle in text` for each text (main's loop and the search
over the joined texts would also count a needle across the newline between two texts: none of the
pack's needles holds a newline). Build is the time to make the automaton, once per
process; "per document" is the time for all the needles of all the `Folded` of one check.
Best of N (default 20), CPU time of this process. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from bisect import bisect_right
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).parent)]
EXAMPLE = ROOT / "fixtures" / "examples" / "boras-2021.docx"


def captured(path: Path) -> list[tuple[list[str], list[str]]]:
    """(case-folded texts, needles asked, in order) of every `Folded` one check of `path` builds."""
    import sosfs_check
    from sosfs_check import prefilter

    sosfs_check.check(path, max_size=200)  # the pack loaded, every needle known
    seen: list[tuple[list[str], list[str]]] = []
    init, containing = prefilter.Folded.__init__, prefilter.Folded.containing

    def recording_init(self, texts):
        init(self, texts)
        seen.append((self.texts, []))
        self._asked = seen[-1][1]

    def recording_containing(self, needle):
        self._asked.append(needle)
        return containing(self, needle)

    prefilter.Folded.__init__, prefilter.Folded.containing = recording_init, recording_containing
    try:
        sosfs_check.check(path, max_size=200)
    finally:
        prefilter.Folded.__init__, prefilter.Folded.containing = init, containing
    return seen


def best(func, runs: int) -> float:
    """Best CPU seconds of `runs` calls, garbage collection off during each."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
        gc.enable()
    return min(times)


def by_find(texts: list[str], needles: list[str], _=None) -> dict[str, list[int]]:
    """`Folded.containing` before the one-pass search (main 72a580d): a `find` loop per needle."""
    joined, starts = joined_starts(texts)
    starts.append(len(joined) + 1)
    out = {}
    for needle in needles:
        found, at = [], joined.find(needle)
        while at != -1:
            found.append(bisect_right(starts, at) - 1)
            at = joined.find(needle, starts[found[-1] + 1])
        out[needle] = found
    return out


def joined_starts(texts: list[str]) -> tuple[str, list[int]]:
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    return "\n".join(texts), starts


def ac_build(needles: list[str]):
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(needles)


def by_ac_joined(texts: list[str], needles: list[str], automaton) -> dict[str, list[int]]:
    joined, starts = joined_starts(texts)
    found: dict[int, set[int]] = {}
    for index, start, _ in automaton.find_matches_as_indexes(joined, overlapping=True):
        found.setdefault(index, set()).add(bisect_right(starts, start) - 1)
    return {n: sorted(found.get(i, ())) for i, n in enumerate(needles)}


def prefilter_build(needles: list[str]):
    from sosfs_check.prefilter import _Automaton

    return _Automaton(needles)


def by_prefilter(texts: list[str], needles: list[str], automaton) -> dict[str, list[int]]:
    """What `Folded.containing` does now on its first call: one pass over each text."""
    return automaton.containing(texts)


def hs_build(needles: list[str]):
    import hyperscan

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    expressions = [hyperscan_literal(n) for n in needles]
    database.compile(expressions=expressions, ids=list(range(len(needles))),
                     flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(needles))
    return database


def hyperscan_literal(needle: str) -> bytes:
    """The needle as a hyperscan pattern of its UTF-8 bytes, every byte escaped."""
    return b"".join(b"\\x%02x" % byte for byte in needle.encode())


def by_hs_per_text(texts: list[str], needles: list[str], database) -> dict[str, list[int]]:
    found: list[list[int]] = [[] for _ in needles]
    for position, text in enumerate(texts):
        def on_match(index, start, end, flags, context, position=position):
            found[index].append(position)
        database.scan(text.encode(), match_event_handler=on_match)
    return dict(zip(needles, found))


def set_build(needles: list[str]):
    import re2

    options = re2.Options()
    options.literal = True
    needle_set = re2.Set.SearchSet(options)
    for needle in needles:
        needle_set.Add(needle)
    needle_set.Compile()
    return needle_set


def by_set(texts: list[str], needles: list[str], needle_set) -> dict[str, list[int]]:
    found: list[list[int]] = [[] for _ in needles]
    for position, text in enumerate(texts):
        for index in needle_set.Match(text) or ():
            found[index].append(position)
    return dict(zip(needles, found))


def alternation_build(needles: list[str]):
    import re2

    return re2.compile("|".join(re2.escape(n) for n in sorted(needles, key=len, reverse=True)))


def by_alternation(texts: list[str], needles: list[str], pattern) -> None:
    """One pass; non-overlapping, so not an answer (see the module's docstring)."""
    joined, _ = joined_starts(texts)
    for _ in pattern.finditer(joined):
        pass


METHODS = [  # name, the module it needs, build (or None), per document
    ("find (main)", "sosfs_check", None, by_find),
    ("ahocorasick-rs, joined", "ahocorasick_rs", ac_build, by_ac_joined),
    ("ahocorasick-rs, per text (prefilter now)", "ahocorasick_rs", prefilter_build, by_prefilter),
    ("hyperscan, per text", "hyperscan", hs_build, by_hs_per_text),  # pip install hyperscan: not a dependency
    ("RE2 Set, per text", "re2", set_build, by_set),
    ("RE2 alternation (no answer)", "re2", alternation_build, by_alternation),
]


def measure(name: str, folds: list[tuple[list[str], list[str]]], sets: dict[str, list[str]], runs: int) -> list[tuple]:
    rows = []
    union = sorted({needle for _, asked in folds for needle in asked})
    for which in ("asked", "asked in the check", *sets):
        cases = [(texts, sorted(set(asked)) if which == "asked" else union if which == "asked in the check"
                  else sets[which]) for texts, asked in folds]
        expected = [{n: [i for i, text in enumerate(texts) if n in text] for n in needles} for texts, needles in cases]
        for method, _, build, run in METHODS:
            built = [build(needles) if build else None for _, needles in cases]
            took_build = best(lambda: [build(needles) for _, needles in cases], max(3, runs // 4)) if build else 0.0
            answers = [run(texts, needles, b) for (texts, needles), b in zip(cases, built)]
            same = "–" if answers[0] is None else "ja" if answers == expected else "NEJ"
            took = best(lambda: [run(texts, needles, b) for (texts, needles), b in zip(cases, built)], runs)
            count = sum(len(n) for _, n in cases)
            rows.append((name, which, count, method, f"{took_build * 1000:.2f} ms", f"{took * 1000:.2f} ms", same))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from run import scaled_report
    from sosfs_check.regexes import NEEDLES

    with tempfile.TemporaryDirectory() as tmp:
        documents = [("Borås 2021", EXAMPLE), ("64x", scaled_report(64, Path(tmp)))]
        folds = {name: captured(path) for name, path in documents}
    pack = sorted({n for clauses in NEEDLES.values() for clause in clauses for n in clause})
    first = sorted({n for clauses in NEEDLES.values() if clauses for n in clauses[0]})
    for name, fold in folds.items():
        print(f"{name}: {len(fold)} Folded, {[len(t) for t, _ in fold]} texts, "
              f"{[sum(map(len, t)) for t, _ in fold]} characters, {[len(set(a)) for _, a in fold]} needles asked")
    print(f"the pack: {len(NEEDLES)} patterns with needles, {len(pack)} distinct needles, {len(first)} in first clauses\n")
    sets = {"first clauses": first, "pack": pack}
    if missing := [module for _, module, _, _ in METHODS if not find_spec(module)]:
        print(f"not installed, not measured: {', '.join(sorted(set(missing)))}\n")
        METHODS[:] = [method for method in METHODS if method[1] not in missing]
    rows = [row for name, fold in folds.items() for row in measure(name, fold, sets, args.runs)]
    print("| document | needles | count | method | build | per document | same answer |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(map(str, row)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
