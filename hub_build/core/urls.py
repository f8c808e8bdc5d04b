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
        relative = _relpath(target or ".", start or ".")
        if target.endswith("/") or target == "":
            relative = relative.rstrip("/") + "/" if relative != "." else "./"
        return relative + (f"#{fragment}" if fragment else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site-relative paths, without its two abspath calls (each asks the system for the
    working folder): pages link some twenty times each, a quarter of a million calls at 10,000 listings.
    Paths that are absolute or climb ('..') go to posixpath itself."""
    path_parts = [part for part in path.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    if path[:1] == "/" or start[:1] == "/" or ".." in path_parts or ".." in start_parts:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(path_parts, start_parts, strict=False):  # the shorter one ends the common part
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."


def ics_path(events_folder: str, slug: str | None = None) -> str:
    """Site-relative path of one event's calendar file, or of the upcoming events' calendar (no slug)."""
    return f"{events_folder}/{slug}.ics" if slug else f"{events_folder}/{UPCOMING_ICS}"
