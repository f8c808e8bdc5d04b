"""The search ranking's data, made in process, and the ranking itself, run by the page's own engine in Chromium.

publish/search/index.py decides what text a listing is found by (per field) and which listings rank lower
(overdue ones); hub_build/assets/search-engine.js ranks (lunr's BM25 with the field and document boosts).
The data is made here in process (so mutmut judges it, bench/mutation.md) and handed to the real engine as
the build hands it (index_input: textindex.py runs the same engine over it in V8).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from browser import chromium_page
from hubs import REPO, listing, make_hub

from hub_build.core.settings import HubSettings
from hub_build.pipeline import load_hub
from hub_build.publish.search.files import lunr_js_path
from hub_build.publish.search.index import FIELDS, OVERDUE_BOOST, document, index_input
from hub_build.publish.search.table import ordered_services

TODAY = dt.date(2026, 11, 23)
OLD = (TODAY - dt.timedelta(days=400)).isoformat()
# bench/hand_mutants.py points this at a mutated copy of the engine: mutmut cannot mutate JavaScript.
ENGINE = Path(os.environ.get("HUB_TEST_SEARCH_ENGINE") or REPO / "hub_build" / "assets" / "search-engine.js")
TAGS = "Family support Help with visits Children and young people Parents and carers Visiting prison"
SUMMARY = "One-to-one support for children and carers in Bristol when a parent is in prison."


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    root = tmp_path_factory.mktemp("ranking")
    make_hub(root, {
        "bristol.yaml": listing(),
        "national.yaml": listing(name="Across the Nation", coverage={"national": True}, last_reviewed=OLD,
                                locations=[{"postcode": "CF10 1EP", "name": "Cardiff hub"}]),
        "wales.yaml": listing(name="Welsh Links", topics=["visiting-prison", "telling-children"],
                              coverage={"nations": ["wales", "scotland"], "local_authorities": ["Cardiff"]}),
    })
    loaded = load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)
    assert loaded.errors == []
    return loaded


def _entry(hub, slug):
    return next(e for e in hub.services if e.slug == slug)


def test_each_listing_is_found_by_the_text_of_every_field(hub):
    assert document(hub, _entry(hub, "bristol")) == {
        "name": "Bristol Family Links", "org": "Severn Families Trust", "tags": TAGS,
        # the council once, though the listing covers it and has its site there; the region; the site
        "where": "Bristol, City of South West Family Links office 12 Example Street, Bristol BS1 4DJ",
        "summary": SUMMARY}
    assert document(hub, _entry(hub, "national")) == {
        "name": "Across the Nation", "org": "Severn Families Trust", "tags": TAGS,
        "where": "Cardiff UK-wide national Cardiff hub CF10 1EP", "summary": SUMMARY}
    assert document(hub, _entry(hub, "wales")) == {
        "name": "Welsh Links", "org": "Severn Families Trust", "tags": TAGS + " Talking to children about prison",
        "where": "Cardiff Bristol, City of Wales Scotland South West Family Links office 12 Example Street, Bristol BS1 4DJ",
        "summary": SUMMARY}


def test_the_index_input_is_in_the_order_given_and_boosts_only_the_overdue(hub):
    services = ordered_services(hub)
    assert [e.slug for e in services] == ["national", "bristol", "wales"]
    for order in (services, services[::-1]):
        assert index_input(hub, order) == {
            "fields": [[name, boost] for name, boost in FIELDS],
            "docs": [[document(hub, e)[name] for name, _ in FIELDS] for e in order],
            "boosts": [[n, OVERDUE_BOOST] for n, e in enumerate(order) if e.slug == "national"],
            "names": [e.service.name for e in order],
        }
    assert index_input(hub, [])["docs"] == []


# The engine, given the data as the build gives it (index_input), every posting in memory.
BUILD = """([data, slugs]) => {
  window.engine = HubSearchEngine.build(data.fields, data.docs, data.boosts, data.names);
  window.slugs = slugs;
  return data.docs.length;
}"""
RANK = "text => (HubSearchEngine.ranked(engine, text, false) || []).map(ref => slugs[ref])"
SCORES = "text => Object.fromEntries([...(HubSearchEngine.scores(engine, text, false) || new Map())].map(([r, s]) => [slugs[r], s]))"


@pytest.fixture(scope="module")
def engine_page():
    with chromium_page() as (page, _):
        page.goto("about:blank")
        page.add_script_tag(path=str(lunr_js_path()))
        page.add_script_tag(path=str(ENGINE))
        yield page


def _load(page, hub) -> None:
    services = ordered_services(hub)
    assert page.evaluate(BUILD, [index_input(hub, services), [e.slug for e in services]]) == len(services)


def test_every_word_of_a_listing_finds_it_in_the_engine(hub, engine_page):
    _load(engine_page, hub)
    for entry in hub.services:
        s = entry.service
        text = [s.name, s.organisation.name, s.summary, *entry.local_authorities.values(), *entry.coverage_areas.values()]
        text += [hub.vocabulary.label(category, key) for category, keys in (
            ("service_types", s.service_types), ("audiences", s.audiences), ("topics", s.topics),
            ("nations", s.coverage.nations)) for key in keys]
        text += [" ".join(filter(None, (loc.name, loc.address, loc.postcode))) for loc in s.locations]
        text += [place.region for place in entry.places if place and place.region]
        text += ["UK-wide national"] if s.coverage.national else []
        for word in {w for part in text for w in re.findall(r"[^\W_]+", part)}:
            if engine_page.evaluate("w => HubSearchEngine.words(w).length", word):  # not a stop word
                assert entry.slug in engine_page.evaluate(RANK, word), (entry.slug, word)


def test_an_overdue_listing_scores_half_its_up_to_date_twin(tmp_path, engine_page):
    root = tmp_path / "twins"
    make_hub(root, {"a-old.yaml": listing(last_reviewed=OLD), "b-new.yaml": listing()})
    twins = load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)
    _load(engine_page, twins)
    scores = engine_page.evaluate(SCORES, "family links")
    assert engine_page.evaluate(RANK, "family links") == ["b-new", "a-old"]
    assert scores["a-old"] == pytest.approx(OVERDUE_BOOST * scores["b-new"], rel=0.01) and scores["a-old"] > 0


def test_a_word_scores_by_the_boost_of_the_field_it_is_in(hub, engine_page):
    """The same word in one field of each of five listings whose fields are all one word long: the scores
    stand to each other as the field boosts index.py sends (name 10, organisation 5, tags 3, place 2, summary 1)."""
    fields = index_input(hub, ordered_services(hub))["fields"]
    scores = engine_page.evaluate("""fields => {
        const docs = fields.map((_, d) => fields.map((__, f) => f === d ? "quokka" : "filler" + d + "x" + f));
        const engine = HubSearchEngine.build(fields, docs, [], docs.map((_, d) => "listing " + d));
        const found = HubSearchEngine.scores(engine, "quokka", false);
        return fields.map((_, d) => found.get(d));
    }""", fields)
    assert [name for name, _ in fields] == ["name", "org", "tags", "where", "summary"]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 5
    for (_, boost), score in zip(fields, scores, strict=True):
        assert score / scores[0] == pytest.approx(boost / fields[0][1], rel=0.01)


def test_the_nations_and_areas_a_listing_is_found_under(hub):
    """What the result table's nation and area columns are made from (ServiceEntry, core/hub.py)."""
    assert _entry(hub, "national").nations == {"england", "wales", "scotland", "northern-ireland"}
    assert _entry(hub, "wales").nations == {"wales", "scotland", "england"}  # covered nations, and its site's (Bristol)
    assert _entry(hub, "bristol").nations == {"england"}
    assert _entry(hub, "bristol").local_authorities == {"E06000023": "Bristol, City of"}
    assert _entry(hub, "national").local_authorities == {"W06000015": "Cardiff"}
    assert _entry(hub, "wales").coverage_areas == {"W06000015": "Cardiff"}
    assert hub.errors == [] and {p.field for p in hub.warnings} == {"last_reviewed", "contact.phone"}


