"""The prebuilt lunr index: only the fields text search needs, in a compact form lunr.js finishes.

Why: the browser must neither build an index from text (about 6 s at 10,000 listings: tokenising and
stemming) nor download lunr's own serialisation (about 10 MB at 10,000 listings even without
descriptions: most of it is the per-document score vectors, floats that barely compress).
lunr.py does the language work here (tokenise, stop words, stem, term frequencies); we publish its
builder's state as term postings with small integer document deltas, and search.js hands that state to a
lunr.js Builder, whose own code computes the BM25 vectors and token set. Scores are therefore lunr's
own, and tests check lunr.py and lunr.js rank the same.

Refs are row numbers in the result table, so a hit is one array look-up. Overdue listings get a lower
document boost, so they rank lower.
"""

from __future__ import annotations

import functools

from typing import Any

from lunr.builder import Builder
from lunr.trimmer import trimmer
from lunr.stop_word_filter import stop_word_filter
from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer

from ..hub import Hub, ServiceEntry

FORMAT = 1
FIELDS = (
    {"field_name": "name", "boost": 10},
    {"field_name": "org", "boost": 5},
    {"field_name": "tags", "boost": 3},   # service types, audiences and topics, as labels
    {"field_name": "where", "boost": 2},  # local authorities, nations, regions, site names and addresses
    {"field_name": "summary", "boost": 1},
)
OVERDUE_BOOST = 0.5


def _document(hub: Hub, ref: int, entry: ServiceEntry) -> dict[str, str]:
    s = entry.service
    vocab = hub.vocabulary
    tags = [vocab.label("service_types", t) for t in s.service_types]
    tags += [vocab.label("audiences", a) for a in s.audiences] + [vocab.label("topics", t) for t in s.topics]
    where = list(entry.coverage_areas.values()) + list(entry.local_authorities.values())
    where += [vocab.label("nations", n) for n in s.coverage.nations]
    where += ["UK-wide national"] if s.coverage.national else []
    where += [place.region for place in entry.places if place and place.region]
    where += [" ".join(filter(None, (loc.name, loc.address, loc.postcode))) for loc in s.locations]
    return {"id": str(ref), "name": s.name, "org": s.organisation.name, "tags": " ".join(tags),
            "where": " ".join(dict.fromkeys(where)), "summary": s.summary}


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return porter_stemmer.stem(word)


def stemmer(token, i=None, tokens=None):
    """lunr's Porter stemmer, remembered per word: listings repeat the same few thousand words,
    and stemming was the largest single cost of indexing 10,000 of them."""
    return token.update(lambda word, metadata=None: _stem(word))


Pipeline.register_function(stemmer, "stemmer-remembered")


def _builder() -> Builder:
    """lunr.js's default pipeline (trim, stop words, stem; stem at search time), as lunr() sets it up."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    return builder


def build_index(hub: Hub, services: list[ServiceEntry]) -> Builder:
    """lunr.py's builder with every service added (ref i is row i of the result table, same order).

    Only the language work is done here; `builder.build()` would add the vectors lunr.js computes
    itself from `compact_index`, so the site build skips it (tests call it to compare the two).
    """
    builder = _builder()
    builder.ref("id")
    for field in FIELDS:
        builder.field(**field)
    for n, entry in enumerate(services):
        overdue = hub.is_overdue(entry.service.last_reviewed)
        builder.add(_document(hub, n, entry), attributes={"boost": OVERDUE_BOOST} if overdue else {})
    return builder


def compact_index(builder: Builder) -> dict[str, Any]:
    """The builder's state, small: terms in lunr's term-index order and, for each, its postings per field.

    A posting list is [field number, doc delta, doc delta, ...]: documents ascending, each written as the
    difference from the one before; a term found more than once in a field is followed by -count.
    """
    fields = [field["field_name"] for field in FIELDS]
    terms = sorted(builder.inverted_index, key=lambda term: builder.inverted_index[term]["_index"])
    postings = []
    for term in terms:
        entry = builder.inverted_index[term]
        lists = []
        for number, field in enumerate(fields):
            docs = sorted(int(ref) for ref in entry[field])
            if not docs:
                continue
            row, previous = [number], 0
            for doc in docs:
                row.append(doc - previous)
                previous = doc
                count = builder.field_term_frequencies[f"{field}/{doc}"][term]
                if count > 1:
                    row.append(-count)
            lists.append(row)
        postings.append(lists)
    boosts = {ref: attrs["boost"] for ref, attrs in builder._documents.items() if attrs.get("boost", 1) != 1}
    return {
        "format": FORMAT, "lunr": "2.3", "count": builder.document_count,
        "fields": [[field["field_name"], field["boost"]] for field in FIELDS],
        "boosts": [[int(ref), boost] for ref, boost in sorted(boosts.items(), key=lambda item: int(item[0]))],
        "terms": terms, "postings": postings,
    }
