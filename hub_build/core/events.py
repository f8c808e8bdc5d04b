"""Event times and the upcoming/past split, decided at build time from the Hub's `today`.

Event times are written as UK local time; the Hub's entries turn them into aware datetimes once
(eventtime.py) so that calendars can publish them in UTC and pages can show them as they were written.
"""

from __future__ import annotations

import datetime as dt

from hub_build.core.dates import long_date
from hub_build.model.eventtime import When
from hub_build.core.hub import EventEntry, Hub


def when(entry: EventEntry) -> When:
    """Start and end, parsed once per event by the Hub's entry."""
    return entry.when


def is_past(entry: EventEntry, today: dt.date) -> bool:
    """Past once its last day is over: an event on today's date is still upcoming."""
    return when(entry).last_day < today


def upcoming(hub: Hub) -> list[EventEntry]:
    """Events not yet over, soonest first."""
    chosen = [e for e in hub.events if not is_past(e, hub.today)]
    return sorted(chosen, key=lambda e: (e.event.start, e.event.title.casefold(), e.slug))


def past(hub: Hub) -> list[EventEntry]:
    """Events that are over, most recent first: the archive."""
    chosen = [e for e in hub.events if is_past(e, hub.today)]
    return sorted(chosen, key=lambda e: (e.event.start, e.slug), reverse=True)


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def describe(entry: EventEntry, day=long_date, span: str = "{start} to {end}") -> str:
    """'3 December 2026, 10:00 to 12:30' or '3 to 4 December 2026', as readers expect it; `day` writes a date and
    `span` joins two ends in the page's language (the English ones by default)."""
    times = when(entry)
    if times.all_day:
        if times.first_day == times.last_day:
            return day(times.first_day)
        if (times.first_day.year, times.first_day.month) == (times.last_day.year, times.last_day.month):
            return span.format(start=times.first_day.day, end=day(times.last_day))
        return span.format(start=day(times.first_day), end=day(times.last_day))
    if times.first_day == times.last_day:
        return f"{day(times.first_day)}, " + span.format(start=_clock(times.start), end=_clock(times.end))  # type: ignore[arg-type]
    return span.format(start=f"{day(times.first_day)}, {_clock(times.start)}",  # type: ignore[arg-type]
                       end=f"{day(times.last_day)}, {_clock(times.end)}")  # type: ignore[arg-type]
