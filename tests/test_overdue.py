"""The overdue rule at its boundary, in every place that uses it, and what overdue does to search ranking.

An item is overdue once MORE than review_interval_days have passed since last_reviewed: checked exactly
365 days ago it is still up to date (due today), 366 days ago it is overdue. The rule lives once on the
Hub; these tests pin the boundary through the loader's warning, `hub-build review`, the search data and
the listing page, so a `>` turned into `>=` anywhere fails here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hub_build.loader import load_hub
from hub_build.render.site import HubSite
from hub_build.review import review_items
from hub_build.search.index import OVERDUE_BOOST, build_index, compact_index
from hub_build.search.table import ordered_services, result_table
from hub_build.settings import HubSettings
from hubs import listing, make_hub

TODAY = dt.date(2026, 11, 23)
INTERVAL = 365  # the default review_interval_days
AGES = {"checked-364-days-ago": 364, "checked-365-days-ago": 365, "checked-366-days-ago": 366}
OVERDUE = {"checked-366-days-ago"}


def _hub(root: Path, ages: dict[str, int], **settings):
    listings = {f"{slug}.yaml": listing(last_reviewed=(TODAY - dt.timedelta(days=days)).isoformat())
                for slug, days in ages.items()}
    make_hub(root, listings)
    hub = load_hub(root, HubSettings(**settings), docs_dir=root / "content", today=TODAY)
    assert hub.errors == []
    return hub


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    return _hub(tmp_path_factory.mktemp("overdue"), AGES)


def test_the_hub_rule_at_the_boundary(hub):
    assert {e.slug for e in hub.services if hub.is_overdue(e.service.last_reviewed)} == OVERDUE
    assert hub.review_due(TODAY - dt.timedelta(days=INTERVAL)) == TODAY


def test_only_the_overdue_listing_gets_the_warning(hub):
    warned = {p.path.rsplit("/", 1)[-1][:-5] for p in hub.warnings if p.field == "last_reviewed"}
    assert warned == OVERDUE
    assert all(f"over the {INTERVAL}-day review interval" in p.message for p in hub.warnings)


def test_review_statuses_at_both_boundaries(hub):
    def statuses(due_within: int) -> dict[str, str]:
        return {item.source.rsplit("/", 1)[-1][:-5]: item.status for item in review_items(hub, due_within)}

    assert statuses(0) == {"checked-364-days-ago": "fresh", "checked-365-days-ago": "due-soon",
                           "checked-366-days-ago": "overdue"}
    assert statuses(1)["checked-364-days-ago"] == "due-soon"  # due in exactly due_within days counts as soon
    later = {item.source.rsplit("/", 1)[-1][:-5]: item.status
             for item in review_items(hub, 0, today=TODAY + dt.timedelta(days=1))}
    assert later == {"checked-364-days-ago": "due-soon", "checked-365-days-ago": "overdue",
                     "checked-366-days-ago": "overdue"}


def test_search_data_marks_and_boosts_only_the_overdue_listing(hub):
    services = ordered_services(hub)
    table = result_table(hub)
    column = table["columns"].index("overdue")
    assert {row[0] for row in table["rows"] if row[column]} == OVERDUE
    boosted = {services[ref].slug for ref, _ in compact_index(build_index(hub, services))["boosts"]}
    assert boosted == OVERDUE


def test_listing_pages_mark_only_the_overdue_listing(hub):
    site = HubSite(hub)
    marked = {e.slug for e in hub.services
              if "These details may be out of date" in site.render_listing(e, f"services/{e.slug}/")}
    assert marked == OVERDUE


def test_an_overdue_listing_ranks_below_its_up_to_date_twin(tmp_path):
    """Two listings alike in every word: the one overdue for checking scores OVERDUE_BOOST times lower."""
    hub = _hub(tmp_path, {"a-overdue-twin": INTERVAL + 30, "b-fresh-twin": 10})
    services = ordered_services(hub)
    scores = {services[int(hit["ref"])].slug: hit["score"] for hit in build_index(hub, services).build().search("family links")}
    assert set(scores) == {"a-overdue-twin", "b-fresh-twin"}
    assert 0 < scores["a-overdue-twin"] < scores["b-fresh-twin"]
    assert scores["a-overdue-twin"] == pytest.approx(OVERDUE_BOOST * scores["b-fresh-twin"], rel=0.01)
    assert 0 < OVERDUE_BOOST < 1  # overdue listings stay findable, below the ones known to be current
