"""Generated pages at template speed: the theme's page frame, captured once, filled by the hub.

A listing or browse page is the hub's own HTML inside the theme's frame (head, header, tabs, search box,
footer, scripts, the Content Security Policy). Pushing each of 10,000 such pages through the renderer's
per-page machinery costs about 5 ms a page for a frame that is the same on every page of a folder. So the
renderer adapter renders ONE stand-in page per folder whose title, description, body and address are
markers; `capture` cuts its final HTML at the markers into a `PageFrame`, and `PageFrame.fill` writes each
real page of that folder into it. Nothing here knows the renderer: the adapter says which forms of the
stand-in's address the theme may print (canonical URL, absolute path, site-relative URL).

Why one frame per folder (`frame_key`): the frame's relative links (to the assets, the tabs' pages, the
feed) depend on where the page sits, and two pages in the same folder link to anything outside their own
sub-folders with the same relative URL. The adapter keeps a page on the renderer's path when a frame link
could point inside it. The CSP's hashes depend only on the page's depth, so they are right for the
folder's pages too.
"""

from __future__ import annotations

import html
import posixpath
import re
import secrets
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Union

from markupsafe import Markup


class FrameError(RuntimeError):
    """The theme printed a page's title, description, body or address in a way the frame cannot reproduce."""


# How a theme may print a value the hub gives it already HTML-escaped (Material prints titles as given in
# the header and through `striptags` in <title>; an autoescaping theme escapes it once more).
_TRANSFORMS = ("escaped", "raw", "striptags")


def _transformed(value: str, how: str) -> str:
    if how == "raw":
        return value
    if how == "escaped":
        return html.escape(value)
    return str(Markup(value).striptags())  # noqa: S704 - exactly what Jinja's striptags filter makes of it; text out


@dataclass(frozen=True)
class FrameMarkers:
    """The stand-in page's title, description, body and URL segment: unique words no page can contain.

    The title and description end in '&amp;' so that each printed form shows how the theme transformed it
    ('&amp;' as given, '&' after striptags, '&amp;amp;' escaped again). The body marker is a comment that
    contains '<h1', so the theme does not add a heading of its own (every generated page has its h1)."""

    token: str = field(default_factory=lambda: "hubframe" + secrets.token_hex(6))

    @property
    def title(self) -> str:
        return f"{self.token}t&amp;"

    @property
    def description(self) -> str:
        return f"{self.token}d&amp;"

    @property
    def body(self) -> str:
        return f"<!--{self.token}b<h1-->"

    @property
    def segment(self) -> str:
        """The stand-in page's own folder or file name: its address contains it and no other address does."""
        return self.token


Part = Union[str, tuple[str, str]]  # literal HTML, or (slot, how): ("title", "raw"), ("body", ""), ("page", "canonical")


@dataclass(frozen=True)
class PageFrame:
    """A theme's page frame for one folder: literal HTML with slots for one page's values."""

    parts: tuple[Part, ...]

    def fill(self, *, title: str, description: str, body: str, addresses: Mapping[str, str]) -> str:
        """The page: `title` and `description` HTML-escaped (as the adapter hands them to the theme),
        `body` the page's HTML, `addresses` the page's own address in each form the frame prints."""
        if "<h1" not in body:
            raise FrameError("a generated page without an <h1> cannot be written into the frame "
                             "(the theme would add a heading of its own)")
        values = {"title": title, "description": description}
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "body":
                out.append(body)
            elif part[0] == "page":
                out.append(addresses[part[1]])
            else:
                out.append(_transformed(values[part[0]], part[1]))
        return "".join(out)

    @property
    def page_forms(self) -> set[str]:
        """The forms of the page's own address the frame prints (for example "canonical")."""
        return {part[1] for part in self.parts if not isinstance(part, str) and part[0] == "page"}


def capture(output: str, markers: FrameMarkers, addresses: Mapping[str, str]) -> PageFrame:
    """Cut the stand-in page's final HTML into a frame. `addresses` maps each form of the stand-in's own
    address the theme may print (e.g. {"canonical": "https://x/services/hubframe.../", "url": ...}) to its
    value; empty values are ignored. Raises FrameError when a marker is missing, repeated or transformed in
    a way `fill` cannot reproduce, so a theme change is a clear build error, never a wrong page."""
    if output.count(markers.body) != 1:
        raise FrameError(f"the page body appears {output.count(markers.body)} times in the theme's page, not once")
    alternatives: list[tuple[str, tuple[str, str]]] = []
    for name, marker in (("title", markers.title), ("description", markers.description)):
        alternatives += [(_transformed(marker, how), (name, how)) for how in _TRANSFORMS]
    alternatives += [(value, ("page", form)) for form, value in addresses.items() if value]
    alternatives.append((markers.body, ("body", "")))
    alternatives.sort(key=lambda item: -len(item[0]))  # longest first: a canonical URL contains the path
    slots = dict(alternatives)
    pattern = re.compile("|".join(re.escape(text) for text, _ in alternatives))
    parts: list[Part] = []
    last = 0
    for match in pattern.finditer(output):
        parts.append(output[last:match.start()])
        parts.append(slots[match.group(0)])
        last = match.end()
    parts.append(output[last:])
    for part in parts:
        if isinstance(part, str) and markers.token in part.lower():
            at = part.lower().index(markers.token)
            raise FrameError("the theme prints a page's title, description or address in a form the hub cannot "
                             f"reproduce: ...{part[max(0, at - 80): at + 40]!r}...")
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return PageFrame(tuple(merged))


def page_folder(url: str) -> str:
    """The folder a page's relative links start from: 'services/x/' for 'services/x/', 'services/' for
    'services/x.html'."""
    return url if url.endswith("/") or url == "" else posixpath.dirname(url) + "/" if "/" in url else ""


def frame_key(url: str) -> str:
    """The folder whose pages share one frame: the parent of the page's own folder ('services/' for
    'services/x/' and for 'services/x.html')."""
    if url.endswith("/"):
        parent = posixpath.dirname(url.rstrip("/"))
        return parent + "/" if parent else ""
    return page_folder(url)


def stand_in_uri(key: str, markers: FrameMarkers) -> str:
    """The source path of the stand-in page for the folder `key` (it sits beside that folder's pages)."""
    return f"{key}{markers.segment}.md"


def folders_holding(urls: Iterable[str]) -> set[str]:
    """Every folder ('a/', 'a/b/') that holds one of `urls` (site-relative). A page whose own folder is in
    this set may be linked to from inside by the frame (a tab, an asset), where a relative link from it
    differs from the stand-in's, so it keeps the renderer's path."""
    folders: set[str] = set()
    for url in urls:
        parts = url.split("/")[:-1]
        for end in range(1, len(parts) + 1):
            folders.add("/".join(parts[:end]) + "/")
    return folders
