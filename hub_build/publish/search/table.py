"""The compact result table: one JSON array per service, vocabulary terms as small integers.

Why: the browser must filter, count and draw 10,000 results from one small download. Arrays with
positional columns and integer-coded terms gzip to a fraction of the size of keyed objects; labels are
sent once, in `vocab`. The column order is the contract with hub_build/assets/search.js (COLUMNS).
"""

from __future__ import annotations

from typing import Any

from hub_build.core.hub import Hub, ServiceEntry

FORMAT = 1
COLUMNS = ("slug", "name", "org", "summary", "types", "audiences", "ages", "referral", "cost", "formats",
           "national", "nations", "coverage_nations", "las", "places", "phone", "email", "website", "reviewed", "overdue", "langs")
FACETS = ("service_types", "audiences", "referral_routes", "cost_types", "formats", "nations")
# Age bands a professional asks about; a service matches a band its age range overlaps.
AGE_BANDS = ((0, 4, "Under 5"), (5, 10, "5 to 10"), (11, 15, "11 to 15"), (16, 18, "16 to 18"), (19, 25, "19 to 25"))


def _codes(terms: dict[str, int], keys) -> list[int]:
    return [terms[key] for key in keys if key in terms]


def _places(entry: ServiceEntry, las: dict[str, int]) -> list[list[Any]]:
    """[lat, lon, la index, address] for each site: distances, 'near you' and the printed shortlist."""
    rows: list[list[Any]] = []
    for location, place in zip(entry.service.locations, entry.places or [None] * len(entry.service.locations), strict=True):
        address = ", ".join(part for part in (location.name, location.address, location.postcode) if part)
        if place is None:
            rows.append([None, None, -1, address])
        else:
            rows.append([round(place.lat, 4), round(place.lon, 4), las[place.la_code], address])
    return rows


def ordered_services(hub: Hub) -> list[ServiceEntry]:
    """Row order of the table and ref order of the index: by name, as the browse pages list them."""
    return hub.services_by_name


def result_table(hub: Hub) -> dict[str, Any]:
    """The table the search page loads: vocabularies, local authorities and one row per service."""
    vocab = hub.vocabulary
    codes = {category: {key: n for n, key in enumerate(vocab.terms(category))} for category in FACETS}
    la_list = sorted(hub.council_names.items(), key=lambda item: (item[1].casefold(), item[0]))
    las = {code: n for n, (code, _) in enumerate(la_list)}
    services = ordered_services(hub)
    welsh = hub.has_welsh
    rows = []
    for entry in services:
        s = entry.service
        ages = [s.age_range.min, s.age_range.max] if s.age_range else 0
        covered = sorted({las[code] for code in entry.coverage_areas})
        rows.append([
            entry.slug, s.name, s.organisation.name, s.summary,
            _codes(codes["service_types"], s.service_types), _codes(codes["audiences"], s.audiences), ages,
            codes["referral_routes"].get(s.access.referral, -1), codes["cost_types"].get(s.cost.type, -1),
            _codes(codes["formats"], s.formats), 1 if s.coverage.national else 0,
            _codes(codes["nations"], sorted(entry.nations)), _codes(codes["nations"], s.coverage.nations),
            covered, _places(entry, las),
            s.contact.phone or "", s.contact.email or "", s.contact.website or "",
            s.last_reviewed.isoformat(), 1 if hub.is_overdue(s.last_reviewed) else 0,
            [s.lang_of_name, s.text_language or ""],  # `lang` of the name and of the summary, "" for the hub's
        ])
        if welsh:
            rows[-1].append(_welsh_cell(hub, entry))
    table = {
        "format": FORMAT, "columns": list(COLUMNS) + (["cy"] if welsh else []),
        "vocab": {category: [[key, vocab.label(category, key)] for key in codes[category]] for category in FACETS},
        "ages": [list(band) for band in AGE_BANDS],
        "las": [[code, name, code[:1]] for code, name in la_list],
        "rows": rows,
    }
    if welsh:  # the Welsh labels, in the same order as `vocab`, for the Welsh search page
        table["vocab_cy"] = {category: [vocab.label(category, key, "cy") for key in codes[category]] for category in FACETS}
    return table


def _welsh_cell(hub: Hub, entry: ServiceEntry) -> list[str]:
    """[name, summary] as the Welsh site shows them, "" where the listing has no Welsh version (the page then
    shows the English columns, marked lang="en")."""
    name, summary = hub.text(entry, "name", "cy"), hub.text(entry, "summary", "cy")
    return [name.text if not name.fell_back else "", summary.text if not summary.fell_back else ""]
