"""Files published beside the pages: the theme overrides and the data the browser needs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from hub_build.publish.geodata import write_browser_data
from hub_build.publish.search.files import LUNR_TARGET, lunr_js_path, write_search_data
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
    """THEME_JS, with the Welsh mutations for the search box (welsh.js) before the box's script in hubs with Welsh,
    and the language switch's script (language.js: it keeps the reader's place) in a hub built in more than one."""
    scripts = list(THEME_JS)
    if hub.has_welsh:
        scripts.insert(scripts.index("assets/hub/sitesearch.js"), "assets/hub/welsh.js")
    if len(hub.settings.languages) > 1:
        scripts.append("assets/hub/language.js")
    return scripts

SCRIPTS = ("geo.js", "filter.js", "search-engine.js", "search.js", "sitesearch.js", "suggest.js", "print.js", "keyboard.js",
           "report.js")
WELSH_SCRIPTS = ("welsh.js",)  # Welsh mutations for the searches (search-engine.js): only in hubs with Welsh text


def publish_extras(hub: Hub, site_dir: Path, *, shared_data: bool = True) -> list[str]:
    """Write the browser's geo data and scripts into the built site; returns the paths written, relative to it.
    shared_data=False leaves out what every language's site shares (the geo data, the directory's search data,
    whose details and table carry the Welsh text and labels beside the English, and the listings' JSON Schema):
    a site in another language, built inside the English one, reads those from it."""
    target = site_dir / "assets" / "hub"
    target.mkdir(parents=True, exist_ok=True)
    if shared_data:
        written = write_browser_data(hub, site_dir)
        written += write_search_data(hub, site_dir)  # the directory search's table, details, text index and lunr.js
    else:
        shutil.copyfile(lunr_js_path(), site_dir / LUNR_TARGET)
        written = [LUNR_TARGET]
    for name in SCRIPTS + (WELSH_SCRIPTS if hub.has_welsh else ()):
        shutil.copyfile(ASSETS_DIR / name, target / name)
        written.append(f"assets/hub/{name}")
    from hub_build.publish.schema import write_schemas  # the JSON Schema of listings, with the hub's vocabulary, for editors' $schema URLs

    if shared_data:
        written += [f"schema/{path.name}" for path in write_schemas(hub.vocabulary, site_dir / "schema")]
    return written


def publish_feeds(hub: Hub, updates: list[Update], urls: SiteUrls, site_dir: Path, *, site_name: str, site_url: str,
                  language: str = "", root_url: str = "", _: Callable[[str], str] = str) -> list[str]:
    """The Atom feed of `updates` and the events' iCalendar files; returns the paths written, relative to the site.

    For a site in another language (built inside the English one, under /<language>/: adapters/mkdocs/languages.py),
    `language` is its tag, `root_url` the English site's address and `_` writes the feeds' own words in it: its feed
    lists each item in that language where the item has it (core/updates.updates_in) and links to its pages."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    if language:
        root = root_url.rstrip("/") + "/" if root_url else ""
        feed = atom_feed(updates_in(hub, updates, urls, language), title=site_name, site_url=root, today=hub.today,
                         lang=language, path=f"{language}/{FEED_PATH}",
                         heading=_("{site}: what's new").format(site=site_name))
    else:
        feed = atom_feed(updates, title=site_name, site_url=base, today=hub.today)
    (site_dir / FEED_PATH).write_bytes(feed)
    written = [FEED_PATH]
    domain = urlsplit(base).hostname or ""
    pages = {e.slug: base + urls.url(e.src_uri) for e in hub.events} if base else {}
    calendars = [(ics_path(hub.settings.events, entry.slug), [entry], entry.event.title) for entry in hub.events]
    calendars.append((ics_path(hub.settings.events), ev.upcoming(hub), _("{site}: upcoming events").format(site=site_name)))
    for path, entries, name in calendars:
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(calendar(entries, name=name, urls=pages, stamp=hub.today, domain=domain, _=_),
                                     encoding="utf-8", newline="")
        written.append(path)
    return written


def publish_open_data(hub: Hub, site_dir: Path) -> list[str]:
    """The services as Open Referral UK 3.0 JSON and CSV under open-data/oruk/; returns the paths written."""
    from hub_build.oruk.export import write_open_data

    return write_open_data(hub, site_dir)


def publish_language_files(messages: dict[str, str], site_dir: Path) -> list[str]:
    """A multilingual site's own scripts: the language switch, and the browser scripts' words in the site's
    language (`messages`: render/languages.browser_messages; a plain data file the scripts read, so the page's
    Content Security Policy needs no exception)."""
    import json

    target = site_dir / "assets" / "hub"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ASSETS_DIR / "language.js", target / "language.js")
    data = json.dumps(messages, ensure_ascii=False, sort_keys=True, indent=0)
    (target / "messages.js").write_text(
        "/* The hub's browser words in this site's language (hub_build/locale); generated by the build. */\n"
        f"window.hubMessages = {data};\n", encoding="utf-8")
    return ["assets/hub/language.js", "assets/hub/messages.js"]
