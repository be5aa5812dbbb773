"""Profile names as users write them: `psb`, `KB`, `kvalitetsberattelse`, `Kvalitetsberättelse`.

Case, diacritics, spaces and dashes do not matter; the short forms are those used in the sector
(PSB, KB).
"""

from __future__ import annotations

import unicodedata

ALIASES = {"psb": "patientsakerhetsberattelse", "kb": "kvalitetsberattelse", "psbkb": "kombinerad"}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def profile_name(text: str, profiles: dict[str, str]) -> str | None:
    """The key of the profile `text` means (`profiles`: key -> title), or None when none."""
    names = {
        **{alias: name for alias, name in ALIASES.items() if name in profiles},
        **{_fold(title): name for name, title in profiles.items()},
        **{_fold(name): name for name in profiles},
    }
    return names.get(_fold(text))
