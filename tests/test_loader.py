"""The loader in process: one hub holding a good and a broken file of every kind, loaded once; every problem
is checked (file, line, message, hint, severity) and so is what was loaded, and left out.

mutmut runs these for every mutant of hub_build/load/loader.py (bench/mutation.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub_build.core.problems import Severity
from hub_build.core.settings import HubSettings
from hub_build.load import loader, placeholders
from hub_build.model.items import EditorPage, ResourceWelsh, Service
from hub_build.pipeline import load_hub

from hubs import GOOD_RESOURCE, dump, listing, make_hub

TODAY = dt.date(2026, 11, 23)
FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None, print_blob=False,
                suppress_health_check=list(HealthCheck))

PRACTICE = """---
title: A school's approach
organisation: {name: Example Families, website: "https://families.example.org"}
nations: [england]
sectors: [schools]
summary: How a school helped children whose parents went to prison.
approach: A trusted adult met each child every week.
outcomes: The children kept coming to school.
contact: {email: info@families.example.org}
last_reviewed: %s
---
The school shared what it learned.
"""
EVENT = """---
title: Training day
summary: A day of training.
start: 2026-12-03
organiser: Example Families
audiences: [professionals]
online: true
last_reviewed: 2026-10-01
---
Text.
"""
OLD = (TODAY - dt.timedelta(days=400)).isoformat()


def _resource(**changes) -> str:
    front = {k: v for k, v in dict(GOOD_RESOURCE, **changes).items() if v is not None}
    return f"---\n{dump(front)}---\nText.\n"


FILES = {
    "directory/good.yaml": dump(listing()),
    "directory/old.yaml": dump(listing(name="Old Links", last_reviewed=OLD, locations=[{"postcode": "BS2 0JA"}],
                                       contact={"email": "old@example.org"})),
    "directory/index.yaml": dump(listing(name="Index")),
    "directory/sub/good.yaml": dump(listing(name="Twin")),
    "directory/Bad_Name.yaml": dump(listing(name="Bad")),
    "directory/list.yaml": "- a\n- b\n",
    "directory/alias.yaml": dump(listing(name="Alias")).replace("summary:", "summary: &s") + "\nextra_copy: *s\n",
    "directory/invalid.yaml": dump(listing(name="Invalid", summary=None)),
    "directory/example.yaml": dump(listing(name="Example", organisation={"name": placeholders.ORGANISATION},
                                           contact={"email": placeholders.EMAIL})),
    "content/resources/guide.md": _resource(title="Guide", link=None, file="guide.pdf"),
    "content/resources/guide.pdf": b"%PDF-1.4",
    "content/resources/away.md": _resource(title="Away", link=None, file="../../secret.pdf"),
    "content/resources/rooted.md": _resource(title="Rooted", link=None, file="/etc/passwd"),
    "content/resources/gone.md": _resource(title="Gone", link=None, file="missing.pdf"),
    "content/resources/back.md": _resource(title="Back", link=None, file="..\\..\\secret.pdf"),
    "content/resources/up.md": _resource(title="Up", link=None, file="../.."),  # the folder above the content folder itself
    "content/resources/sub/inner.md": _resource(title="Inner", link=None, file="../guide.pdf"),
    "content/resources/old.md": _resource(title="Old", last_reviewed=OLD),
    "content/resources/index.md": _resource(title="Index"),
    "content/resources/deep/README.md": _resource(title="Readme"),
    "content/resources/Bad_Part/x.md": _resource(title="Bad part"),
    "content/resources/plain.md": "No front matter.\n",
    "content/practice/school.md": PRACTICE % "2026-09-01",
    "content/practice/old/school.md": PRACTICE % OLD,
    "content/practice/personal.md": (PRACTICE % "2026-09-01").replace("The school shared", "Sam (7) shared"),
    "content/practice/index.md": PRACTICE % "2026-09-01",
    "content/practice/unknown-sector.md": (PRACTICE % "2026-09-01").replace("sectors: [schools]", "sectors: [scools]"),
    "content/events/day.md": EVENT,
    "content/events/past.md": EVENT,
    "content/events/2026/past.md": EVENT,
    "content/about.md": "---\ntitle: About us\nhide: [toc]\n---\n# About\n",
    "content/empty-front.md": "---\n---\nBody only.\n",
    "content/no-front.md": "# Just text\n",
    "content/unclosed.md": "---\ntitle: x\n# body\n",
    "content/cr-unclosed.md": "---\rtitle: x\r",
    "content/space-unclosed.md": "--- \ntitle: x\n# body\n",  # an opening line with a trailing space still opens
    "content/rule.md": "--- not front matter\n\nText.\n",  # text after the hyphens: a page without front matter
    "content/bad-front.md": "---\ntitle: x\ntemplate: evil.html\n---\nText\n",
    "content/alias-front.md": "---\ntitle: &t x\n---\nText\n",
    "content/not-utf8.md": b"---\ntitle: \xff\n---\n",
    "content/services/good.md": "# Replacing a listing page\n",
}


@pytest.fixture
def hub(tmp_path):
    """Loaded afresh for each test (not once per module): mutmut maps a test to the functions it calls, and a module
    fixture's calls would count for the first test only, so the others would never be run against a mutant."""
    root = make_hub(tmp_path, {})
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)


