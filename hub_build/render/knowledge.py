"""The knowledge hub's pages beyond the directory: resource browse pages, practice examples, events,
updates, and their home-page blocks. Like site.py, nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from markupsafe import Markup

from hub_build.core import events as ev
from hub_build.core.hub import EventEntry, PracticeEntry, ResourceEntry
from hub_build.core.updates import Update, collect_updates
from hub_build.core.urls import FEED_PATH, ics_path
from hub_build.core.vocabulary import Term
from hub_build.render.languages import N_
from hub_build.render.sanitise import render_markdown

if TYPE_CHECKING:
    from hub_build.render.site import GeneratedPage, HubSite

# Resource browse dimensions: (URL folder, vocabulary category, front-matter field, heading).
DIMENSIONS = (("types", "resource_types", "type", N_("type")), ("topics", "topics", "topics", N_("topic")),
              ("audiences", "audiences", "audiences", N_("audience")))


def _values(resource, field: str) -> list[str]:
    value = getattr(resource, field)
    return [value] if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class Facet:
    """One drop-down of an on-page filter: the attribute each list item carries, and its options."""

    name: str
    label: str
    options: list[tuple[str, str]]


class Knowledge:
    """URLs, page plan and rendering for resources, practice, events and updates."""

    def __init__(self, site: "HubSite") -> None:
        self.site = site
        self.hub = site.hub
        self._updates: list[Update] | None = None

    def describe(self, entry: EventEntry) -> str:
        """An event's dates and times in the site's language."""
        return ev.describe(entry, day=self.site.date, span=self.site._("{start} to {end}"))

    # --- URLs --------------------------------------------------------------------------
    def url(self, src_uri: str) -> str:
        return self.site.urls.url(src_uri)

    def browse_url(self, dimension: str, term: str) -> str:
        return self.url(f"{self.hub.settings.resources}/{dimension}/{term}/index.md")

    def practice_index(self) -> str:
        return self.url(f"{self.hub.settings.practice}/index.md")

    def events_index(self) -> str:
        return self.url(f"{self.hub.settings.events}/index.md")

    def events_archive(self) -> str:
        return self.url(f"{self.hub.settings.events}/past.md")

    def ics_url(self, entry: EventEntry | None = None) -> str:
        return ics_path(self.hub.settings.events, entry.slug if entry else None)

    def updates_url(self) -> str:
        return self.url("updates.md")

    # --- derived lists -----------------------------------------------------------------
    def practice(self) -> list[PracticeEntry]:
        return sorted(self.hub.practice, key=lambda e: (e.practice.title.casefold(), e.slug))

    def practice_for_sector(self, sector: str) -> list[PracticeEntry]:
        return [e for e in self.practice() if sector in e.practice.sectors]

    def browse_terms(self, category: str, field: str) -> list[tuple[Term, list[ResourceEntry]]]:
        """Vocabulary terms that have resources, each with its resources by title."""
        result = []
        for term in self.hub.vocabulary.terms(category).values():
            chosen = sorted((r for r in self.hub.resources if term.key in _values(r.resource, field)),
                            key=lambda r: (r.resource.title.casefold(), r.slug))
            if chosen:
                result.append((term, chosen))
        return result

    def updates(self) -> list[Update]:
        """New and changed items, newest first: computed once per build (core/updates.py)."""
        if self._updates is None:
            self._updates = collect_updates(self.hub, self.site.urls, label=self.site._, describe=self.describe)
        return self._updates

    def plan(self) -> list["GeneratedPage"]:
        from hub_build.render.site import GeneratedPage

        settings = self.hub.settings
        _ = self.site._
        pages = []
        for folder, category, field, english_noun in DIMENSIONS:
            noun = _(english_noun)
            for term, chosen in self.browse_terms(category, field):
                pages.append(GeneratedPage(
                    f"{settings.resources}/{folder}/{term.key}/index.md", _("Resources: {term}").format(term=term.label),
                    _("Resources by {dimension}: {term}.").format(dimension=noun, term=term.label),
                    partial(self.render_resource_browse, term, noun, chosen)))
        pages.append(GeneratedPage(f"{settings.practice}/index.md", _("Practice examples"),
                                   _("How organisations support children and families of prisoners: examples to learn "
                                     "from."),
                                   self.render_practice_index, kind="resources"))
        pages.append(GeneratedPage(f"{settings.events}/index.md", _("Events and training"),
                                   _("Upcoming events and training for professionals."), self.render_events, kind="resources"))
        pages.append(GeneratedPage(f"{settings.events}/past.md", _("Past events"),
                                   _("Events and training that have taken place."), self.render_events_archive))
        pages.append(GeneratedPage("updates.md", _("What's new"), _("New and updated resources, services, practice "
                                   "examples and events."), self.render_updates, kind="resources"))
        return pages

    # --- rendering ---------------------------------------------------------------------
    def _render(self, template: str, page_url: str, **values) -> str:
        from hub_build.render.site import LinkContext

        ctx = LinkContext(self.site, page_url)
        return self.site._templates.get_template(template).render(env=ctx, k=self, **values)

    def _facets(self, items: Iterable, fields: Iterable[tuple[str, str, str]]) -> list[Facet]:
        """Drop-downs for the dimensions in which the listed items differ."""
        facets = []
        for name, category, english_label in fields:
            label = self.site._(english_label)
            keys = set()
            for item in items:
                keys.update(_values(item, name))
            if len(keys) > 1:
                options = [(t.key, t.label) for t in self.hub.vocabulary.terms(category).values() if t.key in keys]
                facets.append(Facet(name, label, options))
        return facets

    def render_resource_browse(self, term, noun: str, chosen: list[ResourceEntry], page_url: str) -> str:
        facets = self._facets([r.resource for r in chosen], [
            ("type", "resource_types", N_("Type")), ("audiences", "audiences", N_("For")), ("sectors", "sectors", N_("Sector")),
            ("nations", "nations", N_("Nation"))])
        return self._render("resource_browse.html", page_url, term=term, noun=noun, items=chosen, facets=facets,
                            resources_home=self.url(f"{self.hub.settings.resources}/index.md"), values=_values)

    def render_practice_index(self, page_url: str) -> str:
        items = self.practice()
        facets = self._facets([p.practice for p in items], [("sectors", "sectors", N_("Sector")),
                                                            ("nations", "nations", N_("Nation")), ("topics", "topics", N_("Topic"))])
        return self._render("practice_index.html", page_url, items=items, facets=facets, values=_values)

    def render_events(self, page_url: str) -> str:
        return self._render("events.html", page_url, items=ev.upcoming(self.hub), describe=self.describe,
                            archive=self.events_archive(), past_count=len(ev.past(self.hub)), when=ev.when)

    def render_events_archive(self, page_url: str) -> str:
        return self._render("events_past.html", page_url, items=ev.past(self.hub), describe=self.describe,
                            upcoming=self.events_index(), when=ev.when)

    def render_updates(self, page_url: str) -> str:
        return self._render("updates.html", page_url, items=self.updates(), long_date=self.site.date, feed=FEED_PATH)

    def render_block(self, name: str, page_url: str) -> str:
        if name == "upcoming-events":
            return self._render("block_events.html", page_url, items=ev.upcoming(self.hub)[:5], describe=self.describe,
                                index=self.events_index(), calendar=self.ics_url(), when=ev.when)
        if name == "latest-practice":
            latest = sorted(self.hub.practice, key=lambda e: (e.practice.last_reviewed, e.slug), reverse=True)[:5]
            return self._render("block_practice.html", page_url, items=latest, index=self.practice_index())
        if name == "latest-updates":
            return self._render("block_updates.html", page_url, items=self.updates()[:5], index=self.updates_url(),
                                feed=FEED_PATH, long_date=self.site.date)
        return ""

    def _reviewed(self, reviewed: dt.date) -> dict:
        return {"reviewed": self.site.date(reviewed), "overdue": self.hub.is_overdue(reviewed)}

    def render_practice_panel(self, entry: PracticeEntry, page_url: str) -> str:
        p = entry.practice
        return self._render("practice.html", page_url, entry=entry, p=p,
                            approach=Markup(render_markdown(p.approach)),  # noqa: S704 - sanitised by nh3
                            outcomes=Markup(render_markdown(p.outcomes)),  # noqa: S704 - sanitised by nh3
                            **self._reviewed(p.last_reviewed))

    def render_event_panel(self, entry: EventEntry, page_url: str) -> str:
        span = ev.when(entry)
        return self._render("event.html", page_url, entry=entry, e=entry.event, when=span, described=self.describe(entry),
                            past=ev.is_past(entry, self.hub.today), ics=self.ics_url(entry),
                            **self._reviewed(entry.event.last_reviewed))

    def attachment(self, entry: ResourceEntry) -> tuple[str, str]:
        """(type, size) of a resource's attached file, e.g. ('PDF', '1.2 MB')."""
        if not entry.resource.file:
            return "", ""
        path = (self.hub.root / entry.source).parent / entry.resource.file
        kind = Path(entry.resource.file).suffix.lstrip(".").upper() or "file"
        return kind, human_size(path.stat().st_size) if path.is_file() else ""

    @cached_property
    def _by_uri(self) -> dict[str, PracticeEntry | EventEntry]:
        """Practice examples and events by src_uri: every page looks itself up once, not by a scan."""
        return {**{e.src_uri: e for e in self.hub.practice}, **{e.src_uri: e for e in self.hub.events}}

    def page_for(self, src_uri: str, page_url: str) -> tuple[str, str, str] | None:
        """(title, description, details panel HTML) for a practice or event page, or None."""
        entry = self._by_uri.get(src_uri)
        if isinstance(entry, PracticeEntry):
            return entry.practice.title, entry.practice.summary, self.render_practice_panel(entry, page_url)
        if isinstance(entry, EventEntry):
            return entry.event.title, entry.event.summary, self.render_event_panel(entry, page_url)
        return None

    def meta_for(self, src_uri: str) -> tuple[str, str] | None:
        """(title, description) of a practice or event page, for the page's head."""
        entry = self._by_uri.get(src_uri)
        if isinstance(entry, PracticeEntry):
            return entry.practice.title, entry.practice.summary
        if isinstance(entry, EventEntry):
            return entry.event.title, entry.event.summary
        return None

def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
