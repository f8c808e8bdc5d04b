"""`hub-build new KIND "Name"`: start a listing from a valid, commented file.

A blank page is where non-developers give up: the new file already passes
`hub-build validate`, every field carries a comment saying what to write and
which terms are allowed, and `last_reviewed` is today. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from hub_build.load import placeholders as ph
from hub_build.model.fields import MAX_SLUG_LENGTH, suggest_slug
from hub_build.core.settings import HubSettings
from hub_build.core.vocabulary import Vocabulary

KINDS = ("service", "resource", "practice", "event")
RESERVED = {"index", "past", "upcoming"}


class ScaffoldError(Exception):
    """Why a new file could not be written, in words for the contributor."""


@dataclass(frozen=True)
class Target:
    folder: Path
    suffix: str


def target(kind: str, root: Path, docs_dir: Path, settings: HubSettings) -> Target:
    """Where files of this kind live in the hub."""
    if kind == "service":
        return Target(root / settings.directory, ".yaml")
    folder = {"resource": settings.resources, "practice": getattr(settings, "practice", "practice"),
              "event": getattr(settings, "events", "events")}[kind]
    return Target(docs_dir / folder, ".md")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), so any name is safe to write."""
    return json.dumps(text, ensure_ascii=False)


def _terms(vocabulary: Vocabulary, category: str) -> str:
    return ", ".join(vocabulary.terms(category))


def unique_slug(name: str, kind: str, folder: Path, suffix: str, taken: Collection[str] = frozenset()) -> str:
    """The name as a URL slug, with -2, -3... added when a file of that name (or a reserved name) exists."""
    base = suggest_slug(name) or kind
    base = base[: MAX_SLUG_LENGTH - 4].strip("-")
    slug, number = base, 1
    while slug in RESERVED or slug in taken or (folder / f"{slug}{suffix}").exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _existing_stems(folder: Path, suffix: str) -> set[str]:
    """Listing slugs must be unique across sub-folders too (the loader checks every file in the tree)."""
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.rglob(f"*{suffix}")}


def render(kind: str, name: str, vocabulary: Vocabulary, today: dt.date, schema_ref: str = "") -> str:
    """The text of a new file of `kind`, valid as it stands."""
    day = today.isoformat()
    examples = {"organisation": _q(ph.ORGANISATION), "email": _q(ph.EMAIL), "postcode": _q(ph.POSTCODE),
                "council_area": _q(ph.COUNCIL_AREA), "publisher": _q(ph.PUBLISHER), "link": _q(ph.LINK),
                "service_summary": _q(ph.SERVICE_SUMMARY), "resource_summary": _q(ph.RESOURCE_SUMMARY),
                "practice_summary": _q(ph.PRACTICE_SUMMARY), "approach": ph.PRACTICE_APPROACH,
                "outcomes": ph.PRACTICE_OUTCOMES, "event_summary": _q(ph.EVENT_SUMMARY),
                "resource_body": ph.RESOURCE_BODY, "event_body": ph.EVENT_BODY}
    if kind == "service":
        return SERVICE.format(**examples,
            schema=f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else "", name=_q(name), today=day,
            service_types=_terms(vocabulary, "service_types"), audiences=_terms(vocabulary, "audiences"),
            sectors=_terms(vocabulary, "sectors"), topics=_terms(vocabulary, "topics"),
            referral=_terms(vocabulary, "referral_routes"), costs=_terms(vocabulary, "cost_types"),
            formats=_terms(vocabulary, "formats"), nations=_terms(vocabulary, "nations"),
        )
    template = {"resource": RESOURCE, "practice": PRACTICE, "event": EVENT}[kind]
    return template.format(**examples, name=_q(name), today=day, audiences=_terms(vocabulary, "audiences"),
                           sectors=_terms(vocabulary, "sectors"), topics=_terms(vocabulary, "topics"),
                           types=_terms(vocabulary, "resource_types"), nations=_terms(vocabulary, "nations"))