def _by_file(hub) -> dict[str, list[tuple[int, str, str, str]]]:
    found: dict[str, list[tuple[int, str, str, str]]] = {}
    for p in hub.problems:
        found.setdefault(p.path, []).append((p.line, p.severity.value, p.message, p.hint))
    return found


def test_what_is_loaded_and_what_is_left_out(hub):
    assert sorted(e.slug for e in hub.services) == ["good", "old"]
    assert sorted(r.slug for r in hub.resources) == ["guide", "old", "sub/inner"]
    assert set(hub.resources_by_uri) == {"resources/guide.md", "resources/old.md", "resources/sub/inner.md"}
    assert sorted(e.slug for e in hub.practice) == ["old/school", "school"]
    assert sorted(e.slug for e in hub.events) == ["2026/past", "day"]
    assert set(hub.pages) == {
        "resources/guide.md", "resources/old.md", "resources/sub/inner.md", "practice/school.md", "practice/old/school.md",
        "events/day.md", "events/2026/past.md", "about.md", "empty-front.md", "no-front.md", "index.md", "rule.md"}
    assert hub.pages["about.md"].meta.hide == ["toc"] and hub.pages["about.md"].body == "# About\n"
    assert hub.pages["empty-front.md"].meta is not None and hub.pages["empty-front.md"].body == "Body only.\n"
    assert hub.pages["no-front.md"].meta is None and hub.pages["no-front.md"].body == "# Just text\n"
    assert hub.pages["resources/guide.md"].body == "Text.\n"
    assert hub.pages["rule.md"].meta is None and hub.pages["rule.md"].body == "--- not front matter\n\nText.\n"
    assert {uri: page.source for uri, page in hub.pages.items()} == {uri: f"content/{uri}" for uri in hub.pages}
    assert hub.today == TODAY
    assert {e.slug: e.positions.locate(("title",)) for e in hub.events} == {"day": (2, 8), "2026/past": (2, 8)}
    for entries, folder in ((hub.resources, "resources"), (hub.practice, "practice"), (hub.events, "events")):
        assert [(e.source, e.positions.locate(("title",))[0]) for e in entries] == [
            (f"content/{folder}/{e.slug}.md", 2) for e in entries]


