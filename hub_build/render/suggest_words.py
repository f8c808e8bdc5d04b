"""The suggest form's words: plain English for people who have never seen the files behind the hub.

The form is generated from the same JSON Schema editors use, but the schema speaks to editors (field
names, "YYYY-MM-DD", "ONS name or GSS code"). Here every field of every kind gets a label and a hint a
teacher or family worker understands, and every rule's message is reworded. tests/test_suggest_kinds.py
checks that every field has words and that nothing technical reaches the page.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

from hub_build.render.languages import N_

KIND_LABELS = {"service": N_("A support service"), "resource": N_("A resource (a guide, leaflet, book, video...)"),
               "event": N_("An event or training course"), "practice": N_("A practice example or case study")}
KIND_NOUNS = {"service": N_("listing"), "resource": N_("resource"), "event": N_("event"), "practice": N_("practice example")}

# (label, hint) by field path without list positions; shared by every kind unless a kind says otherwise.
COMMON: dict[str, tuple[str, str]] = {
    "name": (N_("Name of the service"), N_("As the service calls itself.")),
    "title": (N_("Title"), N_("As readers should see it.")),
    "summary": (N_("Short summary"), N_("One or two sentences that people see in search results (up to 300 characters).")),
    "organisation": (N_("Organisation"), N_("Who runs it.")),
    "organisation.name": (N_("Organisation's name"), N_("As the organisation writes it.")),
    "organisation.website": (N_("Organisation's website"), N_("Its full web address, like https://www.example.org")),
    "organisation.charity_number": (N_("Registered charity number"), N_("England and Wales: 6 to 8 digits. "
                                    "Scotland: SC and 6 digits. Northern Ireland: NIC and 6 digits.")),
    "audiences": (N_("Who is it for?"), N_("Tick all that apply.")),
    "sectors": (N_("Which professionals is it for?"), N_("Tick all that apply.")),
    "topics": (N_("What does it help with?"), N_("Tick all that apply.")),
    "nations": (N_("Which nations?"), N_("Leave all unticked if it is for the whole UK.")),
    "contact": (N_("How to get in touch"), N_("Give at least one of a phone number, an e-mail address or a website.")),
    "contact.phone": (N_("Phone number"), N_("A UK number with the area code, like 0117 496 0123.")),
    "contact.email": (N_("E-mail address"), N_("Like name@example.org. An address for the service or team, not a person's own.")),
    "contact.website": (N_("Web page"), N_("Its full web address, like https://www.example.org/our-service")),
    "last_reviewed": (N_("Date you checked these details"), N_("Today, if you have just checked them.")),
    "review_owner": (N_("Who will keep this up to date?"), N_("A team or role, like Family services team.")),
    "date": (N_("Date published"), N_("When it was published or last updated.")),
}

KINDS: dict[str, dict[str, tuple[str, str]]] = {
    "service": {
        "organisation": (N_("Organisation"), N_("Who runs the service.")),
        "description": (N_("More about the service"), N_("What it does, for whom and how. You can write several paragraphs.")),
        "service_types": (N_("What kind of service is it?"), N_("Tick all that apply.")),
        "audiences": (N_("Who is the service for?"), N_("Tick all that apply.")),
        "age_range": (N_("Ages of children and young people"), N_("Needed when the service works with children and young people.")),
        "age_range.min": (N_("Youngest age"), N_("A whole number from 0 to 25.")),
        "age_range.max": (N_("Oldest age"), N_("A whole number from 0 to 25.")),
        "sectors": (N_("Which professionals is it for?"), N_("Needed when the service is for professionals.")),
        "access": (N_("How people get help"), ""),
        "access.referral": (N_("Who can ask for help?"), N_("The family itself, a professional on their behalf, or either.")),
        "access.how_to_refer": (N_("How to ask for help"), N_("For example: call us, or fill in our referral form.")),
        "cost": (N_("Cost"), ""),
        "cost.type": (N_("Does it cost anything?"), ""),
        "cost.details": (N_("About the costs"), N_("For example: free, with help towards travel costs.")),
        "formats": (N_("How is the service given?"), N_("Tick all that apply.")),
        "locations": (N_("Places"), N_("Where the service is based. Add another place if it has more than one.")),
        "locations.name": (N_("Name of the place"), N_("For example: Family Links office.")),
        "locations.address": (N_("Street address"), N_("Without the postcode.")),
        "locations.postcode": (N_("Postcode"), N_("The full postcode, like BS1 4DJ.")),
        "locations.accessibility": (N_("Access"), N_("For example: step-free access, an accessible toilet, a hearing loop.")),
        "coverage": (N_("Where does the service work?"), N_("Tick the whole UK, or choose nations, or list council areas.")),
        "coverage.national": (N_("Across the whole UK"), ""),
        "coverage.nations": (N_("Whole nations"), N_("Tick a nation only if the service works across all of it.")),
        "coverage.local_authorities": (N_("Council areas"), N_("The council areas it covers, like Bristol or Leeds.")),
        "opening_hours": (N_("Opening hours"), N_("For example: Monday to Friday, 9am to 5pm.")),
        "languages": (N_("Languages"), N_("The languages the service works in.")),
        "review_owner": (N_("Who will keep this listing up to date?"), N_("A team or role, like Directory team.")),
        "text_language": (N_("Language of the text"), N_("Only if you wrote it in another language than English: "
                          "cy for Welsh, gd for Scottish Gaelic, ga for Irish.")),
        "name_language": (N_("Language of the name"), N_("Only if the name is in another language than the rest: "
                          "cy for Welsh, gd for Scottish Gaelic, ga for Irish.")),
        "cy": (N_("In Welsh (Cymraeg)"), N_("If the service has its own Welsh text, give it here: the Welsh site shows it.")),
        "cy.name": (N_("Name in Welsh"), N_("As the service writes its name in Welsh.")),
        "cy.summary": (N_("Short summary in Welsh"), N_("Up to 300 characters.")),
        "cy.description": (N_("More about the service, in Welsh"), N_("You can write several paragraphs.")),
        "cy.how_to_refer": (N_("How to ask for help, in Welsh"), ""),
        "cy.opening_hours": (N_("Opening hours in Welsh"), N_("For example: Dydd Llun i ddydd Gwener, 9am tan 5pm.")),
        "cy.cost_details": (N_("About the costs, in Welsh"), ""),
        "cy.locations": (N_("Places in Welsh"), N_("One for each place above, in the same order.")),
        "cy.locations.name": (N_("Name of the place in Welsh"), N_("For example: Swyddfa Caerdydd.")),
        "cy.locations.accessibility": (N_("Access, in Welsh"), N_("For example: mynediad heb risiau.")),
    },
    "resource": {
        "title": (N_("Title of the resource"), N_("As it is published.")),
        "summary": (N_("Short summary"), N_("What readers see in lists (up to 300 characters).")),
        "type": (N_("What kind of resource is it?"), ""),
        "audiences": (N_("Who is it for?"), N_("Tick all that apply.")),
        "nations": (N_("Which nations does it apply to?"), N_("Leave all unticked if it applies across the UK.")),
        "publisher": (N_("Publisher"), N_("Who published it.")),
        "link": (N_("Web address of the resource"), N_("Its full web address, like https://www.example.org/guide")),
        "last_reviewed": (N_("Date you checked these details"), N_("Today, if you have just checked the link works.")),
    },
    "practice": {
        "title": (N_("Title"), N_("What the practice is, in a few words.")),
        "kind": (N_("Is it a practice example or a case study?"), N_("A case study tells the story of one family.")),
        "organisation": (N_("Organisation"), N_("Who did the work.")),
        "sectors": (N_("Which professionals were involved?"), N_("Tick at least one.")),
        "nations": (N_("Which nations?"), N_("Where the work happens. Choose nations, or write the area below, or both.")),
        "area": (N_("Area"), N_("The place or council area where the work happens, like Cardiff.")),
        "summary": (N_("Short summary"), N_("What was done and for whom (up to 300 characters).")),
        "approach": (N_("What was done"), N_("What the practice is and how it works.")),
        "outcomes": (N_("What changed"), N_("What changed as a result.")),
        "contact": (N_("How to find out more"), N_("A team address or phone number, not a person's own.")),
        "date": (N_("Date written"), N_("When it was written or last updated.")),
    },
    "event": {
        "title": (N_("Title of the event"), ""),
        "summary": (N_("Short summary"), N_("What it is and who it is for (up to 300 characters).")),
        "start": (N_("Start date and time"), N_("The date, like 2026-12-03, with the time if it has one: 2026-12-03 10:00 (UK time).")),
        "end": (N_("End date and time"), N_("Written the same way as the start: a date, or a date and a time.")),
        "online": (N_("It is online"), N_("Tick if people join online. Then a place is not needed.")),
        "place": (N_("Place"), N_("Where it is held, unless it is online.")),
        "place.name": (N_("Name of the venue"), ""),
        "place.address": (N_("Address of the venue"), N_("Without the postcode.")),
        "place.postcode": (N_("Postcode of the venue"), N_("The full postcode, like LS1 1UR.")),
        "booking": (N_("Booking page"), N_("Its full web address, like https://www.example.org/book")),
        "cost": (N_("Cost"), N_("In words, like Free or £20.")),
        "organiser": (N_("Organiser"), N_("Who runs the event.")),
        "nations": (N_("Which nations is it for?"), N_("Leave all unticked if it is for the whole UK.")),
    },
}

# Fields the form leaves out: an attached file needs an upload, and only editors acknowledge personal data.
HIDDEN = {"resource": ["file"], "practice": ["personal_data_reviewed"]}
# Option labels for choices the vocabulary does not label.
CHOICES = {"practice-example": N_("A practice example"), "case-study": N_("A case study (the story of one family)")}

# The schema's rule messages (written for editors) -> the form's.
_MESSAGES: list[tuple[str, str]] = [
    (r"^write 'national: true', or list 'nations' or 'local_authorities'$",
     N_("say where the service works: tick across the whole UK, or choose nations, or list council areas")),
    (r"^a national service cannot also list nations or local authorities$",
     N_("a service across the whole UK cannot also list nations or council areas: untick one or the other")),
    (r"^add a phone, email or website$", N_("give a phone number, an e-mail address or a web page")),
    (r"^give exactly one of 'link' .*$", N_("give the web address of the resource")),
    (r"^give the ages worked with \(age_range\): the audience '(.*)' needs it$",
     N_(r"give the youngest and oldest ages: needed for \1")),
    (r"^give the professional sectors served: the audience '(.*)' needs it$",
     N_(r"choose which professionals it is for: needed for \1")),
    (r"^add 'place' or 'online: true'$", N_("give the place, or tick that it is online")),
    (r"^add 'nations' or 'area' \(or both\)$", N_("choose the nations, or write the area (or both)")),
    (r"^write true or false$", N_("tick the box or leave it")),
    (r"^write the date as year-month-day, like 2026-03-31$", N_("give a real date")),
    (r"^write 2026-12-03 for a whole day, or 2026-12-03 10:00 \(24-hour clock\)$", N_("give a date, and a time if it has one")),
]

TECHNICAL = re.compile(r"[a-z]_[a-z]|\bYAML\b|\bONS\b|\bGSS\b|: ?true\b|'[a-z_-]+'|[\[\]{}]|YYYY|\$")
"""What must never reach a person on the form: field names, codes, formats and syntax."""


def plain(message: str, _: Callable[[str], str] = str) -> str:
    """A rule's message as the form says it, in the page's language (`_`, English by default)."""
    for pattern, replacement in _MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, _(replacement), message)
    return message


def words(kind: str) -> dict[str, tuple[str, str]]:
    return {**COMMON, **KINDS.get(kind, {})}


def _messages_in(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("errorMessage", "patternErrorMessage") and isinstance(value, str):
                yield value
            else:
                yield from _messages_in(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _messages_in(item)


def form_words(kind: str, schema: dict[str, Any], _: Callable[[str], str] = str) -> dict[str, Any]:
    """What suggest.js needs to speak plainly about `kind`: labels and hints by path, choices, messages; in the
    page's language (`_` translates the hub's words; English by default)."""
    table = words(kind)
    return {
        "labels": {path: _(label) for path, (label, _hint) in table.items()},
        "hints": {path: _(hint) if hint else "" for path, (_label, hint) in table.items()},
        "hidden": HIDDEN.get(kind, []),
        "choices": {key: _(text) for key, text in CHOICES.items()},
        "messages": {message: plain(message, _) for message in sorted(set(_messages_in(schema)))},
        "noun": _(KIND_NOUNS[kind]),
    }