def new_file(kind: str, name: str, *, root: Path, docs_dir: Path, settings: HubSettings, vocabulary: Vocabulary,
             today: dt.date, slug: str | None = None) -> Path:
    """Write the new file and return its path; raises ScaffoldError rather than overwrite anything."""
    if kind not in KINDS:
        raise ScaffoldError(f"'{kind}' is not something hub-build can create; choose one of {', '.join(KINDS)}")
    if not name.strip():
        raise ScaffoldError("give the name in quotes, like: hub-build new service \"Leeds Family Support\"")
    where = target(kind, root, docs_dir, settings)
    if slug is not None:
        if suggest_slug(slug) != slug:
            raise ScaffoldError(f"'{slug}' cannot be used in a web address; try '{suggest_slug(slug) or kind}'")
        path = where.folder / f"{slug}{where.suffix}"
        if path.exists() or (kind == "service" and slug in _existing_stems(where.folder, where.suffix)):
            raise ScaffoldError(f"{path.relative_to(root) if path.is_relative_to(root) else path} already exists; "
                                "nothing was written (edit that file, or choose another --slug)")
    else:
        taken = _existing_stems(where.folder, where.suffix) if kind == "service" else set()
        slug = unique_slug(name, kind, where.folder, where.suffix, taken)
        path = where.folder / f"{slug}{where.suffix}"
    schema_ref = ""
    if kind == "service":
        schema_dir = root / "schema"
        schema_ref = Path(_relative_path(schema_dir / "service.schema.json", where.folder)).as_posix()
    where.folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(render(kind, name.strip(), vocabulary, today, schema_ref))
    return path


def _relative_path(target_path: Path, start: Path) -> str:
    import os

    return os.path.relpath(target_path, start)


SERVICE = """\
{schema}# A service listing. Replace every example value (validate reports each one left), then run: hub-build validate
# Text containing ': ' or starting with a special character must be in "quotes".
name: {name}
organisation:
  name: {organisation}              # who runs the service
  # website: https://www.example.org
  # charity_number: "1234567"            # England and Wales 6-8 digits; SC123456; NIC123456
summary: {service_summary}
# description: |
#   Markdown: what the service does, for whom, and how. Paragraphs, lists and links.
service_types: [family-support]          # one or more of: {service_types}
audiences: [parents-and-carers]          # one or more of: {audiences}
# age_range: {{min: 5, max: 18}}          # needed when children-and-young-people is an audience
# sectors: [schools]                     # needed when professionals is an audience: {sectors}
# topics: [visiting-prison]              # any of: {topics}
access:
  referral: self-or-professional         # one of: {referral}
  # how_to_refer: How to make a referral, in plain text.
cost:
  type: free                             # one of: {costs}
  # details: What costs there are, if any.
formats: [in-person]                     # one or more of: {formats}
locations:
  - name: "Main office"
    # address: 1 Example Street, Town
    postcode: {postcode}                 # the real postcode of the place
coverage:
  local_authorities: [{council_area}]
  # or instead: local_authorities: ["Bristol, City of", E06000024] (ONS names or codes),
  # nations: [wales] (any of: {nations}), or national: true for a service across the whole UK
contact:
  email: {email}        # and/or phone: 0117 496 0123, website: https://...
# opening_hours: Monday to Friday, 9am to 5pm
# languages: [English]
last_reviewed: {today}                   # the day you checked these details with the service
# review_owner: Directory team
# text_language: cy                      # the language of the name and text when not English (cy, gd, ga, ...)
# name_language: gd                      # the language of the name alone, when it differs from the text
"""

RESOURCE = """\
---
# A resource. Replace every example value (validate reports each one left), then run: hub-build validate
title: {name}
summary: {resource_summary}
type: guide                              # one of: {types}
audiences: [professionals]               # one or more of: {audiences}
sectors: [schools]                       # any of: {sectors}
# topics: [telling-children]             # any of: {topics}
# nations: [wales]                       # leave out for UK-wide: {nations}
publisher: {publisher}
# date: {today}                          # when it was published
link: {link}   # or instead: file: guide.pdf (stored beside this page)
last_reviewed: {today}
---
{resource_body}
"""

PRACTICE = """\
---
# A practice example. Replace every example value (validate reports each one left), then run: hub-build validate
# Case studies describe real families: leave out names, ages, dates of birth and contact details.
title: {name}
kind: practice-example                   # or case-study
organisation: {{name: {organisation}}}
sectors: [schools]                       # one or more of: {sectors}
nations: [england]                       # and/or area: Council area; any of: {nations}
# topics: [education]                    # any of: {topics}
summary: {practice_summary}
approach: |
  {approach}
outcomes: |
  {outcomes}
contact: {{email: {email}}}           # a role address, not a person's
last_reviewed: {today}
---
"""

EVENT = """\
---
# An event or training course. Replace every example value (validate reports each one left), then run: hub-build validate
title: {name}
summary: {event_summary}
start: {today}                           # 2026-12-03 for a whole day, or 2026-12-03 10:00
# end: {today}
online: true                             # or instead: place: {{name: Venue, address: ..., postcode: ...}}
# booking: https://www.example.org/book
# cost: Free
organiser: {organisation}
audiences: [professionals]               # one or more of: {audiences}
# sectors: [schools]                     # any of: {sectors}
last_reviewed: {today}
---
{event_body}
"""
