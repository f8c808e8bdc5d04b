"""Field types with real validation, shared by every content model.

Each type turns the text a contributor typed into a checked value or a
`PydanticCustomError` whose message says what is wrong and whose `hint`
says how to fix it. The same rules are meant to be mirrored in the browser.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Iterator
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from hub_build.model import phones

# Invisible characters that reorder or hide text: harmless to HTML, but they let
# a title pretend to be something else.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def problem(kind: str, message: str, hint: str = "", *, at: str = "") -> PydanticCustomError:
    """A validation error with a hint; `at` names a sibling field to point at instead of the model."""
    return PydanticCustomError(kind, message, {"hint": hint, "at": at})


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: shortened, with invisible characters made visible."""
    text = str(value)
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_noncharacter(ch: str) -> bool:
    """Unicode's 66 noncharacters (U+FDD0..U+FDEF and the last two of every plane): not allowed in XML feeds."""
    point = ord(ch)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


# Every character _check_characters may refuse: Unicode categories Cc (controls), Cs (surrogates) and Co
# (private use), and the noncharacters. Regex searches find the candidates; the rule below decides. Multi-line
# text may hold line ends and tabs: they are left out of its search, or every line end of a description would
# be a Python-level match. The search is split by range because one class spanning the astral planes is slow
# to test: 45 us for a 1,400-character description, against 4 us for ASCII text and 12 us for the two below.
_CONTROLS = {False: "\x00-\x1f\x7f", True: "\x00-\x08\x0b-\x1f\x7f"}
_SUSPECT_ASCII = {multiline: re.compile(f"[{controls}]") for multiline, controls in _CONTROLS.items()}
_SUSPECT_BMP = {multiline: re.compile(f"[{controls}\x80-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]")
                for multiline, controls in _CONTROLS.items()}
_SUSPECT_ASTRAL = re.compile("[" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                           for plane in range(1, 17)) + "\U000f0000-\U0010ffff]")


def _suspects(value: str, multiline: bool) -> Iterator[str]:
    """The characters of `value` that _check_characters must look at, in the order of the text."""
    if value.isascii():
        yield from (match.group(0) for match in _SUSPECT_ASCII[multiline].finditer(value))
        return
    matches = [*_SUSPECT_BMP[multiline].finditer(value), *_SUSPECT_ASTRAL.finditer(value)]
    yield from (match.group(0) for match in sorted(matches, key=lambda match: match.start()))


def _check_characters(value: str, *, multiline: bool) -> str:
    """Refuse characters that no reader can see or that make the feeds and calendars invalid XML/text."""
    for ch in _suspects(value, multiline):  # most text has none
        category = unicodedata.category(ch)
        if category == "Cc":
            raise problem("control_character", f"contains an invisible control character (U+{ord(ch):04X})",
                          "retype the text, or paste it as plain text")
        if category in ("Cs", "Co") or is_noncharacter(ch):
            raise problem("bad_character", f"contains a character that cannot be shown (U+{ord(ch):04X})",
                          "retype the text")
    return value


def text_characters_problem(value: str, *, multiline: bool = True) -> tuple[str, str] | None:
    """(message, hint) when free text holds a character the hub refuses, else None: the rule of every text
    field, for checks outside the pydantic models (front matter of editor pages, settings)."""
    try:
        _check_characters(value.replace("\r\n", "\n").replace("\r", "\n"), multiline=multiline)
    except PydanticCustomError as error:
        return error.message(), str((error.context or {}).get("hint", ""))
    return None


def _normalise_text(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _title(value: str) -> str:
    value = " ".join(_check_characters(_normalise_text(value), multiline=False).split())
    if not value:
        raise problem("empty", "is empty", "write the name as readers should see it")
    if any(ch in BIDI_CONTROLS for ch in value):
        raise problem("bidi_control", "contains invisible text-direction characters",
                      "retype the name without them; right-to-left scripts display correctly without them")
    return value


def _plain(value: str) -> str:
    value = _check_characters(_normalise_text(value), multiline=True)
    if not value:
        raise problem("empty", "is empty", "write some text or leave the field out")
    return value


Title = Annotated[str, AfterValidator(_title), Field(max_length=150)]
"""A one-line name shown as a heading and in the page title."""

PlainText = Annotated[str, AfterValidator(_plain), Field(max_length=2000)]
"""Plain text; escaped wherever it is shown."""

ShortText = Annotated[str, AfterValidator(_plain), Field(max_length=300)]
"""A short plain-text summary, as shown on result cards."""

MarkdownText = Annotated[str, AfterValidator(_plain), Field(max_length=20000)]
"""Markdown; rendered, then sanitised with nh3."""


# --- dates -------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise problem("date_format", f"'{shown(value)}' is not a date written as YYYY-MM-DD",
                      "write the date as year-month-day, like 2026-03-31")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise problem("date_value", f"'{shown(value)}' is not a real date", "check the day and month") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _not_future(value: dt.date, info: ValidationInfo) -> dt.date:
    today = (info.context or {}).get("today") or dt.date.today()
    if value > today:
        raise problem("date_in_future", f"{value.isoformat()} is in the future",
                      "write the date the details were last checked (today at the latest)")
    return value


ReviewDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_not_future)]


def _strict_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise problem("bool_word", f"'{shown(value)}' is not true or false",
                  "write true or false (YAML words like yes, no, on and off are not accepted)")


StrictBool = Annotated[bool, BeforeValidator(_strict_bool)]


