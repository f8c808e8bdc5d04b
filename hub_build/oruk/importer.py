"""`hub-build import oruk FILE`: ORUK 3.0 services -> one YAML listing each in the directory.

All or nothing: the whole file is read and checked first (JSON, types, sizes, nesting, scripts), every
listing is composed and read back through the hub's strict YAML reader, and only then are the files
written (each to a temporary name, then linked into place, which fails rather than overwrite; on any
failure the ones already placed are removed). Content a person has to settle (an unknown postcode, a
missing contact, no matching service type) is left to `hub-build validate`, which reports it at
file:line like in any listing; fields a listing has no place for are reported here, named.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from hub_build.model.fields import suggest_slug
from hub_build.core.problems import Problem, Severity
from hub_build.commands.scaffold import _existing_stems, unique_slug
from hub_build.core.vocabulary import Vocabulary
from hub_build.core.yamlsource import MAX_FILE_BYTES, YamlProblem, load_yaml
from hub_build.oruk.mapping import CHARITY_SCHEMES, GSS_URI, TAXONOMIES, UK
from hub_build.oruk.yamlwrite import as_read, dump

MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_SERVICES = 50_000
MAX_DEPTH = 32
MAX_STRING = 20_000  # the longest text any listing field takes (a description)
GSS_CODE = re.compile(r"^[EWSN]\d{8}$")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_SCRIPT = re.compile(r"<\s*(script|iframe|object|embed|style|svg|math|form|base|meta|link)\b|javascript:|vbscript:|"
                     r"data:text/html|\bon[a-z]+\s*=", re.IGNORECASE)
# Structural fields: ids and links between objects, which the hub derives itself.
STRUCTURAL = {"id", "service_id", "organization_id", "location_id", "contact_id", "link_id", "taxonomy_term_id",
              "taxonomy_id", "service_at_location_id", "phone_id", "parent_id", "link_type", "link_entity"}
# The fields each kind of object has that the import carries (or derives, like latitude from the postcode).
CARRIED = {
    "service": {"name", "summary", "description", "url", "email", "status", "fees", "minimum_age", "maximum_age",
                "assured_date", "last_modified", "application_process", "organization", "service_at_locations",
                "service_areas", "languages", "cost_options", "contacts", "phones", "schedules", "attributes",
                "text_language", "name_language", "translations"},
    "organization": {"name", "description", "website", "organization_identifiers"},
    "service_at_location": {"location", "service", "name", "status"},
    "location": {"name", "location_type", "latitude", "longitude", "addresses", "accessibility", "translations"},
    "address": {"address_1", "address_2", "city", "state_province", "postal_code", "country", "address_type"},
}


class ImportStop(Exception):
    """The file cannot be imported at all."""


@dataclass
class ImportResult:
    written: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


class _Reader:
    """Reads one ORUK service into a listing dict, recording problems against the service and field."""

    def __init__(self, source: str, vocabulary: Vocabulary, problems: list[Problem]) -> None:
        self.source, self.vocabulary, self.problems = source, vocabulary, problems
        self.where = ""
        self.label = ""

    # --- reporting ---------------------------------------------------------------------------------
    def _say(self, at: str, message: str, hint: str = "", *, error: bool) -> None:
        self.problems.append(Problem(self.source, 1, 1, f"{self.label}: {message}", hint, field=at,
                                     severity=Severity.ERROR if error else Severity.WARNING))

    def error(self, at: str, message: str, hint: str = "") -> None:
        self._say(at, message, hint, error=True)

    def dropped(self, at: str, why: str = "a hub listing has no place for it") -> None:
        self._say(at, f"'{at.rsplit('.', 1)[-1]}' was not imported: {why}",
                  "add it to the listing by hand if it matters", error=False)

    # --- typed access --------------------------------------------------------------------------------
    def obj(self, value: Any, at: str) -> Optional[dict]:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(at, f"should be an object, not {_kind(value)}")
            return None
        return value

    def array(self, value: Any, at: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(at, f"should be an array, not {_kind(value)}")
            return []
        return value

    def text(self, value: Any, at: str, *, markdown: bool = False) -> Optional[str]:
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(at, f"should be text, not {_kind(value)}")
            return None
        if len(value) > MAX_STRING:
            self.error(at, f"is {len(value):,} characters long; no listing field takes more than {MAX_STRING:,}",
                       "shorten it in the source data")
            return None
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
            self.error(at, "is not valid Unicode text (it contains a lone surrogate escape)", "fix the source data")
            return None
        if _SCRIPT.search(value):
            self.error(at, "contains a script or active HTML, which a listing never publishes",
                       "remove it from the source data")
            return None
        if not markdown and _TAG.search(value):
            self.error(at, "contains HTML markup; this field is plain text", "remove the tags from the source data")
            return None
        value = value.strip()
        return value or None

    def number(self, value: Any, at: str) -> Optional[float]:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(at, f"should be a number, not {_kind(value)}")
            return None
        return value

    # --- the mapping -----------------------------------------------------------------------------------
    def service(self, data: Any, at: str, index: int) -> Optional[dict]:
        self.where = at
        name = data.get("name") if isinstance(data, dict) else None
        self.label = f"service {index + 1}" + (f" ('{name[:60]}')" if isinstance(name, str) else "")
        if not isinstance(data, dict):
            self.error(at, f"should be a service object, not {_kind(data)}")
            return None
        before = sum(p.is_error for p in self.problems)
        listing: dict[str, Any] = {}
        name = self.text(data.get("name"), f"{at}.name")
        if name:
            listing["name"] = name
        org = self.obj(data.get("organization"), f"{at}.organization")
        if org is not None:
            listing["organisation"] = self.organisation(org, f"{at}.organization")
        summary = self.text(data.get("summary"), f"{at}.summary")
        description = self.text(data.get("description"), f"{at}.description", markdown=True)
        if summary is None and description:
            summary = _first_sentences(description)
            self._say(f"{at}.summary", "has no summary; the start of the description was used", "check it reads well",
                      error=False)
        if summary:
            listing["summary"] = summary
        if description and description != summary:
            listing["description"] = description
        for key in ("text_language", "name_language"):  # the hub's own extensions (BCP 47 tags)
            tag = self.text(data.get(key), f"{at}.{key}")
            if tag:
                listing[key] = tag
        terms = self.terms(data, at)
        for category in ("service_types", "audiences"):
            if terms.get(category):
                listing[category] = terms[category]
        ages = [self.number(data.get(key), f"{at}.{key}") for key in ("minimum_age", "maximum_age")]
        if ages[0] is not None or ages[1] is not None:
            listing["age_range"] = {"min": _whole(ages[0] if ages[0] is not None else 0),
                                    "max": _whole(ages[1] if ages[1] is not None else 25)}
        for category in ("sectors", "topics"):
            if terms.get(category):
                listing[category] = terms[category]
        access: dict[str, Any] = {}
        if terms.get("referral_routes"):
            access["referral"] = terms["referral_routes"][0]
        how = self.text(data.get("application_process"), f"{at}.application_process")
        if how:
            access["how_to_refer"] = how
        if access:
            listing["access"] = access
        cost = self.cost(data, at, terms.get("cost_types", []))
        if cost:
            listing["cost"] = cost
        if terms.get("formats"):
            listing["formats"] = terms["formats"]
        sections = (("locations", self.locations), ("coverage", self.coverage), ("contact", self.contact),
                    ("opening_hours", self.hours), ("languages", self.languages))
        for key, read in sections:  # in the listing's field order; empty sections are left out
            value = read(data, at)
            if value:
                listing[key] = value
        reviewed = self.text(data.get("assured_date"), f"{at}.assured_date")
        if reviewed is None:
            modified = self.text(data.get("last_modified"), f"{at}.last_modified")
            reviewed = modified[:10] if modified else None
        if reviewed:
            listing["last_reviewed"] = reviewed[:10] if re.match(r"^\d{4}-\d{2}-\d{2}T", reviewed) else reviewed
        status = data.get("status")
        if status not in (None, "active"):
            self._say(f"{at}.status", f"the service's status is '{str(status)[:40]}'; it was imported all the same",
                      "check whether the service still runs before publishing it", error=False)
        welsh = self.welsh(data, at)
        if welsh:
            listing["cy"] = welsh
        for key, value in data.items():
            if key not in CARRIED["service"] and key not in STRUCTURAL and not _empty(value):
                self.dropped(f"{at}.{key}")
        return listing if sum(p.is_error for p in self.problems) == before else None

    def _cy(self, data: dict, at: str) -> dict:
        """The Welsh texts of an object's `translations` extension (mapping.py); other languages are dropped."""
        translations = self.obj(data.get("translations"), f"{at}.translations") if "translations" in data else None
        for lang, value in (translations or {}).items():
            if lang != "cy" and not _empty(value):
                self.dropped(f"{at}.translations.{lang}", "a listing has a Welsh version (cy) only")
        return self.obj((translations or {}).get("cy"), f"{at}.translations.cy") or {} if translations else {}

    def welsh(self, data: dict, at: str) -> dict:
        """A listing's `cy:` block from the service's translations and its schedules' and locations' ones."""
        out: dict[str, Any] = {}
        texts = self._cy(data, at)
        for source, target in (("name", "name"), ("summary", "summary"), ("description", "description"),
                               ("application_process", "how_to_refer"), ("fees", "cost_details")):
            value = self.text(texts.get(source), f"{at}.translations.cy.{source}", markdown=source == "description")
            if value:
                out[target] = value
        hours = [self.text(self._cy(s, f"{at}.schedules[{i}]").get("description"), f"{at}.schedules[{i}].translations.cy.description")
                 for i, s in enumerate(self.array(data.get("schedules"), f"{at}.schedules")) if isinstance(s, dict)]
        if any(hours):
            out["opening_hours"] = "\n".join(h for h in hours if h)
        locations = self.welsh_locations
        if any(locations):
            while not locations[-1]:
                locations.pop()
            out["locations"] = locations
        return out

    def organisation(self, org: dict, at: str) -> dict:
        out: dict[str, Any] = {}
        name = self.text(org.get("name"), f"{at}.name")
        if name:
            out["name"] = name
        website = self.text(org.get("website"), f"{at}.website")
        if website:
            out["website"] = website
        description = self.text(org.get("description"), f"{at}.description", markdown=True)
        if description and description != name:
            self.dropped(f"{at}.description", "a listing describes the service, not the organisation")
        for i, raw_ident in enumerate(self.array(org.get("organization_identifiers"), f"{at}.organization_identifiers")):
            where = f"{at}.organization_identifiers[{i}]"
            ident = self.obj(raw_ident, where)
            if ident is None:
                continue
            scheme = self.text(ident.get("identifier_scheme"), f"{where}.identifier_scheme") or ""
            kind = self.text(ident.get("identifier_type"), f"{where}.identifier_type") or ""
            number = self.text(ident.get("identifier"), f"{where}.identifier")
            if number and "charity_number" not in out and (
                    scheme in {s for _, s in CHARITY_SCHEMES} or "charity" in kind.lower()):
                out["charity_number"] = number
            elif number:
                self.dropped(where, "a listing holds only a registered charity number")
        for key, value in org.items():
            if key not in CARRIED["organization"] and key not in STRUCTURAL and not _empty(value):
                self.dropped(f"{at}.{key}")
        return out

    def terms(self, data: dict, at: str) -> dict[str, list[str]]:
        """Vocabulary terms from the service's attributes, matched by taxonomy and term key or label."""
        found: dict[str, list[str]] = {}
        names = {name.lower(): category for category, (name, _) in TAXONOMIES.items()}
        for i, raw_attribute in enumerate(self.array(data.get("attributes"), f"{at}.attributes")):
            where = f"{at}.attributes[{i}]"
            attribute = self.obj(raw_attribute, where)
            if attribute is None:
                continue
            term = self.obj(attribute.get("taxonomy_term"), f"{where}.taxonomy_term")
            if term is None:
                self.dropped(where, "it names no taxonomy term")
                continue
            key = self.text(term.get("term"), f"{where}.taxonomy_term.term")
            label = self.text(term.get("name"), f"{where}.taxonomy_term.name")
            taxonomy = self.text(term.get("taxonomy"), f"{where}.taxonomy_term.taxonomy") or ""
            category = names.get(taxonomy.lower()) or (taxonomy if taxonomy in TAXONOMIES else None)
            match = self._match(category, key, label)
            if match is None:
                shown = label or key or "(no name)"
                self._say(f"{where}.taxonomy_term", f"the term '{shown[:60]}'"
                          + (f" of taxonomy '{taxonomy[:40]}'" if taxonomy else "")
                          + " matches none of the hub's vocabularies; it was not imported",
                          "add the listing's terms by hand, or add the term to the hub's vocabulary", error=False)
                continue
            values = found.setdefault(match[0], [])
            if match[1] not in values:
                values.append(match[1])
        return found

    def _match(self, category: Optional[str], key: Optional[str], label: Optional[str]) -> Optional[tuple[str, str]]:
        categories = [category] if category else list(TAXONOMIES)
        hits = []
        for cat in categories:
            terms = self.vocabulary.terms(cat)
            if key and key in terms:
                hits.append((cat, key))
                continue
            by_label = {t.label.lower(): k for k, t in terms.items()}
            if label and label.lower() in by_label:
                hits.append((cat, by_label[label.lower()]))
            elif label and suggest_slug(label) in terms:
                hits.append((cat, suggest_slug(label)))
        return hits[0] if len(hits) == 1 else None

    def cost(self, data: dict, at: str, types: list[str]) -> dict:
        out: dict[str, Any] = {}
        fees = self.text(data.get("fees"), f"{at}.fees")
        amounts, details = [], []
        for i, raw_option in enumerate(self.array(data.get("cost_options"), f"{at}.cost_options")):
            where = f"{at}.cost_options[{i}]"
            option = self.obj(raw_option, where)
            if option is None:
                continue
            amount = self.number(option.get("amount"), f"{where}.amount")
            if amount is not None:
                amounts.append(amount)
            text = self.text(option.get("amount_description"), f"{where}.amount_description")
            if text:
                details.append(text)
            self.text(option.get("option"), f"{where}.option")
            for key in ("valid_from", "valid_to", "currency"):
                if not _empty(option.get(key)):
                    self.dropped(f"{where}.{key}")
        if types:
            out["type"] = types[0]
        elif amounts:
            out["type"] = "free" if all(a == 0 for a in amounts) else "paid"
        text = fees or (details[0] if details else None)
        if text:
            out["details"] = text
        for extra in details[1 if not fees else 0:]:
            if text is not None and extra != text:
                self.dropped(f"{at}.cost_options", f"a listing has one cost description (kept: '{text[:40]}')")
        return out

    def locations(self, data: dict, at: str) -> list[dict]:
        out = []
        self.welsh_locations: list[dict] = []  # the Welsh name and accessibility of each location kept (welsh())
        for i, raw_sal in enumerate(self.array(data.get("service_at_locations"), f"{at}.service_at_locations")):
            where = f"{at}.service_at_locations[{i}]"
            sal = self.obj(raw_sal, where)
            if sal is None:
                continue
            location = self.obj(sal.get("location"), f"{where}.location")
            if location is None:
                self.dropped(where, "it holds no location")
                continue
            where += ".location"
            if location.get("location_type") == "virtual":
                self.dropped(where, "a virtual location has no postcode; list 'online' in formats instead")
                continue
            item: dict[str, Any] = {}
            name = self.text(location.get("name"), f"{where}.name")
            if name:
                item["name"] = name
            addresses = list(self.array(location.get("addresses"), f"{where}.addresses"))
            for j, raw_address in enumerate(addresses):
                address = self.obj(raw_address, f"{where}.addresses[{j}]")
                if address is None:
                    continue
                if j > 0:
                    self.dropped(f"{where}.addresses[{j}]", "a listing's location has one address")
                    continue
                self._address(address, f"{where}.addresses[{j}]", item)
            notes = [self.text(a.get("description"), f"{where}.accessibility[{j}].description")
                     for j, a in enumerate(self.array(location.get("accessibility"), f"{where}.accessibility"))
                     if self.obj(a, f"{where}.accessibility[{j}]") is not None]
            if any(notes):
                item["accessibility"] = "\n".join(n for n in notes if n)
            for key in ("latitude", "longitude"):
                self.number(location.get(key), f"{where}.{key}")
            for key, value in location.items():
                if key not in CARRIED["location"] and key not in STRUCTURAL and not _empty(value):
                    self.dropped(f"{where}.{key}")
            welsh: dict[str, Any] = {}
            name_cy = self.text(self._cy(location, where).get("name"), f"{where}.translations.cy.name")
            if name_cy:
                welsh["name"] = name_cy
            notes_cy = [self.text(self._cy(a, f"{where}.accessibility[{j}]").get("description"),
                                  f"{where}.accessibility[{j}].translations.cy.description")
                        for j, a in enumerate(self.array(location.get("accessibility"), f"{where}.accessibility"))
                        if isinstance(a, dict)]
            if any(notes_cy):
                welsh["accessibility"] = "\n".join(n for n in notes_cy if n)
            self.welsh_locations.append(welsh)
            out.append(item)
        return out

    def _address(self, address: dict, at: str, item: dict) -> None:
        parts = [self.text(address.get(key), f"{at}.{key}") for key in ("address_1", "address_2")]
        city = self.text(address.get("city"), f"{at}.city")
        county = self.text(address.get("state_province"), f"{at}.state_province")
        line = ", ".join(p for p in parts if p)
        if city and city != county and city.lower() not in line.lower():
            line = f"{line}, {city}" if line else city
        if line:
            item["address"] = line
        postcode = self.text(address.get("postal_code"), f"{at}.postal_code")
        if postcode:
            item["postcode"] = postcode
        for key, value in address.items():
            if key not in CARRIED["address"] and key not in STRUCTURAL and not _empty(value):
                self.dropped(f"{at}.{key}")

    def coverage(self, data: dict, at: str) -> dict:
        nations = {t.label.lower(): k for k, t in self.vocabulary.terms("nations").items()}
        national, found_nations, areas = False, [], []
        for i, raw_area in enumerate(self.array(data.get("service_areas"), f"{at}.service_areas")):
            where = f"{at}.service_areas[{i}]"
            area = self.obj(raw_area, where)
            if area is None:
                continue
            name = self.text(area.get("name"), f"{where}.name") or self.text(area.get("service_area"), f"{where}.service_area")
            uri = self.text(area.get("uri"), f"{where}.uri") or ""
            code = uri[len(GSS_URI):] if uri.startswith(GSS_URI) else ""
            if name and name.lower() in (UK.lower(), "uk", "national"):
                national = True
            elif name and name.lower() in nations:
                found_nations.append(nations[name.lower()])
            elif GSS_CODE.match(code):
                areas.append(code)
            elif name:
                areas.append(name)
            else:
                self.dropped(where, "it names no area")
            if not _empty(area.get("extent")):
                self.dropped(f"{where}.extent", "the hub works with council areas, not drawn shapes")
        if national:
            return {"national": True}
        out: dict[str, Any] = {}
        if found_nations:
            out["nations"] = list(dict.fromkeys(found_nations))
        if areas:
            out["local_authorities"] = list(dict.fromkeys(areas))
        return out

    def contact(self, data: dict, at: str) -> dict:
        phones, emails = [], []
        for i, raw_phone in enumerate(self.array(data.get("phones"), f"{at}.phones")):
            phone = self.obj(raw_phone, f"{at}.phones[{i}]")
            number = self.text(phone.get("number"), f"{at}.phones[{i}].number") if phone else None
            if number:
                phones.append((number, f"{at}.phones[{i}]"))
        email = self.text(data.get("email"), f"{at}.email")
        if email:
            emails.append((email, f"{at}.email"))
        for i, raw_contact in enumerate(self.array(data.get("contacts"), f"{at}.contacts")):
            where = f"{at}.contacts[{i}]"
            contact = self.obj(raw_contact, where)
            if contact is None:
                continue
            value = self.text(contact.get("email"), f"{where}.email")
            if value:
                emails.append((value, f"{where}.email"))
            for j, raw_phone in enumerate(self.array(contact.get("phones"), f"{where}.phones")):
                phone = self.obj(raw_phone, f"{where}.phones[{j}]")
                number = self.text(phone.get("number"), f"{where}.phones[{j}].number") if phone else None
                if number:
                    phones.append((number, f"{where}.phones[{j}]"))
            for key in ("name", "title"):
                self.text(contact.get(key), f"{where}.{key}")
        out: dict[str, Any] = {}
        for kind, values in (("phone", phones), ("email", emails)):
            if values:
                out[kind] = values[0][0]
            for value, where in values[1:]:
                if value != values[0][0]:
                    self.dropped(where, f"a listing has one {kind} (kept: '{values[0][0][:40]}')")
        url = self.text(data.get("url"), f"{at}.url")
        if url:
            out["website"] = url
        return out

    def hours(self, data: dict, at: str) -> Optional[str]:
        texts = []
        for i, raw_schedule in enumerate(self.array(data.get("schedules"), f"{at}.schedules")):
            where = f"{at}.schedules[{i}]"
            schedule = self.obj(raw_schedule, where)
            if schedule is None:
                continue
            text = self.text(schedule.get("description"), f"{where}.description")
            if text is None:
                days = self.text(schedule.get("byday"), f"{where}.byday")
                opens = self.text(schedule.get("opens_at"), f"{where}.opens_at")
                closes = self.text(schedule.get("closes_at"), f"{where}.closes_at")
                text = " ".join(p for p in (days, f"{opens}-{closes}" if opens and closes else opens or closes) if p) or None
            if text:
                texts.append(text)
            else:
                self.dropped(where, "it says nothing a listing's opening hours can hold")
        return "\n".join(texts) or None

    def languages(self, data: dict, at: str) -> list[str]:
        out = []
        for i, raw_language in enumerate(self.array(data.get("languages"), f"{at}.languages")):
            language = self.obj(raw_language, f"{at}.languages[{i}]")
            if language is None:
                continue
            name = self.text(language.get("name"), f"{at}.languages[{i}].name") or \
                self.text(language.get("code"), f"{at}.languages[{i}].code")
            if name and name not in out:
                out.append(name)
            elif not name:
                self.dropped(f"{at}.languages[{i}]", "it gives no language name")
        return out


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _whole(number: float) -> Any:
    return int(number) if float(number).is_integer() else number