def test_listings_problems(hub):
    found = _by_file(hub)
    assert found["directory/index.yaml"] == [(1, "error", "the file name 'index' is reserved for the directory's own pages",
                                              "rename it, for example to 'index-service.yaml'")]
    assert found["directory/sub/good.yaml"] == [(1, "error", "another listing already uses the name 'good' (directory/good.yaml)",
                                                 "each listing's file name must be unique across the directory: rename one")]
    assert found["directory/Bad_Name.yaml"] == [(1, "error", "the file name 'Bad_Name' cannot be used in a web address",
                                                 "rename it to 'bad-name.yaml' (lower-case letters, digits and single hyphens, "
                                                 "at most 80 characters)")]
    assert found["directory/list.yaml"] == [(1, "error", "the file should be a set of fields (name: value)",
                                             "copy the layout of an existing listing")]
    alias_lines = dump(listing(name="Alias")).split("\n")
    summary_line = next(n for n, t in enumerate(alias_lines, 1) if t.startswith("summary:"))
    assert [p[:3] for p in found["directory/alias.yaml"]] == [
        (summary_line, "error", "YAML anchor '&s' is not allowed"), (len(alias_lines) + 1, "error", "YAML alias '*s' is not allowed")]
    assert [p[2] for p in found["directory/invalid.yaml"]] == ["is empty"]
    example = list(found["directory/example.yaml"])
    assert sorted(p[2] for p in example) == sorted([f"{placeholders.MESSAGE} ('{placeholders.EMAIL}')",
                                                    f"{placeholders.MESSAGE} ('{placeholders.ORGANISATION}')"])
    old_lines = FILES["directory/old.yaml"].split("\n")
    assert found["directory/old.yaml"] == [(next(n for n, t in enumerate(old_lines, 1) if t.startswith("last_reviewed")),
                                            "warning", "last checked 400 days ago, over the 365-day review interval",
                                            "check the details with the service, then set last_reviewed to today's date")]
    assert "directory/good.yaml" not in found


def test_items_problems(hub):
    found = _by_file(hub)
    file_line = next(n for n, t in enumerate(_resource(title="Away", link=None, file="x").split("\n"), 1) if t.startswith("file:"))
    assert found["content/resources/away.md"] == [(file_line, "error", "the file '../../secret.pdf' is outside the site's content folder",
                                                   "put the document beside the page and give its name")]
    assert found["content/resources/rooted.md"] == [(file_line, "error", "the file '/etc/passwd' is outside the site's content folder",
                                                     "put the document beside the page and give its name")]
    attachments = {p.path: (p.col, p.field) for p in hub.problems if p.path.startswith("content/resources/")
                   and p.message.startswith("the file '")}
    assert attachments == {f"content/resources/{n}.md": (7, "file") for n in ("away", "rooted", "gone", "back", "up")}
    assert found["content/resources/up.md"][0][2] == "the file '../..' is outside the site's content folder"
    assert found["content/resources/back.md"][0][2] == "the file '..\\..\\secret.pdf' is outside the site's content folder"
    assert found["content/resources/gone.md"] == [(file_line, "error", "the file 'missing.pdf' does not exist or cannot be published",
                                                   "check the name (it is relative to this page's folder) and that the file is of an allowed type")]
    assert found["content/resources/index.md"] == [
        (1, "error", "the name 'index' cannot be used for a resource page", "rename it, for example to 'index-1.md'"),
        (1, "error", "the hub generates the page 'Resources' at '/resources/'; this file would replace it",
         "rename the file: that address belongs to the hub's own page")]
    assert found["content/resources/deep/README.md"] == [(1, "error", "the name 'README' cannot be used for a resource page",
                                                          "rename it to 'readme.md' (lower-case letters, digits and single "
                                                          "hyphens, at most 80 characters)")]
    assert found["content/resources/Bad_Part/x.md"] == [(1, "error", "the name 'Bad_Part' cannot be used for a resource page",
                                                         "rename it to 'bad-part.md' (lower-case letters, digits and single hyphens, "
                                                         "at most 80 characters)")]
    assert found["content/resources/plain.md"] == [(1, "error", "the page has no front matter",
                                                    "start the file with a '---' line, the fields, then another '---' line")]
    assert [p[:3] for p in found["content/resources/old.md"]] == [
        (next(n for n, t in enumerate(_resource(title="Old").split("\n"), 1) if t.startswith("last_reviewed")), "warning",
         "last checked 400 days ago, over the 365-day review interval")]
    assert [p[:3] for p in found["content/practice/old/school.md"]] == [
        (10, "warning", "last checked 400 days ago, over the 365-day review interval")]
    assert [p[:3] for p in found["content/practice/personal.md"]] == [(12, "error", "looks like a first name beside an age: 'Sam (7)'")]
    assert found["content/practice/index.md"][0][2] == "the name 'index' cannot be used for a practice page"
    assert [p[:3] for p in found["content/practice/unknown-sector.md"]] == [(5, "error", "'scools' is not a known sector")]
    assert found["content/events/past.md"] == [
        (1, "error", "the name 'past' cannot be used for a events page", "rename it, for example to 'past-1.md'"),
        (1, "error", "the hub generates the page 'Past events' at '/events/past/'; this file would replace it",
         "rename the file: that address belongs to the hub's own page")]


