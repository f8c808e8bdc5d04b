"""What is new and changed: resources, services, practice examples and upcoming events, newest first.

One list, computed once, read by the updates page, the home page's block and the Atom feed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from hub_build.core import events as ev
from hub_build.core.hub import EventEntry, Hub, ServiceEntry
from hub_build.core.urls import SiteUrls


@dataclass(frozen=True)
class Update:
    """One entry of the updates page and the Atom feed."""

    kind: str
    title: str
    summary: str
    url: str
    updated: dt.date
    published: dt.date | None
    new: bool
    lang: str = ""  # of the title; lang_summary of the summary: a listing's text_language (WCAG 3.1.2)
    lang_summary: str = ""


def _update(kind: str, title: str, summary: str, url: str, reviewed: dt.date, published: dt.date | None) -> Update:
    updated = max(reviewed, published) if published else reviewed
    return Update(kind, title, summary, url, updated, published, new=bool(published and published >= reviewed))


def collect_updates(hub: Hub, urls: SiteUrls, label: Callable[[str], str] = str,
                    describe: Callable[[EventEntry], str] = ev.describe) -> list[Update]:
    """The newest `feed_size` items, by the date they were last checked or published; `label` names each kind and
    `describe` writes an event's dates in the site's language (English by default)."""
    items: list[Update] = []
    for r in hub.resources:
        items.append(_update(label("Resource"), r.resource.title, r.resource.summary, urls.url(r.src_uri),
                             r.resource.last_reviewed, r.resource.date))
    for s in hub.services:
        item = _update(label("Service"), s.service.name, s.service.summary, urls.url(f"services/{s.slug}.md"),
                       s.service.last_reviewed, None)
        items.append(dataclasses.replace(item, lang=s.service.lang_of_name, lang_summary=s.service.text_language or ""))
    for p in hub.practice:
        items.append(_update(label("Practice example"), p.practice.title, p.practice.summary, urls.url(p.src_uri),
                             p.practice.last_reviewed, p.practice.date))
    for e in ev.upcoming(hub):
        items.append(_update(label("Event"), e.event.title, f"{describe(e)}. {e.event.summary}",
                             urls.url(e.src_uri), e.event.last_reviewed, None))
    items.sort(key=lambda u: (u.updated, u.title.casefold(), u.url), reverse=True)
    return items[: hub.settings.feed_size]


def updates_in(hub: Hub, updates: list[Update], urls: SiteUrls, lang: str) -> list[Update]:
    """The updates as the `lang` site lists them: each item's text in that language where it has it (the Hub's
    fallback rule), `lang` and `lang_summary` saying which language each text is in, and the item's address on
    that site (under /cy/ for Welsh)."""
    if lang == "en":
        return updates
    items: dict[str, Any] = {urls.url(r.src_uri): r for r in hub.resources}
    items.update({urls.url(f"services/{s.slug}.md"): s for s in hub.services})
    items.update({urls.url(p.src_uri): p for p in hub.practice})
    items.update({urls.url(e.src_uri): e for e in hub.events})
    out = []
    for update in updates:
        item = items.get(update.url)
        if item is None:
            continue
        title = hub.text(item, "name" if isinstance(item, ServiceEntry) else "title", lang)
        summary = hub.text(item, "summary", lang)
        out.append(dataclasses.replace(update, title=title.text, summary=summary.text, url=f"{lang}/{update.url}",
                                       lang=title.lang, lang_summary=summary.lang))
    return out
