"""sosfs-check: checks patientsäkerhets- och kvalitetsberättelser against PSL 3 kap. and SOSFS 2011:9."""

from __future__ import annotations

from datetime import date
from pathlib import Path

__version__ = "0.1.0"
__all__ = ["InputError", "UserError", "__version__", "check"]

from .errors import InputError, UserError


def check(path, profile: str | None = None, as_of: date | None = None, rules=None,
          style_map: dict[str, int] | None = None, max_size: int | None = None):
    """Read one report and check it: returns a `Result` (findings, checklist, facts).

    Raises `InputError` for an unreadable or unsafe file, or when the kind of report cannot be
    told and no profile is given. `style_map` maps local heading style names to levels;
    `max_size` (MB, default 50) raises the size limits.
    """
    from .engine import evaluate
    from .readers import read
    from .packs import builtin_rules

    return evaluate(read(Path(path), style_map, max_size), rules or builtin_rules(), profile, as_of)
