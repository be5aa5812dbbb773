"""The settings of a run, resolved once: the command-line flag, else the configuration, else the default."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import UserError

FILE_NAME = "sosfs-check.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Settings:
    """What every command needs to read and judge reports. `rules=None` means the built-in pack;
    `config=None` no configuration (no suppressions)."""

    rules: object = None  # the configured RuleSet
    profile: str | None = None  # None: detect it per report
    as_of: date | None = None  # None: today
    lang: str = "sv"
    max_size: int | None = None  # MB; None: the readers' default
    fail_on: str = "error"
    heading_styles: dict[str, int] | None = None  # local heading style -> level
    docs_url: str | None = None  # the published docs/rules.md (`docs-url`); None: not known
    config: object = field(default=None, compare=False)  # the Config the settings came from

    def check(self, path: Path):
        """Read one report and judge it under these settings (a `Result`)."""
        from . import check

        return check(
            path, profile=self.profile, as_of=self.as_of, rules=self.rules, style_map=self.heading_styles,
            max_size=self.max_size,
        )


RESERVED_HOSTS = ("example", "invalid", "localhost", "test")  # RFC 2606 and 6761: never a published page


def docs_url_problem(url: str) -> str | None:
    """Why `url` cannot be where the rule reference is published, or None: it must be an http(s)
    address of a real host."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("https", "http") or not host:
        return f"{url!r} är ingen webbadress; skriv en adress som börjar med https://"
    if host.rsplit(".", 1)[-1] in RESERVED_HOSTS or host.split(".")[-2:-1] == ["example"]:
        return f"{url!r} är en exempeladress; skriv adressen där regelreferensen faktiskt publiceras"
    return None


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
        from .ruleset import load_ruleset

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


def find_config(start: Path) -> Path | None:
    """The nearest sosfs-check.toml, or pyproject.toml with [tool.sosfs-check], from `start` upward."""
    for directory in (start, *start.parents):
        own = directory / FILE_NAME
        if own.is_file():
            return own
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and b"sosfs-check" in _read_bytes(pyproject):
            if "sosfs-check" in _read_toml(pyproject).get("tool", {}):
                return pyproject
    return None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, within the size limit for configuration files."""
    from .bounds import DataError, read_bounded

    try:
        return read_bounded(path)
    except OSError as exc:
        raise UserError(f"{path}: kan inte läsa konfigurationen: {exc.strerror or exc}") from None
    except DataError as exc:
        raise UserError(f"{path}: konfigurationsfilen {exc.problem}") from None


def _read_toml(path: Path) -> dict:
    import re
    import tomllib

    try:
        return tomllib.loads(_read_bytes(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = re.search(r"\(at line (\d+),", str(exc))
        raise UserError(f"{path}{':' + line[1] if line else ''}: ogiltig TOML: {exc}") from None
    except RecursionError:
        raise UserError(f"{path}: ogiltig TOML: orimligt djupt nästlad") from None
