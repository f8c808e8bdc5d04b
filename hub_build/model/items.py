"""The content models: the single definition of a service listing and a resource.

Field names follow Open Referral UK (HSDS) meanings where they overlap, so an
open-data export is a mapping: `organisation` ~ organization, `locations` ~
location, `contact` ~ contact/phone, `opening_hours` ~ schedule.description,
`age_range` ~ eligibility min/max age, `cost` ~ cost_option, `languages` ~
language, `coverage` ~ service_area, vocabulary terms ~ taxonomy terms.
"""

from __future__ import annotations

import re
from typing import Annotated, Optional, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

from hub_build.model.fields import (
    Email, HttpUrl, IsoDate, MarkdownText, PlainText, ReviewDate, ShortText, StrictBool, Title, UKPhone,
    as_list, problem, shown, vocabulary_term,
)
from hub_build.model.postcodes import normalise_postcode
from hub_build.model.languages import LanguageTag

ServiceType = Annotated[str, vocabulary_term("service_types")]
Audience = Annotated[str, vocabulary_term("audiences")]
Sector = Annotated[str, vocabulary_term("sectors")]
Topic = Annotated[str, vocabulary_term("topics")]
ResourceType = Annotated[str, vocabulary_term("resource_types")]
ReferralRoute = Annotated[str, vocabulary_term("referral_routes")]
CostType = Annotated[str, vocabulary_term("cost_types")]
Format = Annotated[str, vocabulary_term("formats")]
Nation = Annotated[str, vocabulary_term("nations")]


def _postcode(value: str) -> str:
    return normalise_postcode(value)


Postcode = Annotated[str, AfterValidator(_postcode)]


