"""Stable ORUK ids: UUIDv5 of what a thing is (a listing's slug, a term's key), never of build order.

A listing keeps its ids across builds as long as its file name (slug) stays; the hub's
`open_data_id_base` setting seeds the namespace so that two hubs' ids do not collide.
"""

from __future__ import annotations

import hashlib
import uuid


class Ids:
    """Makes the ids of one hub's ORUK objects."""

    def __init__(self, base: str) -> None:
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, "hub-build:oruk:" + base)
        self._prefix = hashlib.sha1(self.namespace.bytes)

    def make(self, kind: str, *parts: object) -> str:
        """The id of the `kind` object named by `parts` (e.g. ("service", slug) or ("location", slug, 0)).

        Exactly uuid.uuid5(namespace, "kind/part/...") (RFC 4122 version 5), written out without building
        UUID objects: a build makes some twenty ids per listing.
        """
        digest = self._prefix.copy()
        digest.update("/".join([kind, *map(str, parts)]).encode("utf-8"))
        raw = bytearray(digest.digest()[:16])
        raw[6] = (raw[6] & 0x0F) | 0x50
        raw[8] = (raw[8] & 0x3F) | 0x80
        text = raw.hex()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
