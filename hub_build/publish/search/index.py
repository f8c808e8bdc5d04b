"""The directory search's text: per listing, the text of each field it can be found by, and the field boosts.

The terms themselves are never computed in Python: textindex.py runs the browser's own engine
(hub_build/assets/search-engine.js) over these texts, so the build and the page cannot disagree on a word.
Overdue listings get a lower document boost, so they rank lower.
"""

from __future__ import annotations

from hub_build.core.hub import Hub, ServiceEntry

FIELDS = (
    ("name", 10),
    ("org", 5),
    ("tags", 3),   # service types, audiences and topics, as labels
    ("where", 2),  # local authorities, nations, regions, site names, addresses (towns) and postcodes
    ("summary", 1),
)
OVERDUE_BOOST = 0.5


def document(hub: Hub, entry: ServiceEntry) -> dict[str, str]:
    """Every field's text for one listing: what it can be found by."""
    s = entry.service
    vocab = hub.vocabulary
    tags = [vocab.label("service_types", t) for t in s.service_types]
    tags += [vocab.label("audiences", a) for a in s.audiences] + [vocab.label("topics", t) for t in s.topics]
    where = list(entry.coverage_areas.values()) + list(entry.local_authorities.values())
    where += [vocab.label("nations", n) for n in s.coverage.nations]
    where += ["UK-wide national"] if s.coverage.national else []
    where += [place.region for place in entry.places if place and place.region]
    where += [" ".join(filter(None, (loc.name, loc.address, loc.postcode))) for loc in s.locations]
    return {"name": s.name, "org": s.organisation.name, "tags": " ".join(tags),
            "where": " ".join(dict.fromkeys(where)), "summary": s.summary}


def boosts(hub: Hub, services: list[ServiceEntry]) -> list[list[float]]:
    """[row, document boost] for the listings that do not count fully: those overdue for checking."""
    return [[n, OVERDUE_BOOST] for n, entry in enumerate(services) if hub.is_overdue(entry.service.last_reviewed)]
