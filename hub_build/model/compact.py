"""Validated models made smaller once validation is done (issue 11: peak memory at 10,000 listings)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

_SHARED: dict[frozenset[str], frozenset[str]] = {}  # one per distinct set of given fields: a few hundred at most


def share_fields_sets(value: Any) -> None:
    """Let models with the same given fields share one frozen set of their names.

    pydantic keeps a set of the fields given on every model instance (`model_fields_set`), about 300 bytes
    each: 25 MB on the ~80,000 nested models of 10,000 listings, more than the models' own attribute tables.
    The hub's models are frozen, so the set never changes after validation; a frozenset (shared, and refusing
    any change loudly) holds the same answer."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, BaseModel):
            given = frozenset(item.__pydantic_fields_set__)
            object.__setattr__(item, "__pydantic_fields_set__", _SHARED.setdefault(given, given))
            stack.extend(item.__dict__.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
