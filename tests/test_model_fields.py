"""The field types of every content model, checked in process: what each accepts (and turns it into), and
for what it refuses, the exact kind, message and hint a contributor reads.

Properties over the whole input space where there is one (every drama range, every language tag, every
postcode shape, any text for slugs and characters), exact wording where the wording is the product: a
contributor fixes a file from the message and hint alone. Fast on purpose: mutmut runs these for every
mutant of hub_build/model/ (bench/mutation.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from hub_build.core.vocabulary import load_vocabulary
from hub_build.model import eventtime, fields, items, languages, phones, postcodes
from hub_build.model.fields import shown

FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None, print_blob=False, suppress_health_check=list(HealthCheck))


@functools.lru_cache(maxsize=None)
def _adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(kind)


def ok(kind: Any, value: Any, **context: Any) -> Any:
    return _adapter(kind).validate_python(value, context=context or None)


def refused(kind: Any, value: Any, **context: Any) -> tuple[str, str, str]:
    """(kind, message, hint) of the first error."""
    with pytest.raises(ValidationError) as caught:
        _adapter(kind).validate_python(value, context=context or None)
    error = caught.value.errors()[0]
    return error["type"], error["msg"], (error.get("ctx") or {}).get("hint", "")


def raised(call, *args: Any) -> tuple[str, str, str]:
    with pytest.raises(PydanticCustomError) as caught:
        call(*args)
    return caught.value.type, caught.value.message(), caught.value.context["hint"]


# --- problem() and shown() ----------------------------------------------------------------------------

def test_a_problem_carries_its_hint_and_where_to_point():
    error = fields.problem("k", "is wrong", "fix it", at="field")
    assert (error.type, error.message(), error.context) == ("k", "is wrong", {"hint": "fix it", "at": "field"})
    assert fields.problem("k", "m").context == {"hint": "", "at": ""}


def test_shown_quotes_at_most_limit_characters_and_makes_invisible_ones_visible():
    assert shown("a" * 60) == "a" * 60
    assert shown("a" * 61) == "a" * 59 + "…"
    assert shown("abcdef", limit=4) == "abc…" and shown("abcd", limit=4) == "abcd"
    assert shown("é\x07\u202e") == "é\\u0007\\u202e"
    assert shown(12) == "12"


@FAST
@given(st.text())
def test_shown_is_printable_and_never_longer_than_its_limit(text):
    quoted = shown(text)
    assert quoted.isprintable() and len(quoted) <= 60
    if text.isprintable() and len(text) <= 60:
        assert quoted == text


# --- characters and text ------------------------------------------------------------------------------

def test_noncharacters_are_exactly_unicodes_66():
    edges = {0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1FFFD, 0x1FFFE, 0x1FFFF,
             0x10FFFD, 0x10FFFE, 0x10FFFF, 0xFFFC, 0xFFEF}
    expected = set(range(0xFDD0, 0xFDF0)) | {plane * 0x10000 + end for plane in range(17) for end in (0xFFFE, 0xFFFF)}
    assert len(expected) == 66
    for point in edges | expected:
        assert fields.is_noncharacter(chr(point)) == (point in expected), hex(point)


@pytest.mark.parametrize("text, multiline, verdict", [
    ("a\x00b", True, ("contains an invisible control character (U+0000)", "retype the text, or paste it as plain text")),
    ("a\x7fb", True, ("contains an invisible control character (U+007F)", "retype the text, or paste it as plain text")),
    ("a\nb\tc", False, ("contains an invisible control character (U+000A)", "retype the text, or paste it as plain text")),
    ("a\rb", False, ("contains an invisible control character (U+000A)", "retype the text, or paste it as plain text")),
    ("a\tb", False, ("contains an invisible control character (U+0009)", "retype the text, or paste it as plain text")),
    ("a\ud800", True, ("contains a character that cannot be shown (U+D800)", "retype the text")),
    ("a\ue000", True, ("contains a character that cannot be shown (U+E000)", "retype the text")),
    ("a\ufdd0", True, ("contains a character that cannot be shown (U+FDD0)", "retype the text")),
    ("a\U0001ffff", True, ("contains a character that cannot be shown (U+1FFFF)", "retype the text")),
    ("a\r\nb\rc\td", True, None),
    ("Ysgol Gymraeg, 2il ddosbarth — \u2018croeso\u2019 😀", False, None),
])
def test_text_characters(text, multiline, verdict):
    assert fields.text_characters_problem(text, multiline=multiline) == verdict


def test_text_characters_default_to_multiline():
    assert fields.text_characters_problem("a\nb\tc") is None


def _refused(point: int) -> bool:
    """C0 and C1 controls and DEL, surrogates, private use (Unicode's Cc, Cs and Co) and noncharacters."""
    return (point < 0x20 or 0x7F <= point <= 0x9F or 0xD800 <= point <= 0xF8FF or 0xF0000 <= point <= 0x10FFFD
            or 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE)


def test_every_range_edge_is_refused_or_allowed_in_ascii_and_other_text():
    """The search is split by range (ASCII text, the BMP, the astral planes): each edge of each range, in text
    that is otherwise ASCII and in text that is not, one- and multi-line."""
    starts_ends = [0x00, 0x08, 0x09, 0x0A, 0x0B, 0x1F, 0x20, 0x7E, 0x7F, 0x9F, 0xA0, 0xD7FF, 0xD800, 0xDFFF, 0xE000,
                   0xF8FF, 0xF900, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0xEFFFF, 0xF0000,
                   0x10FFFD, 0x10FFFE, 0x10FFFF]
    points = starts_ends + [plane * 0x10000 + end for plane in range(17) for end in (0xFFFD, 0xFFFE, 0xFFFF)]
    for point in points:
        for before in ("a", "\u0175"):  # ŵ: not ASCII
            for multiline in (False, True):
                refused = _refused(point) and not (multiline and chr(point) in "\n\t")
                verdict = fields.text_characters_problem(f"{before}{chr(point)}b", multiline=multiline)
                assert (verdict is not None) == refused, (hex(point), before, multiline)
    both = fields.text_characters_problem("\u0175\U0001fffe\x01")  # the first in the text is named
    assert both is not None and "(U+1FFFE)" in both[0]


@FAST
@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_a_text_field_refuses_exactly_the_characters_the_rule_names(text):
    bad = [ch for ch in text.replace("\r\n", "\n").replace("\r", "\n") if ch not in "\n\t" and _refused(ord(ch))]
    verdict = fields.text_characters_problem(text)
    assert (verdict is None) == (not bad)
    if bad:
        assert f"(U+{ord(bad[0]):04X})" in verdict[0]


def test_titles_are_one_line_normalised_and_never_empty_or_reordered():
    assert ok(fields.Title, "  Bristol   Family\u00a0 Links  ") == "Bristol Family Links"
    assert refused(fields.Title, "Bristol\nLinks")[:2] == ("control_character", "contains an invisible control character (U+000A)")
    assert ok(fields.Title, "Cafe\u0301") == "Café"  # NFC
    assert refused(fields.Title, " \n ") == ("empty", "is empty", "write the name as readers should see it")
    assert refused(fields.Title, "Links\u202e") == (
        "bidi_control", "contains invisible text-direction characters",
        "retype the name without them; right-to-left scripts display correctly without them")
    assert refused(fields.Title, "a\tb")[:2] == ("control_character", "contains an invisible control character (U+0009)")
    assert refused(fields.Title, "a" * 151)[0] == "too_long"


def test_plain_text_keeps_lines_and_is_never_empty():
    assert ok(fields.PlainText, "\r\n  one\r\ntwo\rthree\t \n") == "one\ntwo\nthree"
    assert ok(fields.PlainText, "Cafe\u0301") == "Café"
    assert refused(fields.PlainText, "  \r\n ") == ("empty", "is empty", "write some text or leave the field out")
    assert refused(fields.PlainText, "a\x01")[:2] == ("control_character", "contains an invisible control character (U+0001)")
    assert refused(fields.PlainText, "a\ue000") == ("bad_character", "contains a character that cannot be shown (U+E000)",
                                                    "retype the text")


# --- dates and true/false -------------------------------------------------------------------------------

def test_iso_dates():
    assert ok(fields.IsoDate, " 2026-03-31 ") == dt.date(2026, 3, 31)
    assert ok(fields.IsoDate, dt.date(2026, 3, 31)) == dt.date(2026, 3, 31)
    assert refused(fields.IsoDate, "2026-02-30") == ("date_value", "'2026-02-30' is not a real date", "check the day and month")
    for typed in ("31/03/2026", "2026-3-31", dt.datetime(2026, 3, 31, 10), 20260331):
        assert refused(fields.IsoDate, typed) == (
            "date_format", f"'{shown(typed)}' is not a date written as YYYY-MM-DD",
            "write the date as year-month-day, like 2026-03-31")


def test_review_dates_may_be_today_but_not_tomorrow():
    today = dt.date(2026, 11, 23)
    assert ok(fields.ReviewDate, "2026-11-23", today=today) == today
    assert refused(fields.ReviewDate, "2026-11-24", today=today) == (
        "date_in_future", "2026-11-24 is in the future", "write the date the details were last checked (today at the latest)")
    real = dt.date.today()
    assert ok(fields.ReviewDate, real.isoformat()) == real
    assert refused(fields.ReviewDate, (real + dt.timedelta(days=1)).isoformat())[0] == "date_in_future"


def test_true_and_false_only():
    for typed, value in ((True, True), (False, False), (" TRUE ", True), ("False", False), ("true", True)):
        assert ok(fields.StrictBool, typed) is value
    for typed in ("yes", "no", "on", 1, 0, None, "truee"):
        assert refused(fields.StrictBool, typed) == (
            "bool_word", f"'{shown(typed)}' is not true or false",
            "write true or false (YAML words like yes, no, on and off are not accepted)")


# --- phone numbers ---------------------------------------------------------------------------------------

DRAMA_NUMBERS = [r.prefix.ljust(r.length, "7") for r in phones.DRAMA_RANGES]


@pytest.mark.parametrize("typed, kind, message, hint", [
    ("+1 212 555 0100", "phone_not_uk", "'+1 212 555 0100' is not a UK phone number",
     "list a UK number (starting 0 or +44) that families can call"),
    ("0117 496 012x", "phone_characters", "'0117 496 012x' is not a phone number",
     "write only digits and spaces, like 0808 157 0000; put extensions and notes in opening_hours"),
    ("0012 3456 7890", "phone_format", "'0012 3456 7890' is not a UK phone number",
     "write it in full with the area code, like 0117 496 0123"),
    ("117 496 0123", "phone_format", "'117 496 0123' is not a UK phone number",
     "write it in full with the area code, like 0117 496 0123"),
    ("012345", "phone_format", "'012345' is not a UK phone number", "write it in full with the area code, like 0117 496 0123"),
    ("0123456", "phone_length", "'0123456' has 7 digits; numbers starting 01234 have 11", "check for a missing or extra digit"),
    ("0800111", "phone_length", "'0800111' has 7 digits; numbers starting 0800 have 8 or 10 or 11",
     "check for a missing or extra digit"),
    ("020 7123 456", "phone_length", "'020 7123 456' has 10 digits; numbers starting 020 have 11",
     "check for a missing or extra digit"),
    ("0300 000 000 000", "phone_length", "'0300 000 000 000' has 13 digits; numbers starting 0300 have 11",
     "check for a missing or extra digit"),
    ("0117 496 012", "phone_length", "'0117 496 012' has 10 digits; Ofcom's drama numbers 0117 496 0xxx have 11",
     "check for a missing or extra digit"),
    ("07700 9001234", "phone_length", "'07700 9001234' has 12 digits; Ofcom's drama numbers 07700 900xxx have 11",
     "check for a missing or extra digit"),
    ("0412 345 678", "phone_not_in_use", "'0412 345 678' is not a UK number in use: UK numbers never start 04",
     "check the number with the service"),
    ("0612 345 678", "phone_not_in_use", "'0612 345 678' is not a UK number in use: UK numbers never start 06",
     "check the number with the service"),
    ("0999 123 4567", "phone_not_in_use", "'0999 123 4567' is not a UK number in use: Ofcom's numbering plan has no "
     "range of numbers like it starting 0999", "check the number with the service"),
])
def test_each_impossible_number_has_its_reason(typed, kind, message, hint):
    assert raised(fields.normalise_uk_phone, typed) == (kind, message, hint)
    assert refused(fields.UKPhone, typed) == (kind, message, hint)


def test_the_typed_text_is_quoted_shortened_and_visible():
    typed = "0" * 70
    assert raised(fields.normalise_uk_phone, typed)[1] == f"'{shown(typed)}' is not a UK phone number"
    assert raised(fields.normalise_uk_phone, "0117\u00a0496 012")[1] == (  # a no-break space, shown as such
        "'0117\\u00a0496 012' has 10 digits; Ofcom's drama numbers 0117 496 0xxx have 11")


@pytest.mark.parametrize("number", DRAMA_NUMBERS + ["01179460000", "02079460000", "08001111", "07912345678", "03005550127"])
@pytest.mark.parametrize("dress", [
    lambda d: d, lambda d: " " + d + " ", lambda d: "+44" + d[1:], lambda d: "+44 (0)" + d[1:], lambda d: "0044" + d[1:],
    lambda d: "-".join(d), lambda d: ".".join([d[:4], d[4:]]), lambda d: f"({d[:5]}) {d[5:]}", lambda d: d[:4] + "\u00a0" + d[4:],
])
def test_any_way_of_writing_a_number_gives_the_same_digits_and_display(number, dress):
    assert fields.normalise_uk_phone(dress(number)) == number
    display = ok(fields.UKPhone, dress(number))
    assert display == fields.format_uk_phone(number) == phones.display(number)
    assert display.replace(" ", "") == number
    assert fields.normalise_uk_phone(display) == number  # what is shown reads back the same


def test_drama_numbers_are_grouped_by_their_range():
    for drama in phones.DRAMA_RANGES:
        number = drama.prefix.ljust(drama.length, "5")
        assert [len(part) for part in phones.display(number).split(" ")] == list(drama.groups)
        assert phones.drama_range(number) is drama and phones.drama_range(number[:7]) is None


def test_short_numbers_are_dialled_as_they_are():
    for number in ("999", "112", "111", "101", "105", "116123", "1800101174960123"):
        assert fields.normalise_uk_phone(number) == number == phones.display(number)
        phones.check(number, number)
        assert fields.tel_uri(number) == "tel:" + number
    assert raised(fields.normalise_uk_phone, "116 12")[0] == "phone_format"


def test_group_and_display_edges():
    assert phones.group("0123456789012", (4, 3, 4)) == "0123 456 7890 12"
    assert phones.group("0123", (4, 3, 4)) == "0123"
    assert phones.display("12345") == "12345"  # not a number the plan knows: shown as typed
    assert phones.DramaRange("01174960", 11, (4, 3, 4)).shown == "0117 496 0xxx"


def test_tel_links_use_the_international_form_for_full_numbers():
    assert fields.tel_uri("01174960123") == "tel:+441174960123"
    assert fields.tel_uri("0800111111") == "tel:+44800111111"  # 10 digits
    assert fields.tel_uri("08001111") == "tel:08001111"  # 9 or fewer stay national
    assert fields.tel_uri("080011111") == "tel:080011111"


def test_phone_errors_keep_kind_message_and_hint():
    error = phones.PhoneError("k", "message", "hint")
    assert (error.kind, error.message, error.hint, str(error)) == ("k", "message", "hint", "message")
    with pytest.raises(phones.PhoneError) as caught:
        phones.check("0412345678", "typed", lambda text: f"<{text}>")
    assert caught.value.message.startswith("'<typed>' is not a UK number in use")


def test_lengths_in_use_and_prefixes():
    assert phones._lengths_in_use("0800111") == ([8, 10, 11], "08001111")
    assert phones._lengths_in_use("0999123456") == ([], "")
    assert phones._prefix_shown("02079460000") == "020"
    assert phones._prefix_shown("01174960000") == "0117"
    assert phones._prefix_shown("0999") == "0999"
    assert phones._prefix_shown("0999123") == "0999"  # no area code the plan knows: the first four digits


# --- e-mail and web addresses ------------------------------------------------------------------------------

def test_email_addresses():
    assert ok(fields.Email, "  jo.bloggs+hub@mail.example.org ") == "jo.bloggs+hub@mail.example.org"
    local = "a" * 64
    domain = ".".join(["b" * 63] * 3) + ".org"
    assert ok(fields.Email, f"{local}@x.org") == f"{local}@x.org"
    longest = f"{'a' * (254 - len(domain) - 1)}@{domain}"
    assert len(longest) == 254 and ok(fields.Email, longest) == longest
    base = "write it as name@example.org"
    for typed, hint in [
        (f"{'a' * 65}@x.org", base), (f"{'a' * (255 - len(domain) - 1)}@{domain}", base),
        ("jo bloggs@example.org", "remove the spaces; " + base), ("jo.example.org", "it needs an @; " + base),
        ("jo@localhost", "the part after @ needs a full domain; " + base), ("jo@@example.org", base),
        ("jo@-example.org", base), ("jo@b.c@d", "the part after @ needs a full domain; " + base),
    ]:
        assert refused(fields.Email, typed) == ("email_format", f"'{shown(typed)}' is not a valid e-mail address", hint), typed
    for typed in (".jo@example.org", "jo.@example.org", "j..o@example.org"):
        assert refused(fields.Email, typed) == ("email_format", f"'{typed}' is not a valid e-mail address",
                                                "dots cannot start or end the part before @, or come two in a row")


URL_HINT = "write the full address, like https://www.example.org/page"


def test_web_addresses_accepted():
    for typed in ("https://example.org", " http://www.example.org/a?b=c#d ", "https://bücher.example/x",
                  "https://a-b.example.org:8443/", "HTTPS://EXAMPLE.ORG/", f"https://{'a' * 63}.org/",
                  "https://123.org/", "https://shop.1.example.org/"):  # digits only in a label but the last
        assert ok(fields.HttpUrl, typed) == typed.strip()
    longest = "https://example.org/" + "a" * (2000 - 20)
    assert ok(fields.HttpUrl, longest) == longest


@pytest.mark.parametrize("typed, kind, message, hint", [
    ("https://example.org/" + "a" * 1981, "url_too_long", "the web address is over 2,000 characters", "link to a shorter address"),
    ("https://example.org/a b", "url_characters", "'https://example.org/a b' contains spaces, quotes or other characters "
     "not allowed in a web address", "copy the address from the browser's address bar"),
    ("https://example.org/\"x", "url_characters", None, None),
    ("https://example.org/{x}", "url_characters", None, None),
    ("https://example.org/\\x", "url_characters", None, None),
    ("https://example.org/^", "url_characters", None, None),
    ("https://example.org/\x7f", "url_characters", None, None),
    ("ftp://example.org/", "url_scheme", "'ftp://example.org/' is not a web address starting with https:// or http://",
     URL_HINT),
    ("www.example.org", "url_scheme", None, URL_HINT),
    ("javascript:alert(1)", "url_scheme", None, URL_HINT),
    ("https://jo@example.org/", "url_credentials", "'https://jo@example.org/' contains a user name or password",
     "remove the part before '@'"),
    ("https://:secret@example.org/", "url_credentials", None, "remove the part before '@'"),
    ("https://localhost/", "url_host", "'https://localhost/' does not name a web site", URL_HINT),
    ("https://10.0.0.1/", "url_host", None, URL_HINT),
    ("https://-bad.example.org/", "url_host", None, URL_HINT),
    ("https://bad-.example.org/", "url_host", None, URL_HINT),
    ("https://a..org/", "url_host", None, URL_HINT),
    (f"https://{'a' * 64}.org/", "url_host", None, URL_HINT),
    ("https://example.org:99999/", "url_host", None, URL_HINT),
    ("https://example.org:port/", "url_host", None, URL_HINT),
    ("https:///path", "url_host", None, URL_HINT),
    ("https://exa_mple.org/", "url_host", None, URL_HINT),
])
def test_web_addresses_refused(typed, kind, message, hint):
    got = refused(fields.HttpUrl, typed)
    assert got[0] == kind
    if message:
        assert got[1] == message
    if hint:
        assert got[2] == hint


# --- lists, vocabulary terms, slugs -------------------------------------------------------------------------

def test_a_single_value_is_a_list_of_one_and_duplicates_are_refused():
    assert fields.as_list("x") == ["x"] and fields.as_list(["x"]) == ["x"] and fields.as_list(None) is None
    assert ok(items.ListOf[str], "arrest") == ["arrest"]
    assert ok(items.ListOf[str], ["a", "b"]) == ["a", "b"]
    assert refused(items.ListOf[str], ["a", "b", "a"]) == ("duplicate_item", "'a' is listed twice", "list each item once")
    assert refused(items.NonEmptyListOf[str], [])[0] == "too_short"


def test_vocabulary_terms_are_checked_only_against_a_vocabulary():
    vocabulary, _ = load_vocabulary(None)
    term = items.Topic
    assert ok(term, "anything at all") == "anything at all"  # no vocabulary in the context: the schema's job
    known = next(iter(vocabulary.terms("topics")))
    assert ok(term, known, vocabulary=vocabulary) == known
    message, hint = vocabulary.check("topics", "not-a-topic")
    assert refused(term, "not-a-topic", vocabulary=vocabulary) == ("unknown_term", message, hint)
    validator = fields.vocabulary_term("sectors")
    assert validator.func.category == "sectors"


def test_slug_rule_and_suggestions():
    assert fields.slug_problem("bristol-family-links") is None
    assert fields.slug_problem("a" * 80) is None
    assert fields.slug_problem("a" * 81) == (
        f"the file name '{'a' * 81}' cannot be used in a web address",
        f"rename it to '{'a' * 80}.yaml' (lower-case letters, digits and single hyphens, at most 80 characters)")
    assert fields.slug_problem("Family Links") == (
        "the file name 'Family Links' cannot be used in a web address",
        "rename it to 'family-links.yaml' (lower-case letters, digits and single hyphens, at most 80 characters)")
    assert fields.slug_problem("---") == ("the file name '---' cannot be used in a web address",
                                          "rename it using lower-case letters, digits and hyphens")
    assert fields.suggest_slug("  Café — Links!! ") == "cafe-links"
    assert fields.suggest_slug("a" * 79 + "-b") == "a" * 79
    assert fields.suggest_slug("!" + "a" * 85) == "a" * 80  # leading hyphens go before the cut


@FAST
@given(st.text())
def test_a_suggested_slug_is_always_a_valid_one(text):
    slug = fields.suggest_slug(text)
    assert slug == "" or fields.slug_problem(slug) is None
    assert fields.suggest_slug(slug) == slug
    if fields.slug_problem(text) is None:
        assert slug == text


# --- postcodes ----------------------------------------------------------------------------------------------

OUTWARDS = ["B1", "BS1", "M60", "EH99", "SW1A", "W1D", "CR2", "LL11", "BT1", "KY1"]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
POSTCODE_HINT = "write the full postcode, like BS1 4DJ"


@FAST
@given(st.sampled_from(OUTWARDS), st.sampled_from("0123456789"), st.sampled_from(UNIT_LETTERS),
       st.sampled_from(UNIT_LETTERS), st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["", " ", "\n"]),
       st.booleans())
