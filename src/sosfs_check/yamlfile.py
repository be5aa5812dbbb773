"""YAML files of rule packs: reading them, and validation errors as file:line:column in Swedish."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import RuleError
from .validation import swedish


def yaml_loader():
    import yaml  # here: a run with cached rules never reads YAML (see rulecache)

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Map each key path in a YAML text to its 1-based (line, column)."""
    import yaml

    out: dict[tuple, tuple[int, int]] = {}

    def walk(node, path):
        out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
                out[path + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    root = yaml.compose(text, Loader=yaml_loader())
    if root is not None:
        walk(root, ())
    return out


def _locate(positions: dict[tuple, tuple[int, int]], loc: tuple) -> tuple[int, int]:
    """Deepest known position along a pydantic error location (union tags are skipped)."""
    path: tuple = ()
    best = positions.get((), (1, 1))
    for part in loc:
        if path + (part,) in positions:
            path += (part,)
            best = positions[path]
    return best


def read_yaml(path: Path) -> tuple[str, object]:
    """Text and data of a YAML file, within the limits of `bounds` (size, no aliases, depth)."""
    import yaml

    from .bounds import DataError, load_yaml, read_bounded

    try:
        text = read_bounded(path).decode("utf-8")
        return text, load_yaml(text)
    except DataError as exc:
        raise RuleError([f"{path}:{exc.line}:{exc.column}: {exc.problem}"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([f"{path}:1:1: kan inte läsas: {exc}"]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError([f"{path}:{line}:{col}: ogiltig YAML: {problem}"]) from exc


def validate(model, path: Path, text: str, data: object, context: dict | None = None):
    """Validate YAML data with a pydantic model; every problem becomes 'file:line:column: key.path: message'."""
    try:
        return model.model_validate(data if data is not None else {}, context=context)
    except ValidationError as exc:
        where = positions(text)
        problems = []
        for err in exc.errors():
            loc = err["loc"] + (("type",) if err["type"] == "union_tag_invalid" else ())
            line, col = _locate(where, loc)
            key = ".".join(str(p) for p in loc)
            problems.append(f"{path}:{line}:{col}: {key}: {swedish(err)}")
        raise RuleError(problems) from exc