def _unique(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise problem("duplicate_item", f"'{shown(value)}' is listed twice", "list each item once")
        seen.add(value)
    return values


Item = TypeVar("Item")
ListOf = Annotated[list[Item], BeforeValidator(as_list), AfterValidator(_unique), Field(min_length=0, max_length=50)]
"""A list of up to 50 items that also accepts a single value, with duplicates refused: `ListOf[Topic]`."""
NonEmptyListOf = Annotated[list[Item], BeforeValidator(as_list), AfterValidator(_unique), Field(min_length=1, max_length=50)]
"""The same, with at least one item."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CharityNumber = Annotated[str, AfterValidator(lambda value: _charity_number(value))]


class Organisation(Strict):
    name: Title = Field(description="Who runs the service, as the organisation writes its name",
                        examples=["Severn Families Trust"])
    website: Optional[HttpUrl] = Field(None, description="The organisation's web site, starting https://",
                                       examples=["https://www.example.org"])
    charity_number: Optional[CharityNumber] = Field(
        None, description="Registered charity number. England and Wales: 6 to 8 digits; Scotland: SC and 6 digits; "
        "Northern Ireland: NIC and 6 digits", examples=["1190001", "SC012345"])


def _charity_number(value: str) -> str:
    text = value.strip().upper().replace(" ", "")
    if re.fullmatch(r"\d{6,8}(-\d{1,2})?|SC\d{6}|NIC\d{6}|\d{6}", text):
        return text
    raise problem("charity_number", f"'{shown(value)}' is not a registered charity number",
                  "England and Wales: 6 to 8 digits (like 1234567); Scotland: SC and 6 digits; "
                  "Northern Ireland: NIC and 6 digits, or 6 digits")


class AgeRange(Strict):
    min: Annotated[int, Field(ge=0, le=25)] = Field(0, description="The youngest age worked with (0 to 25)", examples=[5])
    max: Annotated[int, Field(ge=0, le=25)] = Field(18, description="The oldest age worked with (0 to 25)", examples=[18])

    @model_validator(mode="after")
    def _ordered(self) -> "AgeRange":
        if self.min > self.max:
            raise problem("age_order", f"the youngest age ({self.min}) is above the oldest ({self.max})",
                          "write min as the youngest age and max as the oldest")
        return self


class Access(Strict):
    referral: ReferralRoute = Field(description="Who can make a referral: the family itself, a professional, or either",
                                    examples=["self-or-professional"])
    how_to_refer: Optional[PlainText] = Field(None, description="Plain text: how to make a referral",
                                              examples=["Call us, or ask any professional to complete our referral form."])


class Cost(Strict):
    type: CostType = Field(description="Whether families pay", examples=["free"])
    details: Optional[PlainText] = Field(None, description="Plain text: what costs there are, if any",
                                         examples=["Free; help with travel costs for visits."])


class Location(Strict):
    name: Optional[Title] = Field(None, description="The place's name, if it has one", examples=["Family Links office"])
    address: Optional[PlainText] = Field(None, description="The street address, without the postcode",
                                         examples=["12 Example Street, Bristol"])
    postcode: Postcode = Field(description="The full UK postcode of the place (it must exist in the ONS postcode data)",
                               examples=["BS1 4DJ"])
    accessibility: Optional[PlainText] = Field(None, description="Plain text: step-free access, toilets, hearing loops",
                                               examples=["Step-free access and an accessible toilet."])


class Coverage(Strict):
    national: StrictBool = Field(False, description="true if the service works across the whole UK (then list nothing else)",
                                 examples=[True])
    nations: ListOf[Nation] = Field([], description="The nations the service covers in full", examples=[["wales"]])
    local_authorities: Annotated[list[Title], BeforeValidator(as_list), AfterValidator(_unique), Field(min_length=0, max_length=400)] = Field(
        [], description="Council areas covered, by ONS name or GSS code (checked against the ONS list by the build)",
        examples=[["Bristol, City of", "E06000024"]])

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
    phone: Optional[UKPhone] = Field(None, description="A UK phone number with the area code", examples=["0117 496 0123"])
    email: Optional[Email] = Field(None, description="An e-mail address families or professionals can write to",
                                   examples=["familylinks@example.org"])
    website: Optional[HttpUrl] = Field(None, description="The service's own web page, starting https://",
                                       examples=["https://www.example.org/family-links"])

    @model_validator(mode="after")
    def _some(self) -> "Contact":
        if not (self.phone or self.email or self.website):
            raise problem("contact_empty", "gives no way to get in touch", "add a phone, email or website")
        return self


# --- Welsh versions (a listing's `cy:` block; the front matter of a page's Welsh sibling `x.cy.md`) -------

class LocationWelsh(Strict):
    name: Optional[Title] = Field(None, description="The place's name in Welsh", examples=["Swyddfa Caerdydd"])
    accessibility: Optional[PlainText] = Field(None, description="Plain text, in Welsh: step-free access, toilets, "
                                               "hearing loops", examples=["Mynediad heb risiau a thoiled hygyrch."])


class ServiceWelsh(Strict):
    """The Welsh version of a listing's text: each field is shown on the Welsh site instead of the English one."""

    name: Optional[Title] = Field(None, description="The service's name in Welsh", examples=["Cysylltiadau Teulu Caerdydd"])
    summary: Optional[ShortText] = Field(None, description="Plain text in Welsh, up to 300 characters",
                                         examples=["Cymorth un-i-un i blant a gofalwyr pan fo rhiant yn y carchar."])
    description: Optional[MarkdownText] = Field(None, description="Markdown, in Welsh",
                                                examples=["Mae ein gweithwyr teulu yn cwrdd â phlant gartref neu yn yr ysgol."])
    how_to_refer: Optional[PlainText] = Field(None, description="Plain text, in Welsh: how to make a referral",
                                              examples=["Ffoniwch ni, neu gofynnwch i weithiwr proffesiynol eich atgyfeirio."])
    opening_hours: Optional[PlainText] = Field(None, description="Plain text, in Welsh: when the service is open",
                                               examples=["Dydd Llun i ddydd Gwener, 9am tan 5pm"])
    cost_details: Optional[PlainText] = Field(None, description="Plain text, in Welsh: what costs there are, if any",
                                              examples=["Am ddim; help gyda chostau teithio."])
    locations: Annotated[list[LocationWelsh], BeforeValidator(as_list), Field(min_length=0, max_length=100)] = Field(
        [], description="The Welsh names and accessibility notes of the locations, in the same order as locations",
        examples=[[{"name": "Swyddfa Caerdydd", "accessibility": "Lifft a thoiled hygyrch."}]])

    @model_validator(mode="after")
    def _some(self) -> "ServiceWelsh":
        if not self.model_fields_set - {"locations"} and not any(loc.name or loc.accessibility for loc in self.locations):
            raise problem("cy_empty", "the Welsh version gives no text",
                          "add the Welsh name, summary or other text under cy:, or remove the cy: block")
        return self


class ResourceWelsh(Strict):
    """Front matter of a resource's Welsh sibling (`guide.cy.md`): only its text; the rest is the English page's."""

    title: Optional[Title] = Field(None, description="The resource's title in Welsh", examples=["Siarad â phlant am y carchar"])
    summary: Optional[ShortText] = Field(None, description="Plain text in Welsh, up to 300 characters",
                                         examples=["Canllaw byr i ofalwyr."])


class PracticeWelsh(ResourceWelsh):
    """Front matter of a practice example's Welsh sibling."""

    approach: Optional[MarkdownText] = Field(None, description="Markdown, in Welsh: what the practice is",
                                             examples=["Gyda'r heddlu lleol fe ysgrifennon ni ganllaw un dudalen."])
    outcomes: Optional[MarkdownText] = Field(None, description="Markdown, in Welsh: what changed as a result",
                                             examples=["Dyblodd yr atgyfeiriadau o fewn blwyddyn."])


class EventWelsh(ResourceWelsh):
    """Front matter of an event's Welsh sibling."""

    cost: Optional[Title] = Field(None, description="What it costs, in Welsh", examples=["Am ddim"])


class Service(Strict):
    """One support service: what a professional needs to know to refer a family."""

    name: Title = Field(description="The service's name, up to 150 characters", examples=["Bristol Family Links"])
    organisation: Organisation = Field(description="Who runs the service",
                                       examples=[{"name": "Severn Families Trust", "website": "https://www.example.org"}])
    summary: ShortText = Field(description="Plain text, up to 300 characters: what a professional sees in search results",
                               examples=["One-to-one support for children and carers in Bristol when a parent is in prison."])
    description: Optional[MarkdownText] = Field(
        None, description="Markdown: paragraphs, lists and links about what the service does",
        examples=["Our family workers meet children at home or at school.\n\n- first visits\n- talking to children"])
    service_types: NonEmptyListOf[ServiceType] = Field(description="One or more kinds of service",
                                                             examples=[["family-support", "visits-support"]])
    audiences: NonEmptyListOf[Audience] = Field(
        description="Who the service is for; children need age_range, professionals need sectors",
        examples=[["children-and-young-people", "parents-and-carers"]])
    age_range: Optional[AgeRange] = Field(None, description="The ages worked with, needed when children are an audience",
                                          examples=[{"min": 5, "max": 18}])
    sectors: ListOf[Sector] = Field([], description="Professional sectors served, needed when professionals are an audience",
                                    examples=[["schools", "social-care"]])
    topics: ListOf[Topic] = Field([], description="What the service helps with", examples=[["visiting-prison", "telling-children"]])
    access: Access = Field(description="How families reach the service", examples=[{"referral": "self-or-professional"}])
    cost: Cost = Field(description="What it costs families", examples=[{"type": "free"}])
    formats: NonEmptyListOf[Format] = Field(description="How the service is delivered", examples=[["in-person", "phone"]])
    locations: Annotated[list[Location], BeforeValidator(as_list), AfterValidator(_unique), Field(min_length=1, max_length=100)] = Field(
        description="Where the service is based: one or more places, each with a postcode",
        examples=[[{"name": "Family Links office", "address": "12 Example Street, Bristol", "postcode": "BS1 4DJ"}]])
    coverage: Coverage = Field(description="Where the service works: national, nations, or council areas",
                               examples=[{"local_authorities": ["Bristol, City of"]}, {"national": True}])
    contact: Contact = Field(description="At least one of phone, email or website",
                             examples=[{"phone": "0117 496 0123", "email": "familylinks@example.org"}])
    opening_hours: Optional[PlainText] = Field(None, description="Plain text: when the service is open",
                                               examples=["Monday to Friday, 9am to 5pm"])
    languages: ListOf[Title] = Field([], description="Languages the service works in", examples=[["English", "Polish"]])
    last_reviewed: ReviewDate = Field(description="The day the details were last checked with the service (YYYY-MM-DD, "
                                      "not in the future)", examples=["2026-09-14"])
    review_owner: Optional[Title] = Field(None, description="Who keeps this listing up to date", examples=["Directory team"])
    text_language: Optional[LanguageTag] = Field(
        None, description="The language the service's own text (name, summary, description and the other text) is "
        "written in, as a BCP 47 tag, when it is not English: pages mark it so screen readers pronounce it",
        examples=["cy"])
    name_language: Optional[LanguageTag] = Field(
        None, description="The language of the name alone, when it differs from the rest of the text "
        "(for example a Gaelic name over an English summary)", examples=["gd"])

    cy: Optional[ServiceWelsh] = Field(
        None, description="The Welsh version of the listing's text (name, summary, description, how_to_refer, "
        "opening_hours, cost_details, and the locations' names and accessibility), shown on the Welsh site",
        examples=[{"name": "Cysylltiadau Teulu Caerdydd", "summary": "Cymorth i blant a gofalwyr pan fo rhiant yn y carchar."}])

    @model_validator(mode="after")
    def _welsh_version(self) -> "Service":
        if self.cy is None:
            return self
        if self.text_language == "cy":
            raise problem("cy_duplicate", "the listing's own text is Welsh (text_language: cy), so it has no Welsh version",
                          "write the English in the main fields and the Welsh under cy:, then remove text_language",
                          at="cy")
        if len(self.cy.locations) > len(self.locations):
            raise problem("cy_locations", f"the Welsh version names {len(self.cy.locations)} locations but the listing "
                          f"has {len(self.locations)}", "give one entry under cy.locations per location, in the same order",
                          at="cy")
        return self

    @property
    def lang_of_name(self) -> str:
        """The `lang` to put on the name, or "" when it is the hub's own language."""
        return self.name_language or self.text_language or ""

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

    title: Title = Field(description="The resource's title", examples=["Talking to children about a parent in prison"])
    summary: ShortText = Field(description="Plain text, up to 300 characters: what readers see in lists",
                               examples=["A short guide for carers on honest, age-appropriate conversations."])
    type: ResourceType = Field(description="What kind of resource it is", examples=["guide"])
    audiences: NonEmptyListOf[Audience] = Field(description="Who it is for", examples=[["parents-and-carers"]])
    sectors: ListOf[Sector] = Field([], description="Professional sectors it is for", examples=[["schools"]])
    topics: ListOf[Topic] = Field([], description="What it is about", examples=[["telling-children"]])
    nations: ListOf[Nation] = Field([], description="The nations it applies to; leave empty for UK-wide", examples=[["scotland"]])
    publisher: Title = Field(description="Who published it", examples=["Example Families Network"])
    date: Optional[IsoDate] = Field(None, description="When it was published (YYYY-MM-DD)", examples=["2025-03-01"])
    link: Optional[HttpUrl] = Field(None, description="Its web address (give link or file, not both)",
                                    examples=["https://www.example.org/guide"])
    file: Optional[PlainText] = Field(None, description="A document stored beside this page (give link or file, not both)",
                                      examples=["guide.pdf"])
    last_reviewed: ReviewDate = Field(description="The day the details were last checked (YYYY-MM-DD, not in the future)",
                                      examples=["2026-10-01"])
    review_owner: Optional[Title] = Field(None, description="Who keeps this entry up to date", examples=["Resources team"])

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

    kind: Annotated[str, AfterValidator(lambda value: _personal_kind(value))] = Field(
        description="The kind of detail the build flagged: " + ", ".join(PERSONAL_DATA_KINDS), examples=["date-of-birth"])
    text: Optional[Title] = Field(None, description="The flagged text, to acknowledge only that finding",
                                  examples=["born 3 May 2015"])
    reason: Optional[PlainText] = Field(None, description="Why it may be published: invented, changed, or consented to",
                                        examples=["The date is invented; the family agreed to the case study."])


def _personal_kind(value: str) -> str:
    if value not in PERSONAL_DATA_KINDS:
        raise problem("personal_kind", f"'{shown(value)}' is not a kind of personal data the build checks for",
                      "use one of: " + ", ".join(PERSONAL_DATA_KINDS))
    return value


class Practice(Strict):
    """Front matter of a practice example or case study in content/practice/."""

    title: Title = Field(description="The practice example's title", examples=["Thinking about children at the point of arrest"])
    kind: Annotated[str, AfterValidator(lambda value: _practice_kind(value))] = Field(
        "practice-example", description="practice-example, or case-study for a story about one family",
        examples=["practice-example"])
    organisation: Organisation = Field(description="Who did the work", examples=[{"name": "Humber Bridges Trust"}])
    sectors: NonEmptyListOf[Sector] = Field(description="The professional sectors involved", examples=[["police"]])
    nations: ListOf[Nation] = Field([], description="Where the work happens (give nations, area or both)",
                                    examples=[["england"]])
    area: Optional[Title] = Field(None, description="The place or council area where the work happens",
                                  examples=["East Riding of Yorkshire"])
    topics: ListOf[Topic] = Field([], description="What the work is about", examples=[["arrest", "safeguarding"]])
    summary: ShortText = Field(description="Plain text, up to 300 characters: what was done and for whom",
                               examples=["Officers ask whether children are affected before and during an arrest."])
    approach: MarkdownText = Field(description="Markdown: what the practice is and how it works",
                                   examples=["With the local force we wrote a one-page prompt for officers."])
    outcomes: MarkdownText = Field(description="Markdown: what changed as a result",
                                   examples=["Referrals from carers after an arrest doubled within a year."])
    contact: Contact = Field(description="How to find out more: a role address, not a person's",
                             examples=[{"email": "info@example.org"}])
    date: Optional[IsoDate] = Field(None, description="When it was written or last updated (YYYY-MM-DD)",
                                    examples=["2026-01-20"])
    last_reviewed: ReviewDate = Field(description="The day the details were last checked (YYYY-MM-DD, not in the future)",
                                      examples=["2026-08-05"])
    review_owner: Optional[Title] = Field(None, description="Who keeps this page up to date", examples=["Practice team"])
    personal_data_reviewed: Annotated[
        list[PersonalDataAcknowledgement], BeforeValidator(as_list),
        BeforeValidator(lambda v: [_ack_item(x) for x in v] if isinstance(v, list) else v), Field(max_length=50),
    ] = Field([], description="An editor's acknowledgement of details the personal-data check flagged: a kind, "
              "or {kind, text, reason}", examples=[["date-of-birth"]])

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
    name: Title = Field(description="The venue's name", examples=["Leeds Civic Hall"])
    address: Optional[PlainText] = Field(None, description="The venue's street address", examples=["Millennium Square, Leeds"])
    postcode: Optional[Postcode] = Field(None, description="The venue's full UK postcode", examples=["LS1 1UR"])


class Event(Strict):
    """Front matter of an event or training course in content/events/."""

    title: Title = Field(description="The event's title", examples=["Hidden sentence training for schools"])
    summary: ShortText = Field(description="Plain text, up to 300 characters: what it is and who it is for",
                               examples=["A half-day course for school staff on supporting children of prisoners."])
    start: EventTime = Field(description="2026-12-03 for a whole day, or 2026-12-03 10:00 (UK time, 24-hour clock)",
                             examples=["2026-12-03 10:00"])
    end: Optional[EventTime] = Field(None, description="Written like start: both dates, or both dates with times",
                                     examples=["2026-12-03 13:00"])
    online: StrictBool = Field(False, description="true if the event is online (then place may be left out)", examples=[True])
    place: Optional[EventPlace] = Field(None, description="Where it is held, unless it is online",
                                        examples=[{"name": "Leeds Civic Hall", "postcode": "LS1 1UR"}])
    booking: Optional[HttpUrl] = Field(None, description="Where to book, starting https://",
                                       examples=["https://www.example.org/book"])
    cost: Optional[Title] = Field(None, description="What it costs, in words", examples=["Free"])
    organiser: Title = Field(description="Who runs the event", examples=["Example Families Network"])
    audiences: NonEmptyListOf[Audience] = Field(description="Who it is for", examples=[["professionals"]])
    sectors: ListOf[Sector] = Field([], description="Professional sectors it is for", examples=[["schools"]])
    topics: ListOf[Topic] = Field([], description="What it is about", examples=[["education"]])
    nations: ListOf[Nation] = Field([], description="The nations it is for; leave empty for UK-wide", examples=[["england"]])
    last_reviewed: ReviewDate = Field(description="The day the details were last checked (YYYY-MM-DD, not in the future)",
                                      examples=["2026-10-01"])
    review_owner: Optional[Title] = Field(None, description="Who keeps this event up to date", examples=["Events team"])

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


# --- editor pages (every other Markdown page in the content folder) -----------------------------

PAGE_HIDE = ("navigation", "toc", "footer", "path", "feedback")
_ICON = re.compile(r"^(material|fontawesome|octicons|simple)/[a-z0-9-]+(?:/[a-z0-9-]+)?$")


def _icon(value: str) -> str:
    from hub_build.model.icons import icon_exists

    if not _ICON.match(value) or not icon_exists(value):
        raise problem("icon", f"'{shown(value)}' is not an icon of the theme",
                      "use a name like material/home (see the Material for MkDocs icon search), or remove 'icon'")
    return value


def _hide(value: str) -> str:
    if value not in PAGE_HIDE:
        raise problem("hide", f"'{shown(value)}' cannot be hidden", "hide only: " + ", ".join(PAGE_HIDE))
    return value


def _status(value: str) -> str:
    if value not in ("new", "deprecated"):
        raise problem("status", f"'{shown(value)}' is not a page status", "write 'new' or 'deprecated'")
    return value


class PageSearch(Strict):
    exclude: StrictBool = Field(False, description="true keeps the page out of the site's search", examples=[True])


class EditorPage(Strict):
    """Front matter of an editor's page (home, about, a sector's introduction...): only keys the hub allows,
    each printed by the theme as plain text or limited to safe values. `template` is never allowed."""

    title: Optional[Title] = Field(None, description="The page's title in the navigation, the tab and search results",
                                   examples=["About the hub"])
    description: Optional[ShortText] = Field(None, description="Plain text for search engines and link previews",
                                             examples=["Who runs the hub and why."])
    subtitle: Optional[Title] = Field(None, description="A line shown under the title in the navigation",
                                      examples=["Who we are"])
    icon: Optional[Annotated[str, AfterValidator(_icon)]] = Field(
        None, description="A theme icon shown beside the title in the navigation", examples=["material/information"])
    status: Optional[Annotated[str, AfterValidator(_status)]] = Field(
        None, description="new or deprecated: a marker beside the title in the navigation", examples=["new"])
    hide: Annotated[list[Annotated[str, AfterValidator(_hide)]], BeforeValidator(as_list), AfterValidator(_unique),
                    Field(min_length=0, max_length=5)] = Field(
        [], description="Parts of the page to hide: " + ", ".join(PAGE_HIDE), examples=[["toc"]])
    search: Optional[PageSearch] = Field(None, description="exclude: true keeps the page out of search",
                                         examples=[{"exclude": True}])
