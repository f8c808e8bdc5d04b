"""Turning pydantic's verdicts into problems a contributor can act on."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from hub_build.model.fields import shown
from hub_build.core.problems import Problem
from hub_build.core.yamlsource import Positions

Loc = tuple[str | int, ...]


def dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the field at `loc` (following lists and Optionals)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union) or str(origin) == "types.UnionType":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else annotation
            if origin is not list and len(args) != 1:
                return annotation
        else:
            return annotation


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return "text"


def describe(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str, Loc, bool]:
    """(message, hint, where to point, point at the key rather than the value)."""
    kind = error["type"]
    loc: Loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "missing":
        return f"required field '{name}' is missing", f"add '{name}:' (see the field reference in README.md)", loc[:-1], False
    if kind == "extra_forbidden":
        holder = _model_at(model, loc[:-1])
        allowed = list(holder.model_fields) if holder else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'? " if close else "") + ("fields here: " + ", ".join(allowed) if allowed else "")
        return f"unknown field '{shown(name)}'", hint, loc, True
    if "hint" in ctx:  # our own checks
        at = ctx.get("at")
        return error["msg"], ctx["hint"], (loc + (at,)) if at else loc, bool(at)
    if value is None:
        return "is empty", "write a value, or remove the line if the field is optional", loc, False
    if kind in ("string_type", "str_type"):
        return f"should be text, not {_kind(value)}", "write the text on the same line as the field name", loc, False
    if kind == "list_type":
        return f"should be a list, not {_kind(value)}", "write each item on its own line starting with '- '", loc, False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        holder = _model_at(model, loc)
        fields = ", ".join(holder.model_fields) if holder else ""
        return (f"should be a group of fields, not {_kind(value)}",
                "write the fields on indented lines below it" + (f": {fields}" if fields else ""), loc, False)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if isinstance(value, (dict, list)):  # never show Python's notation for a list or a group
            return f"should be a whole number, not {_kind(value)}", "write digits only, like 12", loc, False
        return f"'{shown(value)}' should be a whole number", "write digits only, like 12", loc, False
    if kind == "greater_than_equal":
        return f"should be at least {ctx.get('ge')}", "", loc, False
    if kind == "less_than_equal":
        return f"should be at most {ctx.get('le')}", "", loc, False
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        return (f"is too long: {len(value)} characters, at most {ctx.get('max_length')}",
                "shorten it; put the detail in the description", loc, False)
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}", "add one on a line starting with '- '", loc, False
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})", "keep the most important ones", loc, False
    return error["msg"], "", loc, False


def problems_from(error: ValidationError, model: type[BaseModel], source: str, positions: Positions) -> list[Problem]:
    found = []
    for item in error.errors(include_url=False):
        message, hint, loc, at_key = describe(item, model)
        line, col = positions.locate(loc, prefer_key=at_key)
        field = tuple(item["loc"]) + ((item["ctx"]["at"],) if (item.get("ctx") or {}).get("at") else ())
        found.append(Problem(source, line, col, message, hint, field=dotted(field)))
    return found