def test_every_well_formed_postcode_is_normalised_however_it_is_typed(outward, sector, u1, u2, gap, pad, lower):
    canonical = f"{outward} {sector}{u1}{u2}"
    typed = f"{pad}{outward}{gap}{sector}{u1}{u2}{pad}"
    typed = typed.lower() if lower else typed
    assert postcodes.normalise_postcode(typed) == canonical
    assert postcodes.normalise_postcode(canonical) == canonical
    assert ok(items.Postcode, typed) == canonical
    assert postcodes.compact(typed) == canonical.replace(" ", "")


@pytest.mark.parametrize("letter", "CIKMOV")
def test_units_never_use_the_six_letters(letter):
    for unit in (f"4{letter}J", f"4D{letter}"):
        assert raised(postcodes.normalise_postcode, f"BS1 {unit}") == (
            "postcode_format", f"'BS1 {unit}' is not a UK postcode",
            "write it like BS1 4DJ: letters and a number, a space, then a number and two letters")


OVERSEAS_HINT = "list services in the UK, with their UK postcode"
SPECIAL_HINT = "give the postcode of the place where the service is delivered"


@pytest.mark.parametrize("typed, kind, message, hint", [
    ("", "postcode_empty", "the postcode is empty", POSTCODE_HINT),
    (" \t ", "postcode_empty", "the postcode is empty", POSTCODE_HINT),
    (" gir 0aa ", "postcode_special", "GIR 0AA is a non-geographic postcode (Girobank) with no location", SPECIAL_HINT),
    (" bfpo 123 ", "postcode_special", "'bfpo 123' is a British Forces Post Office address with no UK location", SPECIAL_HINT),
    (" KY1-1100 ", "postcode_overseas", "'KY1-1100' is a postcode for the Cayman Islands, outside the UK postcode data",
     OVERSEAS_HINT),
    ("ky21234", "postcode_overseas", "'ky21234' is a postcode for the Cayman Islands, outside the UK postcode data",
     OVERSEAS_HINT),
    (" AI-2640 ", "postcode_overseas", "'AI-2640' is a postcode for Anguilla, outside the UK postcode data", OVERSEAS_HINT),
    ("bs1  4", "postcode_partial", "'bs1  4' is missing the last two letters of the postcode", POSTCODE_HINT),
    (" BS14 ", "postcode_partial", "'BS14' is only the first half of a postcode", POSTCODE_HINT),
    ("sw1a", "postcode_partial", "'sw1a' is only the first half of a postcode", POSTCODE_HINT),
    ("BS1 4D", "postcode_format", "'BS1 4D' is not a UK postcode",
     "write it like BS1 4DJ: letters and a number, a space, then a number and two letters"),
    ("BS1-4DJ", "postcode_format", "'BS1-4DJ' is not a UK postcode",
     "write it like BS1 4DJ: letters and a number, a space, then a number and two letters"),
    ("KY1 11000", "postcode_format", "'KY1 11000' is not a UK postcode",
     "write it like BS1 4DJ: letters and a number, a space, then a number and two letters"),
])
def test_each_kind_of_unplaceable_postcode_has_its_message(typed, kind, message, hint):
    assert raised(postcodes.normalise_postcode, typed) == (kind, message, hint)


