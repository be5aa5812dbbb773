"""Pydantic's validation errors in Swedish: one translator for rule packs, the configuration
file and the web page's form fields. Each caller says where (file, line, key)."""

from __future__ import annotations


def swedish(err: dict, key: str | None = None) -> str:
    """What is wrong, in Swedish; `key` names an unknown key (default: the last part of its place)."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "extra_forbidden":
        return f"okänd nyckel '{key or err['loc'][-1]}'"
    if kind == "missing":
        return "saknas"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        from .checks import CHECK_TYPE_NAMES

        wrong = f"okänd kontrolltyp {ctx['tag']!r}" if kind == "union_tag_invalid" else "kontrollen saknar 'type'"
        return f"{wrong}; välj bland: {', '.join(CHECK_TYPE_NAMES)}"
    if kind in ("literal_error", "enum"):
        return f"ogiltigt värde {err['input']!r}; tillåtet: {ctx['expected'].replace(' or ', ' eller ')}"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    shown = f" {err['input']!r}" if isinstance(err.get("input"), (str, int, float)) else ""
    return f"ogiltigt värde{shown} ({err['msg']})"
