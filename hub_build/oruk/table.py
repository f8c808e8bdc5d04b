"""The feed as one flat CSV for people with a spreadsheet: one row per service and location.

Every text cell that a spreadsheet could read as a formula (starting = + - @, a tab or a carriage return)
gets a leading apostrophe, so a listing cannot run anything in the reader's spreadsheet. Numbers the
build computes itself (ages, latitude, longitude) are written as numbers.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hub_build.core.hub import Hub, ServiceEntry
from hub_build.oruk.mapping import ATTRIBUTION

if TYPE_CHECKING:
    from hub_build.oruk.mapping import Dataset

CSV_NAME = "services.csv"
NOTE_NAME = "services-csv.txt"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS: tuple[tuple[str, str], ...] = (
    ("service_id", "the service's ORUK id (the same in every build)"),
    ("location_id", "the location's ORUK id"),
    ("name", "the service's name"),
    ("organisation", "who runs it"),
    ("organisation_website", "the organisation's web site"),
    ("charity_number", "registered charity number"),
    ("summary", "a short summary"),
    ("description", "the full description (Markdown)"),
    ("service_types", "kinds of service, separated by '; '"),
    ("audiences", "who it is for"),
    ("minimum_age", "youngest age worked with"),
    ("maximum_age", "oldest age worked with"),
    ("sectors", "professional sectors served"),
    ("topics", "what it helps with"),
    ("formats", "how it is delivered"),
    ("referral", "who can refer"),
    ("how_to_refer", "how to make a referral"),
    ("cost", "whether families pay"),
    ("cost_details", "what costs there are"),
    ("phone", "phone number"),
    ("email", "e-mail address"),
    ("website", "the service's web page"),
    ("opening_hours", "when it is open"),
    ("languages", "languages it works in"),
    ("coverage", "where it works: United Kingdom, nations or council areas"),
    ("location_name", "the place's name"),
    ("address", "street address"),
    ("postcode", "postcode"),
    ("latitude", "latitude of the postcode (WGS84), from the ONS Postcode Directory"),
    ("longitude", "longitude of the postcode (WGS84)"),
    ("local_authority", "the council area of the postcode"),
    ("accessibility", "access at the place"),
    ("last_reviewed", "the day the details were last checked with the service (YYYY-MM-DD)"),
)


_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a leading ' before anything it could take for a formula."""
    if value.__class__ is str:  # the common case first: a build writes some thirty cells per row
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text[:1] in _FORMULA_FIRST else text


def _row(hub: Hub, entry: ServiceEntry, service: dict, index: int) -> list[Any]:
    s, vocab = entry.service, hub.vocabulary
    labels = lambda category, keys: "; ".join(vocab.label(category, key) for key in keys)  # noqa: E731
    location = s.locations[index]
    place = entry.places[index] if index < len(entry.places) else None
    sal = service["service_at_locations"][index]
    return [
        service["id"], sal["location_id"], s.name, s.organisation.name, s.organisation.website,
        s.organisation.charity_number, s.summary, s.description, labels("service_types", s.service_types),
        labels("audiences", s.audiences), s.age_range.min if s.age_range else None,
        s.age_range.max if s.age_range else None, labels("sectors", s.sectors), labels("topics", s.topics),
        labels("formats", s.formats), vocab.label("referral_routes", s.access.referral), s.access.how_to_refer,
        vocab.label("cost_types", s.cost.type), s.cost.details, s.contact.phone, s.contact.email, s.contact.website,
        s.opening_hours, "; ".join(s.languages), "; ".join(area["name"] for area in service["service_areas"]),
        location.name, location.address, location.postcode,
        sal["location"].get("latitude"), sal["location"].get("longitude"), place.la_name if place else None,
        location.accessibility, s.last_reviewed.isoformat(),
    ]


def csv_text(hub: Hub, data: "Dataset", entries: list[ServiceEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    for entry, service in zip(entries, data.services, strict=True):
        for index in range(len(entry.service.locations)):
            writer.writerow([safe_cell(value) for value in _row(hub, entry, service, index)])
    return out.getvalue()


def note_text(hub: Hub, rows: int) -> str:
    settings = hub.settings
    columns = "\n".join(f"  {name}: {meaning}" for name, meaning in COLUMNS)
    return (
        f"{CSV_NAME}: the services of this hub, one row per service and location ({rows} rows).\n\n"
        f"Licence: {settings.open_data_licence} ({settings.open_data_licence_url}).\n"
        "Postcode locations: Source: Office for National Statistics, licensed under the Open Government Licence v3.0.\n"
        "Contains OS data (c) Crown copyright and database right 2025. Contains Royal Mail data (c) Royal Mail copyright\n"
        "and database right 2025. Contains GeoPlace data (c) Local Government Information House Limited copyright and\n"
        "database right 2025. Northern Ireland postcodes contain LPS Intellectual Property (c) Crown copyright and\n"
        "database right 2025.\n"
        f"Data model: {ATTRIBUTION}. The same data as Open Referral UK 3.0 JSON: index.json in this folder.\n\n"
        "The file is UTF-8 (with a byte-order mark, for spreadsheets). Text that a spreadsheet could read as a\n"
        "formula (starting with = + - @) begins with an apostrophe ('), which is not part of the value.\n\n"
        f"Columns:\n{columns}\n"
    )


class CsvRows:
    """services.csv written a listing at a time (with its note at the end), for the streamed export."""

    def __init__(self, hub: Hub, folder: Path) -> None:
        self.hub, self.folder, self.rows = hub, folder, 0
        self.written: list[str] = []
        self.handle = open(folder / CSV_NAME, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\r\n")
        self.writer.writerow([name for name, _ in COLUMNS])

    def add(self, entry: ServiceEntry, service: dict) -> None:
        for index in range(len(entry.service.locations)):
            self.writer.writerow([safe_cell(value) for value in _row(self.hub, entry, service, index)])
            self.rows += 1

    def __enter__(self) -> "CsvRows":
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()
        if exc[0] is None:
            (self.folder / NOTE_NAME).write_text(note_text(self.hub, self.rows), encoding="utf-8", newline="\n")
            self.written = [CSV_NAME, NOTE_NAME]


def write_csv(hub: Hub, data: "Dataset", entries: list[ServiceEntry], folder: Path) -> list[str]:
    text = csv_text(hub, data, entries)
    (folder / CSV_NAME).write_text(text, encoding="utf-8-sig", newline="")
    rows = sum(len(entry.service.locations) for entry in entries)
    (folder / NOTE_NAME).write_text(note_text(hub, rows), encoding="utf-8", newline="\n")
    return [CSV_NAME, NOTE_NAME]
