"""Phone numbers by Ofcom's numbering plan: valid numbers pass and are grouped as the plan writes them,
impossible ones fail with the precise reason at file:line, and the drama ranges the sample uses stay allowed."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from hub_build.model.fields import format_uk_phone, normalise_uk_phone
from hub_build.model.phones import DRAMA_RANGES

from hubs import GOOD_LISTING, listing, make_hub
from test_validation import problems_of


def shown(raw: str) -> str:
    return format_uk_phone(normalise_uk_phone(raw))


def reason(raw: str) -> str:
    with pytest.raises(PydanticCustomError) as caught:
        normalise_uk_phone(raw)
    return caught.value.message()


# Every kind of grouping in the plan: 2-digit area codes, 3, 4 (incl. the 01x1 and 011x areas), 5 (with 5- and
# 6-digit local numbers), mixed 4/5 areas (0169 77), mobiles, pagers/personal, VoIP (056), non-geographic 03/08/09.
@pytest.mark.parametrize("typed, grouped", [
    ("02079460123", "020 7946 0123"),
    ("020 8123 4567", "020 8123 4567"),
    ("0208 123 4567", "020 8123 4567"),            # written wrongly, shown right
    ("029 2018 0123", "029 2018 0123"),
    ("028 9649 6123", "028 9649 6123"),
    ("0113 496 0000", "0113 496 0000"),
    ("01134960999", "0113 496 0999"),
    ("0121 496 0000", "0121 496 0000"),
    ("0191 498 0000", "0191 498 0000"),
    ("0115 496 0123", "0115 496 0123"),            # a drama range phonenumbers alone would reject
    ("01632 960123", "01632 960123"),              # drama, no area
    ("0163 296 0123", "01632 960123"),
    ("01387 123456", "01387 123456"),
    ("013873 12345", "013873 12345"),              # Langholm: 5-digit local numbers
    ("016977 12345", "016977 12345"),              # Brampton: 4+5 digits after 0169 77
    ("07700 900123", "07700 900123"),              # drama mobile
    ("07912 345678", "07912 345678"),
    ("056 1234 5678", "056 1234 5678"),
    ("0300 555 0127", "0300 555 0127"),
    ("03069 990123", "0306 999 0123"),             # drama UK-wide
    ("0800 123 4567", "0800 123 4567"),
    ("0800 1111", "0800 1111"),                    # Childline
    ("0808 157 0123", "0808 157 0123"),            # drama freephone
    ("0909 879 0123", "0909 879 0123"),            # drama premium rate
    ("0845 123 4567", "0845 123 4567"),
    ("+44 (0)117 496-0123", "0117 496 0123"),
    ("0044 20 7946 0000", "020 7946 0000"),
    ("999", "999"),
    ("116 123", "116123"),
])
def test_valid_numbers_are_grouped_by_the_plan(typed, grouped):
    assert shown(typed) == grouped


@pytest.mark.parametrize("drama", DRAMA_RANGES, ids=lambda r: r.prefix)
def test_every_drama_range_is_allowed_grouped_and_length_checked(drama):
    number = drama.prefix.ljust(drama.length, "7")
    assert shown(number).replace(" ", "") == number
    assert [len(part) for part in shown(number).split()] == list(drama.groups)
    assert "Ofcom's drama numbers" in reason(number[:-1])
    assert "Ofcom's drama numbers" in reason(number + "1")


@pytest.mark.parametrize("typed, message", [
    ("01632 96000", "'01632 96000' has 10 digits; Ofcom's drama numbers 01632 960xxx have 11"),
    ("0163 296 000", "'0163 296 000' has 10 digits; Ofcom's drama numbers 01632 960xxx have 11"),
    ("01946 12345", "'01946 12345' has 10 digits; numbers starting 01946 have 11"),
    ("07912 34567", "'07912 34567' has 10 digits; numbers starting 07912 have 11"),
    ("020 7123 45678", "'020 7123 45678' has 12 digits; numbers starting 020 have 11"),
    ("04 1234 5678", "'04 1234 5678' is not a UK number in use: UK numbers never start 04"),
    ("0999 123 4567", "'0999 123 4567' is not a UK number in use: Ofcom's numbering plan has no range"),
    ("+1 555 0100", "'+1 555 0100' is not a UK phone number"),
    ("0117 49", "'0117 49' is not a UK phone number"),
])
def test_impossible_numbers_give_the_precise_reason(typed, message):
    assert reason(typed).startswith(message)


def test_an_impossible_number_is_an_error_at_its_line(tmp_path):
    make_hub(tmp_path, {"x.yaml": listing(contact={**GOOD_LISTING["contact"], "phone": "01946 12345"})})
    text = (tmp_path / "directory" / "x.yaml").read_text()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "01946 12345" in row)
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"directory/x.yaml:{line}:")
    assert "contact.phone: '01946 12345' has 10 digits; numbers starting 01946 have 11" in problem


def test_the_sample_hub_numbers_all_pass():
    """The sample uses drama ranges throughout: all of them must stay valid."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    numbers = set()
    for path in [*root.glob("directory/**/*.yaml"), *root.glob("content/**/*.md")]:
        numbers.update(m.strip().strip("\"'") for m in re.findall(r"^\s*phone:\s*(.+?)\s*(?:#.*)?$", path.read_text(), re.M))
    assert numbers
    for number in numbers:
        shown(number)
