"""Likely personal data in case studies: dates of birth, home postcodes, personal phone numbers and
e-mail addresses, and a first name beside an age.

Case studies describe real families, so every finding is an error until an editor removes it or
acknowledges it in the front matter (`personal_data_reviewed`). The patterns aim at what
identifies a person, not at ordinary prose: "children aged 5 to 11" or "the 2009 briefing" pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import urlsplit

from hub_build.model.items import PersonalDataAcknowledgement, Practice
from hub_build.core.problems import Problem, Severity

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:,?\s+\d{{4}})?"
         rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b)")
DATE_OF_BIRTH = re.compile(rf"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?)\s*[:\-]?\s*{_DATE}", re.I)
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}\b")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?![\d])")
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_AGE = r"(?:1[0-9]|[0-9])"
NAME_WITH_AGE = (
    re.compile(rf"\b(?P<name>{_NAME}),?\s+aged?\s+(?P<age>{_AGE})\b"),
    re.compile(rf"\b(?P<name>{_NAME})\s*\((?:aged?\s+)?(?P<age>{_AGE})\)"),
    re.compile(rf"\b(?P<name>{_NAME}),\s+(?P<age>{_AGE}),"),
    re.compile(rf"\b(?P<age>{_AGE})[- ]years?[- ]old,?\s+(?P<name>{_NAME})\b"),
)
# Capitalised words that stand beside numbers in ordinary prose: not first names.
NOT_NAMES = frozenset("""
    A An The This That These Those He She They We You It Its His Her Their Our My I Aged Age Ages
    Children Child Boys Boy Girls Girl Pupils Pupil Students Student Young People Kids Babies Baby Teenagers
    Sons Son Daughters Daughter Siblings Brothers Sisters Families Family Parents Parent Mothers Mother Fathers
    Father Mums Mum Dads Dad Carers Carer Grandparents Prisoners Prisoner Adults Women Men Members Participants
    Year Years Stage Key Class Group Groups Level Grade Section Chapter Page Part Step Article Rule Table Figure
    Phase Module Session Sessions Week Weeks Day Days Month Months Term Round Cohort Wave Ward Room Unit Wing
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Under Over Around About Nearly Almost Just Only Some Each All
    Most Many Both Between From Until Since When Where While After Before During Of In On At For With And But Or
    Total Number Aim Aims Outcome Outcomes Approach Summary Contact Note See Also Figures Schools School
""".split())
ROLE_MAILBOXES = frozenset("""
    admin bookings contact enquiries enquiry events families help hello info information mail office post
    referrals referral support team training volunteers volunteering hub helpline advice projects project
""".split())
# Non-geographic ranges organisations use for helplines: not a person's own number.
ORGANISATION_PHONE_PREFIXES = ("0800", "0808", "0300", "0330", "0333", "0343", "0344", "0345", "0370", "116")

DESCRIPTIONS = {
    "date-of-birth": ("a date of birth", "give an age band instead (for example 'a primary-school child')"),
    "postcode": ("a full postcode", "give the town or the outward code only (for example 'BS5')"),
    "phone": ("a personal phone number", "remove it; readers contact the organisation through 'contact'"),
    "email": ("a personal e-mail address", "remove it, or use the organisation's role address (for example info@...)"),
    "name-with-age": ("a first name beside an age", "use an initial or a changed name without the age, or an age band"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    line: int
    col: int


def _hosts(practice: Practice) -> set[str]:
    """The organisation's own domains: e-mail addresses there are work addresses."""
    hosts = set()
    for url in (practice.organisation.website, practice.contact.website):
        host = (urlsplit(url).hostname or "") if url else ""
        if host:
            hosts.add(host.lower().removeprefix("www."))
    return hosts


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:].lstrip("0") if text.strip().startswith("+44") else digits


