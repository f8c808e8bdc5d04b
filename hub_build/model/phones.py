"""UK phone numbers checked against Ofcom's numbering plan, with the reason when one is impossible.

The plan (which ranges are in use, how long their numbers are, how they are grouped) comes from
the `phonenumbers` library, which tracks it closely. The library rejects Ofcom's ranges reserved
for TV and radio drama, which sample and test hubs use so that no real person is rung, so those are
allowed here explicitly, each with its length and grouping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import phonenumbers
from phonenumbers import PhoneNumberFormat

# Emergency, non-emergency, NHS, harmonised European (116xxx) and text relay numbers: dialled as they are.
SHORT_NUMBERS = re.compile(r"^(999|112|111|101|105|116\d{3}|18001\d{10,11})$")


@dataclass(frozen=True)
class DramaRange:
    """A range Ofcom keeps for drama: numbers starting `prefix`, `length` digits long, grouped as `groups`."""

    prefix: str
    length: int
    groups: tuple[int, ...]

    @property
    def shown(self) -> str:
        example = self.prefix.ljust(self.length, "x")
        return group(example, self.groups)


# https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama
DRAMA_RANGES: tuple[DramaRange, ...] = tuple(
    [DramaRange(f"01{area}4960", 11, (4, 3, 4)) for area in ("13", "14", "15", "16", "17", "18", "21", "31", "41", "51", "61")]
    + [
        DramaRange("01914980", 11, (4, 3, 4)),   # Tyneside
        DramaRange("02079460", 11, (3, 4, 4)),   # London
        DramaRange("02920180", 11, (3, 4, 4)),   # Cardiff
        DramaRange("02896496", 11, (3, 4, 4)),   # Belfast
        DramaRange("01632960", 11, (5, 6)),      # no area
        DramaRange("07700900", 11, (5, 6)),      # mobile
        DramaRange("08081570", 11, (4, 3, 4)),   # freephone
        DramaRange("09098790", 11, (4, 3, 4)),   # premium rate
        DramaRange("03069990", 11, (4, 3, 4)),   # UK-wide
    ]
)


class PhoneError(ValueError):
    """Why a number cannot be a UK number in use: `message` for the error, `hint` for the fix."""

    def __init__(self, kind: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.kind, self.message, self.hint = kind, message, hint


def group(digits: str, groups: tuple[int, ...]) -> str:
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start:start + size])
        start += size
    if start < len(digits):
        parts.append(digits[start:])
    return " ".join(p for p in parts if p)


_DRAMA_BY_PREFIX = {r.prefix: r for r in DRAMA_RANGES}


def drama_range(digits: str) -> DramaRange | None:
    return _DRAMA_BY_PREFIX.get(digits[:8])


@lru_cache(maxsize=65536)
def _parsed(digits: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        return None


def _valid(digits: str) -> bool:
    number = _parsed(digits)
    return number is not None and number.country_code == 44 and phonenumbers.is_valid_number(number)


def _lengths_in_use(digits: str) -> tuple[list[int], str]:
    """Lengths that numbers beginning like `digits` have in the plan, and one such number."""
    found, example = [], ""
    for length in range(7, 13):
        if length == len(digits):
            continue
        if length < len(digits):
            candidates = [digits[:length]]
        else:
            candidates = [digits + fill * (length - len(digits)) for fill in "0123456789"]
        valid = next((c for c in candidates if _valid(c)), "")
        if valid:
            found.append(length)
            example = example or valid
    return found, example


def _prefix_shown(digits: str) -> str:
    """The leading digits a reader recognises (the area code or range), for messages."""
    number = _parsed(digits)
    if number is not None:
        area = phonenumbers.length_of_geographical_area_code(number) or phonenumbers.length_of_national_destination_code(number)
        if area:
            return digits[: area + 1]
    return digits[:4]


def check(digits: str, raw: str, quote: Callable[[str], str] = str) -> None:
    """Raise PhoneError with the precise reason unless national-form `digits` is a number in use.

    `quote` shows the typed text in a message; it is called only when there is one to write.
    """
    if SHORT_NUMBERS.match(digits):
        return
    drama = drama_range(digits)
    if drama is not None:
        if len(digits) != drama.length:
            raise PhoneError("phone_length", f"'{quote(raw)}' has {len(digits)} digits; Ofcom's drama numbers "
                             f"{drama.shown} have {drama.length}", "check for a missing or extra digit")
        return
    if _valid(digits):
        return
    lengths, example = _lengths_in_use(digits)
    prefix = _prefix_shown(example or digits)
    if lengths:
        expected = " or ".join(str(n) for n in lengths)
        raise PhoneError("phone_length", f"'{quote(raw)}' has {len(digits)} digits; numbers starting {prefix} have {expected}",
                         "check for a missing or extra digit")
    if digits[:2] in ("04", "06"):
        reason = f"UK numbers never start {digits[:2]}"
    else:
        reason = f"Ofcom's numbering plan has no range of numbers like it starting {prefix}"
    raise PhoneError("phone_not_in_use", f"'{quote(raw)}' is not a UK number in use: {reason}",
                     "check the number with the service")


def display(digits: str) -> str:
    """National digits grouped the way the plan writes them: 020 7946 0123, 0113 496 0000, 01632 960000."""
    if SHORT_NUMBERS.match(digits):
        return digits
    drama = drama_range(digits)
    if drama is not None:
        return group(digits, drama.groups)
    number = _parsed(digits)
    if number is None:
        return digits
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
