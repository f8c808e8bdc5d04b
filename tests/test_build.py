"""Real builds of real hub folders: what the produced HTML and JSON say."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path


from hubs import GOOD_RESOURCE, REPO, hub_build, listing, make_hub, mkdocs_build, run
from sitecheck import assert_inert, inspect_html, script_signature


def built(tmp_path: Path, *args, **kwargs) -> Path:
    root = make_hub(tmp_path, *args, **kwargs)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


def article(site: Path, slug: str) -> str:
    text = (site / "services" / slug / "index.html").read_text(encoding="utf-8")
    return text[text.index('<article class="hub-listing"'): text.index("</article>", text.index('class="hub-listing"'))]


def test_listing_page_shows_what_a_professional_needs(tmp_path):
    site = built(tmp_path)
    page = (site / "services/bristol-family-links/index.html").read_text(encoding="utf-8")
    body = article(site, "bristol-family-links")
    assert "<title>Bristol Family Links - Test hub</title>" in page
    assert '<h1>Bristol Family Links</h1>' in body
    assert '<a href="tel:+441174960123">0117 496 0123</a>' in body
    assert '<a href="mailto:links@example.org">links@example.org</a>' in body
    assert '<a href="https://severn.example.org">Severn Families Trust</a>' in body
    assert "(registered charity 1190001)" in body
    assert 'Last checked: <time datetime="2026-09-14">14 September 2026</time>' in body
    assert ('<a href="https://github.com/example/hub/edit/main/directory/bristol-family-links.yaml">'
            "Suggest a change to this listing</a>") in body
    assert "<dt>Audiences</dt><dd>Children and young people (ages 4 to 18), Parents and carers</dd>" in body
    assert "<dt>Referral</dt><dd>Self-referral or professional referral</dd>" in body
    assert "<li><strong>talking</strong> to children</li>" in body  # Markdown description rendered
    assert '<a href="../../browse/types/family-support/">Family support</a>' in body
    assert "Step-free access." in body and "BS1 4DJ" in body
    assert "These details may be out of date" not in body
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "Service" and ld["name"] == "Bristol Family Links"
    assert ld["provider"]["name"] == "Severn Families Trust"
    assert ld["availableChannel"]["servicePhone"]["telephone"] == "+441174960123"
    assert ld["dateModified"] == "2026-09-14"


def test_each_location_and_each_area_covered_shows_its_own_name_and_page(tmp_path):
    two_places = listing(
        locations=[{"name": "Family Links office", "address": "12 Example Street, Bristol", "postcode": "BS1 4DJ",
                    "accessibility": "Step-free access."},
                   {"postcode": "CF10 1EP", "accessibility": "A lift to every floor."},
                   {"name": "Newport drop-in", "postcode": "NP20 1GA"}],
        coverage={"nations": ["wales"], "local_authorities": ["Bristol, City of"]})
    body = article(built(tmp_path, {"two-places.yaml": two_places}), "two-places")
    places = re.findall(r'<div class="hub-location">\n(.*?)</div>', body, re.S)
    assert [re.search(r"<h3>(.*?)</h3>", place).group(1) for place in places] == [
        "Family Links office", "Address", "Newport drop-in"]
    assert "Step-free access." in places[0] and "A lift to every floor." in places[1] and "Access:" not in places[2]
    assert '<br><a href="../../browse/areas/cardiff/">Cardiff</a></p>' in places[1]
    assert ('<dt>Covers</dt><dd><a href="../../browse/nations/wales/">Wales</a>, '
            '<a href="../../browse/areas/bristol-city-of/">Bristol, City of</a></dd>') in body


def test_overdue_listing_is_marked_for_readers(tmp_path):
    site = built(tmp_path, {"old.yaml": listing(last_reviewed="2025-01-01")})
    assert "These details may be out of date" in article(site, "old")
    assert "They were last checked on 1 January 2025." in article(site, "old")


def test_browse_pages_are_paginated_and_reach_every_listing(tmp_path):
    listings = {f"service-{i:02d}.yaml": listing(name=f"Service {i:02d}", contact={"phone": f"0117 496 0{i:03d}"})
                for i in range(12)}
    listings["wales-only.yaml"] = listing(name="Cardiff Family Help", coverage={"nations": ["wales"]},
                                          service_types=["helpline"])
    site = built(tmp_path, listings, plugin_options="      page_size: 5")
    first = (site / "browse/a-z/index.html").read_text()
    assert "13 services, page 1 of 3" in first
    assert '<a href="page-2/" rel="next">Next</a>' in first
    linked = set()
    for page in ["index.html", "page-2/index.html", "page-3/index.html"]:
        linked |= set(re.findall(r'href="\.\./\.\./(?:\.\./)?services/([a-z0-9-]+)/"', (site / "browse/a-z" / page).read_text()))
    assert linked == {p[:-5] for p in listings}
    helpline = (site / "browse/types/helpline/index.html").read_text()
    assert "1 service" in helpline and "Cardiff Family Help" in helpline
    wales = (site / "browse/nations/wales/index.html").read_text()
    assert "Cardiff Family Help" in wales
    directory = (site / "services/index.html").read_text()
    assert '<a href="../browse/types/family-support/">Family support</a> <span class="hub-muted">(12)</span>' in directory


def test_generated_pages_stay_out_of_the_navigation_and_content_folder(tmp_path):
    site = built(tmp_path, {f"s{i}.yaml": listing(name=f"S {i}", contact={"phone": f"0117 496 0{i:03d}"}) for i in range(3)})
    home = (site / "index.html").read_text()
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    assert "services/s1/" not in nav
    assert sorted(p.name for p in (tmp_path / "content").rglob("*")) == ["index.md", "resources"]


def test_resources_render_with_their_details_and_sanitised_body(tmp_path):
    body = "Helpful text.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[bad](javascript:alert(3))"
    site = built(tmp_path, resources={"talking.md": (GOOD_RESOURCE, body)})
    page = (site / "resources/talking/index.html").read_text()
    assert "<h1>Talking to children about a parent in prison</h1>" in page
    assert "<dt>Publisher</dt><dd>Example Families Network</dd>" in page
    assert '<a class="md-button" href="https://families.example.org/guide"' in page
    assert "alert(" not in page.split('<article class="md-content__inner')[1].split("</article>")[0]
    index = (site / "resources/index.html").read_text()
    assert "Talking to children about a parent in prison" in index


def test_home_page_blocks(tmp_path):
    home = "# Home\n\n<!-- hub:search -->\n\n<!-- hub:counts -->\n\n<!-- hub:sectors -->\n\n<!-- hub:latest-resources -->\n"
    site = built(tmp_path, resources={"talking.md": GOOD_RESOURCE}, home=home)
    page = (site / "index.html").read_text()
    assert 'role="search"' in page and '<a href="sectors/schools/">Schools and education</a>' in page
    assert '<a href="resources/talking/">Talking to children about a parent in prison</a>' in page
    assert "1 service in" in page


def test_no_request_to_any_other_origin(tmp_path):
    site = built(tmp_path)
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert not inspect_html(text).external_fetches, page
        assert "Content-Security-Policy" in text and "default-src 'self'" in text
    css = (site / "assets/hub/hub.css").read_text()
    assert "text-decoration: underline" in css


def test_failed_validation_writes_no_site_and_keeps_the_old_one(tmp_path):
    root = make_hub(tmp_path)
    assert hub_build("build", cwd=root).returncode == 0
    marker = root / "site" / "index.html"
    before = marker.read_text()
    (root / "directory" / "broken.yaml").write_text("name: [\n")
    result = hub_build("build", cwd=root)
    assert result.returncode == 1
    assert "directory/broken.yaml:2:1: error: this is not valid YAML" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert marker.read_text() == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []
    # plain mkdocs refuses before cleaning the old site too
    assert mkdocs_build(root).returncode == 1
    assert marker.read_text() == before


def test_sample_hub_builds_strict_without_warnings(tmp_path):
    shutil.copytree(REPO, tmp_path / "hub", ignore=shutil.ignore_patterns("site", ".git", ".hub-cache", "bench", "tests"))
    result = run("-m", "mkdocs", "build", "--strict", cwd=tmp_path / "hub")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    site = tmp_path / "hub" / "site"
    services = list((site / "services").glob("*/index.html"))
    assert len(services) >= 60
    assert max(p.stat().st_size for p in services) < 30_000
    reference = set(script_signature(inspect_html((site / "index.html").read_text())))
    assert_inert(site, reference)


def test_sector_pages_stay_small_and_page_their_services(tmp_path):
    listings = {f"s-{i:02d}.yaml": listing(name=f"Service {i:02d}", contact={"phone": f"0117 496 0{i:03d}"}) for i in range(7)}
    site = built(tmp_path, listings, plugin_options="      page_size: 5")
    sector = (site / "sectors/schools/index.html").read_text()
    assert sector.count('class="hub-card"') == 5
    assert '<a href="../../browse/sectors/schools/">See all 7 services for this sector</a>' in sector
    second = (site / "browse/sectors/schools/page-2/index.html").read_text()
    assert "Service 05" in second and "Service 06" in second


def test_every_page_announces_the_atom_feed(tmp_path):
    site = built(tmp_path)
    for page in ("index.html", "services/bristol-family-links/index.html"):
        text = (site / page).read_text()
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', text)
        assert link, page
        assert ((site / page).parent / link.group(1)).resolve() == (site / "feed.xml").resolve()
