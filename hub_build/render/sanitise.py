"""Contributor text into safe HTML: Markdown is rendered, then cleaned with nh3 (an allow-list sanitiser)."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

# Tags and attributes that Python-Markdown and the Material extensions produce in page bodies.
_PAGE_TAGS = set(nh3.ALLOWED_TAGS) | {"details", "summary", "figure", "figcaption", "mark", "time", "section", "nav"}
_GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "aria-label", "aria-hidden", "role"}
_PAGE_ATTRIBUTES = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
}
_DESCRIPTION_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "h3", "h4", "h5", "h6",
                     "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
_SCHEMES = {"http", "https", "mailto", "tel"}


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what the URL standard strips from both ends of a URL


def _safe_urls(tag: str, attribute: str, value: str) -> str | None:
    """Drop URLs hiding control characters (old browsers ignored them inside 'javascript:'),
    and images from anywhere but the site itself: no request to any other origin."""
    if attribute in ("href", "src") and (
        _CONTROL.search(value) or _SCRIPT_SCHEME.match(re.sub(r"[\s\x00-\x20]", "", value))
    ):
        return None
    if tag == "img" and attribute == "src" and _leaves_the_site(value):
        return None
    return value


def _leaves_the_site(url: str) -> bool:
    """Whether a browser would fetch this URL from another origin: it names a scheme, or starts with two
    slashes once read as browsers read it (spaces around it dropped, a backslash taken for a slash)."""
    url = url.strip(_C0_AND_SPACE).replace("\\", "/")
    return bool(_SCHEME.match(url)) or url.startswith("//")


def sanitise_page(html: str) -> str:
    """Clean a whole page body written in Markdown by an editor or contributor."""
    return nh3.clean(
        html, tags=_PAGE_TAGS, attributes=_PAGE_ATTRIBUTES, url_schemes=_SCHEMES,
        attribute_filter=_safe_urls, link_rel="noopener noreferrer", strip_comments=True,
    )


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # Column alignment as the `align` attribute the allow-list keeps (the default, a `style`, was stripped).
    return markdown.Markdown(extensions=["sane_lists", "tables"], extension_configs={"tables": {"use_align_attribute": True}},
                             output_format="html")


_HEADING = re.compile(r"<(/?)h([1-6])\b")


def render_markdown(text: str) -> str:
    """A contributor's Markdown (e.g. a listing description) as sanitised HTML, headings kept below the page's own."""
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", html)
    return nh3.clean(
        html, tags=_DESCRIPTION_TAGS, attributes={"a": {"href"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}},
        url_schemes=_SCHEMES, attribute_filter=_safe_urls, link_rel="noopener noreferrer", strip_comments=True,
    )