def test_editor_pages_problems(hub):
    found = _by_file(hub)
    closing = ("the front matter has no closing '---' line", "end the page's settings with a line of three hyphens: ---")
    assert found["content/unclosed.md"] == [(1, "error", *closing)]
    assert found["content/cr-unclosed.md"] == [(1, "error", *closing)]
    assert found["content/space-unclosed.md"] == [(1, "error", *closing)]
    assert {p.col for p in hub.problems if p.path in ("content/unclosed.md", "content/not-utf8.md")} == {1}
    assert [p[:3] for p in found["content/bad-front.md"]] == [(3, "error", "unknown field 'template'")]
    assert [p[:3] for p in found["content/alias-front.md"]] == [(2, "error", "YAML anchor '&t' is not allowed")]
    assert found["content/not-utf8.md"] == [(2, "error", "the file is not valid UTF-8 text", "save it with UTF-8 encoding")]
    assert [p[2] for p in found["content/services/good.md"]] == [
        "the hub generates the page 'Bristol Family Links' at '/services/good/'; this file would replace it"]
    assert not {"content/about.md", "content/empty-front.md", "content/no-front.md"} & set(found)


def test_welsh_siblings_without_settings_get_empty_ones_of_their_kind(tmp_path):
    """A sibling with no front matter, or an empty one, is the Welsh text alone: its settings are its kind's empty
    model (an editor page's are None, as for an English page without front matter)."""
    root = make_hub(tmp_path, {})
    for name, text in {"content/resources/guide.md": _resource(title="Guide"), "content/resources/guide.cy.md": "Testun.\n",
                       "content/about.md": "# About\n", "content/about.cy.md": "---\n---\n# Amdanom\n",
                       "content/help.md": "# Help\n", "content/help.cy.md": "# Cymorth\n",
                       "content/plan.2026.md": "# Plan\n", "content/plan.2026.cy.md": "# Cynllun\n",  # the last dot names it
                       "content/notes.v2.md": "# Notes\n"}.items():
        (root / name).write_text(text, encoding="utf-8")
    hub = load_hub(root, HubSettings(languages=["en", "cy"]), docs_dir=root / "content", today=TODAY)
    assert hub.errors == []
    cy = {uri: versions["cy"] for uri, versions in hub.translations.items()}
    assert {uri: (page.source, page.meta, page.body) for uri, page in cy.items()} == {
        "resources/guide.md": ("content/resources/guide.cy.md", ResourceWelsh(), "Testun.\n"),
        "about.md": ("content/about.cy.md", EditorPage(), "# Amdanom\n"),
        "help.md": ("content/help.cy.md", None, "# Cymorth\n"), "plan.2026.md": ("content/plan.2026.cy.md", None, "# Cynllun\n")}
    assert hub.problems == [] and {"plan.2026.md", "notes.v2.md"} <= set(hub.pages)


