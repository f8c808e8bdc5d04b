"""schema.org JSON-LD for listing pages, safe to embed in a <script> element."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hub_build.core.hub import ServiceEntry

if TYPE_CHECKING:
    from hub_build.render.site import HubSite


def script_safe_json(data: object) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the text inside."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def service_jsonld(site: "HubSite", entry: ServiceEntry, page_url: str) -> str:
    service = entry.service
    provider: dict = {"@type": "Organization", "name": service.organisation.name}
    if service.organisation.website:
        provider["url"] = service.organisation.website
    channel: dict = {"@type": "ServiceChannel"}
    if service.contact.phone:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": site.tel(service.contact.phone)[4:]}
    if service.contact.website:
        channel["serviceUrl"] = service.contact.website
    locations = []
    for location, place in zip(service.locations, entry.places or [None] * len(service.locations), strict=True):
        item: dict = {"@type": "Place", "address": {"@type": "PostalAddress", "postalCode": location.postcode,
                                                     "addressCountry": "GB"}}
        if location.name:
            item["name"] = location.name
        if location.address:
            item["address"]["streetAddress"] = location.address
        if place:
            item["geo"] = {"@type": "GeoCoordinates", "latitude": round(place.lat, 5), "longitude": round(place.lon, 5)}
        locations.append(item)
    if locations:
        channel["serviceLocation"] = locations
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "description": service.summary,
        "provider": provider,
        "serviceType": [site.label("service_types", t) for t in service.service_types],
        "audience": [{"@type": "Audience", "audienceType": site.label("audiences", a)} for a in service.audiences],
        "areaServed": ["United Kingdom"] if service.coverage.national else (
            [site.label("nations", n) for n in service.coverage.nations]
            + (list(entry.coverage_areas.values()) or list(service.coverage.local_authorities))),
        "availableChannel": channel,
        "dateModified": service.last_reviewed.isoformat(),
    }
    if service.contact.email:
        provider["email"] = service.contact.email
    if site.site_url:
        data["url"] = site.site_url.rstrip("/") + "/" + page_url
    return script_safe_json(data)
