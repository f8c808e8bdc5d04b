"""Reading a built site the way a browser would, to prove contributor text stayed inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

DANGEROUS_SCHEMES = re.compile(r"^(javascript|vbscript|data):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background"}
FETCHING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
            ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.external_fetches: list[str] = []
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                if DANGEROUS_SCHEMES.match(cleaned) and not cleaned.lower().startswith("data:image/"):
                    self.bad_urls.append(f"<{tag} {name}={value!r}>")
            if (tag, name) in FETCHING and value and re.match(r"^(https?:)?//", value.strip(), re.I):
                if not (tag == "link" and (attributes.get("rel") or "").split() in (["canonical"], ["alternate"])):
                    self.external_fetches.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def inspect_html(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector


def script_signature(collector: _Collector) -> list[str]:
    """What kinds of script a page has: inline code is identified by its first characters."""
    found = []
    for attributes, body in collector.scripts:
        if attributes.get("type") == "application/ld+json":
            json.loads(body)  # must be data, nothing else
            found.append("json-ld")
        elif attributes.get("type") == "application/json":
            json.loads(body)
            found.append("json:" + attributes.get("id", ""))
        elif attributes.get("src"):
            found.append("src:" + attributes["src"].rsplit("/", 1)[-1])
        else:
            found.append("inline:" + re.sub(r"[\"'][^\"']*[\"']", "S", body)[:40])
    return found


def assert_inert(site: Path, reference_scripts: set[str]) -> int:
    """Every HTML page and every HTML snippet in search JSON: no script, handler or script URL of a contributor's."""
    pages = 0
    for page in site.rglob("*.html"):
        collector = inspect_html(page.read_text(encoding="utf-8"))
        where = page.relative_to(site)
        assert not collector.handlers, (where, collector.handlers[:3])
        assert not collector.bad_urls, (where, collector.bad_urls[:3])
        assert not collector.external_fetches, (where, collector.external_fetches[:3])
        # The hub's own scripts, published in assets/hub/ (search, geo, ...), may be on the pages that use them.
        own = {f"src:{path.name}" for path in (site / "assets" / "hub").glob("*.js")}
        unexpected = set(script_signature(collector)) - reference_scripts - {"json-ld"} - own
        assert not unexpected, (where, unexpected)
        pages += 1
    index = site / "search" / "search_index.json"
    if index.exists():
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                collector = inspect_html(doc.get(key) or "")
                assert not collector.scripts and not collector.handlers and not collector.bad_urls, (doc["location"], key)
    return pages