# The engine's own rules, on listings written here (fields: name, org, tags, where, summary).
RULES = """([docs, queries]) => {
  const fields = [["name", 10], ["org", 5], ["tags", 3], ["where", 2], ["summary", 1]];
  const engine = HubSearchEngine.build(fields, docs, [], docs.map(d => d[0]));
  return queries.map(([text, typing]) => HubSearchEngine.ranked(engine, text, typing));
}"""


def test_the_engines_rules(engine_page):
    docs = [
        ["Family Links", "Severn Trust", "Family support", "Bristol", "Support for families."],
        ["Family Links Family Links Extra", "Family Links Trust", "Family support Family Links", "Family Links",
         "Family Links for family links."],
        ["Welsh Visits", "Cardiff Trust", "Help with visits", "Cardiff Wales", "Visits for families in Wales."],
        ["Welsh Visits", "Cardiff Trust", "Help with visits", "Cardiff Wales", "Visits for families in Wales."],
    ]
    ranked = engine_page.evaluate(RULES, [docs, [
        ["family links", False],   # the listing whose whole name this is comes first
        ["fami", True], ["fami", False],  # the last word is a prefix only while typing
        ["famly", False], ["cardif", False],  # one slip, in words of five letters or more
        ["welsh bristol", False], ["cardiff wales", False],  # every word must match
        ["the and of", False],     # only stop words: nothing to filter by
        ["welsh visits", False],   # identical listings keep the table's order
    ]])
    assert ranked[0][0] == 0 and set(ranked[0]) == {0, 1}
    assert set(ranked[1]) == {0, 1, 2, 3} and ranked[2] == []
    assert set(ranked[3]) == {0, 1, 2, 3} and ranked[4] == [2, 3]
    assert ranked[5] == [] and ranked[6] == [2, 3]
    assert ranked[7] is None
    assert ranked[8] == [2, 3]
    assert engine_page.evaluate("() => HubSearchEngine.words(\"The family's  LINKS, and-the links'\")") == [
        "family's", "links", "links"]


def test_a_shorter_name_ranks_first_and_short_words_get_no_slip(engine_page):
    docs = [["Quokka alpha bravo charlie delta echo", "", "", "", ""], ["Quokka", "", "", "", ""],
            ["Visits", "", "", "", ""]]
    ranked = engine_page.evaluate(RULES, [docs, [["quokka", False], ["vist", False], ["visis", False]]])
    assert ranked[0] == [1, 0]  # the same word in a shorter name counts for more
    assert ranked[1] == [] and ranked[2] == [2]  # one slip only in words of five letters or more
