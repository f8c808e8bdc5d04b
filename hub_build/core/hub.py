"""The Hub: every valid item in memory, read once; everything downstream reads this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from hub_build.model.eventtime import When, event_when
from hub_build.model.items import Event, Practice, Resource, Service
from hub_build.core.problems import Problem
from hub_build.core.settings import HubSettings
from hub_build.core.vocabulary import Vocabulary
from hub_build.core.yamlsource import Positions

if TYPE_CHECKING:
    from hub_build.load.inventory import Inventory


@dataclass
class Place:
    """Where a service location is, from its postcode (filled in by geo-tagging)."""

    postcode: str
    lat: float
    lon: float
    la_code: str
    la_name: str
    nation: str
    region: str = ""
    precision: str = "postcode"


@dataclass
class ServiceEntry:
    slug: str
    source: str  # path relative to the hub root, as shown in messages and edit links
    service: Service
    positions: Positions
    places: list[Optional[Place]] = field(default_factory=list)
    # coverage.local_authorities resolved to GSS code -> official name (filled in by geo-tagging)
    coverage_areas: dict[str, str] = field(default_factory=dict)

    @property
    def nations(self) -> set[str]:
        """Nations the service is for: its coverage, and where its sites are."""
        coverage = self.service.coverage
        if coverage.national:
            return {"england", "wales", "scotland", "northern-ireland"}
        found = set(coverage.nations)
        found.update(place.nation for place in self.places if place)
        return found

    @property
    def local_authorities(self) -> dict[str, str]:
        """GSS code -> name for the areas the service's sites are in."""
        return {place.la_code: place.la_name for place in self.places if place}


@dataclass
class ResourceEntry:
    slug: str
    source: str  # path relative to the hub root
    src_uri: str  # path relative to the docs folder, as MkDocs knows it
    resource: Resource
    positions: Positions


@dataclass
class PracticeEntry:
    """A practice example or case study: a Markdown page in content/practice/."""

    slug: str
    source: str
    src_uri: str
    practice: Practice
    positions: Positions


@dataclass
class EventEntry:
    """An event or training course: a Markdown page in content/events/."""

    slug: str
    source: str
    src_uri: str
    event: Event
    positions: Positions

    @cached_property
    def when(self) -> When:
        """Start and end as dates or times, parsed once."""
        return event_when(self.event)


@dataclass
class PageSource:
    """A Markdown page as the hub read and checked it: the renderer is given this body, never the file again,
    so what is published is exactly what was validated (front matter is data, never page text)."""

    source: str
    body: str
    meta: Optional[Any] = None  # an editor page's checked front matter, an EditorPage (a Welsh sibling of an item: its text)


@dataclass(frozen=True)
class LangText:
    """An item's text as a page in some language shows it: `lang` is the language the text is written in, and
    `fell_back` says the item has no version in the language asked for (so the page marks it `lang` and says so)."""

    text: str
    lang: str
    fell_back: bool

    def __str__(self) -> str:
        return self.text


# Fields of an item with a Welsh version, by kind: where the Welsh text lives, relative to the cy block or the
# sibling's front matter, and where the English text lives on the item's model.
SERVICE_TEXT = {"name": "name", "summary": "summary", "description": "description",
                "how_to_refer": "access.how_to_refer", "opening_hours": "opening_hours", "cost_details": "cost.details"}
LOCATION_TEXT = ("name", "accessibility")


def _get(model, dotted: str):
    for part in dotted.split("."):
        model = getattr(model, part, None) if model is not None else None
    return model


