"""The review list in process, item by item: what `hub-build review` is made of (tests/test_review.py runs the
command itself). In process, so a mutation tool sees these tests (bench/mutation.md): one item of every kind,
an event that is over, owners given and not, and every wording of the status column.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.pipeline import load_hub
from hub_build.commands.review import NO_GROUP, ReviewItem, format_csv, format_table, review_items, summary
from hub_build.core.settings import HubSettings
from hubs import GOOD_RESOURCE, dump, listing, make_hub

TODAY = dt.date(2026, 11, 23)


def _event(title: str, start: str, reviewed: str) -> dict:
    return {"title": title, "summary": f"About {title}.", "start": start, "organiser": "Events Network",
            "audiences": ["professionals"], "online": True, "last_reviewed": reviewed, "review_owner": "Events team"}


PRACTICE = {
    "title": "A trusted adult", "organisation": {"name": "Practice Trust"}, "sectors": ["schools"], "area": "Bristol",
    "summary": "Schools name a trusted adult.", "approach": "A briefing.", "outcomes": "More children helped.",
    "contact": {"email": "info@practice.example.org"}, "last_reviewed": "2025-11-22",
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    root = make_hub(tmp_path_factory.mktemp("review-items"), listings={
        "links.yaml": listing(name="Family Links", last_reviewed="2025-11-23", review_owner="Directory team"),
    }, resources={
        "guide.md": {**GOOD_RESOURCE, "last_reviewed": "2025-11-24"},
    })
    for folder, items in (("practice", {"adult.md": PRACTICE}),
                          ("events", {"forum.md": _event("Forum", "2026-12-01", "2025-11-21"),
                                      "old.md": _event("Old day", "2026-11-22", "2025-01-01")})):
        (root / "content" / folder).mkdir()
        for name, data in items.items():
            (root / "content" / folder / name).write_text(f"---\n{dump(data)}---\nBody.\n", encoding="utf-8")
    hub = load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)
    assert hub.errors == [], hub.errors
    return hub


def test_every_kind_with_its_fields_and_past_events_left_out(hub):
    def day(text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    items = sorted(review_items(hub, 1), key=lambda i: i.source)
    assert items == [
        ReviewItem("event", "Forum", "content/events/forum.md", "Events Network", "Events team",
                   day("2025-11-21"), day("2026-11-21"), "overdue"),
        ReviewItem("practice", "A trusted adult", "content/practice/adult.md", "Practice Trust", "",
                   day("2025-11-22"), day("2026-11-22"), "overdue"),
        ReviewItem("resource", GOOD_RESOURCE["title"], "content/resources/guide.md", GOOD_RESOURCE["publisher"], "",
                   day("2025-11-24"), day("2026-11-24"), "due-soon"),
        ReviewItem("service", "Family Links", "directory/links.yaml", "Severn Families Trust", "Directory team",
                   day("2025-11-23"), day("2026-11-23"), "due-soon"),
    ]  # the event that ended yesterday is left out: nothing left to check
    assert [i.group("owner") for i in items] == ["Events team", NO_GROUP, NO_GROUP, "Directory team"]
    assert [i.group("organisation") for i in items][-1] == "Severn Families Trust"


def test_table_and_csv_wording(hub):
    items = review_items(hub, 1)
    assert summary(items) == "2 overdue, 2 due soon, 0 up to date"
    assert format_table(items, by="owner", today=TODAY) == (
        "Directory team (1)\n"
        "  status                due         last checked  kind     title         file\n"
        "  due-soon (due today)  2026-11-23  2025-11-23    service  Family Links  directory/links.yaml\n"
        "\n"
        "Events team (1)\n"
        "  status                    due         last checked  kind   title  file\n"
        "  overdue (2 days overdue)  2026-11-21  2025-11-21    event  Forum  content/events/forum.md\n"
        "\n"
        f"{NO_GROUP} (2)\n"
        "  status                   due         last checked  kind      title                                         file\n"
        "  overdue (1 day overdue)  2026-11-22  2025-11-22    practice  A trusted adult                               content/practice/adult.md\n"
        f"  due-soon (due in 1 day)  2026-11-24  2025-11-24    resource  {GOOD_RESOURCE['title']:<44}  content/resources/guide.md\n"
        "\n"
        "2 overdue, 2 due soon, 0 up to date"
    )
    assert format_csv(items, by="organisation", today=TODAY) == (
        "organisation,status,days_overdue,due,last_reviewed,kind,title,file\n"
        "Events Network,overdue,2,2026-11-21,2025-11-21,event,Forum,content/events/forum.md\n"
        f"{GOOD_RESOURCE['publisher']},due-soon,-1,2026-11-24,2025-11-24,resource,{GOOD_RESOURCE['title']},content/resources/guide.md\n"
        "Practice Trust,overdue,1,2026-11-22,2025-11-22,practice,A trusted adult,content/practice/adult.md\n"
        "Severn Families Trust,due-soon,0,2026-11-23,2025-11-23,service,Family Links,directory/links.yaml\n"
    )


def test_fresh_items_only_when_asked_and_today_moves_the_window(hub):
    earlier = dt.date(2026, 1, 10)  # the event that is over by TODAY is still to come, and overdue
    items = review_items(hub, 0, today=earlier)
    assert summary(items) == "1 overdue, 0 due soon, 4 up to date"
    assert format_table(items, by="owner", today=earlier).endswith(
        "Events team (1)\n"
        "  status                    due         last checked  kind   title    file\n"
        "  overdue (9 days overdue)  2026-01-01  2025-01-01    event  Old day  content/events/old.md\n"
        "\n"
        "1 overdue, 0 due soon, 4 up to date")
    table = format_table(items, by="owner", today=earlier, include_fresh=True)
    assert "  fresh (due in 317 days)  2026-11-23  2025-11-23    service  Family Links  directory/links.yaml\n" in table
    assert "  fresh (due in 315 days)   2026-11-21  2025-11-21    event  Forum    content/events/forum.md\n" in table
    assert len(format_csv(items, by="owner", today=earlier, include_fresh=True).splitlines()) == 1 + 5
    assert format_csv(items, by="owner", today=earlier).splitlines()[1:] == [
        "Events team,overdue,9,2026-01-01,2025-01-01,event,Old day,content/events/old.md"]


def test_event_times_are_parsed_once_per_event(hub, monkeypatch):
    """Pages, calendars, the review list and the upcoming/past split share each event's parsed times."""
    from hub_build.model import eventtime
    from hub_build.publish import ical
    from hub_build.core import events as ev
    from hub_build.render.site import HubSite

    parsed: list[str] = []
    real = eventtime.parse_time
    monkeypatch.setattr(eventtime, "parse_time", lambda text: parsed.append(text) or real(text))
    for entry in hub.events:
        entry.__dict__.pop("when", None)  # forget what earlier tests parsed
    site = HubSite(hub)
    for page in site.plan():
        page.render(page.src_uri)
    for entry in hub.events:
        site.knowledge.page_for(entry.src_uri, entry.src_uri)
    ical.calendar(ev.upcoming(hub), name="Events", urls={}, stamp=TODAY, domain="example.org")
    review_items(hub, 1)
    review_items(hub, 1, today=dt.date(2026, 1, 10))
    assert sorted(parsed) == sorted(e.event.start for e in hub.events)  # no end written: one text each, once
