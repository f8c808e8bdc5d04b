"""`hub-build review` at a fixed today: overdue, due soon and fresh items, grouped, as a table and as CSV."""

from __future__ import annotations

import re

import pytest

from hubs import GOOD_RESOURCE, hub_build, listing, make_hub


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    return make_hub(tmp_path_factory.mktemp("review"), listings={
        "overdue.yaml": listing(name="Old Links", last_reviewed="2025-10-01", review_owner="Directory team"),
        "soon.yaml": listing(name="Soon Links", last_reviewed="2025-12-10", review_owner=None),
        "fresh.yaml": listing(name="Fresh Links", last_reviewed="2026-09-14"),
    }, resources={
        "guide.md": {**GOOD_RESOURCE, "last_reviewed": "2025-11-01", "review_owner": "Resources team"},
    })


def test_table_grouped_by_organisation(hub):
    result = hub_build("review", "--today", "2026-11-23", cwd=hub)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Example Families Network (1)\n"
        "  status                     due         last checked  kind      title                                         file\n"
        "  overdue (22 days overdue)  2026-11-01  2025-11-01    resource  Talking to children about a parent in prison  content/resources/guide.md\n"
        "\n"
        "Severn Families Trust (2)\n"
        "  status                     due         last checked  kind     title       file\n"
        "  overdue (53 days overdue)  2026-10-01  2025-10-01    service  Old Links   directory/overdue.yaml\n"
        "  due-soon (due in 17 days)  2026-12-10  2025-12-10    service  Soon Links  directory/soon.yaml\n"
        "\n"
        "2 overdue, 1 due soon, 1 up to date\n"
    )


def test_csv_grouped_by_owner_with_a_shorter_window(hub):
    result = hub_build("review", "--today", "2026-11-23", "--format", "csv", "--group-by", "owner", "--due-within", "10",
                       cwd=hub)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "owner,status,days_overdue,due,last_reviewed,kind,title,file\n"
        "Directory team,overdue,53,2026-10-01,2025-10-01,service,Old Links,directory/overdue.yaml\n"
        "Resources team,overdue,22,2026-11-01,2025-11-01,resource,Talking to children about a parent in prison,content/resources/guide.md\n"
    )


def test_all_lists_fresh_items_and_today_moves_the_window(hub):
    result = hub_build("review", "--today", "2027-08-20", "--all", "--group-by", "owner", cwd=hub)
    assert "fresh (" not in result.stdout and result.stdout.endswith("3 overdue, 1 due soon, 0 up to date\n")
    assert re.search(r"due-soon \(due in 25 days\) +2027-09-14", result.stdout) and "(none given) (1)" in result.stdout
    result = hub_build("review", "--today", "2026-11-23", "--all", cwd=hub)
    assert re.search(r"fresh \(due in 295 days\) +2027-09-14", result.stdout)