@dataclass
class Hub:
    root: Path
    settings: HubSettings
    vocabulary: Vocabulary
    today: dt.date
    services: list[ServiceEntry] = field(default_factory=list)
    resources: list[ResourceEntry] = field(default_factory=list)
    resources_by_uri: dict[str, ResourceEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    practice: list[PracticeEntry] = field(default_factory=list)
    events: list[EventEntry] = field(default_factory=list)
    pages: dict[str, PageSource] = field(default_factory=dict)  # every valid Markdown file, by src_uri
    # Welsh siblings of pages and items: the original's src_uri -> language -> the sibling as the hub read it
    translations: dict[str, dict[str, PageSource]] = field(default_factory=dict)
    inventory: Optional["Inventory"] = None  # every file of the sources, classified (inventory.py)
    docs_dir: Optional[Path] = None  # the content folder (MkDocs' docs_dir); None: root / "content"
    # Facts derived from `services`, each computed once per list: the pipeline replaces the list when it
    # drops invalid items, and a new list is a new key, so nothing reads an order or a map of a stale list.
    _derived: dict[str, tuple[list[ServiceEntry], Any]] = field(default_factory=dict, repr=False, compare=False)

    def _once(self, name: str, make: Callable[[list[ServiceEntry]], Any]) -> Any:
        known = self._derived.get(name)
        if known is None or known[0] is not self.services:
            known = (self.services, make(self.services))
            self._derived[name] = known
        return known[1]

    @property
    def services_by_name(self) -> list[ServiceEntry]:
        """Services in the order every list shows them (pages, search results, the search table): by name."""
        return self._once("by_name", lambda services: sorted(services, key=lambda e: (e.service.name.casefold(), e.slug)))

    @property
    def council_names(self) -> dict[str, str]:
        """GSS code -> official name of every local authority a service is in or covers."""
        def collect(services: list[ServiceEntry]) -> dict[str, str]:
            names: dict[str, str] = {}
            for entry in services:
                names.update(entry.local_authorities)
                names.update(entry.coverage_areas)
            return names
        return self._once("councils", collect)

    @property
    def has_welsh(self) -> bool:
        """Whether the hub has Welsh: built in Welsh, or a listing with a Welsh version (cy:). Only then do the
        search data carry Welsh fields (with the text of listings written in Welsh, text_language: cy too) and
        the site Welsh search: a hub without Welsh builds exactly as before."""
        return "cy" in self.settings.languages or self._once(
            "welsh", lambda services: any(e.service.cy is not None for e in services))

    @property
    def languages(self) -> list[str]:
        """The languages the site is built in, English first."""
        return list(self.settings.languages)

    def translation(self, src_uri: str, lang: str) -> Optional[PageSource]:
        """A page's or item's sibling in `lang` (its body and checked front matter), or None."""
        return self.translations.get(src_uri, {}).get(lang)

    def page_in(self, src_uri: str, lang: str) -> tuple[Optional[PageSource], bool]:
        """(the Markdown page to show in `lang`, whether it fell back to the English page)."""
        welsh = self.translation(src_uri, lang) if lang != "en" else None
        if welsh is not None:
            return welsh, False
        return self.pages.get(src_uri), lang != "en"

    def text(self, item, field: str, lang: str = "en", *, location: Optional[int] = None) -> LangText:
        """One text field of a service, resource, practice example or event as the `lang` site shows it: the
        Welsh version where there is one, else the original with `fell_back` set. Fields: a service's name,
        summary, description, how_to_refer, opening_hours, cost_details, and (with `location`, an index into
        its locations) a location's name or accessibility; an item's title, summary, and approach and outcomes
        (practice) or cost (events). An empty field is "" and never falls back."""
        welsh, original, own_lang = self._versions(item, field, lang, location)
        if lang != "en" and welsh:
            return LangText(str(welsh), lang, False)
        text = "" if original is None else str(original)
        return LangText(text, own_lang, bool(text) and lang != own_lang)

    def _versions(self, item, field: str, lang: str, location: Optional[int]):
        """(the text in `lang` or None, the original text, the original's language)."""
        if isinstance(item, ServiceEntry):
            s = item.service
            own = s.text_language or "en"
            cy = s.cy if lang == "cy" else None
            if location is not None:
                if field not in LOCATION_TEXT:
                    raise KeyError(f"a location has no text field {field!r}")
                welsh = cy.locations[location] if cy and location < len(cy.locations) else None
                return _get(welsh, field), _get(s.locations[location], field), own
            if field not in SERVICE_TEXT:
                raise KeyError(f"a service has no text field {field!r}")
            own = (s.lang_of_name or "en") if field == "name" else own
            return _get(cy, field), _get(s, SERVICE_TEXT[field]), own
        model = getattr(item, "resource", None) or getattr(item, "practice", None) or getattr(item, "event", None)
        sibling = self.translation(item.src_uri, lang) if lang != "en" else None
        if model is None or field not in type(model).model_fields or field not in ("title", "summary", "approach", "outcomes", "cost"):
            raise KeyError(f"{type(model).__name__} has no text field {field!r}")
        return _get(sibling.meta if sibling else None, field), _get(model, field), "en"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def review_due(self, reviewed: dt.date) -> dt.date:
        """The last day an item checked on `reviewed` counts as up to date."""
        return reviewed + dt.timedelta(days=self.settings.review_interval_days)

    def is_overdue(self, reviewed: dt.date, today: dt.date | None = None) -> bool:
        """The one overdue rule: more than review_interval_days since the check (pages, search, warnings, review)."""
        return (today or self.today) > self.review_due(reviewed)
