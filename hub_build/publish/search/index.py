"""The directory search's text: per listing, the text of each field it can be found by, and the field boosts.

The terms themselves are never computed in Python: textindex.py runs the browser's own engine
(hub_build/assets/search-engine.js) over these texts, so the build and the page cannot disagree on a word.
Overdue listings get a lower document boost, so they rank lower.
"""

from __future__ import annotations

from typing import Any

from hub_build.core.hub import Hub, ServiceEntry
from hub_build.enrich.geo.authorities import load_authorities

FIELDS = (
    ("name", 10),
    ("org", 5),
    ("tags", 3),   # service types, audiences and topics, as labels
    ("where", 2),  # local authorities, nations, regions, site names, addresses (towns) and postcodes
    ("summary", 1),
)
OVERDUE_BOOST = 0.5
# Welsh text, in hubs with Welsh only (Hub.has_welsh): the same weights, marked "cy" so search-engine.js indexes
# them through welsh.js (every word under each radical it may be a mutation of). Searched from /find/ and /cy/find/.
WELSH_FIELDS = (("cy_name", 10, "cy"), ("cy_tags", 3, "cy"), ("cy_where", 2, "cy"), ("cy_summary", 1, "cy"))


def welsh_document(hub: Hub, entry: ServiceEntry) -> dict[str, str]:
    """A listing's Welsh text, by Welsh field: its cy: version, or its own text when it is written in Welsh
    (text_language: cy), and the Welsh labels of its terms."""
    s = entry.service
    vocab = hub.vocabulary
    text = lambda field: hub.text(entry, field, "cy")  # noqa: E731
    own = lambda found: found.text if found.lang == "cy" else ""  # noqa: E731
    tags = [vocab.label("service_types", t, "cy") for t in s.service_types]
    tags += [vocab.label("audiences", a, "cy") for a in s.audiences] + [vocab.label("topics", t, "cy") for t in s.topics]
    where = [own(hub.text(entry, "name", "cy", location=i)) for i in range(len(s.locations))]
    where += [vocab.label("nations", n, "cy") for n in s.coverage.nations]
    authorities = load_authorities()  # the Welsh names of Welsh councils: "Caerdydd"
    where += [getattr(authorities.get(code), "name_cy", "") for code in {**entry.coverage_areas, **entry.local_authorities}]
    return {"cy_name": own(text("name")), "cy_tags": " ".join(dict.fromkeys(tags)),
            "cy_where": " ".join(dict.fromkeys(filter(None, where))), "cy_summary": own(text("summary"))}


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


def index_input(hub: Hub, services: list[ServiceEntry]) -> dict[str, Any]:
    """What search-engine.js's `postings` is given (textindex.py runs it in V8; tests run it in Chromium):
    fields ([name, boost] or [name, boost, "cy"]), per listing its text in field order, document boosts and
    names, all in the order of `services` (row order)."""
    welsh = hub.has_welsh
    fields: list[list[Any]] = [[name, boost] for name, boost in FIELDS] + ([list(f) for f in WELSH_FIELDS] if welsh else [])
    names = [str(field[0]) for field in fields]
    docs = []
    for entry in services:
        doc = document(hub, entry)
        if welsh:
            doc.update(welsh_document(hub, entry))
        docs.append([doc[name] for name in names])
    return {"fields": fields, "docs": docs, "boosts": boosts(hub, services), "names": [e.service.name for e in services]}