# --- contact details -----------------------------------------------------------

_PHONE_STRIP = re.compile(r"[\s\-.()\u00a0]")
def normalise_uk_phone(raw: str) -> str:
    """Digits of a UK number in national form (leading 0), or raise with the precise reason and a hint.

    Lengths and ranges follow Ofcom's numbering plan (hub_build/model/phones.py), drama ranges included.
    """
    text = raw.strip().replace("(0)", "")
    digits = _PHONE_STRIP.sub("", text)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("+"):
        raise problem("phone_not_uk", f"'{shown(raw)}' is not a UK phone number",
                      "list a UK number (starting 0 or +44) that families can call")
    if not re.fullmatch(r"[0-9]+", digits):
        raise problem("phone_characters", f"'{shown(raw)}' is not a phone number",
                      "write only digits and spaces, like 0808 157 0000; put extensions and notes in opening_hours")
    if phones.SHORT_NUMBERS.match(digits):
        return digits
    if digits.startswith("00") or not digits.startswith("0") or len(digits) < 7:
        raise problem("phone_format", f"'{shown(raw)}' is not a UK phone number",
                      "write it in full with the area code, like 0117 496 0123")
    try:
        phones.check(digits, raw, shown)
    except phones.PhoneError as error:
        raise problem(error.kind, error.message, error.hint) from None
    return digits


def format_uk_phone(digits: str) -> str:
    """Group digits the way Ofcom's plan writes them, for display."""
    return phones.display(digits)


def tel_uri(digits: str) -> str:
    if digits.startswith("0") and len(digits) >= 10:
        return "tel:+44" + digits[1:]
    return "tel:" + digits


def _phone(value: str) -> str:
    return format_uk_phone(normalise_uk_phone(value))


UKPhone = Annotated[str, AfterValidator(_phone)]

# The HTML living standard's definition of a valid e-mail address: the same
# rule the browser applies to <input type=email>, so both ends agree.
EMAIL_PATTERN = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$"
)


def _email(value: str) -> str:
    value = value.strip()
    local, _, domain = value.rpartition("@")
    if not EMAIL_PATTERN.match(value) or len(value) > 254 or len(local) > 64:
        hint = "write it as name@example.org"
        if " " in value:
            hint = "remove the spaces; " + hint
        elif "@" not in value:
            hint = "it needs an @; " + hint
        elif "." not in domain:
            hint = "the part after @ needs a full domain; " + hint
        raise problem("email_format", f"'{shown(value)}' is not a valid e-mail address", hint)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise problem("email_format", f"'{shown(value)}' is not a valid e-mail address",
                      "dots cannot start or end the part before @, or come two in a row")
    return value


Email = Annotated[str, AfterValidator(_email)]

URL_FORBIDDEN_CHARS = r"\s<>\"'`{}|\\^\x00-\x1f\x7f"  # a character class body, shared with the JSON Schema
_URL_FORBIDDEN = re.compile(f"[{URL_FORBIDDEN_CHARS}]")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _http_url(value: str) -> str:
    value = value.strip()
    if len(value) > 2000:
        raise problem("url_too_long", "the web address is over 2,000 characters", "link to a shorter address")
    if _URL_FORBIDDEN.search(value):
        raise problem("url_characters", f"'{shown(value)}' contains spaces, quotes or other characters not allowed in a web address",
                      "copy the address from the browser's address bar")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise problem("url_scheme", f"'{shown(value)}' is not a web address starting with https:// or http://",
                      "write the full address, like https://www.example.org/page")
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None:
        raise problem("url_credentials", f"'{shown(value)}' contains a user name or password", "remove the part before '@'")
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""
        _ = parts.port
    except (UnicodeError, ValueError):
        ascii_host = ""
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise problem("url_host", f"'{shown(value)}' does not name a web site", "write the full address, like https://www.example.org/page")
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]


def as_list(value: Any) -> Any:
    """Accept a single value where a list is expected: `topics: arrest`."""
    return [value] if isinstance(value, str) else value


# --- vocabulary terms ------------------------------------------------------------

class VocabularyTerm:
    """Checks a term against the hub's vocabulary passed in the validation context.

    A class rather than a closure so the JSON Schema can read which category a field takes."""

    def __init__(self, category: str) -> None:
        self.category = category

    def __call__(self, value: str, info: ValidationInfo) -> str:
        vocabulary = (info.context or {}).get("vocabulary")
        if vocabulary is None:
            return value
        verdict = vocabulary.check(self.category, value)
        if verdict:
            raise problem("unknown_term", verdict[0], verdict[1])
        return value


def vocabulary_term(category: str) -> AfterValidator:
    """The validator of a vocabulary field: `Annotated[str, vocabulary_term("topics")]`."""
    return AfterValidator(VocabularyTerm(category))


# --- slugs -------------------------------------------------------------------

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 80


def slug_problem(stem: str) -> tuple[str, str] | None:
    """Why a file name cannot be a URL slug, or None when it can."""
    if SLUG_PATTERN.match(stem) and len(stem) <= MAX_SLUG_LENGTH:
        return None
    suggestion = suggest_slug(stem)
    return (
        f"the file name '{stem}' cannot be used in a web address",
        f"rename it to '{suggestion}.yaml' (lower-case letters, digits and single hyphens, at most {MAX_SLUG_LENGTH} characters)"
        if suggestion else "rename it using lower-case letters, digits and hyphens",
    )


def suggest_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG_LENGTH].strip("-")
