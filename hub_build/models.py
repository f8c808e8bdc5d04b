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

