"""The directory search page's text index data: the listings' text, per field, not terms.

Why text and not terms: a listing must be indexed under exactly the terms a query is turned into. When
the build tokenised and stemmed with lunr.py and the browser stemmed queries with lunr.js, the two
stemmers disagreed on some English words ("play" became unfindable). Now one implementation does all
the language work for both sides: hub_build/assets/search-engine.js (split, stop words, lunr.js's
stemmer, lunr's BM25 field vectors). The browser already has each listing's name, organisation and
summary in results.json (table.py), so this file only adds the text of the other fields and says which
table column holds the rest: gzipped, the extra download is a fraction of the old term postings.

Listing numbers are row numbers in the result table. Overdue listings get a lower document boost, so
they rank lower.
"""

from __future__ import annotations

from typing import Any

from hub_build.core.hub import Hub, ServiceEntry
from hub_build.enrich.geo.authorities import load_authorities

FORMAT = 2
FIELDS = (
    ("name", 10),
    ("org", 5),
    ("tags", 3),   # service types, audiences and topics, as labels
    ("where", 2),  # local authorities, nations, regions, site names, addresses (towns) and postcodes
    ("summary", 1),
)
FROM_TABLE = {"name": "name", "org": "org", "summary": "summary"}  # field -> results.json column
OWN_FIELDS = tuple(name for name, _ in FIELDS if name not in FROM_TABLE)
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


def index_data(hub: Hub, services: list[ServiceEntry]) -> dict[str, Any]:
    """What search-engine.js builds its index from; `services` in result-table order."""
    boosts = [[n, OVERDUE_BOOST] for n, entry in enumerate(services) if hub.is_overdue(entry.service.last_reviewed)]
    welsh = hub.has_welsh
    text = []
    for entry in services:
        doc = document(hub, entry)
        if welsh:
            doc.update(welsh_document(hub, entry))
        text.append([doc[field] for field in OWN_FIELDS + (tuple(f[0] for f in WELSH_FIELDS) if welsh else ())])
    return {
        "format": FORMAT, "count": len(services),
        "fields": [[name, boost] for name, boost in FIELDS] + ([list(f) for f in WELSH_FIELDS] if welsh else []),
        "table": FROM_TABLE, "own": list(OWN_FIELDS) + ([f[0] for f in WELSH_FIELDS] if welsh else []),
        "text": text, "boosts": boosts,
    }
