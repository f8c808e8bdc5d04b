"""The content models: the single definition of a service listing and a resource.

Field names follow Open Referral UK (HSDS) meanings where they overlap, so an
open-data export is a mapping: `organisation` ~ organization, `locations` ~
location, `contact` ~ contact/phone, `opening_hours` ~ schedule.description,
`age_range` ~ eligibility min/max age, `cost` ~ cost_option, `languages` ~
language, `coverage` ~ service_area, vocabulary terms ~ taxonomy terms.
"""

from __future__ import annotations

import re
from typing import Annotated, Optional

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

from .fields import (
    Email, HttpUrl, IsoDate, MarkdownText, PlainText, ReviewDate, ShortText, StrictBool, Title, UKPhone,
    as_list, problem, shown, vocabulary_term,
)
from .geo.postcodes import normalise_postcode

ServiceType = vocabulary_term("service_types")
Audience = vocabulary_term("audiences")
Sector = vocabulary_term("sectors")
Topic = vocabulary_term("topics")
ResourceType = vocabulary_term("resource_types")
ReferralRoute = vocabulary_term("referral_routes")
CostType = vocabulary_term("cost_types")
Format = vocabulary_term("formats")
Nation = vocabulary_term("nations")


def _postcode(value: str) -> str:
    return normalise_postcode(value)


Postcode = Annotated[str, AfterValidator(_postcode)]


def ListOf(item, *, min_length: int = 0, max_length: int = 50):
    """A list that also accepts a single value, with duplicates refused."""

    def unique(values: list) -> list:
        seen = set()
        for value in values:
            if value in seen:
                raise problem("duplicate_item", f"'{shown(value)}' is listed twice", "list each item once")
            seen.add(value)
        return values

    return Annotated[
        list[item], BeforeValidator(as_list), AfterValidator(unique),
        Field(min_length=min_length, max_length=max_length),
    ]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CharityNumber = Annotated[str, AfterValidator(lambda value: _charity_number(value))]


class Organisation(Strict):
    name: Title
    website: Optional[HttpUrl] = None
    charity_number: Optional[CharityNumber] = None


def _charity_number(value: str) -> str:
    text = value.strip().upper().replace(" ", "")
    if re.fullmatch(r"\d{6,8}(-\d{1,2})?|SC\d{6}|NIC\d{6}|\d{6}", text):
        return text
    raise problem("charity_number", f"'{shown(value)}' is not a registered charity number",
                  "England and Wales: 6 to 8 digits (like 1234567); Scotland: SC and 6 digits; "
                  "Northern Ireland: NIC and 6 digits, or 6 digits")


class AgeRange(Strict):
    min: Annotated[int, Field(ge=0, le=25)] = 0
    max: Annotated[int, Field(ge=0, le=25)] = 18

    @model_validator(mode="after")
    def _ordered(self) -> "AgeRange":
        if self.min > self.max:
            raise problem("age_order", f"the youngest age ({self.min}) is above the oldest ({self.max})",
                          "write min as the youngest age and max as the oldest")
        return self


class Access(Strict):
    referral: ReferralRoute
    how_to_refer: Optional[PlainText] = None


class Cost(Strict):
    type: CostType
    details: Optional[PlainText] = None


class Location(Strict):
    name: Optional[Title] = None
    address: Optional[PlainText] = None
    postcode: Postcode
    accessibility: Optional[PlainText] = None


class Coverage(Strict):
    national: StrictBool = False
    nations: ListOf(Nation) = []
    local_authorities: ListOf(Title, max_length=400) = []

    @model_validator(mode="after")
    def _one_kind(self) -> "Coverage":
        if self.national and (self.nations or self.local_authorities):
            raise problem("coverage_mixed", "a national service cannot also list nations or local authorities",
                          "keep 'national: true' alone, or list the nations and areas it covers")
        if not (self.national or self.nations or self.local_authorities):
            raise problem("coverage_empty", "says nothing about where the service works",
                          "write 'national: true', or list 'nations' or 'local_authorities'")
        return self


class Contact(Strict):
    phone: Optional[UKPhone] = None
    email: Optional[Email] = None
    website: Optional[HttpUrl] = None

    @model_validator(mode="after")
    def _some(self) -> "Contact":
        if not (self.phone or self.email or self.website):
            raise problem("contact_empty", "gives no way to get in touch", "add a phone, email or website")
        return self


class Service(Strict):
    """One support service: what a professional needs to know to refer a family."""

    name: Title
    organisation: Organisation
    summary: ShortText
    description: Optional[MarkdownText] = None
    service_types: ListOf(ServiceType, min_length=1)
    audiences: ListOf(Audience, min_length=1)
    age_range: Optional[AgeRange] = None
    sectors: ListOf(Sector) = []
    topics: ListOf(Topic) = []
    access: Access
    cost: Cost
    formats: ListOf(Format, min_length=1)
    locations: ListOf(Location, min_length=1, max_length=100)
    coverage: Coverage
    contact: Contact
    opening_hours: Optional[PlainText] = None
    languages: ListOf(Title) = []
    last_reviewed: ReviewDate
    review_owner: Optional[Title] = None

    @model_validator(mode="after")
    def _audience_details(self, info: ValidationInfo) -> "Service":
        vocabulary = (info.context or {}).get("vocabulary")
        if vocabulary is None:
            return self
        for audience in self.audiences:
            term = vocabulary.terms("audiences").get(audience)
            if term and term.asks_for == "age_range" and self.age_range is None:
                raise problem("age_range_missing", f"the audience '{audience}' needs an age range",
                              "add  age_range: {min: 5, max: 18}  with the ages the service works with", at="audiences")
            if term and term.asks_for == "sectors" and not self.sectors:
                raise problem("sectors_missing", f"the audience '{audience}' needs the professional sectors it serves",
                              "add  sectors: [schools, health]  (see the field reference for the list)", at="audiences")
        return self


