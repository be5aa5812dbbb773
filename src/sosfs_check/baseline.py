"""Stable finding fingerprints, and baseline files of known findings that do not fail CI."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from .errors import UserError
from .files import write_atomic
from .result import Finding, Result

FORMAT = "sosfs-check-baseline/1"
_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+")


def fingerprint(finding: Finding) -> str:
    """Hash of rule id, section path and excerpt: independent of line numbers and of
    heading numbers ("5.3 Riskanalys" -> "riskanalys"), so unrelated edits leave it unchanged."""
    section = " > ".join(_NUMBER.sub("", part.strip()) for part in finding.location.section.split(" > "))
    excerpt = " ".join(finding.location.excerpt.split())
    key = "\x1f".join((finding.rule_id, section.casefold(), excerpt.casefold()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _relative(path: Path, base: Path) -> str:
    """A report's path relative to the baseline file, so the baseline works from any directory."""
    return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()


def write_baseline(path: Path, results: list[Result]) -> None:
    """Record every unsuppressed finding of the results as known."""
    base = Path(path).parent
    entries = [
        {"path": _relative(r.path, base), "fingerprint": fingerprint(f), "rule_id": f.rule_id,
         "section": f.location.section, "excerpt": f.location.excerpt}
        for r in results
        for f in r.findings
        if not f.suppressed
    ]
    text = json.dumps({"format": FORMAT, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text, inputs=[r.path for r in results])


def load_baseline(path: Path) -> Counter:
    """(report path relative to the baseline, fingerprint) -> how many such findings are known."""
    from .bounds import MAX_BASELINE, DataError, read_bounded

    try:
        data = json.loads(read_bounded(Path(path), MAX_BASELINE).decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format ska vara {FORMAT!r}")
        return Counter((e["path"], e["fingerprint"]) for e in data["findings"])
    except OSError as exc:
        raise UserError(f"{path}: kan inte läsa baslinjen: {exc.strerror or exc}") from None
    except DataError as exc:
        raise UserError(f"{path}: baslinjefilen {exc.problem}") from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UserError(f"{path}: ogiltig baslinjefil ({exc}); skapa den med --write-baseline") from None


def apply_baseline(results: list[Result], known: Counter, path: Path) -> None:
    """Mark findings found in the baseline; each entry matches at most one finding."""
    left = Counter(known)
    base = Path(path).parent
    for result in results:
        where = _relative(result.path, base)
        for finding in (f for f in result.findings if not f.suppressed):
            key = (where, fingerprint(finding))
            if left[key] > 0:
                left[key] -= 1
                finding.baselined = True
