"""The build pipeline as an explicit list of stages, from a hub's files to the Hub every output reads.

Each stage is a function that takes the Hub and adds to it (items, places, problems); the order is
the contract. Rendering and publishing read the finished Hub and never change it; the renderer
adapters (adapters/) call `load_hub` and then render and publish.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from hub_build.core.gcpause import cyclic_gc_paused
from hub_build.core.hub import Hub
from hub_build.core.settings import HubSettings
from hub_build.enrich.stage import enrich
from hub_build.core.hub import ServiceEntry
from hub_build.core.problems import Problem
from hub_build.load.loader import (check_addresses, keep_valid, load_service, new_hub, read_sources, settle_placeholders,
                                   warn_duplicates)
from hub_build.render.site import HubSite

Stage = Callable[[Hub], None]


def check_generated_addresses(hub: Hub) -> None:
    """A content file may not take the address of a page the hub generates (a listing, a browse page...),
    except a sector's introduction, which the sector's lists follow."""
    plan = HubSite(hub).plan()
    check_addresses(hub, [(p.src_uri, f"the page '{p.title}'") for p in plan],
                    allowed=[p.src_uri for p in plan if p.kind == "sector"])


STAGES: tuple[tuple[str, Stage], ...] = (
    ("read and validate every file", read_sources),            # load/
    ("geo-tag services from their postcodes", enrich),         # enrich/
    ("report each placeholder once", settle_placeholders),     # load/placeholders.py
    ("one address, one page", check_generated_addresses),      # the generated pages' plan (render/site.py)
    ("keep only valid items", keep_valid),                     # nothing downstream sees a half-valid item
    ("warn about likely duplicates", warn_duplicates),         # load/duplicates.py
)


def load_hub(root: Path, settings: HubSettings, *, docs_dir: Path | None = None, today: dt.date | None = None) -> Hub:
    """Read, validate and enrich everything; problems are collected on the Hub, never raised."""
    hub = new_hub(root, settings, docs_dir=docs_dir, today=today)
    with cyclic_gc_paused():  # the hub only grows meanwhile: nine full rescans of it at 10,000 listings otherwise
        for _name, stage in STAGES:
            stage(hub)
    return hub


def reload_listings(hub: Hub, files: list[tuple[Path, str]]) -> tuple[list[ServiceEntry], list[Problem]]:
    """Listings that changed on disk (path, source as the inventory named it), read, validated and geo-tagged
    again on their own for `hub-build serve`: the new entries and their problems. The caller decides: any
    error, and it rebuilds everything (the full pipeline reports it)."""
    scratch = Hub(root=hub.root, settings=hub.settings, vocabulary=hub.vocabulary, today=hub.today,
                  docs_dir=hub.docs_dir)
    context = {"vocabulary": hub.vocabulary, "today": hub.today}
    for path, source in files:
        entry = load_service(scratch, path, source, context)
        if entry is not None:
            scratch.services.append(entry)
    enrich(scratch)
    settle_placeholders(scratch)
    return scratch.services, scratch.problems