class Resource(Strict):
    """Front matter of a Markdown resource in content/resources/."""

    title: Title
    summary: ShortText
    type: ResourceType
    audiences: ListOf(Audience, min_length=1)
    sectors: ListOf(Sector) = []
    topics: ListOf(Topic) = []
    nations: ListOf(Nation) = []
    publisher: Title
    date: Optional[IsoDate] = None
    link: Optional[HttpUrl] = None
    file: Optional[PlainText] = None
    last_reviewed: ReviewDate
    review_owner: Optional[Title] = None

    @model_validator(mode="after")
    def _link_or_file(self) -> "Resource":
        if bool(self.link) == bool(self.file):
            raise problem("link_or_file", "needs exactly one of 'link' or 'file'",
                          "give 'link' for a web page, or 'file' for a document stored with the hub", at="link")
        return self



# --- practice examples and events (content/practice/, content/events/) ---------------------------

PERSONAL_DATA_KINDS = ("date-of-birth", "postcode", "phone", "email", "name-with-age")


def _ack_item(value):
    """`date-of-birth` acknowledges every finding of that kind; a mapping can name one finding and why."""
    return {"kind": value} if isinstance(value, str) else value


class PersonalDataAcknowledgement(Strict):
    """An editor's statement that a flagged detail is fictional, changed or consented to."""

    kind: Annotated[str, AfterValidator(lambda value: _personal_kind(value))]
    text: Optional[Title] = None
    reason: Optional[PlainText] = None


def _personal_kind(value: str) -> str:
    if value not in PERSONAL_DATA_KINDS:
        raise problem("personal_kind", f"'{shown(value)}' is not a kind of personal data the build checks for",
                      "use one of: " + ", ".join(PERSONAL_DATA_KINDS))
    return value


class Practice(Strict):
    """Front matter of a practice example or case study in content/practice/."""

    title: Title
    kind: Annotated[str, AfterValidator(lambda value: _practice_kind(value))] = "practice-example"
    organisation: Organisation
    sectors: ListOf(Sector, min_length=1)
    nations: ListOf(Nation) = []
    area: Optional[Title] = None
    topics: ListOf(Topic) = []
    summary: ShortText
    approach: MarkdownText
    outcomes: MarkdownText
    contact: Contact
    date: Optional[IsoDate] = None
    last_reviewed: ReviewDate
    review_owner: Optional[Title] = None
    personal_data_reviewed: Annotated[
        list[PersonalDataAcknowledgement], BeforeValidator(as_list),
        BeforeValidator(lambda v: [_ack_item(x) for x in v] if isinstance(v, list) else v), Field(max_length=50),
    ] = []

    @model_validator(mode="after")
    def _where(self) -> "Practice":
        if not (self.nations or self.area):
            raise problem("practice_where", "says nothing about where the work happens",
                          "add 'nations: [wales]' or 'area: Cardiff' (or both)", at="summary")
        return self


def _practice_kind(value: str) -> str:
    if value not in ("practice-example", "case-study"):
        raise problem("practice_kind", f"'{shown(value)}' is not a kind of practice page",
                      "write 'practice-example' or 'case-study'")
    return value


_EVENT_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?$")


def _event_time(value):
    """`2026-12-03` (all day) or `2026-12-03 10:00` (UK local time): kept as the text, checked here."""
    import datetime as _dt

    if not isinstance(value, str) or not _EVENT_TIME.match(value.strip()):
        raise problem("event_time", f"'{shown(value)}' is not a date or a date and time",
                      "write 2026-12-03 for a whole day, or 2026-12-03 10:00 (UK time, 24-hour clock)")
    day, hour, minute = _EVENT_TIME.match(value.strip()).groups()
    try:
        _dt.date.fromisoformat(day)
        if hour is not None:
            _dt.time(int(hour), int(minute))
    except ValueError:
        raise problem("event_time_value", f"'{shown(value)}' is not a real date and time",
                      "check the day, month, hours (00-23) and minutes (00-59)") from None
    return value.strip().replace("T", " ")


EventTime = Annotated[str, BeforeValidator(_event_time)]


class EventPlace(Strict):
    name: Title
    address: Optional[PlainText] = None
    postcode: Optional[Postcode] = None


class Event(Strict):
    """Front matter of an event or training course in content/events/."""

    title: Title
    summary: ShortText
    start: EventTime
    end: Optional[EventTime] = None
    online: StrictBool = False
    place: Optional[EventPlace] = None
    booking: Optional[HttpUrl] = None
    cost: Optional[Title] = None
    organiser: Title
    audiences: ListOf(Audience, min_length=1)
    sectors: ListOf(Sector) = []
    topics: ListOf(Topic) = []
    nations: ListOf(Nation) = []
    last_reviewed: ReviewDate
    review_owner: Optional[Title] = None

    @model_validator(mode="after")
    def _where_and_when(self) -> "Event":
        if not (self.online or self.place):
            raise problem("event_where", "says neither where the event is nor that it is online",
                          "add 'place: {name: ..., address: ..., postcode: ...}' or 'online: true'", at="start")
        if self.end is not None:
            start_all_day, end_all_day = len(self.start) == 10, len(self.end) == 10
            if start_all_day != end_all_day:
                raise problem("event_end_kind", "the start and end must both be dates, or both dates with times",
                              "write both like 2026-12-03, or both like 2026-12-03 10:00", at="end")
            if self.end < self.start:
                raise problem("event_end_order", f"ends ({self.end}) before it starts ({self.start})",
                              "check the end date and time", at="end")
        return self
