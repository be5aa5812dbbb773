"""GitLab Code Quality JSON, which the merge-request widget reads: one issue per active finding.

Suppressed and baselined findings are left out: Code Quality has no way to show them as known.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..baseline import fingerprint
from ..result import Result

SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def _path(path: Path) -> str:
    """Relative to the working directory (the repository root in a GitLab job), as GitLab expects."""
    absolute = Path(os.path.abspath(path))
    root = Path.cwd()
    return (absolute.relative_to(root) if absolute.is_relative_to(root) else absolute).as_posix()


def render(results: list[Result], lang: str = "sv") -> str:
    issues = []
    for result in results:
        path = _path(result.path)
        seen: dict[str, int] = {}
        for finding in result.findings:
            if not finding.active:
                continue
            key = f"{path}\x1f{fingerprint(finding)}"
            seen[key] = seen.get(key, 0) + 1  # the same finding twice in a file stays two issues
            issues.append({
                "description": f"{finding.rule_id}: {finding.message}",
                "check_name": finding.rule_id,
                "fingerprint": hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest(),
                "severity": SEVERITY[finding.severity],
                "location": {"path": path, "lines": {"begin": max(1, finding.location.line)}},
            })  # fmt: skip
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