def test_item_slugs_are_the_path_below_the_folder_however_it_is_named(tmp_path):
    root = make_hub(tmp_path, {})
    (root / "content" / "X-guides" / "deep").mkdir(parents=True)
    (root / "content" / "X-guides" / "deep" / "talking.md").write_text(_resource(title="Talking"), encoding="utf-8")
    hub = load_hub(root, HubSettings(resources="X-guides/"), docs_dir=root / "content", today=TODAY)
    assert hub.errors == [] and [(r.slug, r.src_uri) for r in hub.resources] == [("deep/talking", "X-guides/deep/talking.md")]


def test_welsh_siblings_are_checked_even_when_the_hub_has_no_welsh(tmp_path):
    root = make_hub(tmp_path, {})
    (root / "content" / "about.md").write_text("# About\n", encoding="utf-8")
    (root / "content" / "about.cy.md").write_text("---\ntemplate: x.html\n---\n# Amdanom\n", encoding="utf-8")
    hub = load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)
    assert [(p.path, p.line, p.message) for p in hub.errors] == [("content/about.cy.md", 2, "unknown field 'template'")]


def test_every_problem_is_an_error_but_the_review_warnings(hub):
    warnings = {p.path for p in hub.problems if p.severity is Severity.WARNING}
    assert warnings == {"directory/old.yaml", "content/resources/old.md", "content/practice/old/school.md"}


def test_a_file_that_cannot_be_read_is_reported(tmp_path):
    root = make_hub(tmp_path, {"gone.yaml": dump(listing())})
    (root / "directory" / "gone.yaml").unlink()
    (root / "directory" / "gone.yaml").mkdir()  # a folder named like a listing: not a listing
    hub = load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)
    assert hub.services == [] and hub.errors == []
    missing = load_hub(root, HubSettings(directory="nowhere"), docs_dir=root / "content", today=TODAY)
    assert [(p.path, p.line, p.col, p.message, p.hint) for p in missing.problems] == [
        ("nowhere", 1, 1, "the listings folder does not exist", "create it, or set the 'directory' option of the hub plugin")]
    hub = loader.Hub(root=root, settings=HubSettings(), vocabulary=None, today=TODAY)
    assert loader._read(hub, root / "directory" / "gone.yaml", "x.yaml") is None
    assert hub.problems[0].message.startswith("the file cannot be read (") and hub.problems[0].hint == "check its permissions"
    assert (hub.problems[0].path, hub.problems[0].line, hub.problems[0].col) == ("x.yaml", 1, 1)
    with pytest.raises(RuntimeError):
        loader._inventory(hub)


def test_a_bug_in_a_check_is_a_problem_not_a_traceback():
    class Broken(Service):
        @classmethod
        def model_validate(cls, *args, **kwargs):
            raise KeyError("boom")

    assert loader.validate(Broken, {}, "x.yaml", loader.Positions(), {}) == (None, [loader.Problem(
        "x.yaml", 1, 1, "hub-build could not check this file (KeyError)",
        "this is a bug in hub-build: please report it with the file attached")])


@FAST
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=8), max_size=5),
       st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=8), max_size=5),
       st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["---", "...", "--- "]))
def test_front_matter_is_split_at_the_first_closing_line_whatever_the_line_ends(front, body, end, closing):
    front = [line for line in front if line.rstrip() not in ("---", "...")]
    text = end.join(["---", *front, closing, *body])
    yaml_text, rest, offset = loader.split_front_matter(text)
    assert (yaml_text, rest, offset) == ("\n".join(front), "\n".join(body), 1)
    assert loader.split_front_matter("\n" + text) == (None, "\n" + text, 0)
    assert loader.split_front_matter(end.join(["---", *front])) == (None, end.join(["---", *front]), 0)


def test_relative_paths():
    assert loader.relative(Path("/a/b/c.md"), Path("/a")) == "b/c.md"
    assert loader.relative(Path("/x/c.md"), Path("/a")) == "/x/c.md"
