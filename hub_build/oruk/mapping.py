"""The hub's services as Open Referral UK 3.0 objects, computed once per build.

Field by field (README, "Open data"): the listing -> `service`; organisation -> `organization` (charity
number as an `organization_identifier`); contact -> service `email`/`url`, `phones` and one `contacts`
entry; each location -> a `service_at_location` with its `location`, `address` (postcode, latitude and
longitude from the ONS data) and `accessibility`; coverage -> `service_areas`; cost -> `cost_options`
and `fees`; languages -> `languages`; age range -> `minimum_age`/`maximum_age`; how to refer ->
`application_process`; opening hours -> a `schedule`'s description; `last_reviewed` -> `assured_date`;
vocabulary terms -> `attributes` linking published taxonomy terms. The UK profile's schemas allow extra
properties; where it has no field (service `summary`, `phones`, language `name`) the HSDS 3.0 name is used.
`text_language` and `name_language` (BCP 47 tags) are published under those names as extensions.
ORUK 3.0 has no field for a text in another language (its `languages` are the languages a service is given
in), so a listing's Welsh version is published as the extension `translations: {"cy": {...}}` on the objects
whose text it translates, under their own field names: the service (name, summary, description,
application_process, fees), its schedule (description), each location (name) and accessibility
(description); in a hub with Welsh, each taxonomy term too (name, description).
`review_owner` is the editors' own bookkeeping and is not published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hub_build.core.hub import Hub, ServiceEntry
from hub_build.core.vocabulary import Vocabulary
from hub_build.oruk.ids import Ids

VERSION = "3.0"
PROFILE_URL = "https://openreferraluk.org/specifications/3.0/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
ATTRIBUTION = "Human Services Data Specification UK: an Open Referral UK resource (https://openreferraluk.org/)"
COUNTRY = "GB"
GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
UK = "United Kingdom"

# The hub's vocabularies published as ORUK taxonomies: category -> (name, description).
TAXONOMIES: dict[str, tuple[str, str]] = {
    "service_types": ("Service types", "Kinds of support service for children and families of prisoners"),
    "audiences": ("Audiences", "Who a service is for"),
    "sectors": ("Professional sectors", "The professional sectors a service works with"),
    "topics": ("Topics", "What a service helps with"),
    "formats": ("Formats", "How a service is delivered"),
    "referral_routes": ("Referral routes", "Who can make a referral"),
    "cost_types": ("Cost types", "Whether families pay"),
}
# Identifier schemes of org-id.guide for the three UK charity registers.
CHARITY_SCHEMES = (("SC", "GB-SC"), ("NIC", "GB-NIC"), ("", "GB-CHC"))

Json = dict[str, Any]


def charity_scheme(number: str) -> str:
    return next(scheme for prefix, scheme in CHARITY_SCHEMES if number.startswith(prefix))


@dataclass
class Dataset:
    """Every ORUK object of one hub, in the order the lists publish them; ids index the detail bodies."""

    services: list[Json] = field(default_factory=list)  # fully nested, as /services/{id}
    service_at_locations: list[Json] = field(default_factory=list)  # fully nested, as /service_at_locations/{id}
    taxonomies: list[Json] = field(default_factory=list)  # with their terms, as /taxonomies/{id}
    taxonomy_terms: list[Json] = field(default_factory=list)


class Mapper:
    """Builds the ORUK objects of a hub; one instance per build so each term object is made once."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.ids = Ids(hub.settings.open_data_id_base)
        self.vocabulary: Vocabulary = hub.vocabulary
        self.taxonomies: list[Json] = []
        self.terms: dict[tuple[str, str], Json] = {}
        for category, (name, description) in TAXONOMIES.items():
            taxonomy_id = self.ids.make(f"taxonomy/{category}")
            terms = []
            for key, term in self.vocabulary.terms(category).items():
                item: Json = {
                    "id": self.ids.make(f"taxonomy_term/{category}/{key}"),
                    "name": term.label,
                    "description": term.description or term.label,
                    "taxonomy": name,
                    "taxonomy_id": taxonomy_id,
                    "term": key,
                }
                if hub.has_welsh and term.cy:
                    item["translations"] = {"cy": {"name": term.cy, "description": term.description_in("cy") or term.cy}}
                self.terms[(category, key)] = item
                terms.append(item)
            self.taxonomies.append({"id": taxonomy_id, "name": name, "description": description,
                                    "version": VERSION, "taxonomy_terms": terms})

    def dataset(self) -> tuple[Dataset, list[ServiceEntry]]:
        """Every object of the hub, services in slug order, and the listings in the same order."""
        entries = sorted(self.hub.services, key=lambda e: e.slug)
        return assemble([self.service(entry) for entry in entries], self.taxonomies), entries

    def service(self, entry: ServiceEntry) -> Json:
        """The fully nested ORUK service of one listing."""
        s, slug, make = entry.service, entry.slug, self.ids.make
        service_id = make(f"service/{slug}")
        org = s.organisation
        org_id = make("organization/" + " ".join(org.name.lower().split()))
        organization: Json = {"id": org_id, "name": org.name, "description": org.name}
        if org.website:
            organization["website"] = org.website
        if org.charity_number:
            organization["organization_identifiers"] = [{
                "id": make(f"organization_identifier/{org_id}/{org.charity_number}"), "organization_id": org_id,
                "identifier_scheme": charity_scheme(org.charity_number), "identifier_type": "Charity number",
                "identifier": org.charity_number,
            }]
        out: Json = {"id": service_id, "organization_id": org_id, "name": s.name, "summary": s.summary,
                     "description": s.description or s.summary, "status": "active"}
        if s.text_language:  # hub extensions: the BCP 47 language of the text, and of the name when it differs
            out["text_language"] = s.text_language
        if s.name_language:
            out["name_language"] = s.name_language
        if s.contact.website:
            out["url"] = s.contact.website
        if s.contact.email:
            out["email"] = s.contact.email
        if s.cost.details:
            out["fees"] = s.cost.details
        if s.age_range is not None:
            out["minimum_age"], out["maximum_age"] = s.age_range.min, s.age_range.max
        if s.access.how_to_refer:
            out["application_process"] = s.access.how_to_refer
        out["assured_date"] = s.last_reviewed.isoformat()
        out["last_modified"] = s.last_reviewed.isoformat() + "T00:00:00Z"
        out["organization"] = organization
        out["schedules"] = ([{"id": make(f"schedule/{slug}"), "service_id": service_id, "description": s.opening_hours,
                              **_translations(description=s.cy and s.cy.opening_hours)}]
                            if s.opening_hours else [])
        if s.cy is not None:
            out.update(_translations(name=s.cy.name, summary=s.cy.summary, description=s.cy.description,
                                     application_process=s.cy.how_to_refer, fees=s.cy.cost_details))
        out["service_areas"] = self._areas(entry, service_id)
        out["service_at_locations"] = [self._sal(entry, service_id, i) for i in range(len(s.locations))]
        out["languages"] = [{"id": make(f"language/{slug}/{i}"), "service_id": service_id, "name": name}
                            for i, name in enumerate(s.languages)]
        out["cost_options"] = [{"id": make(f"cost_option/{slug}"), "service_id": service_id,
                                "option": self.vocabulary.label("cost_types", s.cost.type),
                                **({"amount": 0} if s.cost.type == "free" else {}),
                                **({"amount_description": s.cost.details} if s.cost.details else {})}]
        phones = []
        contacts = []
        if s.contact.phone or s.contact.email:
            contact_id = make(f"contact/{slug}")
            contact: Json = {"id": contact_id, "service_id": service_id, "name": s.name, "title": "Enquiries"}
            if s.contact.email:
                contact["email"] = s.contact.email
            if s.contact.phone:
                phones = [{"id": make(f"phone/{slug}"), "service_id": service_id, "number": s.contact.phone}]
                contact["phones"] = [{"id": make(f"contact_phone/{slug}"), "contact_id": contact_id,
                                      "number": s.contact.phone}]
            contacts.append(contact)
        out["phones"] = phones
        out["contacts"] = contacts
        out["funding"] = []
        out["attributes"] = [self._attribute(slug, service_id, category, key) for category, key in _terms_of(s)]
        return out

    def _attribute(self, slug: str, service_id: str, category: str, key: str) -> Json:
        term = self.terms[(category, key)]
        return {"id": self.ids.make(f"attribute/{slug}/{category}/{key}"), "link_id": service_id,
                "link_type": "service",
                "taxonomy_term_id": term["id"], "taxonomy_term": term}

    def _areas(self, entry: ServiceEntry, service_id: str) -> list[Json]:
        coverage, make = entry.service.coverage, self.ids.make
        if coverage.national:
            return [{"id": make(f"service_area/{entry.slug}/national"), "service_id": service_id,
                     "name": UK, "service_area": UK, "extent_type": "country"}]
        areas = [{"id": make(f"service_area/{entry.slug}/nation/{nation}"), "service_id": service_id,
                  "name": self.vocabulary.label("nations", nation), "service_area": self.vocabulary.label("nations", nation),
                  "extent_type": "nation"} for nation in coverage.nations]
        resolved = entry.coverage_areas or {}
        named = list(resolved.items()) if resolved else [("", name) for name in coverage.local_authorities]
        for code, name in named:
            area = {"id": make(f"service_area/{entry.slug}/local_authority/{code or name}"), "service_id": service_id,
                    "name": name, "service_area": name, "extent_type": "local_authority"}
            if code:
                area["uri"] = GSS_URI + code
            areas.append(area)
        return areas

    def _sal(self, entry: ServiceEntry, service_id: str, index: int) -> Json:
        location, make, slug = entry.service.locations[index], self.ids.make, entry.slug
        place = entry.places[index] if index < len(entry.places) else None
        location_id = make(f"location/{slug}/{index}")
        welsh = cy.locations[index] if (cy := entry.service.cy) and index < len(cy.locations) else None
        loc: Json = {"id": location_id, "location_type": "physical"}
        if location.name:
            loc["name"] = location.name
            loc.update(_translations(name=welsh and welsh.name))
        if place is not None:
            loc["latitude"], loc["longitude"] = round(place.lat, 5), round(place.lon, 5)
        town = (place.la_name if place else "")
        if location.address and "," in location.address:
            town = location.address.rsplit(",", 1)[1].strip() or town
        loc["addresses"] = [{
            "id": make(f"address/{slug}/{index}"), "location_id": location_id, "address_1": location.address or "",
            "city": town, "state_province": place.la_name if place else "", "postal_code": location.postcode,
            "country": COUNTRY, "address_type": "physical",
        }]
        loc["accessibility"] = ([{"id": make(f"accessibility/{slug}/{index}"), "location_id": location_id,
                                  "description": location.accessibility,
                                  **_translations(description=welsh and welsh.accessibility)}]
                                if location.accessibility else [])
        return {"id": make(f"service_at_location/{slug}/{index}"), "service_id": service_id,
                "location_id": location_id, "location": loc}


