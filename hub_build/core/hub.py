"""The Hub: every valid item in memory, read once; everything downstream reads this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from hub_build.model.eventtime import When, event_when
from hub_build.model.items import EditorPage, Event, Practice, Resource, Service
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
    meta: Optional[EditorPage] = None  # an editor page's checked front matter (items have their own models)


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