@pytest.mark.parametrize("prefix, place", sorted(postcodes._OVERSEAS.items()))
def test_every_overseas_territory_is_named(prefix, place):
    typed = prefix + (" 1ZZ" if "-" not in prefix else "")
    assert raised(postcodes.normalise_postcode, typed.lower()) == (
        "postcode_overseas", f"'{typed.lower()}' is a postcode for {place}, outside the UK postcode data", OVERSEAS_HINT)


def test_fife_is_not_the_cayman_islands():
    assert postcodes.normalise_postcode("ky1 1aa") == "KY1 1AA"
    assert postcodes.normalise_postcode("KY11 8TB") == "KY11 8TB"


# --- the small validators of the models ---------------------------------------------------------------------

CHARITY_HINT = ("England and Wales: 6 to 8 digits (like 1234567); Scotland: SC and 6 digits; "
                "Northern Ireland: NIC and 6 digits, or 6 digits")


def test_charity_numbers():
    for typed, kept in (("1190001", "1190001"), (" 123456 ", "123456"), ("12345678", "12345678"),
                        ("1234567-1", "1234567-1"), ("1234567-12", "1234567-12"), ("sc 012345", "SC012345"),
                        ("NIC123456", "NIC123456"), ("nic 100 002", "NIC100002")):
        assert items._charity_number(typed) == kept
        assert ok(items.Organisation, {"name": "X", "charity_number": typed}).charity_number == kept
    for typed in ("12345", "123456789", "1234567-123", "SC12345", "NI123456", "SC0123456", "1234567-", "abc"):
        assert raised(items._charity_number, typed) == (
            "charity_number", f"'{typed}' is not a registered charity number", CHARITY_HINT)


