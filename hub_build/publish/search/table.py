"""The directory search page's tables: a compact facet table, the sites' coordinates, and each row's details.

Why apart: the browser must filter, count and sort 10,000 or 100,000 services before its first result, but
it shows twenty at a time. So the first download (`facet_table`, search-data/table.json) holds only what
filters, counts and sorting need, one column per fact, vocabulary terms as small integers; the sites'
coordinates (coords.json, the bulk of what is left) come only when a place is given; the text a card shows
(name, organisation, summary, contacts, addresses) is in `details` chunks of CHUNK rows, fetched only for
the rows on screen; slugs (slugs.json), for a shortlist saved by slug, only when there is a shortlist.
Rows are in name order (ordered_services), the order of the browse pages; the column and detail field
order is the contract with hub_build/assets/search.js.
"""

from __future__ import annotations

from typing import Any

from hub_build.core.hub import Hub, ServiceEntry

FORMAT = 2
CHUNK = 20  # rows per details file: a page of results touches at most 20 files of about 2 kB gzipped each
DETAILS = ("slug", "name", "org", "summary", "phone", "email", "website", "langs", "addresses")  # + "cy" with Welsh
FACETS = ("service_types", "audiences", "referral_routes", "cost_types", "formats", "nations")
# Age bands a professional asks about; a service matches a band its age range overlaps.
AGE_BANDS = ((0, 4, "Under 5"), (5, 10, "5 to 10"), (11, 15, "11 to 15"), (16, 18, "16 to 18"), (19, 25, "19 to 25"))


def _codes(terms: dict[str, int], keys) -> list[int]:
    return [terms[key] for key in keys if key in terms]


def _sites(entry: ServiceEntry) -> list[Any]:
    """Each site's place, or None where its postcode is not known."""
    return list(entry.places or [None] * len(entry.service.locations))


def site_las(entry: ServiceEntry, las: dict[str, int]) -> list[int]:
    """The local authority (index) of each site, -1 where not known: the "Local authority" filter counts them."""
    return [-1 if place is None else las[place.la_code] for place in _sites(entry)]


def coordinates(services: list[ServiceEntry]) -> list[list[Any]]:
    """Per row, [lat, lon, lat, lon...] of its sites in ten-thousandths of a degree (about 10 m: distances
    shown to a tenth of a mile stay true), null where not known. A file of its own (coords.json), fetched
    only when a place is given: without one, no distance is needed, and it is the bulk of the table."""
    out = []
    for entry in services:
        row: list[Any] = []
        for place in _sites(entry):
            row += [None, None] if place is None else [round(place.lat * 10000), round(place.lon * 10000)]
        out.append(row)
    return out


def ordered_services(hub: Hub) -> list[ServiceEntry]:
    """Row order of the tables and the text index: by name, as the browse pages list them."""
    return hub.services_by_name


def facet_table(hub: Hub, services: list[ServiceEntry]) -> dict[str, Any]:
    """What the page needs before its first result: vocabularies, local authorities, one column per fact."""
    vocab = hub.vocabulary
    codes = {category: {key: n for n, key in enumerate(vocab.terms(category))} for category in FACETS}
    la_list = sorted(hub.council_names.items(), key=lambda item: (item[1].casefold(), item[0]))
    las = {code: n for n, (code, _) in enumerate(la_list)}
    columns: dict[str, list[Any]] = {name: [] for name in (
        "types", "audiences", "ages", "referral", "cost", "formats", "national", "nations", "coverage_nations",
        "las", "site_las", "reviewed", "overdue")}
    for entry in services:
        s = entry.service
        row = {
            "types": _codes(codes["service_types"], s.service_types), "audiences": _codes(codes["audiences"], s.audiences),
            "ages": [s.age_range.min, s.age_range.max] if s.age_range else 0,
            "referral": codes["referral_routes"].get(s.access.referral, -1), "cost": codes["cost_types"].get(s.cost.type, -1),
            "formats": _codes(codes["formats"], s.formats), "national": 1 if s.coverage.national else 0,
            "nations": _codes(codes["nations"], sorted(entry.nations)),
            "coverage_nations": _codes(codes["nations"], s.coverage.nations),
            "las": sorted({las[code] for code in entry.coverage_areas}), "site_las": site_las(entry, las),
            "reviewed": int(s.last_reviewed.strftime("%Y%m%d")), "overdue": 1 if hub.is_overdue(s.last_reviewed) else 0,
        }
        for name, value in row.items():
            columns[name].append(value)
    table = {
        "format": FORMAT, "count": len(services), "chunk": CHUNK,
        "vocab": {category: [[key, vocab.label(category, key)] for key in codes[category]] for category in FACETS},
        "ages": [list(band) for band in AGE_BANDS],
        "las": [[code, name, code[:1]] for code, name in la_list],
        "columns": columns,
    }
    if hub.has_welsh:  # the Welsh labels, in the same order as `vocab`, for the Welsh search page
        table["vocab_cy"] = {category: [vocab.label(category, key, "cy") for key in codes[category]] for category in FACETS}
    return table


def details(hub: Hub, entry: ServiceEntry) -> list[Any]:
    """What a result card shows of one listing, in DETAILS order; in a hub with Welsh, then [name, summary]
    as the Welsh site shows them ("" where the listing has no Welsh version)."""
    s = entry.service
    addresses = [", ".join(part for part in (loc.name, loc.address, loc.postcode) if part) for loc in s.locations]
    row = [entry.slug, s.name, s.organisation.name, s.summary, s.contact.phone or "", s.contact.email or "",
           s.contact.website or "", [s.lang_of_name, s.text_language or ""], addresses]
    if hub.has_welsh:
        name, summary = hub.text(entry, "name", "cy"), hub.text(entry, "summary", "cy")
        row.append([name.text if not name.fell_back else "", summary.text if not summary.fell_back else ""])
    return row


def details_chunks(hub: Hub, services: list[ServiceEntry]) -> list[list[list[Any]]]:
    """The details of every row, CHUNK rows a file: chunk k holds rows k * CHUNK to (k + 1) * CHUNK - 1."""
    rows = [details(hub, entry) for entry in services]
    return [rows[start:start + CHUNK] for start in range(0, len(rows), CHUNK)]