def _first_sentences(text: str, limit: int = 300) -> str:
    plain = " ".join(text.split())
    if len(plain) <= limit:
        return plain
    cut = plain[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > 40 else cut[: limit - 1].rsplit(" ", 1)[0] + "…"


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key '{key[:40]}' appears twice in one object")
        result[key] = value
    return result


def read_services(raw: bytes, source: str) -> tuple[list[tuple[str, Any]], str]:
    """(where, service) for every service of an ORUK file (one service, a page of a list, or a dataset
    array), and a note when the file is one page of a longer list."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportStop(f"the file is {len(raw) // (1024 * 1024)} MiB; the import reads at most "
                         f"{MAX_IMPORT_BYTES // (1024 * 1024)} MiB at a time")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportStop("the file is not UTF-8 text, so it is not ORUK JSON") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates,
                          parse_constant=lambda word: (_ for _ in ()).throw(ValueError(f"{word} is not valid JSON")))
    except json.JSONDecodeError as error:
        raise ImportStop(f"this is not JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
    except ValueError as error:
        raise ImportStop(f"this is not valid JSON: {error}") from None
    except RecursionError:
        raise ImportStop(f"the file nests arrays or objects too deeply (more than {MAX_DEPTH} levels)") from None
    if _depth(data) > MAX_DEPTH:
        raise ImportStop(f"the file nests arrays or objects too deeply (more than {MAX_DEPTH} levels)")
    if isinstance(data, list):
        services = [(f"[{i}]", item) for i, item in enumerate(data)]
    elif isinstance(data, dict) and "contents" in data:
        if not isinstance(data["contents"], list):
            raise ImportStop("'contents' should be an array of services")
        services = [(f"contents[{i}]", item) for i, item in enumerate(data["contents"])]
    elif isinstance(data, dict) and "name" in data:
        services = [("service", data)]
    else:
        raise ImportStop("this is not an ORUK service, a page of services ({\"contents\": [...]}) or an array of services")
    if not services:
        raise ImportStop("the file holds no services")
    if len(services) > MAX_SERVICES:
        raise ImportStop(f"the file holds {len(services):,} services; import at most {MAX_SERVICES:,} at a time")
    note = ""
    if isinstance(data, dict) and isinstance(data.get("total_pages"), int) and data["total_pages"] > 1:
        note = (f"this is page {str(data.get('page_number'))[:10]} of {data['total_pages']} of a list; "
                "only the services on this page were imported")
    return services, note


def import_file(path: Path, directory: Path, *, vocabulary: Vocabulary, display_root: Optional[Path] = None) -> ImportResult:
    """Import every service of `path` into `directory`, or nothing if any of them has an error."""
    result = ImportResult()
    source = str(path)
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_IMPORT_BYTES else b"x" * (MAX_IMPORT_BYTES + 1)
        services, pages = read_services(raw, source)
    except OSError as error:
        result.problems.append(Problem(source, 1, 1, f"cannot read the file: {error.strerror}"))
        return result
    except ImportStop as stop:
        result.problems.append(Problem(source, 1, 1, str(stop), "give an ORUK 3.0 JSON file"))
        return result
    reader = _Reader(source, vocabulary, result.problems)
    if pages:
        result.problems.append(Problem(source, 1, 1, pages, "import every page (or the whole dataset file) to get "
                                       "them all", field="total_pages", severity=Severity.WARNING))
    listings = [(where, data, reader.service(data, where, index)) for index, (where, data) in enumerate(services)]
    if result.failed:
        return result
    taken = _existing_stems(directory, ".yaml") | _existing_stems(directory, ".yml")
    root = display_root or directory.parent
    schema_ref = Path(os.path.relpath(root / "schema" / "service.schema.json", directory)).as_posix()
    planned: list[tuple[Path, str]] = []
    for where, data, listing in listings:
        if listing is None:  # not reached: any service that failed made result.failed true above
            continue
        slug = unique_slug(str(listing.get("name") or "imported-service"), "service", directory, ".yaml", taken)
        taken.add(slug)
        text = _file_text(listing, data, schema_ref)
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            result.problems.append(Problem(source, 1, 1, f"the listing made from {where} would be over "
                                           f"{MAX_FILE_BYTES // 1024} KiB, which the hub does not read", field=where))
            continue
        try:
            back, _ = load_yaml(text)
        except YamlProblem as problem:  # a bug of ours: say so rather than write a file the hub cannot read
            back = problem
        if back != as_read(listing):
            result.problems.append(Problem(source, 1, 1, f"the listing made from {where} would not read back exactly",
                                           "this is a bug in hub-build: please report it with the file", field=where))
            continue
        planned.append((directory / f"{slug}.yaml", text))
    if result.failed:
        return result
    try:
        result.written = _write_all(planned, display_root)
    except OSError as error:
        result.problems.append(Problem(str(error.filename or directory), 1, 1,
                                       f"cannot write the listing: {error.strerror}; nothing was written",
                                       "check the directory, then run the import again"))
    return result


def _file_text(listing: dict, data: Any, schema_ref: str) -> str:
    ident = data.get("id") if isinstance(data, dict) else None
    origin = f" (ORUK id {ident})" if isinstance(ident, str) and _is_uuid(ident) else ""
    return (f"# yaml-language-server: $schema={schema_ref}\n"
            f"# Imported from Open Referral UK data{origin}. Check every field with the service,\n"
            "# then run: hub-build validate\n" + dump(listing))


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False


def _write_all(planned: list[tuple[Path, str]], display_root: Optional[Path]) -> list[str]:
    """Write every file or none: temporary files first, then hard links that refuse to overwrite."""
    if not planned:
        return []
    folder = planned[0][0].parent
    folder.mkdir(parents=True, exist_ok=True)
    temps: list[Path] = []
    placed: list[Path] = []
    try:
        for target, text in planned:
            temp = target.with_name(f".{target.stem}.importing-{os.getpid()}")
            with open(temp, "x", encoding="utf-8", newline="\n") as handle:
                temps.append(temp)
                handle.write(text)
        for (target, _), temp in zip(planned, temps, strict=True):
            os.link(temp, target)  # FileExistsError rather than overwrite a file that appeared meanwhile
            placed.append(target)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    root = display_root
    return [(p.relative_to(root).as_posix() if root and p.is_relative_to(root) else str(p)) for p in placed]
