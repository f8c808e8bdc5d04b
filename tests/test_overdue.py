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

from hub_build.pipeline import load_hub
from hub_build.render.site import HubSite
from hub_build.commands.review import review_items
from hub_build.publish.search.index import OVERDUE_BOOST, boosts
from hub_build.publish.search.table import facet_table, ordered_services
from hub_build.core.settings import HubSettings
from browser import chromium_page, static_server
from hubs import listing, make_hub, run

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
    assert all(f"over the {INTERVAL}-day review interval" in p.message for p in hub.warnings if p.field == "last_reviewed")


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
    table = facet_table(hub, services)
    assert {services[n].slug for n, overdue in enumerate(table["columns"]["overdue"]) if overdue} == OVERDUE
    boosted = {services[ref].slug for ref, _ in boosts(hub, services)}
    assert boosted == OVERDUE


def test_listing_pages_mark_only_the_overdue_listing(hub):
    site = HubSite(hub)
    marked = {e.slug for e in hub.services
              if "These details may be out of date" in site.render_listing(e, f"services/{e.slug}/")}
    assert marked == OVERDUE


def test_an_overdue_listing_ranks_below_its_up_to_date_twin(tmp_path):
    """Two listings alike in every word: the one overdue for checking scores OVERDUE_BOOST times lower.

    Scored in Chromium by the page's own engine (search-engine.js), which does all ranking. Not --strict:
    the twins are, on purpose, the duplicate the loader warns about.
    """
    root = tmp_path / "hub"
    _hub(root, {"a-overdue-twin": INTERVAL + 30, "b-fresh-twin": 10})
    built = run("-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site"), cwd=root)
    assert built.returncode == 0, built.stderr[-2000:]
    with static_server(root / "site") as base, chromium_page() as (page, _):
        page.goto(base + "find/")
        page.wait_for_selector("#hub-find[data-ready]", state="attached", timeout=20000)
        page.evaluate("document.getElementById('hub-q').value = 'x'; document.getElementById('hub-q').dispatchEvent(new Event('input'))")
        page.wait_for_selector("#hub-find[data-index=ready]", state="attached", timeout=30000)
        scores = list(page.evaluate("() => HubSearch.scores('family links', false)").values())
        order = page.evaluate("() => HubSearch.ranked('family links', false)")
    assert order == ["b-fresh-twin", "a-overdue-twin"]
    assert len(scores) == 2
    low, high = sorted(scores)
    assert 0 < low < high
    assert low == pytest.approx(OVERDUE_BOOST * high, rel=0.01)
    assert 0 < OVERDUE_BOOST < 1  # overdue listings stay findable, below the ones known to be current
