"""The shortcuts that make generated pages fast give the same HTML as the slow way.

Links between pages are computed without posixpath.relpath (core/urls.py), and each service card is rendered
once per build and filled with each list page's own link (render/site.py HubSite.cards).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config
from hub_build.core.urls import SiteUrls
from hub_build.pipeline import load_hub
from hub_build.render.site import HubSite, LinkContext

REPO = Path(__file__).resolve().parent.parent

_segment = st.sampled_from(["a", "b", "services", "x.html", "index.html", ".", "..", ""])
_path = st.builds(lambda lead, parts, trail: lead + "/".join(parts) + trail,
                  st.sampled_from(["", "", "", "/"]), st.lists(_segment, max_size=5), st.sampled_from(["", "/"]))


def _reference_rel(from_url: str, to_url: str) -> str:
    """SiteUrls.rel as it was written first, on posixpath.relpath."""
    start = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    target, _, fragment = to_url.partition("#")
    relative = posixpath.relpath(target or ".", start or ".")
    if target.endswith("/") or target == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + (f"#{fragment}" if fragment else "")


@settings(max_examples=3000, deadline=None)
@given(_path, _path, st.sampled_from(["", "#top"]))
def test_links_are_what_posixpath_relpath_makes(from_url, to_url, fragment):
    assert SiteUrls.rel(from_url, to_url + fragment) == _reference_rel(from_url, to_url + fragment)


def test_links_do_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert SiteUrls.rel("browse/types/advice/page-2/", "services/a-b/") == "../../../../services/a-b/"
    assert SiteUrls.rel("services/a/", "services/a/") == "./"
    assert SiteUrls.rel("services/a.html", "browse/a-z/index.html#x") == "../browse/a-z/index.html#x"
    assert SiteUrls.rel("", "") == "./"


@pytest.fixture(scope="module")
def site() -> HubSite:
    config = read_mkdocs_config(REPO / "mkdocs.yml")
    hub = load_hub(REPO, HubSettings.model_validate(hub_options(config)), docs_dir=REPO / config.get("docs_dir", "docs"))
    return HubSite(hub)


def _uncached_card(site: HubSite, entry, page_url: str) -> str:
    macro = site._templates.get_template("macros.html").module.card  # type: ignore[attr-defined]
    return str(macro(entry, SiteUrls.rel(page_url, site.service_url(entry.slug)), site))


CARD = re.compile(r'<li class="hub-card">.*?</li>\n', re.S)


def test_every_list_page_shows_each_card_as_the_card_template_makes_it_from_that_page(site):
    lists = [page for page in site.plan() if page.shows is not None and page.kind == "browse"]
    depths = {page.src_uri.count("/") for page in lists}
    assert len(lists) > 10 and len(depths) >= 2  # pages at several depths: the same card with different links
    by_slug = {entry.slug: entry for entry in site.services}
    for page in lists:
        url = site.urls.url(page.src_uri)
        cards = CARD.findall(page.render(url))
        assert cards == [_uncached_card(site, by_slug[slug], url) for slug in page.shows], page.src_uri


def test_a_replaced_listing_gets_a_new_card(site):
    """`serve` swaps a changed listing's entry into the hub: its cards show the new text, not the cached one."""
    entry = site.services[0]
    first = str(LinkContext(site, "browse/a-z/").cards([entry]))
    service = type(entry.service).model_construct(**{**dict(entry.service), "summary": "A new summary."})
    renamed = dataclasses.replace(entry, service=service)
    again = str(LinkContext(site, "browse/a-z/").cards([renamed]))
    assert "A new summary." in again and "A new summary." not in first
    assert again == _uncached_card(site, renamed, "browse/a-z/")



def test_the_collector_is_paused_inside_and_left_as_it_was_after():
    import gc

    from hub_build.core.gcpause import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner block does not switch it back on under an outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # off before: off after
    finally:
        gc.enable()


def test_loading_runs_with_the_collector_paused(monkeypatch):
    import gc

    import hub_build.pipeline as pipeline

    seen: list[bool] = []
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (("record", lambda hub: seen.append(gc.isenabled())),))
    config = read_mkdocs_config(REPO / "mkdocs.yml")
    pipeline.load_hub(REPO, HubSettings.model_validate(hub_options(config)), docs_dir=REPO / config.get("docs_dir", "docs"))
    assert seen == [False] and gc.isenabled()
