"""The Atom feed (RFC 4287) of new and changed resources, services, practice examples and events.

Built with the standard library's ElementTree, so every text is escaped by the XML writer.
Links are absolute when the hub has a `site_url`; otherwise relative to the feed, which sits at
the site's root (an `xml:base` of the feed's own location makes readers resolve them the same way).
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from typing import Iterable

from hub_build.core.updates import Update
from hub_build.core.urls import FEED_PATH

ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACE = uuid.UUID("9d6a7c1e-3f0b-4b8e-9a59-2f7c7d0e1b45")  # fixed, so entry ids never change between builds


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _id(site_url: str, path: str) -> str:
    return site_url + path if site_url else f"urn:uuid:{uuid.uuid5(NAMESPACE, path)}"


def atom_feed(updates: Iterable[Update], *, title: str, site_url: str, today: dt.date, lang: str = "",
              path: str = FEED_PATH, heading: str = "") -> bytes:
    """The feed as UTF-8 XML; `site_url` ends with '/' or is empty. With `lang` (the Welsh feed, `cy/feed.xml`) the
    feed says its language (xml:lang) and each title or summary in another language (an item without a Welsh
    version) says its own, as Atom allows on any element."""
    updates = list(updates)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if site_url:
        feed.set(XML_BASE, site_url)
    if lang:
        feed.set(XML_LANG, lang)

    def sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", _id(site_url, path))
    sub(feed, "title", heading or f"{title}: what's new")
    sub(feed, "updated", _stamp(max((u.updated for u in updates), default=today)))
    sub(sub(feed, "author"), "name", title)
    self_href = site_url + path if site_url else path
    sub(feed, "link", rel="self", href=self_href, type="application/atom+xml")
    home = (site_url or "") + (f"{lang}/" if lang else "")
    sub(feed, "link", rel="alternate", href=home or "./", type="text/html")
    for update in updates:
        entry = sub(feed, "entry")
        sub(entry, "id", _id(site_url, update.url or "./"))
        own = sub(entry, "title", update.title)
        if lang and update.lang and update.lang != lang:
            own.set(XML_LANG, update.lang)
        sub(entry, "updated", _stamp(update.updated))
        if update.published:
            sub(entry, "published", _stamp(update.published))
        sub(entry, "link", rel="alternate", href=(site_url + update.url) if site_url else (update.url or "./"),
            type="text/html")
        sub(entry, "category", term=update.kind)
        own = sub(entry, "summary", update.summary)
        if lang and update.lang_summary and update.lang_summary != lang:
            own.set(XML_LANG, update.lang_summary)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"
