"""The personal-data check's rules in process: whose address is a work address, how phone numbers compare,
which front-matter lines quote acknowledgements, and what an acknowledgement covers.

mutmut runs these for every mutant of hub_build/load/personal_data.py (bench/mutation.md).
"""

from __future__ import annotations

from typing import Any

from hub_build.core.problems import Problem, Severity
from hub_build.load import personal_data as pd
from hub_build.model.items import Practice


def _practice(**changes: Any) -> Practice:
    data = {"title": "T", "organisation": {"name": "O", "website": "https://WWW.Families.example.org/"},
            "sectors": ["schools"], "nations": ["england"], "summary": "S", "approach": "A", "outcomes": "O",
            "contact": {"email": "info@families.example.org", "website": "https://mail.example.net/x"},
            "last_reviewed": "2026-01-01", **changes}
    return Practice.model_validate(data)


def test_the_organisations_own_domains():
    assert pd._hosts(_practice()) == {"families.example.org", "mail.example.net"}
    assert pd._hosts(_practice(organisation={"name": "O"}, contact={"email": "a@b.org"})) == set()


def test_phone_numbers_compare_by_their_national_digits():
    assert pd._digits("0117 496 0123") == "01174960123"
    assert pd._digits(" +44 117 496 0123") == "01174960123"
    assert pd._digits("+44 (0)7700 900120") == "07700900120"
    assert pd._digits("+44-0-20-7946-0000") == "02079460000"


def _kinds(text: str, **kw: Any) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in pd.scan_line(text, 1, hosts=kw.get("hosts", set()), phones=kw.get("phones", set()))]


def test_work_addresses_and_numbers_are_not_personal():
    hosts = {"example.org", "mail.example.net"}
    assert _kinds("Write to jo@mail.example.org or to sam@example.net.", hosts=hosts) == []
    assert _kinds("Write to jo@elsewhere.org.", hosts=hosts) == [("email", "jo@elsewhere.org")]
    assert _kinds("Write to jo@notexample.org.", hosts=hosts) == [("email", "jo@notexample.org")]
    assert _kinds("Ring +44 117 496 0123.", phones={"01174960123"}) == []
    assert _kinds("Ring 0117 496 0123.") == [("phone", "0117 496 0123")]
    assert _kinds("Ring 0808 157 0123.") == []  # a helpline range
    assert _kinds("Ring 07700 900123.", phones={"07700900123"}) == [("phone", "07700 900123")]  # a mobile is a person's


def test_each_name_beside_an_age_is_found_once():
    assert _kinds("Sam, aged 7, and Jo (9) met; 8-year-old Amy came too.") == [
        ("name-with-age", "Sam, aged 7"), ("name-with-age", "Jo (9)"), ("name-with-age", "8-year-old Amy")]


def test_the_front_matters_acknowledgement_lines_are_skipped():
    lines = ["---", "title: x", "personal_data_reviewed:", "- postcode", "  - {kind: phone}", "\tmore", "",
             "summary: BS1 4DJ", "personal_data_reviewed: [x]", "  ---", "---", "personal_data_reviewed:"]
    assert pd._skipped_lines(lines) == {3, 4, 5, 6, 7, 9, 10}
    assert pd._skipped_lines(["---", "personal_data_reviewed:", "...", "personal_data_reviewed:"]) == {2}
    assert pd._skipped_lines(["---", "---", "personal_data_reviewed:"]) == set()
    assert pd._skipped_lines(["personal_data_reviewed:", "x: 1"]) == {1}


def test_acknowledgements_cover_their_finding_and_stale_ones_are_warned():
    text = "---\ntitle: T\n---\nSam (7) lives at BS5 6XY.\n"
    practice = _practice(personal_data_reviewed=[{"kind": "name-with-age", "text": "Sam"},
                                                 {"kind": "phone", "text": "0117 496 0999"}])
    assert pd.check(text, practice, "p.md", (7, 3)) == [
        Problem("p.md", 4, 18, "looks like a full postcode: 'BS5 6XY'",
                "give the town or the outward code only (for example 'BS5'); if it is invented or the family agreed, "
                "acknowledge it in the front matter: personal_data_reviewed: [{kind: postcode, text: 'BS5 6XY', reason: ...}]",
                field="personal data"),
        Problem("p.md", 7, 3, "acknowledges phone '0117 496 0999', which the page no longer contains",
                "remove the acknowledgement", field="personal_data_reviewed", severity=Severity.WARNING)]
    stale = pd.check(text, _practice(personal_data_reviewed=[{"kind": "postcode"}, {"kind": "email", "text": "a@b.org"},
                                                             {"kind": "name-with-age", "text": "Sam (7) lives"}]), "p.md")
    assert [(p.line, p.col, p.severity) for p in stale] == [(1, 1, Severity.WARNING)]
