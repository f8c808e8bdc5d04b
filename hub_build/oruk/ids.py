"""Stable ORUK ids: UUIDv5 of what a thing is (a listing's slug, a term's key), never of build order.

A listing keeps its ids across builds as long as its file name (slug) stays; the hub's
`open_data_id_base` setting seeds the namespace so that two hubs' ids do not collide.
"""

from __future__ import annotations

import uuid


class Ids:
    """Makes the ids of one hub's ORUK objects."""

    def __init__(self, base: str) -> None:
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, "hub-build:oruk:" + base)

    def make(self, kind: str, *parts: object) -> str:
        """The id of the `kind` object named by `parts` (e.g. ("service", slug) or ("location", slug, 0))."""
        return str(uuid.uuid5(self.namespace, "/".join([kind, *map(str, parts)])))
