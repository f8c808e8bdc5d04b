"""Geo-tagging service locations from their postcodes (placeholder until the ONS lookup lands)."""

from __future__ import annotations

from ..hub import Hub


def geotag(hub: Hub) -> None:
    for entry in hub.services:
        entry.places = [None for _ in entry.service.locations]