@pytest.mark.parametrize("validator, kind, good, bad, message, hint", [
    (items._personal_kind, "personal_kind", items.PERSONAL_DATA_KINDS, "birthday", "'birthday' is not a kind of personal data the build checks for",
     "use one of: date-of-birth, postcode, phone, email, name-with-age"),
    (items._practice_kind, "practice_kind", ("practice-example", "case-study"), "case study", "'case study' is not a kind of practice page",
     "write 'practice-example' or 'case-study'"),
    (items._hide, "hide", items.PAGE_HIDE, "header", "'header' cannot be hidden", "hide only: navigation, toc, footer, path, feedback"),
    (items._status, "status", ("new", "deprecated"), "old", "'old' is not a page status", "write 'new' or 'deprecated'"),
])
def test_closed_lists(validator, kind, good, bad, message, hint):
    for value in good:
        assert validator(value) == value
    assert raised(validator, bad) == (kind, message, hint)


def test_closed_lists_in_the_models():
    assert ok(items.PersonalDataAcknowledgement, {"kind": "postcode"}).kind == "postcode"
    assert refused(items.PersonalDataAcknowledgement, {"kind": "Postcode"})[0] == "personal_kind"
    page = ok(items.EditorPage, {"hide": "toc", "status": "new", "icon": "material/home"})
    assert (page.hide, page.status, page.icon) == (["toc"], "new", "material/home")
    assert refused(items.EditorPage, {"hide": ["toc", "toc"]})[0] == "duplicate_item"


