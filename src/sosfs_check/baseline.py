"""Baseline files of known findings (by `result.fingerprint`) that do not fail CI."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from .errors import UserError
from .files import write_atomic
from .result import Result, fingerprint, fingerprint_of

FORMAT = "sosfs-check-baseline/1"




def _relative(path: Path, base: Path) -> str:
    """A report's path relative to the baseline file, so the baseline works from any directory."""
    return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()


def entries(result: Result, base: Path) -> list[dict]:
    """Every unsuppressed finding of a result, as known findings of a baseline file in `base`."""
    where = _relative(result.path, base)
    return [
        {"path": where, "fingerprint": fingerprint(f), "rule_id": f.rule_id, "section": f.location.section,
         "excerpt": f.location.excerpt}
        for f in result.findings
        if not f.suppressed
    ]


def write_baseline(path: Path, known: list[dict], inputs: list[Path]) -> None:
    """Write the baseline file of `known` findings (see `entries`)."""
    text = json.dumps({"format": FORMAT, "findings": known}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text, inputs=inputs)


def load_baseline(path: Path, aliases: dict[str, str] | None = None) -> Counter:
    """(report path relative to the baseline, fingerprint) -> how many such findings are known.

    An entry of a rule that has since been renamed (`aliases`: earlier id -> today's) counts under
    today's id."""
    from .bounds import MAX_BASELINE, DataError, read_bounded

    try:
        data = json.loads(read_bounded(Path(path), MAX_BASELINE).decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format ska vara {FORMAT!r}")
        return Counter((e["path"], _current(e, aliases or {})) for e in data["findings"])
    except OSError as exc:
        raise UserError(f"{path}: kan inte läsa baslinjen: {exc.strerror or exc}") from None
    except DataError as exc:
        raise UserError(f"{path}: baslinjefilen {exc.problem}") from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UserError(f"{path}: ogiltig baslinjefil ({exc}); skapa den med --write-baseline") from None


def _current(entry: dict, aliases: dict[str, str]) -> str:
    """The entry's fingerprint under its rule's id of today."""
    if entry.get("rule_id") not in aliases:
        return entry["fingerprint"]
    return fingerprint_of(aliases[entry["rule_id"]], entry["section"], entry["excerpt"])


def mark_known(result: Result, left: Counter, base: Path) -> None:
    """Mark a result's findings found in the baseline of folder `base` (`left`, see `load_baseline`);
    each entry matches at most one finding, and is used up."""
    where = _relative(result.path, base)
    for finding in (f for f in result.findings if not f.suppressed):
        key = (where, fingerprint(finding))
        if left[key] > 0:
            left[key] -= 1
            finding.baselined = True
