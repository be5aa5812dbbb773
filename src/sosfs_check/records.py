"""Validated rule-pack data as plain values, and back: what the rule cache holds and a check reads.

A pack's YAML is validated by its pydantic models (`rules`, `lawdata`, `sections`, `checks.models`).
`plain` turns such a model, or a record made from one, into JSON values: each model becomes an
object tagged with its class name (`"@": "Rule"`), a date `{"@date": "2026-03-01"}`, a mapping
whose keys are not strings `{"@items": [[1, 9], …]}`. `loads` reads such JSON back, without
pydantic, into `Record`s: frozen objects with the same attributes, equal to the model they came
from, and with the model's behaviour where the model has any (`behaviour.BEHAVIOUR`). Nothing in
the data is run or looked up beyond those names.
"""

from __future__ import annotations

import json
from datetime import date


class Record:
    """A validated model's fields as plain attributes; frozen, equal by class name and fields."""

    def __init__(self, fields: dict):
        object.__setattr__(self, "__dict__", fields)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other) -> bool:
        if type(other).__name__ != type(self).__name__:
            return NotImplemented
        return vars(self) == _fields(other)

    def __hash__(self) -> int:
        return hash((type(self).__name__, *map(_hashable, vars(self).values())))

    def __reduce__(self):  # pickled by model name, as `loads` makes it
        return _make, (type(self).__module__, type(self).__name__, vars(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


def _fields(value) -> dict:
    """A model's or a record's fields by name."""
    names = getattr(type(value), "model_fields", None)
    return {name: getattr(value, name) for name in names} if names is not None else vars(value)


def _hashable(value):
    if isinstance(value, list):
        return tuple(map(_hashable, value))
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def plain(value):
    """A model (or record), and what it holds, as JSON values (see the module's docstring)."""
    if isinstance(value, Record) or hasattr(type(value), "model_fields"):
        return {"@": type(value).__name__, **{k: plain(v) for k, v in _fields(value).items()}}
    if isinstance(value, date):
        return {"@date": value.isoformat()}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: plain(v) for k, v in value.items()}
        return {"@items": [[k, plain(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"not rule-pack data: {type(value).__name__}")


def loads(text: bytes | str, kinds: dict[str, type]):
    """`plain`'s values from JSON text, with records for its tagged objects; `kinds` maps a class name
    to its record class. The parser hands each object over as it completes it (inside out), so the
    data is walked once. Raises ValueError (or another plain exception) for anything `plain` does
    not write."""

    def tagged(value: dict):
        if "@" in value:
            return kinds[value.pop("@")](value)
        if "@date" in value:
            return date.fromisoformat(value["@date"])
        if "@items" in value:
            return dict(value["@items"])
        return value

    return json.loads(text, object_hook=tagged)


def dump(value) -> dict:
    """A model's or a record's fields as Python values (dates stay dates), to validate again."""
    def python(v):
        if isinstance(v, Record) or hasattr(type(v), "model_fields"):
            return dump(v)
        if isinstance(v, dict):
            return {k: python(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [python(x) for x in v]
        return v

    return {k: python(v) for k, v in _fields(value).items()}


def _make(module: str, name: str, fields: dict) -> Record:
    from importlib import import_module

    return import_module(module).KINDS[name](fields)
