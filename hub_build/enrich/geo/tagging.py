"""Geo-tagging the hub: every service location gets a Place, every coverage area its GSS code.

Problems are reported at the file:line:col of the postcode or area as typed,
and appended to hub.problems: a postcode that cannot be placed is an error,
so the build fails rather than a service silently vanishing from area pages
and distance search.
"""

from __future__ import annotations

from hub_build.core.hub import Hub, Place, ServiceEntry
from hub_build.core.problems import Problem
from hub_build.enrich.geo.authorities import Authorities, load_authorities
from hub_build.enrich.geo.cache import geo_cache_dir
from hub_build.enrich.geo.lookup import Found, Missing, PostcodeLookup


def geotag(hub: Hub) -> None:
    """Fill entry.places and entry.coverage_areas for every service; append problems to hub.problems."""
    authorities = load_authorities()
    postcodes = {loc.postcode for entry in hub.services for loc in entry.service.locations}
    results = {}
    version = ""
    if postcodes:
        lookup = PostcodeLookup(geo_cache_dir(hub.root))
        results = lookup.lookup(postcodes)
        version = lookup.version
    for entry in hub.services:
        entry.places = []
        for i, location in enumerate(entry.service.locations):
            result = results.get(location.postcode)
            if isinstance(result, Found):
                entry.places.append(place_for(result, authorities))
            else:
                entry.places.append(None)
                if isinstance(result, Missing):
                    hub.problems.append(_postcode_problem(entry, i, result, version))
        _resolve_coverage(hub, entry, authorities)


def place_for(found: Found, authorities: Authorities) -> Place:
    authority = authorities.get(found.la_code)
    return Place(
        postcode=found.postcode, lat=found.lat, lon=found.lon, la_code=found.la_code,
        la_name=authority.name if authority else found.la_code,
        nation=authority.nation if authority else "", region=authority.region if authority else "",
        precision="postcode",
    )


def _postcode_problem(entry: ServiceEntry, i: int, missing: Missing, version: str) -> Problem:
    line, col = entry.positions.locate(("locations", i, "postcode"))
    message, hint = missing.message(version)
    return Problem(entry.source, line, col, message, hint, field=f"locations[{i}].postcode")


def _resolve_coverage(hub: Hub, entry: ServiceEntry, authorities: Authorities) -> None:
    entry.coverage_areas = {}
    for i, typed in enumerate(entry.service.coverage.local_authorities):
        match = authorities.resolve(typed)
        if match.authority is not None:
            entry.coverage_areas[match.authority.code] = match.authority.name
            continue
        line, col = entry.positions.locate(("coverage", "local_authorities", i))
        hub.problems.append(Problem(entry.source, line, col, match.message, match.hint,
                                    field=f"coverage.local_authorities[{i}]"))
