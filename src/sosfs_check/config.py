"""Configuration: `[tool.sosfs-check]` in pyproject.toml or a `sosfs-check.toml`, validated strictly."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, ValidationError, field_validator

from .choices import FAIL_ON, LANGS
from .configfile import PYPROJECT, docs_url_problem, find_config, read_bytes, read_toml
from .errors import UserError
from .packs import load_ruleset
from .records import dump
from .result import SEVERITY_RANK, Result
from .rulemodel import Rule, Severity
from .ruleset import RuleSet
from .schema import Strict
from .validation import swedish


class Suppression(Strict):
    """A rule (id or area) that is not to fail this organisation's reports, with the reason why."""

    rule: str
    reason: str

    @field_validator("reason")
    @classmethod
    def _written(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("ett undantag kräver ett skriftligt skäl (reason)")
        return reason.strip()


class Config(Strict):
    profile: str | None = None  # checked, and `psb`, `kb` resolved, against the packs' profiles (settings.resolve)
    select: list[str] = []  # rule ids or areas to check; empty = all
    ignore: list[str] = []  # rule ids or areas not to check
    severity: dict[str, Severity] = {}  # rule id or area -> severity
    fail_on: Literal[FAIL_ON] | None = Field(None, alias="fail-on")  # type: ignore[valid-type]
    as_of: date | None = Field(None, alias="as-of")
    lang: Literal[LANGS] | None = None  # type: ignore[valid-type]
    max_size: int | None = Field(None, alias="max-size", ge=1)  # MB
    heading_styles: dict[str, Annotated[int, Field(ge=1, le=9)]] = Field({}, alias="heading-styles")
    suppress: list[Suppression] = []
    rules: list[Path] = []  # extra rule packs (folders), relative to the configuration file
    exclude: list[str] = []  # Git-style patterns of files and folders not to read in a folder scan
    docs_url: str | None = Field(None, alias="docs-url")  # where docs/rules.md is published (SARIF's helpUri)
    _path: Path | None = PrivateAttr(None)

    @field_validator("docs_url")
    @classmethod
    def _published(cls, url: str | None) -> str | None:
        if url is not None and (problem := docs_url_problem(url)):
            raise ValueError(problem)
        return url

    @property
    def path(self) -> Path | None:
        """The file the configuration came from; None for the defaults."""
        return self._path

    @property
    def rule_dirs(self) -> tuple[Path, ...]:
        """The configured rule packs, resolved against the configuration file's folder."""
        base = self._path.parent if self._path else Path.cwd()
        return tuple(base / folder for folder in self.rules)


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration in `path`, else the nearest one found from `start` (default: cwd)."""
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    elif not path.is_file():
        raise UserError(f"{path}: konfigurationsfilen finns inte")
    data = read_toml(path)
    prefix = ""
    if path.name == PYPROJECT:
        data, prefix = data.get("tool", {}).get("sosfs-check"), "tool.sosfs-check."
        if data is None:
            raise UserError(f"{path}: saknar tabellen [tool.sosfs-check]")
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        text = read_bytes(path).decode("utf-8", errors="replace")
        problems = [f"{path}{_line_suffix(text, prefix, err['loc'])}: {_problem(err, prefix)}" for err in exc.errors()]
        raise UserError("\n".join(problems)) from None
    config._path = path
    return config


def _key_pattern(key: str) -> re.Pattern:
    """A line that defines `key`: `key =`, `"key" =`, `[table.key]`, `[[key]]` or `{ key = ... }`."""
    name = re.escape(key)
    quoted = rf"(?:{name}|\"{name}\"|'{name}')"
    return re.compile(rf"(?:^\s*\[\[?\s*(?:[\w.\"'-]+\.)?{quoted}\s*[\].]|(?:^|[{{,.]|^\s*)\s*{quoted}\s*[=.])")


def _line_suffix(text: str, prefix: str, loc: tuple) -> str:
    """':LINE' where the configuration sets the value at `loc`, or '' when it cannot be told.

    tomllib keeps no positions, so the line is found by walking the keys down the file: each key
    after the line of the one before it; an index counts the `[[table]]` headers."""
    lines = text.splitlines()
    position = 0
    parts = [*prefix.rstrip(".").split("."), *loc] if prefix else list(loc)
    previous = ""
    for part in parts:
        if isinstance(part, int):
            header = re.compile(rf"^\s*\[\[\s*(?:[\w.\"'-]+\.)?{re.escape(previous)}\s*\]\]")
            found = [i for i in range(position, len(lines)) if header.search(lines[i])]
            if len(found) <= part:
                return ""
            position = found[part]
        else:
            pattern = _key_pattern(part)
            found = next((i for i in range(position, len(lines)) if pattern.search(lines[i])), None)
            if found is None:
                break  # a missing key: the line of the table that lacks it
            position = found
            previous = part
    return f":{position + 1}"


def _value_line(path: Path, value: str) -> str:
    """':LINE' of the first line naming `value` in quotes, or ''."""
    quoted = re.compile(rf"[\"']{re.escape(value)}[\"']")
    lines = read_bytes(path).decode("utf-8", errors="replace").splitlines()
    return next((f":{i}" for i, line in enumerate(lines, 1) if quoted.search(line)), "")


def _problem(err: dict, prefix: str) -> str:
    """One validation error in Swedish: 'key.path: what is wrong' (see `validation.swedish`)."""
    where = prefix + ".".join(str(part) for part in err["loc"])
    if err["type"] == "extra_forbidden":
        problem = swedish(err, where)
        if len(err["loc"]) == 1:
            problem += f" (tillåtna: {', '.join(f.alias or name for name, f in Config.model_fields.items())})"
        return problem
    if err["type"] == "missing" and err["loc"][-1] == "reason":
        return f"{where}: saknas; ett undantag kräver ett skriftligt skäl"
    return f"{where}: {swedish(err)}"


def _matches(name: str, rule) -> bool:
    return name in (rule.id, rule.area, *rule.aliases)


def configured_rules(config: Config, extra_dirs=()) -> RuleSet:
    """The built-in pack, the configuration's packs and `extra_dirs` (`--rules`), configured."""
    return configure_rules(config, load_ruleset((*config.rule_dirs, *extra_dirs)))


def configure_rules(config: Config, rules: RuleSet) -> RuleSet:
    """The rule set after select/ignore and severity overrides; unknown ids and areas are errors."""
    known = {r.id for r in rules.rules} | set(rules.aliases) | set(rules.areas)
    named = [*config.select, *config.ignore, *config.severity, *(s.rule for s in config.suppress)]
    unknown = sorted({name for name in named if name not in known})
    if unknown:
        where = _value_line(config.path, unknown[0]) if config.path else ""
        raise UserError(f"{config.path}{where}: okänd regel eller område: {', '.join(unknown)}")
    chosen = []
    for rule in rules.rules:
        if config.select and not any(_matches(n, rule) for n in config.select):
            continue
        if any(_matches(n, rule) for n in config.ignore):
            continue
        severity = next((config.severity[n] for n in (rule.id, *rule.aliases, rule.area) if n in config.severity), None)
        if severity and (severity != rule.severity or rule.severity_by_profile):
            rule = at_severity(rule, severity)
        chosen.append(rule)
    return RuleSet(pack=rules.pack, rules=tuple(chosen), packs=rules.packs, sections=rules.sections,
                   vocabulary=rules.vocabulary)


def at_severity(rule, severity: str) -> Rule:
    """The rule at another severity from a configuration: a lower one is always allowed; a raise the
    policy would refuse is kept, and marked so that the report says so."""
    data = {**dump(rule), "severity": severity, "severity_by_profile": {}}
    breaks = any(rule.severity_problem(p, severity) for p in rule.profiles)
    raised = SEVERITY_RANK[severity] > min(SEVERITY_RANK[rule.severity_for(p)] for p in rule.profiles)
    if breaks and raised:
        data["raised_from"] = rule.severity
    return Rule.model_validate(data)


def apply_suppressions(config: Config, results: list[Result], aliases: dict[str, str] | None = None) -> None:
    """Mark findings of suppressed rules with the written reason; a rule id beats its area.
    `aliases` maps earlier rule ids to today's (see `RuleSet.aliases`)."""
    reasons = {(aliases or {}).get(s.rule, s.rule): s.reason for s in config.suppress}
    for result in results:
        for finding in result.findings:
            finding.suppressed = reasons.get(finding.rule_id) or reasons.get(finding.area) or ""
