"""A listing's text in another language than the hub's carries `lang` wherever it is shown (WCAG 3.1.2)."""

from __future__ import annotations

import json
import re

from hubs import dump, listing, make_hub, mkdocs_build
from test_validation import problems_of

WELSH = listing(name="Cefnogi Teuluoedd Caerdydd", summary="Cymorth i deuluoedd sydd ag aelod o'r teulu yn y carchar.",
                text_language="cy", contact={"phone": "029 2018 0123"})
GAELIC_NAME = listing(name="Taic Theaghlaichean", summary="Gaelic and English support for families.", name_language="gd",
                      contact={"phone": "0141 496 0123"})


def test_listing_pages_cards_lists_and_updates_mark_the_language(tmp_path):
    root = make_hub(tmp_path, {"cefnogi.yaml": WELSH, "taic.yaml": GAELIC_NAME, "plain.yaml": listing(name="Plain")})
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    page = (site / "services" / "cefnogi" / "index.html").read_text(encoding="utf-8")
    assert '<h1 lang="cy">Cefnogi Teuluoedd Caerdydd</h1>' in page
    assert re.search(r'<p class="hub-listing__summary" lang="cy">Cymorth', page)
    assert '<div class="hub-description" lang="cy">' in page
    assert re.search(r'<dt>Opening hours</dt><dd lang="cy">', page)
    gaelic = (site / "services" / "taic" / "index.html").read_text(encoding="utf-8")
    assert '<h1 lang="gd">Taic Theaghlaichean</h1>' in gaelic
    assert 'class="hub-listing__summary">Gaelic' in gaelic  # the English summary is not marked Gaelic
    plain = (site / "services" / "plain" / "index.html").read_text(encoding="utf-8")
    assert " lang=" not in plain.split("<article", 1)[1].split("</article>", 1)[0]  # nothing for the hub's own
    az = (site / "browse" / "a-z" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*services/cefnogi/" lang="cy">Cefnogi', az)
    assert '<span class="hub-card__summary" lang="cy">Cymorth' in az
    assert re.search(r'href="[^"]*services/taic/" lang="gd">Taic', az)
    assert '<span class="hub-card__summary">Gaelic' in az
    updates = (site / "updates" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'services/cefnogi/" lang="cy">Cefnogi', updates)
    rows = [row for chunk in sorted((site / "search-data" / "details").glob("*.json"))
            for row in json.loads(chunk.read_text(encoding="utf-8"))]  # the details the search page's cards show
    by_slug = {row[0]: row[7] for row in rows}  # slug, ..., langs (hub_build/publish/search/table.py DETAILS)
    assert by_slug == {"cefnogi": ["cy", "cy"], "taic": ["gd", ""], "plain": ["", ""]}


def test_language_tags_are_checked_with_a_hint(tmp_path):
    text = dump(listing(text_language="Welsh", name_language="cy-UK"))
    make_hub(tmp_path, {"x.yaml": text})
    problems = problems_of(tmp_path)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("text_language"))
    assert any(p.startswith(f"directory/x.yaml:{line}:") and "text_language" in p and "write the tag 'cy'" in p
               for p in problems), problems
    assert any("name_language" in p and "'cy-UK' is not a language tag" in p and "BCP 47" in p for p in problems), problems


def test_language_tags_are_normalised():
    from hub_build.model.languages import _language_tag

    assert _language_tag(" CY ") == "cy" and _language_tag("zh-hant") == "zh-Hant" and _language_tag("zh_Hans") == "zh-Hans"