def _organisational_email(address: str, hosts: set[str]) -> bool:
    local, _, domain = address.lower().rpartition("@")
    if local in ROLE_MAILBOXES:
        return True
    return any(domain == h or domain.endswith("." + h) or h.endswith("." + domain) for h in hosts)


def scan_line(text: str, line: int, *, hosts: set[str], phones: set[str]) -> list[Finding]:
    """Every likely personal detail on one line."""
    found: list[Finding] = []

    def add(kind: str, match: re.Match, group: int | str = 0) -> None:
        found.append(Finding(kind, match.group(0).strip(), line, match.start(group) + 1))

    for match in DATE_OF_BIRTH.finditer(text):
        add("date-of-birth", match)
    for match in POSTCODE.finditer(text):
        add("postcode", match)
    for match in PHONE.finditer(text):
        digits = _digits(match.group(0))
        if digits.startswith("07") or not (digits in phones or digits.startswith(ORGANISATION_PHONE_PREFIXES)):
            add("phone", match)
    for match in EMAIL.finditer(text):
        if not _organisational_email(match.group(0), hosts):
            add("email", match)
    seen: set[int] = set()
    for pattern in NAME_WITH_AGE:
        for match in pattern.finditer(text):
            if match.group("name") not in NOT_NAMES and match.start() not in seen:
                seen.add(match.start())
                add("name-with-age", match)
    return sorted(found, key=lambda f: (f.line, f.col, f.kind))


def _skipped_lines(lines: list[str]) -> set[int]:
    """Line numbers (1-based) of the front matter's own acknowledgements, which quote what they acknowledge."""
    skipped: set[int] = set()
    inside = False
    for number, text in enumerate(lines, start=1):
        if number > 1 and text.rstrip() in ("---", "..."):
            break
        if text.startswith("personal_data_reviewed:"):
            inside = True
        elif inside and text[:1] not in (" ", "\t", "-", ""):
            inside = False
        if inside:
            skipped.add(number)
    return skipped


def scan(text: str, practice: Practice) -> list[Finding]:
    """Findings in a whole practice page (front matter and body), positioned in the file."""
    hosts = _hosts(practice)
    phones = {_digits(practice.contact.phone)} if practice.contact.phone else set()
    lines = text.split("\n")
    skipped = _skipped_lines(lines)
    found: list[Finding] = []
    for number, line in enumerate(lines, start=1):
        if number not in skipped:
            found += scan_line(line, number, hosts=hosts, phones=phones)
    return found


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _covers(ack: PersonalDataAcknowledgement, finding: Finding) -> bool:
    if ack.kind != finding.kind:
        return False
    return ack.text is None or _normal(ack.text) in _normal(finding.text) or _normal(finding.text) in _normal(ack.text)


def check(text: str, practice: Practice, source: str, ack_line: Optional[tuple[int, int]] = None) -> list[Problem]:
    """Errors for unacknowledged findings; a warning for an acknowledgement that matches nothing."""
    findings = scan(text, practice)
    acks: Iterable[PersonalDataAcknowledgement] = practice.personal_data_reviewed
    problems = []
    for finding in findings:
        if any(_covers(ack, finding) for ack in acks):
            continue
        what, fix = DESCRIPTIONS[finding.kind]
        problems.append(Problem(
            source, finding.line, finding.col, f"looks like {what}: '{finding.text}'",
            f"{fix}; if it is invented or the family agreed, acknowledge it in the front matter: "
            f"personal_data_reviewed: [{{kind: {finding.kind}, text: '{finding.text}', reason: ...}}]",
            field="personal data",
        ))
    line, col = ack_line or (1, 1)
    for ack in acks:
        if ack.text is not None and not any(_covers(ack, f) for f in findings):
            problems.append(Problem(
                source, line, col, f"acknowledges {ack.kind} '{ack.text}', which the page no longer contains",
                "remove the acknowledgement", field="personal_data_reviewed", severity=Severity.WARNING,
            ))
    return problems
