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
        self._prefix = hashlib.sha1(self.namespace.bytes, usedforsecurity=False)  # UUIDv5 is defined on SHA-1

    def make(self, name: str) -> str:
        """The id of the object named `name`, "kind/part/..." (e.g. "service/SLUG", "location/SLUG/0").

        Exactly str(uuid.uuid5(namespace, name)) (RFC 4122 version 5), written out without building
        UUID objects: a build makes some twenty ids per listing.
        """
        digest = self._prefix.copy()
        digest.update(name.encode("utf-8"))
        x = digest.hexdigest()
        return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[int(x[16], 16)]}{x[17:20]}-{x[20:32]}"


_VARIANT = "89ab" * 4  # the RFC 4122 variant: the top two bits of byte 8 are 10
