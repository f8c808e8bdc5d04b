"""How the hub writes a date for readers: one definition shared by pages, lists and event times."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """'3 December 2026': no leading zero, the month in words, as UK readers write it."""
    return f"{day.day} {day:%B %Y}"
