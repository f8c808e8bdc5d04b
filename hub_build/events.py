"""Event times and the upcoming/past split, decided at build time from the Hub's `today`.

Event times are written as UK local time; they are turned into aware datetimes here so that
calendars can publish them in UTC and pages can show them the way they were written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .hub import EventEntry, Hub

UK = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class When:
    """An event's start and end: dates for whole-day events, aware datetimes otherwise."""

    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    all_day: bool

    @property
    def first_day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def last_day(self) -> dt.date:
        return self.end.date() if isinstance(self.end, dt.datetime) else self.end


def parse_time(text: str) -> dt.date | dt.datetime:
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UK)


def when(entry: EventEntry) -> When:
    """Start and end; an event with no end lasts its day (or, with a time, one hour)."""
    event = entry.event
    start = parse_time(event.start)
    all_day = not isinstance(start, dt.datetime)
    if event.end:
        end = parse_time(event.end)
    else:
        end = start if all_day else start + dt.timedelta(hours=1)
    return When(start, end, all_day)


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


def describe(entry: EventEntry) -> str:
    """'3 December 2026, 10:00 to 12:30' or '3 to 4 December 2026', as readers expect it."""
    span = when(entry)

    def day(value: dt.date) -> str:
        return f"{value.day} {value:%B %Y}"

    if span.all_day:
        if span.first_day == span.last_day:
            return day(span.first_day)
        if (span.first_day.year, span.first_day.month) == (span.last_day.year, span.last_day.month):
            return f"{span.first_day.day} to {day(span.last_day)}"
        return f"{day(span.first_day)} to {day(span.last_day)}"
    if span.first_day == span.last_day:
        return f"{day(span.first_day)}, {_clock(span.start)} to {_clock(span.end)}"  # type: ignore[arg-type]
    return f"{day(span.first_day)}, {_clock(span.start)} to {day(span.last_day)}, {_clock(span.end)}"  # type: ignore[arg-type]
