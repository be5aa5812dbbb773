"""The settings of a run, resolved once: the command-line flag, else the configuration, else the default."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .configfile import find_config
from .errors import UserError
from .values import Frozen


class Settings(Frozen):
    """What every command needs to read and judge reports. `rules=None` means the built-in pack;
    `config=None` no configuration (no suppressions)."""

    __slots__ = ("rules", "profile", "as_of", "lang", "max_size", "fail_on", "heading_styles", "docs_url", "config")

    def __init__(
        self,
        rules: object = None,  # the configured RuleSet
        profile: str | None = None,  # None: detect it per report
        as_of: date | None = None,  # None: today
        lang: str = "sv",
        max_size: int | None = None,  # MB; None: the readers' default
        fail_on: str = "error",
        heading_styles: dict[str, int] | None = None,  # local heading style -> level
        docs_url: str | None = None,  # the published docs/rules.md (`docs-url`); None: not known
        config: object = None,  # the Config the settings came from
    ):
        self._set(rules=rules, profile=profile, as_of=as_of, lang=lang, max_size=max_size, fail_on=fail_on,
                  heading_styles=heading_styles, docs_url=docs_url, config=config)

    def replace(self, **changes) -> Settings:
        """These settings with some attributes changed."""
        return Settings(**{**dict(zip(self._fields, self._values)), **changes})

    def check(self, path: Path):
        """Read one report and judge it under these settings (a `Result`)."""
        from . import check

        return check(
            path, profile=self.profile, as_of=self.as_of, rules=self.rules, style_map=self.heading_styles,
            max_size=self.max_size,
        )


def as_of_date(value: str | date | None) -> date | None:
    """`--as-of ÅÅÅÅ-MM-DD`."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--as-of: ogiltigt datum {value!r}; skriv ÅÅÅÅ-MM-DD") from None


def resolve(
    config: Path | None = None,
    rule_dirs: Sequence[Path] | None = (),
    profile: str | None = None,
    as_of: str | date | None = None,
    lang: str | None = None,
    max_size: int | None = None,
    fail_on: str | None = None,
) -> Settings:
    """Settings from the command line's flags (None: not given), the configuration file (`config`,
    else the nearest one) and the defaults, in that order. `rule_dirs` are extra packs (`--rules`)."""
    path = config if config is not None else find_config(Path.cwd().resolve())
    if path is None:  # no configuration file: nothing to validate, and pydantic is not loaded
        from .packs import load_ruleset

        ruleset = load_ruleset(tuple(rule_dirs or ()))
        return Settings(rules=ruleset, profile=ruleset.check_profile(profile), as_of=as_of_date(as_of),
                        lang=lang or "sv", max_size=max_size, fail_on=fail_on or "error")
    from .config import configured_rules, load_config

    found = load_config(path)
    ruleset = configured_rules(found, tuple(rule_dirs or ()))
    if profile is None and found.profile is not None:
        profile = ruleset.check_profile(found.profile, f"{found.path}: profile")
    return Settings(
        rules=ruleset,
        profile=ruleset.check_profile(profile),
        as_of=as_of_date(as_of) or found.as_of,
        lang=lang or found.lang or "sv",
        max_size=max_size or found.max_size,
        fail_on=fail_on or found.fail_on or "error",
        heading_styles=found.heading_styles or None,
        docs_url=found.docs_url,
        config=found,
    )
