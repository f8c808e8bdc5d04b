"""Welsh content beside English: vocabulary labels, listings' cy: blocks, Welsh siblings of pages (about.cy.md),
the Hub's text-in-a-language rule, open data and feeds in both languages, and a hub without Welsh unchanged.

Every check runs the real loader (or the real build) on real files and reads the errors, the Hub or the output.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hubs import GOOD_LISTING, GOOD_RESOURCE, REPO, dump, listing, make_hub
from sitepages import sample_site

from hub_build.core.settings import HubSettings
from hub_build.core.vocabulary import CATEGORIES, load_vocabulary
from hub_build.pipeline import load_hub
from hub_build.publish.search.files import search_files
from hub_build.publish.search.index import FIELDS, index_input
from hub_build.publish.search.table import DETAILS, ordered_services
from hub_build.render.suggest import suggest_config

TODAY = dt.date(2026, 11, 23)
WELSH = ["en", "cy"]


def load(root: Path, **settings):
    return load_hub(root, HubSettings(**settings), docs_dir=root / "content", today=TODAY)


def problems(root: Path, **settings) -> list[str]:
    return [p.as_text() for p in sorted(load(root, **settings).problems, key=lambda p: p.sort_key())]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- vocabulary -------------------------------------------------------------------------------

def test_every_packaged_term_has_a_welsh_label_distinct_from_its_english_one_where_the_words_differ():
    vocabulary, found = load_vocabulary()
    assert not found
    for category in CATEGORIES:
        for key, term in vocabulary.terms(category).items():
            assert term.cy, (category, key)
            assert vocabulary.label(category, key, "cy") == term.cy
            assert vocabulary.label(category, key) == term.label
    assert vocabulary.label("nations", "wales", "cy") == "Cymru"
    assert vocabulary.label("audiences", "children-and-young-people", "cy") == "Plant a phobl ifanc"
    assert vocabulary.terms("service_types")["helpline"].description_in("cy").startswith("Cyngor")
    assert vocabulary.missing_labels("cy") == []


def test_a_term_without_a_welsh_label_is_a_warning_at_its_line_only_when_the_hub_has_welsh(tmp_path):
    make_hub(tmp_path)
    text = "topics:\n  play: {label: Play and games}\n  music: {label: Music, cy: Cerddoriaeth}\n"
    (tmp_path / "vocabulary.yaml").write_text(text)
    assert problems(tmp_path, vocabulary="vocabulary.yaml") == []
    assert problems(tmp_path, vocabulary="vocabulary.yaml", languages=WELSH) == [
        "vocabulary.yaml:2:3: warning: topics.play: the topic 'play' has no Welsh label: the Welsh site shows it in "
        "English\n    hint: add  cy: <the label in Welsh>  beside its label"]
    hub = load(tmp_path, vocabulary="vocabulary.yaml", languages=WELSH)
    assert hub.vocabulary.label("topics", "play", "cy") == "Play and games"  # the English, never the key
    assert hub.vocabulary.label("topics", "music", "cy") == "Cerddoriaeth"


def test_an_english_relabel_keeps_the_packaged_welsh_label(tmp_path):
    make_hub(tmp_path)
    (tmp_path / "vocabulary.yaml").write_text("service_types:\n  helpline: {label: Advice line}\n")
    hub = load(tmp_path, vocabulary="vocabulary.yaml", languages=WELSH)
    assert hub.vocabulary.label("service_types", "helpline") == "Advice line"
    assert hub.vocabulary.label("service_types", "helpline", "cy") == "Llinell gymorth"
    assert not hub.problems


# --- listings' cy: block ---------------------------------------------------------------------

def test_cy_block_errors_name_file_line_and_field(tmp_path):
    data = listing(cy={"name": "Cysylltiadau Teulu", "summary": "x" * 301,
                       "locations": [{"name": "Swyddfa", "postcode": "CF10 5DW"}]})
    text = dump(data)
    make_hub(tmp_path, {"a.yaml": text, "b.yaml": listing(cy={}), "c.yaml": listing(cy={"summary": "Cymorth"}, text_language="cy"),
                        "d.yaml": listing(cy={"summary": "Cymorth", "locations": [{"name": "Un"}, {"name": "Dau"}]})})
    c_text = dump(listing(cy={"summary": "Cymorth"}, text_language="cy"))
    d_text = dump(listing(cy={"summary": "Cymorth", "locations": [{"name": "Un"}, {"name": "Dau"}]}))
    assert problems(tmp_path) == [
        f"directory/a.yaml:{line_of(text, 'summary: xxx')}:12: error: cy.summary: is too long: 301 characters, at most 300\n"
        "    hint: shorten it; put the detail in the description",
        f"directory/a.yaml:{line_of(text, 'postcode: CF10 5DW')}:5: error: cy.locations[0].postcode: unknown field 'postcode'\n"
        "    hint: fields here: name, accessibility",
        f"directory/b.yaml:{line_of(dump(listing(cy={})), 'cy: {}')}:5: error: cy: the Welsh version gives no text\n"
        "    hint: add the Welsh name, summary or other text under cy:, or remove the cy: block",
        f"directory/c.yaml:{line_of(c_text, 'cy:')}:1: error: cy: the listing's own text is Welsh (text_language: cy), "
        "so it has no Welsh version\n"
        "    hint: write the English in the main fields and the Welsh under cy:, then remove text_language",
        f"directory/d.yaml:{line_of(d_text, 'cy:')}:1: error: cy: the Welsh version names 2 locations but the listing has 1\n"
        "    hint: give one entry under cy.locations per location, in the same order",
    ]


def test_hub_text_gives_welsh_with_fallback_and_says_so(tmp_path):
    make_hub(tmp_path, {"a.yaml": listing(cy={"name": "Cysylltiadau Teulu", "opening_hours": "Dydd Llun",
                                              "locations": [{"accessibility": "Lifft"}]}),
                        "g.yaml": listing(name="Taic Theaghlaichean", name_language="gd")})
    hub = load(tmp_path, languages=WELSH)
    entry = next(e for e in hub.services if e.slug == "a")
    assert (hub.text(entry, "name", "cy").text, hub.text(entry, "name", "cy").fell_back) == ("Cysylltiadau Teulu", False)
    summary = hub.text(entry, "summary", "cy")
    assert (summary.text, summary.lang, summary.fell_back) == (GOOD_LISTING["summary"], "en", True)
    assert hub.text(entry, "summary", "en").fell_back is False and hub.text(entry, "summary").lang == "en"
    assert hub.text(entry, "name", "en") == type(summary)(GOOD_LISTING["name"], "en", False)  # English asks for English
    assert hub.text(entry, "opening_hours", "cy").text == "Dydd Llun"
    assert hub.text(entry, "accessibility", "cy", location=0).text == "Lifft"
    assert hub.text(entry, "name", "cy", location=0).fell_back  # no Welsh name for the place
    assert hub.text(entry, "cost_details", "cy") == type(summary)("", "en", False)  # empty never falls back
    gaelic = next(e for e in hub.services if e.slug == "g")
    assert hub.text(gaelic, "name", "cy").lang == "gd"  # the original's own language, for lang=""
    with pytest.raises(KeyError):
        hub.text(entry, "phone", "cy")


# --- Welsh siblings of pages and items --------------------------------------------------------

def _content_hub(root: Path, **files: str) -> Path:
    make_hub(root, resources={"guide.md": GOOD_RESOURCE})
    (root / "content" / "about.md").write_text("---\ntitle: About\n---\n# About\n")
    for name, text in files.items():
        path = root / "content" / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_siblings_are_classified_tied_to_their_original_and_never_published_as_pages(tmp_path):
    _content_hub(tmp_path, **{"about.cy.md": "---\ntitle: Amdanom ni\n---\n# Amdanom ni\n", "index.cy.md": "# Croeso\n",
                              "resources__guide.cy.md": "---\ntitle: Canllaw\n---\nTestun Cymraeg\n"})
    hub = load(tmp_path, languages=WELSH)
    assert not hub.problems
    inventory = hub.inventory
    assert {f.rel: f.original for f in inventory.files if f.kind == "translation"} == {
        "about.cy.md": "about.md", "index.cy.md": "index.md", "resources/guide.cy.md": "resources/guide.md"}
    assert not {"about.cy.md", "index.cy.md", "resources/guide.cy.md"} & set(inventory.published)
    assert {"about.cy.md", "index.cy.md", "resources/guide.cy.md"} <= inventory.ignored
    page, fell_back = hub.page_in("about.md", "cy")
    assert (page.meta.title, page.body.strip(), fell_back) == ("Amdanom ni", "# Amdanom ni", False)
    assert hub.page_in("about.md", "en")[0].meta.title == "About"
    resource = hub.resources[0]
    assert hub.text(resource, "title", "cy").text == "Canllaw"
    assert hub.text(resource, "summary", "cy").fell_back


def test_orphan_and_second_siblings_are_errors_and_with_welsh_off_a_warning(tmp_path):
    _content_hub(tmp_path, **{"orphan.cy.md": "# Dim\n", "about.cy.md": "# Un\n", "about__index.cy.md": "# Dau\n"})
    found = problems(tmp_path, languages=WELSH)
    assert found == [
        "content/about.cy.md:1:1: error: (file name): this file and content/about/index.cy.md are both the Welsh version "
        "of 'about.md'\n    hint: keep one Welsh version per page: merge or remove one of them",
        "content/about/index.cy.md:1:1: error: (file name): this file and content/about.cy.md are both the Welsh version "
        "of 'about.md'\n    hint: keep one Welsh version per page: merge or remove one of them",
        "content/orphan.cy.md:1:1: error: (file name): this Welsh version has no English original ('orphan.md' does not "
        "exist)\n    hint: every page is written in English first: add the English page, or rename this file to match "
        "it (about.cy.md beside about.md)",
    ]
    (tmp_path / "content" / "about" / "index.cy.md").unlink()
    (tmp_path / "content" / "orphan.cy.md").unlink()
    off = problems(tmp_path)
    assert off == ["content/about.cy.md:1:1: warning: (file name): the hub is not built in Welsh, so this Welsh version "
                   "of 'about.md' is not published\n    hint: add 'languages: [en, cy]' to the hub plugin's options in "
                   "mkdocs.yml"]
    assert problems(tmp_path, languages=WELSH) == []


def test_a_siblings_front_matter_is_checked_like_its_originals(tmp_path):
    resource_cy = "---\ntitle: Canllaw\ntype: guide\n---\nTestun\n"
    page_cy = "---\ntitle: Amdanom ni\ntemplate: evil.html\n---\n# Amdanom\n"
    _content_hub(tmp_path, **{"resources__guide.cy.md": resource_cy, "about.cy.md": page_cy})
    found = problems(tmp_path, languages=WELSH)
    assert found[0].startswith("content/about.cy.md:3:1: error: template: unknown field 'template'")
    assert found[1] == ("content/resources/guide.cy.md:3:1: error: type: unknown field 'type'\n"
                        "    hint: fields here: title, summary")
    assert len(found) == 2
    hub = load(tmp_path, languages=WELSH)
    assert hub.translations == {}  # nothing with an error is kept


def test_a_case_studys_welsh_sibling_gets_the_personal_data_check(tmp_path):
    root = make_hub(tmp_path)
    source = REPO / "content" / "practice" / "case-study-mother-in-custody.md"
    (root / "content" / "practice").mkdir()
    (root / "content" / "practice" / "story.md").write_bytes(source.read_bytes())
    (root / "content" / "practice" / "story.cy.md").write_text("---\ntitle: Stori\n---\nGaned Sam ar 3 Mai 2015 yn BS1 4DJ.\n")
    found = [p for p in problems(root, languages=WELSH) if "story.cy.md" in p]
    assert found and all(":4:" in p and "error: personal data" in p for p in found), found


# --- search data, open data and feeds: Welsh in, and a hub without Welsh unchanged ------------------

def test_a_hub_without_welsh_has_no_welsh_in_its_search_data(tmp_path):
    make_hub(tmp_path, {"a.yaml": listing(), "b.yaml": listing(name="Canolfan Deulu", text_language="cy")})
    hub = load(tmp_path)
    assert not hub.has_welsh
    files = search_files(hub)
    index = json.loads(files["search-data/text/index.json"])
    table = json.loads(files["search-data/table.json"])
    assert index["fields"] == [[name, boost] for name, boost in FIELDS] and "vocab_cy" not in table
    assert all(len(row) == len(DETAILS) for row in json.loads(files["search-data/details/0.json"]))
    assert "teulu" not in json.loads(files["search-data/text/terms.json"])  # "Deulu" is not read as Welsh
    form = suggest_config(hub)["kinds"]["service"]
    assert "cy" not in form["schema"]["properties"] and not any(k.startswith("cy") for k in form["words"]["labels"])
    # the same hub with Welsh on: Welsh fields, marked cy for search-engine.js, with the Welsh text
    welsh = load(tmp_path, languages=WELSH)
    assert "cy" in suggest_config(welsh)["kinds"]["service"]["schema"]["properties"]
    files = search_files(welsh)
    index = json.loads(files["search-data/text/index.json"])
    assert [f for f in index["fields"] if len(f) == 3 and f[2] == "cy"] and "vocab_cy" in json.loads(files["search-data/table.json"])
    texts = {tuple(row) for row in index_input(welsh, ordered_services(welsh))["docs"]}
    assert any("Canolfan Deulu" in row for row in texts)  # a listing written in Welsh is searched as Welsh
    assert "teulu" in json.loads(files["search-data/text/terms.json"])  # ... under the radical of "Deulu"


def test_sample_build_welsh_open_data_feed_and_scripts():
    """The sample (Welsh on, built once per session): ORUK carries the Welsh text, the Welsh feed is in Welsh with
    xml:lang where an item falls back, welsh.js is published and loaded, no sibling is published as a page."""
    site = sample_site()
    service = json.loads((site / "open-data/oruk/dataset.json").read_text())
    by_name = {s["name"]: s for s in (service if isinstance(service, list) else service.get("services", service.get("items", [])))}
    valleys = by_name["Valleys Families Support"]
    assert valleys["translations"]["cy"]["name"] == "Cymorth i Deuluoedd y Cymoedd"
    assert valleys["service_at_locations"][0]["location"]["translations"]["cy"]["name"] == "Swyddfa Pontypridd"
    feed = ET.parse(site / "cy" / "feed.xml").getroot()  # noqa: S314 - the hub's own feed
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert feed.get(lang) == "cy"
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    titles = [(e.find("{http://www.w3.org/2005/Atom}title").text, e.find("{http://www.w3.org/2005/Atom}title").get(lang))
              for e in entries]
    assert any(lang_ is None and "Cymru" in title for title, lang_ in titles)  # Welsh, in the feed's language
    assert any(lang_ == "en" for _, lang_ in titles)  # an item without Welsh says it is English
    links = [e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in entries]
    assert all(link.startswith("cy/") for link in links)
    assert (site / "assets/hub/welsh.js").is_file()
    assert "welsh.js" in (site / "find/index.html").read_text() and "welsh.js" in (site / "about/index.html").read_text()
    assert not (site / "about.cy").exists() and not (site / "about.cy.md").exists()
