"""Files published beside the pages: the theme overrides and the data the browser needs."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

from hub_build.publish.geodata import write_browser_data
from hub_build.publish.search.files import write_search_data
from hub_build.core import events as ev
from hub_build.core.hub import Hub
from hub_build.core.updates import Update, updates_in
from hub_build.core.urls import FEED_PATH, SiteUrls, ics_path
from hub_build.publish.feeds import atom_feed
from hub_build.publish.ical import calendar

THEME_DIR = Path(__file__).parents[1] / "theme"
ASSETS_DIR = Path(__file__).parents[1] / "assets"
# What the theme loads on every page, beside the renderer's own (suggest.js is loaded by the suggest page).
THEME_CSS = ("assets/hub/hub.css", "assets/hub/search.css", "assets/hub/sitesearch.css", "assets/hub/suggest.css")
THEME_JS = (
    "assets/hub/filter.js",  # on-page list filters (does nothing without one)
    "assets/hub/print.js",  # the print header's date and page address
    "assets/hub/keyboard.js",  # the header's menu and search buttons by keyboard
    "assets/hub/sitesearch.js",  # the search box on every page (theme/partials/search.html)
)


def theme_scripts(hub: Hub) -> list[str]:
    """THEME_JS, with the Welsh mutations for the search box (welsh.js) before the box's script in hubs with Welsh."""
    scripts = list(THEME_JS)
    if hub.has_welsh:
        scripts.insert(scripts.index("assets/hub/sitesearch.js"), "assets/hub/welsh.js")
    return scripts
SCRIPTS = ("geo.js", "filter.js", "search-engine.js", "search.js", "sitesearch.js", "suggest.js", "print.js", "keyboard.js",
           "report.js")
WELSH_SCRIPTS = ("welsh.js",)  # Welsh mutations for the searches (search-engine.js): only in hubs with Welsh text


def publish_extras(hub: Hub, site_dir: Path) -> list[str]:
    """Write the browser's geo data and scripts into the built site; returns the paths written, relative to it."""
    written = write_browser_data(hub, site_dir)
    written += write_search_data(hub, site_dir)  # the directory search page's index, results and lunr.js
    target = site_dir / "assets" / "hub"
    target.mkdir(parents=True, exist_ok=True)
    for name in SCRIPTS + (WELSH_SCRIPTS if hub.has_welsh else ()):
        shutil.copyfile(ASSETS_DIR / name, target / name)
        written.append(f"assets/hub/{name}")
    from hub_build.publish.schema import write_schemas  # the JSON Schema of listings, with the hub's vocabulary, for editors' $schema URLs

    written += [f"schema/{path.name}" for path in write_schemas(hub.vocabulary, site_dir / "schema")]
    return written


def publish_feeds(hub: Hub, updates: list[Update], urls: SiteUrls, site_dir: Path, *, site_name: str, site_url: str) -> list[str]:
    """The Atom feed of `updates` and the events' iCalendar files; returns the paths written, relative to the site."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    (site_dir / FEED_PATH).write_bytes(atom_feed(updates, title=site_name, site_url=base, today=hub.today))
    written = [FEED_PATH]
    if "cy" in hub.settings.languages:  # the Welsh feed, of the Welsh site's pages (core/updates.updates_in)
        welsh = f"cy/{FEED_PATH}"
        (site_dir / welsh).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / welsh).write_bytes(atom_feed(updates_in(hub, updates, urls, "cy"), title=site_name, site_url=base,
                                                 today=hub.today, lang="cy", path=welsh,
                                                 heading=f"{site_name}: beth sy'n newydd"))
        written.append(welsh)
    domain = urlsplit(base).hostname or ""
    pages = {e.slug: base + urls.url(e.src_uri) for e in hub.events} if base else {}
    calendars = [(ics_path(hub.settings.events, entry.slug), [entry], entry.event.title) for entry in hub.events]
    calendars.append((ics_path(hub.settings.events), ev.upcoming(hub), f"{site_name}: upcoming events"))
    for path, entries, name in calendars:
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(calendar(entries, name=name, urls=pages, stamp=hub.today, domain=domain),
                                     encoding="utf-8", newline="")
        written.append(path)
    return written


def publish_open_data(hub: Hub, site_dir: Path) -> list[str]:
    """The services as Open Referral UK 3.0 JSON and CSV under open-data/oruk/; returns the paths written."""
    from hub_build.oruk.export import write_open_data

    return write_open_data(hub, site_dir)