def test_icons_must_be_theme_icons():
    assert items._icon("material/home") == "material/home"
    assert items._icon("fontawesome/solid/house") == "fontawesome/solid/house"
    for typed in ("material/no-such-icon-at-all", "Material/home", "material/home.svg", "../../etc/passwd",
                  "material/home/x/y", "emoji/home"):
        assert raised(items._icon, typed) == (
            "icon", f"'{typed}' is not an icon of the theme",
            "use a name like material/home (see the Material for MkDocs icon search), or remove 'icon'")


EVENT_HINT = "write 2026-12-03 for a whole day, or 2026-12-03 10:00 (UK time, 24-hour clock)"
EVENT_VALUE_HINT = "check the day, month, hours (00-23) and minutes (00-59)"


def test_event_times():
    for typed, kept in (("2026-12-03", "2026-12-03"), (" 2026-12-03 ", "2026-12-03"), ("2026-12-03 10:00", "2026-12-03 10:00"),
                        ("2026-12-03T23:59", "2026-12-03 23:59"), (" 2026-12-03 00:00\n", "2026-12-03 00:00")):
        assert items._event_time(typed) == kept
    for typed in ("3 December 2026", "2026-12-3", "2026-12-03 10", "2026-12-03 10:00:00", "2026-12-03  10:00", 20261203, None):
        assert raised(items._event_time, typed) == ("event_time", f"'{shown(typed)}' is not a date or a date and time", EVENT_HINT)
    for typed in ("2026-02-30", "2026-13-01", "2026-12-03 24:00", "2026-12-03 23:60"):
        assert raised(items._event_time, typed) == ("event_time_value", f"'{typed}' is not a real date and time", EVENT_VALUE_HINT)


