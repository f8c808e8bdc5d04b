"""iCalendar (RFC 5545) files for events: one per event and one for every upcoming event.

Written by hand (a few lines of text) rather than with a library: escaping, CRLF line ends and
75-octet folding are the whole of it. Timed events are published in UTC, so no VTIMEZONE is needed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Callable, Iterable

from hub_build.core.events import when
from hub_build.core.hub import EventEntry

PRODID = "-//hub-build//Events//EN"


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space, never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _date_lines(entry: EventEntry) -> list[str]:
    span = when(entry)
    if span.all_day:
        # DTEND of an all-day event is the day after the last day (exclusive).
        return [f"DTSTART;VALUE=DATE:{span.first_day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{span.last_day + dt.timedelta(days=1):%Y%m%d}"]
    return [f"DTSTART:{_utc(span.start)}", f"DTEND:{_utc(span.end)}"]  # type: ignore[arg-type]


def uid(entry: EventEntry, domain: str) -> str:
    digest = hashlib.sha1(entry.source.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{entry.slug}-{digest}@{domain or 'hub-build.invalid'}"


def vevent(entry: EventEntry, *, url: str, stamp: dt.date, domain: str, _: Callable[[str], str] = str) -> list[str]:
    """One event; `_` writes the calendar's own words in the site's language (English by default)."""
    event = entry.event
    where = []
    if event.place:
        where = [event.place.name, event.place.address or "", event.place.postcode or ""]
    if event.online:
        where.append(_("Online"))
    description = event.summary + "\n" + _("Organiser: {organiser}").format(organiser=event.organiser)
    if event.cost:
        description += "\n" + _("Cost: {cost}").format(cost=event.cost)
    if event.booking:
        description += "\n" + _("Booking: {booking}").format(booking=event.booking)
    lines = ["BEGIN:VEVENT", f"UID:{uid(entry, domain)}", f"DTSTAMP:{stamp:%Y%m%d}T000000Z", *_date_lines(entry),
             f"SUMMARY:{escape(event.title)}", f"DESCRIPTION:{escape(description)}",
             f"LOCATION:{escape(', '.join(part for part in where if part))}"]
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(entries: Iterable[EventEntry], *, name: str, urls: dict[str, str], stamp: dt.date, domain: str,
             _: Callable[[str], str] = str) -> str:
    """A VCALENDAR of the events; `urls` maps an event's slug to its absolute page URL (when known)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}"]
    for entry in entries:
        lines += vevent(entry, url=urls.get(entry.slug, ""), stamp=stamp, domain=domain, _=_)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
