"""Enrichment after validation: geo-tagging from postcodes (and anything else derived from content)."""

from __future__ import annotations

from .hub import Hub


def enrich(hub: Hub) -> None:
    from .geo.tagging import geotag

    geotag(hub)