def _event(**changes: Any) -> items.Event:
    data = {"title": "Training", "summary": "A course.", "start": "2026-12-03", "organiser": "Network",
            "audiences": ["professionals"], "online": True, "last_reviewed": "2026-01-01", **changes}
    return items.Event.model_validate(data)


def test_event_when_is_parsed_once_in_uk_time():
    day = eventtime.event_when(_event())
    assert (day.start, day.end, day.all_day, day.first_day, day.last_day) == (
        dt.date(2026, 12, 3), dt.date(2026, 12, 3), True, dt.date(2026, 12, 3), dt.date(2026, 12, 3))
    days = eventtime.event_when(_event(end="2026-12-05"))
    assert (days.end, days.all_day, days.last_day) == (dt.date(2026, 12, 5), True, dt.date(2026, 12, 5))
    summer = eventtime.event_when(_event(start="2026-07-01 10:00"))
    assert summer.start == dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.timezone.utc)  # BST
    assert summer.end - summer.start == dt.timedelta(hours=1) and not summer.all_day
    assert (summer.first_day, summer.last_day) == (dt.date(2026, 7, 1), dt.date(2026, 7, 1))
    winter = eventtime.event_when(_event(start="2026-12-03 23:30", end="2026-12-04 01:00"))
    assert winter.start == dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.timezone.utc)  # GMT
    assert (winter.first_day, winter.last_day, winter.end.hour) == (dt.date(2026, 12, 3), dt.date(2026, 12, 4), 1)
    assert eventtime.parse_time("2026-12-03") == dt.date(2026, 12, 3)
    assert eventtime.parse_time("2026-12-03 10:05") == dt.datetime(2026, 12, 3, 10, 5, tzinfo=eventtime.UK)


# --- languages ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", sorted(languages.LANGUAGES))
def test_every_tag_is_found_however_it_is_cased_spaced_or_underscored(tag):
    for typed in (tag, tag.upper(), tag.lower(), f" {tag.replace('-', '_')}\t"):
        assert languages._language_tag(typed) == tag
    name = languages.LANGUAGES[tag]
    assert raised(languages._language_tag, f" {name.upper()} ") == (
        "language_tag", f"' {shown(name.upper())} ' is not a language tag this hub knows",
        f"write the tag '{tag}' for {name}")


def test_an_unknown_tag_gets_the_reference_hint():
    assert raised(languages._language_tag, "cy-UK") == (
        "language_tag", "'cy-UK' is not a language tag this hub knows",
        "use a BCP 47 tag from the field reference, e.g. cy (Welsh), gd (Scottish Gaelic), ga (Irish), en (English)")
    assert ok(languages.LanguageTag, "CY") == "cy"