def _translations(**welsh) -> Json:
    """The `translations` extension for the Welsh texts given, or nothing when there is none."""
    given = {key: value for key, value in welsh.items() if value}
    return {"translations": {"cy": given}} if given else {}


def assemble(services: list[Json], taxonomies: list[Json]) -> Dataset:
    """The lists and detail bodies from fully nested services and taxonomies: the export and the API share it."""
    data = Dataset(services=services, taxonomies=taxonomies,
                   taxonomy_terms=[term for taxonomy in taxonomies for term in taxonomy.get("taxonomy_terms", [])])
    for service in services:
        for sal in service.get("service_at_locations", []):
            data.service_at_locations.append(sal_body(sal, service))
    return data


def sal_body(sal: Json, service: Json) -> Json:
    """GET /service_at_locations/{id}: the service_at_location with its location and service (one-to-one
    fields and organisation, less the description, which /services/{id} gives).

    openapi.json describes this response with the *service* schema (id, name and status required), while the
    object is a service_at_location: it carries the service's name and status too, so it validates against both.
    """
    brief = list_item(service)
    del brief["description"]  # the service's own endpoint has it; a place list need not repeat it per location
    return {"id": sal["id"], "name": service["name"], "status": service["status"], "service_id": sal["service_id"],
            "location_id": sal["location_id"], "location": sal["location"], "service": brief}


def _terms_of(s) -> list[tuple[str, str]]:
    pairs = [(c, k) for c in ("service_types", "audiences", "sectors", "topics", "formats") for k in getattr(s, c)]
    return pairs + [("referral_routes", s.access.referral), ("cost_types", s.cost.type)]


LIST_FIELDS = ("id", "organization_id", "name", "description", "url", "email", "status", "fees", "accreditations",
               "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert", "last_modified")


def list_item(service: Json) -> Json:
    """A service as the paged lists give it: its one-to-one fields and its organization (compiled/service_list)."""
    item = {key: service[key] for key in LIST_FIELDS if key in service}
    item["organization"] = service["organization"]
    return item


def index_body(settings) -> Json:
    """GET /: what the validator reads first, with the data's licence and the specification's credit."""
    return {"version": VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL,
            "license": {"name": settings.open_data_licence, "url": settings.open_data_licence_url},
            "attribution": ATTRIBUTION}
