"""An event's start and end as date or time values, parsed once from the text the model kept.

The model keeps `start`/`end` as checked text (UK local time, as written); the Hub's event entries
parse it here once, so pages, calendars, the review list and the upcoming/past split share one value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hub_build.model.items import Event

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


def event_when(event: Event) -> When:
    """Start and end; an event with no end lasts its day (or, with a time, one hour)."""
    start = parse_time(event.start)
    all_day = not isinstance(start, dt.datetime)
    if event.end:
        end = parse_time(event.end)
    else:
        end = start if all_day else start + dt.timedelta(hours=1)
    return When(start, end, all_day)
