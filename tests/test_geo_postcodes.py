"""Postcode syntax: what people type is normalised, and every odd input gets its own clear message."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from hub_build.model.postcodes import normalise_postcode


@pytest.mark.parametrize("typed, expected", [
    ("bs14dj", "BS1 4DJ"), (" BS1  4DJ ", "BS1 4DJ"), ("sw1a2aa", "SW1A 2AA"), ("m11ae", "M1 1AE"),
    ("EH99 1SP", "EH99 1SP"), ("bt1\t5gs", "BT1 5GS"), ("ll11 1ay", "LL11 1AY"),
])
def test_normalises_spacing_and_case(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed, kind, words", [
    ("GIR 0AA", "postcode_special", "Girobank"),
    ("BFPO 123", "postcode_special", "British Forces Post Office"),
    ("STHL 1ZZ", "postcode_overseas", "Saint Helena"),
    ("FIQQ 1ZZ", "postcode_overseas", "Falkland Islands"),
    ("GX11 1AA", "postcode_overseas", "Gibraltar"),
    ("KY1-1100", "postcode_overseas", "Cayman Islands"),
    ("BS1", "postcode_partial", "only the first half"),
    ("BS1 4", "postcode_partial", "missing the last two letters"),
    ("BS1 4D", "postcode_format", "not a UK postcode"),
    ("12345", "postcode_format", "not a UK postcode"),
    ("BS1 4CJ", "postcode_format", "not a UK postcode"),  # C never appears in the unit
    ("", "postcode_empty", "empty"),
])
def test_odd_inputs_have_their_own_message(typed, kind, words):
    with pytest.raises(PydanticCustomError) as caught:
        normalise_postcode(typed)
    assert caught.value.type == kind
    assert words in caught.value.message()
    assert caught.value.context["hint"]
