"""Profile names as users write them: `psb`, `KB`, `kvalitetsberattelse`, `Kvalitetsberättelse`.

Case, diacritics, spaces and dashes do not matter; the short forms are those used in the sector
(PSB, KB).
"""

from __future__ import annotations

import unicodedata

from .errors import UserError
from .rules import PROFILES

ALIASES = {"psb": "patientsakerhetsberattelse", "kb": "kvalitetsberattelse", "psbkb": "kombinerad"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


_NAMES = {
    **ALIASES,
    **{_fold(name): name for name in PROFILES},
    **{_fold(title): name for name, title in PROFILES.items()},
}


def profile_name(text: str | None) -> str | None:
    """The profile's key (`kvalitetsberattelse`) for any way of writing it; None stays None."""
    if text is None:
        return None
    name = _NAMES.get(_fold(text))
    if name is None:
        raise UserError(f"okänd profil {text!r}; välj bland: {', '.join(PROFILES)}")
    return name
