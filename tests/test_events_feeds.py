"""One real build of a hub with events, practice examples and resources: pages, calendars and the Atom feed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import icalendar
import pytest

from browser import chromium_page, foreign_requests, static_server
from hubs import GOOD_RESOURCE, dump, make_hub, mkdocs_build

PRACTICE = {
    "title": "A trusted adult in school", "organisation": {"name": "Severn Families Trust"},
    "sectors": ["schools"], "area": "Bristol", "summary": "Schools name a trusted adult.",
    "approach": "- a briefing\n- a note for families", "outcomes": "More children *identified*.",
    "contact": {"email": "info@severn.example.org"}, "last_reviewed": "2026-10-01",
}


def event(title: str, start: str, end: str | None = None, **extra) -> dict:
    data = {"title": title, "summary": f"About {title}.", "start": start, "organiser": "Severn Families Trust",
            "audiences": ["professionals"], "sectors": ["schools"], "online": True, "last_reviewed": "2026-10-01"}
    if end:
        data["end"] = end
    data.update(extra)
    return data


EVENTS = {
    "later.md": event("Spring conference", "2027-03-04", "2027-03-05", online=False, cost="£40",
                      place={"name": "Hall", "address": "1 Example Road, Bristol", "postcode": "BS1 4DJ"},
                      booking="https://severn.example.org/book"),
    "soon.md": event("Summer <webinar>", "2026-12-01 10:00", "2026-12-01 12:30"),
    "today.md": event("Today's forum", "2026-11-23 09:00"),
    "june.md": event("June webinar", "2026-06-10 14:00", "2026-06-10 15:00"),
    "last-year.md": event("Last year's day", "2025-11-20"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_hub(tmp_path_factory.mktemp("hub"), resources={
        "guide.md": GOOD_RESOURCE,
        "leaflet.md": {**GOOD_RESOURCE, "title": "Visits leaflet", "type": "leaflet", "link": None, "file": "leaflet.pdf",
                       "topics": ["visiting-prison"], "date": "2026-11-01"},
    }, home="# Home\n\n<!-- hub:upcoming-events -->\n\n<!-- hub:latest-updates -->\n")
    (root / "content/resources/leaflet.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2048)
    for folder, items in (("events", EVENTS), ("practice", {"trusted-adult.md": PRACTICE})):
        (root / "content" / folder).mkdir()
        for name, data in items.items():
            (root / "content" / folder / name).write_text(f"---\n{dump(data)}---\nBody of {name}.\n", encoding="utf-8")
    (root / "content/sectors").mkdir()
    (root / "content/sectors/schools.md").write_text("# Schools\n\nOur own introduction for schools.\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


def text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_upcoming_in_date_order_and_past_in_the_archive(site):
    upcoming = text(site, "events/index.html")
    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a><br>', upcoming)
    assert titles == ["Today&#39;s forum", "Summer &lt;webinar&gt;", "Spring conference"]
    assert '<time datetime="2026-12-01T10:00:00+00:00">1 December 2026, 10:00 to 12:30</time> · Online' in upcoming
    assert "4 to 5 March 2027" in upcoming and "Hall · £40" in upcoming
    past = text(site, "events/past/index.html")
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a><br>', past) == ["June webinar", "Last year&#39;s day"]
    page = text(site, "events/june/index.html")
    assert "This event has taken place" in page and "Book a place" not in page
    later = text(site, "events/later/index.html")
    assert '<a class="md-button md-button--primary" href="https://severn.example.org/book">Book a place</a>' in later
    assert '<a class="md-button" href="../later.ics" download>Add to calendar</a>' in later
    home = text(site, "index.html")
    assert home.index("Today&#39;s forum") < home.index("Summer &lt;webinar&gt;") and "June webinar" not in home


def test_calendars_parse_with_the_right_times(site):
    one = icalendar.Calendar.from_ical((site / "events/soon.ics").read_bytes())
    [vevent] = one.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Summer <webinar>"
    assert vevent.decoded("DTSTART") == dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone.utc)
    assert vevent.decoded("DTEND") == dt.datetime(2026, 12, 1, 12, 30, tzinfo=dt.timezone.utc)
    later = icalendar.Calendar.from_ical((site / "events/later.ics").read_bytes()).walk("VEVENT")[0]
    assert later.decoded("DTSTART") == dt.date(2027, 3, 4) and later.decoded("DTEND") == dt.date(2027, 3, 6)
    assert str(later["LOCATION"]) == "Hall, 1 Example Road, Bristol, BS1 4DJ"
    assert "Cost: £40" in str(later["DESCRIPTION"])
    june = icalendar.Calendar.from_ical((site / "events/june.ics").read_bytes()).walk("VEVENT")[0]
    assert june.decoded("DTSTART") == dt.datetime(2026, 6, 10, 13, 0, tzinfo=dt.timezone.utc)  # BST is UTC+1
    upcoming = icalendar.Calendar.from_ical((site / "events/upcoming.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in upcoming.walk("VEVENT")] == ["Today's forum", "Summer <webinar>", "Spring conference"]
    assert all(len(line.encode()) <= 75 for line in (site / "events/upcoming.ics").read_bytes().decode().split("\r\n"))


def test_atom_feed_parses_and_every_link_resolves_in_the_site(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes(), response_headers={"content-location": "http://hub.test/feed.xml",
                                                                         "content-type": "application/atom+xml"})
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Visits leaflet"  # published 2026-11-01: the newest
    assert {"Talking to children about a parent in prison", "A trusted adult in school", "Bristol Family Links",
            "Summer <webinar>", "Spring conference"} <= set(titles)
    assert "June webinar" not in titles  # past events are not news
    links = [link.href for e in feed.entries for link in e.links] + [link.href for link in feed.feed.links]
    for href in links:
        path = urlsplit(urljoin("http://hub.test/feed.xml", href)).path.lstrip("/")
        target = site / path
        assert (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file(), href
    updates = text(site, "updates/index.html")
    assert '<a href="../feed.xml" type="application/atom+xml">Subscribe to updates (Atom feed)</a>' in updates


def test_practice_page_and_sector_entry_point(site):
    page = text(site, "practice/trusted-adult/index.html")
    assert "<h1>A trusted adult in school</h1>" in page
    assert "<li>a note for families</li>" in page and "<em>identified</em>" in page
    assert '<dt>Sectors</dt><dd><a href="../../sectors/schools/">Schools and education</a></dd>' in page
    sector = text(site, "sectors/schools/index.html")
    assert "Our own introduction for schools." in sector
    assert '<a href="../../practice/trusted-adult/">A trusted adult in school</a>' in sector
    assert "Bristol Family Links" in sector and "Visits leaflet" in sector
    assert "A trusted adult in school" in text(site, "practice/index.html")


def test_resource_pages_and_browse_pages(site):
    leaflet = text(site, "resources/leaflet/index.html")
    assert 'href="leaflet.pdf" download>Download the resource<span class="hub-filetype"> (PDF, 2 KB)</span>' in leaflet
    assert 'Last checked: <time datetime="2026-10-01">1 October 2026</time>' in leaflet
    assert '<a href="../topics/visiting-prison/">Visiting prison</a>' in leaflet
    topic = text(site, "resources/topics/visiting-prison/index.html")
    assert "Visits leaflet" in topic and "Talking to children" not in topic
    assert (site / "resources/types/guide/index.html").is_file() and (site / "resources/audiences/parents-and-carers/index.html").is_file()
    assert (site / "assets/hub/filter.js").is_file()


def test_filter_narrows_a_browse_list_in_chromium(site):
    with static_server(site) as base, chromium_page() as (page, requests):
        page.goto(base + "resources/audiences/parents-and-carers/")
        page.get_by_label("Filter by words").fill("leaflet")
        assert page.locator("#hub-resources li:visible").all_inner_texts()[0].startswith("Visits leaflet")
        assert page.locator("#hub-resources li:visible").count() == 1
        assert page.locator(".hub-filter__status").inner_text() == "Showing 1 of 2 resources."
        page.get_by_label("Filter by words").fill("")
        page.get_by_label("Type").select_option("guide")
        assert page.locator("#hub-resources li:visible").all_inner_texts()[0].startswith("Talking to children")
        assert foreign_requests(requests, base) == []
