"""The suggest form's words: plain English for people who have never seen the files behind the hub.

The form is generated from the same JSON Schema editors use, but the schema speaks to editors (field
names, "YYYY-MM-DD", "ONS name or GSS code"). Here every field of every kind gets a label and a hint a
teacher or family worker understands, and every rule's message is reworded. tests/test_suggest_kinds.py
checks that every field has words and that nothing technical reaches the page.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

KIND_LABELS = {"service": "A support service", "resource": "A resource (a guide, leaflet, book, video...)",
               "event": "An event or training course", "practice": "A practice example or case study"}
KIND_NOUNS = {"service": "listing", "resource": "resource", "event": "event", "practice": "practice example"}

# (label, hint) by field path without list positions; shared by every kind unless a kind says otherwise.
COMMON: dict[str, tuple[str, str]] = {
    "name": ("Name of the service", "As the service calls itself."),
    "title": ("Title", "As readers should see it."),
    "summary": ("Short summary", "One or two sentences that people see in search results (up to 300 characters)."),
    "organisation": ("Organisation", "Who runs it."),
    "organisation.name": ("Organisation's name", "As the organisation writes it."),
    "organisation.website": ("Organisation's website", "Its full web address, like https://www.example.org"),
    "organisation.charity_number": ("Registered charity number", "England and Wales: 6 to 8 digits. "
                                    "Scotland: SC and 6 digits. Northern Ireland: NIC and 6 digits."),
    "audiences": ("Who is it for?", "Tick all that apply."),
    "sectors": ("Which professionals is it for?", "Tick all that apply."),
    "topics": ("What does it help with?", "Tick all that apply."),
    "nations": ("Which nations?", "Leave all unticked if it is for the whole UK."),
    "contact": ("How to get in touch", "Give at least one of a phone number, an e-mail address or a website."),
    "contact.phone": ("Phone number", "A UK number with the area code, like 0117 496 0123."),
    "contact.email": ("E-mail address", "Like name@example.org. An address for the service or team, not a person's own."),
    "contact.website": ("Web page", "Its full web address, like https://www.example.org/our-service"),
    "last_reviewed": ("Date you checked these details", "Today, if you have just checked them."),
    "review_owner": ("Who will keep this up to date?", "A team or role, like Family services team."),
    "date": ("Date published", "When it was published or last updated."),
}

KINDS: dict[str, dict[str, tuple[str, str]]] = {
    "service": {
        "organisation": ("Organisation", "Who runs the service."),
        "description": ("More about the service", "What it does, for whom and how. You can write several paragraphs."),
        "service_types": ("What kind of service is it?", "Tick all that apply."),
        "audiences": ("Who is the service for?", "Tick all that apply."),
        "age_range": ("Ages of children and young people", "Needed when the service works with children and young people."),
        "age_range.min": ("Youngest age", "A whole number from 0 to 25."),
        "age_range.max": ("Oldest age", "A whole number from 0 to 25."),
        "sectors": ("Which professionals is it for?", "Needed when the service is for professionals."),
        "access": ("How people get help", ""),
        "access.referral": ("Who can ask for help?", "The family itself, a professional on their behalf, or either."),
        "access.how_to_refer": ("How to ask for help", "For example: call us, or fill in our referral form."),
        "cost": ("Cost", ""),
        "cost.type": ("Does it cost anything?", ""),
        "cost.details": ("About the costs", "For example: free, with help towards travel costs."),
        "formats": ("How is the service given?", "Tick all that apply."),
        "locations": ("Places", "Where the service is based. Add another place if it has more than one."),
        "locations.name": ("Name of the place", "For example: Family Links office."),
        "locations.address": ("Street address", "Without the postcode."),
        "locations.postcode": ("Postcode", "The full postcode, like BS1 4DJ."),
        "locations.accessibility": ("Access", "For example: step-free access, an accessible toilet, a hearing loop."),
        "coverage": ("Where does the service work?", "Tick the whole UK, or choose nations, or list council areas."),
        "coverage.national": ("Across the whole UK", ""),
        "coverage.nations": ("Whole nations", "Tick a nation only if the service works across all of it."),
        "coverage.local_authorities": ("Council areas", "The council areas it covers, like Bristol or Leeds."),
        "opening_hours": ("Opening hours", "For example: Monday to Friday, 9am to 5pm."),
        "languages": ("Languages", "The languages the service works in."),
        "review_owner": ("Who will keep this listing up to date?", "A team or role, like Directory team."),
        "text_language": ("Language of the text", "Only if you wrote it in another language than English: "
                          "cy for Welsh, gd for Scottish Gaelic, ga for Irish."),
        "name_language": ("Language of the name", "Only if the name is in another language than the rest: "
                          "cy for Welsh, gd for Scottish Gaelic, ga for Irish."),
        "cy": ("In Welsh (Cymraeg)", "If the service has its own Welsh text, give it here: the Welsh site shows it."),
        "cy.name": ("Name in Welsh", "As the service writes its name in Welsh."),
        "cy.summary": ("Short summary in Welsh", "Up to 300 characters."),
        "cy.description": ("More about the service, in Welsh", "You can write several paragraphs."),
        "cy.how_to_refer": ("How to ask for help, in Welsh", ""),
        "cy.opening_hours": ("Opening hours in Welsh", "For example: Dydd Llun i ddydd Gwener, 9am tan 5pm."),
        "cy.cost_details": ("About the costs, in Welsh", ""),
        "cy.locations": ("Places in Welsh", "One for each place above, in the same order."),
        "cy.locations.name": ("Name of the place in Welsh", "For example: Swyddfa Caerdydd."),
        "cy.locations.accessibility": ("Access, in Welsh", "For example: mynediad heb risiau."),
    },
    "resource": {
        "title": ("Title of the resource", "As it is published."),
        "summary": ("Short summary", "What readers see in lists (up to 300 characters)."),
        "type": ("What kind of resource is it?", ""),
        "audiences": ("Who is it for?", "Tick all that apply."),
        "nations": ("Which nations does it apply to?", "Leave all unticked if it applies across the UK."),
        "publisher": ("Publisher", "Who published it."),
        "link": ("Web address of the resource", "Its full web address, like https://www.example.org/guide"),
        "last_reviewed": ("Date you checked these details", "Today, if you have just checked the link works."),
    },
    "practice": {
        "title": ("Title", "What the practice is, in a few words."),
        "kind": ("Is it a practice example or a case study?", "A case study tells the story of one family."),
        "organisation": ("Organisation", "Who did the work."),
        "sectors": ("Which professionals were involved?", "Tick at least one."),
        "nations": ("Which nations?", "Where the work happens. Choose nations, or write the area below, or both."),
        "area": ("Area", "The place or council area where the work happens, like Cardiff."),
        "summary": ("Short summary", "What was done and for whom (up to 300 characters)."),
        "approach": ("What was done", "What the practice is and how it works."),
        "outcomes": ("What changed", "What changed as a result."),
        "contact": ("How to find out more", "A team address or phone number, not a person's own."),
        "date": ("Date written", "When it was written or last updated."),
    },
    "event": {
        "title": ("Title of the event", ""),
        "summary": ("Short summary", "What it is and who it is for (up to 300 characters)."),
        "start": ("Start date and time", "The date, like 2026-12-03, with the time if it has one: 2026-12-03 10:00 (UK time)."),
        "end": ("End date and time", "Written the same way as the start: a date, or a date and a time."),
        "online": ("It is online", "Tick if people join online. Then a place is not needed."),
        "place": ("Place", "Where it is held, unless it is online."),
        "place.name": ("Name of the venue", ""),
        "place.address": ("Address of the venue", "Without the postcode."),
        "place.postcode": ("Postcode of the venue", "The full postcode, like LS1 1UR."),
        "booking": ("Booking page", "Its full web address, like https://www.example.org/book"),
        "cost": ("Cost", "In words, like Free or £20."),
        "organiser": ("Organiser", "Who runs the event."),
        "nations": ("Which nations is it for?", "Leave all unticked if it is for the whole UK."),
    },
}

# Fields the form leaves out: an attached file needs an upload, and only editors acknowledge personal data.
HIDDEN = {"resource": ["file"], "practice": ["personal_data_reviewed"]}
# Option labels for choices the vocabulary does not label.
CHOICES = {"practice-example": "A practice example", "case-study": "A case study (the story of one family)"}

# The schema's rule messages (written for editors) -> the form's.
_MESSAGES: list[tuple[str, str]] = [
    (r"^write 'national: true', or list 'nations' or 'local_authorities'$",
     "say where the service works: tick across the whole UK, or choose nations, or list council areas"),
    (r"^a national service cannot also list nations or local authorities$",
     "a service across the whole UK cannot also list nations or council areas: untick one or the other"),
    (r"^add a phone, email or website$", "give a phone number, an e-mail address or a web page"),
    (r"^give exactly one of 'link' .*$", "give the web address of the resource"),
    (r"^give the ages worked with \(age_range\): the audience '(.*)' needs it$",
     r"give the youngest and oldest ages: needed for \1"),
    (r"^give the professional sectors served: the audience '(.*)' needs it$",
     r"choose which professionals it is for: needed for \1"),
    (r"^add 'place' or 'online: true'$", "give the place, or tick that it is online"),
    (r"^add 'nations' or 'area' \(or both\)$", "choose the nations, or write the area (or both)"),
    (r"^write true or false$", "tick the box or leave it"),
    (r"^write the date as year-month-day, like 2026-03-31$", "give a real date"),
    (r"^write 2026-12-03 for a whole day, or 2026-12-03 10:00 \(24-hour clock\)$", "give a date, and a time if it has one"),
]

TECHNICAL = re.compile(r"[a-z]_[a-z]|\bYAML\b|\bONS\b|\bGSS\b|: ?true\b|'[a-z_-]+'|[\[\]{}]|YYYY|\$")
"""What must never reach a person on the form: field names, codes, formats and syntax."""


def plain(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
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


def form_words(kind: str, schema: dict[str, Any]) -> dict[str, Any]:
    """What suggest.js needs to speak plainly about `kind`: labels and hints by path, choices, messages."""
    table = words(kind)
    return {
        "labels": {path: label for path, (label, _) in table.items()},
        "hints": {path: hint for path, (_, hint) in table.items()},
        "hidden": HIDDEN.get(kind, []),
        "choices": CHOICES,
        "messages": {message: plain(message) for message in sorted(set(_messages_in(schema)))},
        "noun": KIND_NOUNS[kind],
    }
