"""The editors' to-do list: what is overdue for checking, and what falls due soon, grouped by who acts.

An item is overdue once more than `review_interval_days` have passed since `last_reviewed`
(the rule pages use to mark it for readers), and due soon when its due date is within
`due_within` days. Past events are left out: there is nothing left to check.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from hub_build.core import events as ev
from hub_build.publish.csvsafe import write_rows
from hub_build.core.hub import Hub

NO_GROUP = "(none given)"
STATUS_ORDER = {"overdue": 0, "due-soon": 1, "fresh": 2}


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    title: str
    source: str
    organisation: str
    owner: str
    last_reviewed: dt.date
    due: dt.date
    status: str

    def group(self, by: str) -> str:
        return (self.owner if by == "owner" else self.organisation) or NO_GROUP


def review_items(hub: Hub, due_within: int, today: dt.date | None = None) -> list[ReviewItem]:
    """Every item with a review date, with its status on `today` (the hub's today by default)."""
    today = today or hub.today
    rows = [("service", s.service.name, s.source, s.service.organisation.name, s.service.review_owner,
             s.service.last_reviewed) for s in hub.services]
    rows += [("resource", r.resource.title, r.source, r.resource.publisher, r.resource.review_owner,
              r.resource.last_reviewed) for r in hub.resources]
    rows += [("practice", p.practice.title, p.source, p.practice.organisation.name, p.practice.review_owner,
              p.practice.last_reviewed) for p in hub.practice]
    rows += [("event", e.event.title, e.source, e.event.organiser, e.event.review_owner, e.event.last_reviewed)
             for e in hub.events if not ev.is_past(e, today)]
    items = []
    for kind, title, source, organisation, owner, reviewed in rows:
        due = hub.review_due(reviewed)
        status = "overdue" if hub.is_overdue(reviewed, today) else "due-soon" if (due - today).days <= due_within else "fresh"
        items.append(ReviewItem(kind, title, source, organisation, owner or "", reviewed, due, status))
    return items


def _grouped(items: list[ReviewItem], by: str, include_fresh: bool) -> list[tuple[str, list[ReviewItem]]]:
    chosen = [i for i in items if include_fresh or i.status != "fresh"]
    groups: dict[str, list[ReviewItem]] = {}
    for item in chosen:
        groups.setdefault(item.group(by), []).append(item)
    ordered = sorted(groups.items(), key=lambda g: (g[0] == NO_GROUP, g[0].casefold()))
    return [(name, sorted(group, key=lambda i: (STATUS_ORDER[i.status], i.due, i.source))) for name, group in ordered]


def summary(items: list[ReviewItem]) -> str:
    counts = {status: sum(i.status == status for i in items) for status in STATUS_ORDER}
    return f"{counts['overdue']} overdue, {counts['due-soon']} due soon, {counts['fresh']} up to date"


def _when(item: ReviewItem, today: dt.date) -> str:
    days = (today - item.due).days
    if item.status == "overdue":
        return f"{days} day{'s' if days != 1 else ''} overdue"
    return "due today" if days == 0 else f"due in {-days} day{'s' if days != -1 else ''}"


def format_table(items: list[ReviewItem], *, by: str, today: dt.date, include_fresh: bool = False) -> str:
    """A plain-text table per group, then the totals."""
    header = ("status", "due", "last checked", "kind", "title", "file")
    lines = []
    for name, group in _grouped(items, by, include_fresh):
        rows = [(f"{i.status} ({_when(i, today)})", i.due.isoformat(), i.last_reviewed.isoformat(), i.kind, i.title,
                 i.source) for i in group]
        widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
        lines.append(f"{name} ({len(group)})")
        for row in [header, *rows]:
            lines.append("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        lines.append("")
    lines.append(summary(items))
    return "\n".join(lines)


def format_csv(items: list[ReviewItem], *, by: str, today: dt.date, include_fresh: bool = False) -> str:
    """One row per item, for a spreadsheet."""
    out = io.StringIO()
    header = [by, "status", "days_overdue", "due", "last_reviewed", "kind", "title", "file"]
    write_rows(out, [header] + [[name, i.status, (today - i.due).days, i.due.isoformat(), i.last_reviewed.isoformat(),
                                 i.kind, i.title, i.source]
                                for name, group in _grouped(items, by, include_fresh) for i in group])
    return out.getvalue()
