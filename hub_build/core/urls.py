"""Where pages and published files live and how pages link to each other (MkDocs' URL rules).

Addresses are facts of the hub, not of a renderer: pages, feeds and calendars all use these.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

FEED_PATH = "feed.xml"
UPCOMING_ICS = "upcoming.ics"


@dataclass(frozen=True)
class SiteUrls:
    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """Site-relative URL of the page built from `src_uri` ('' for the home page)."""
        stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    @staticmethod
    def rel(from_url: str, to_url: str) -> str:
        """A relative link from one page URL to another, as MkDocs would write it."""
        start = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
        target, _, fragment = to_url.partition("#")
        relative = posixpath.relpath(target or ".", start or ".")
        if target.endswith("/") or target == "":
            relative = relative.rstrip("/") + "/" if relative != "." else "./"
        return relative + (f"#{fragment}" if fragment else "")


def ics_path(events_folder: str, slug: str | None = None) -> str:
    """Site-relative path of one event's calendar file, or of the upcoming events' calendar (no slug)."""
    return f"{events_folder}/{slug}.ics" if slug else f"{events_folder}/{UPCOMING_ICS}"
