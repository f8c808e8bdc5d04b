"""Enrichment after validation: geo-tagging from postcodes (and anything else derived from content)."""

from __future__ import annotations

from hub_build.core.hub import Hub


def enrich(hub: Hub) -> None:
    from hub_build.enrich.geo.tagging import geotag

    geotag(hub)
