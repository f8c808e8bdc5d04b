"""The loading stage's rules, checked in process: strict YAML with positions, pydantic's verdicts turned into
messages a contributor can act on, example values left by `hub-build new`, and link settings in mkdocs.yml.

Exact message, hint, line and column where they are what a contributor reads; properties (any structure
round-trips, every value is located at its own line) where there is an input space. Fast on purpose:
mutmut runs these for every mutant of hub_build/load/ (bench/mutation.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hub_build.core.problems import Problem
from hub_build.core.vocabulary import load_vocabulary
from hub_build.load import config_links, placeholders
from hub_build.load.validation import dotted, problems_from
from hub_build.core.yamlsource import MAX_FILE_BYTES, Positions, YamlProblem, decode_source, load_yaml
from hub_build.model.items import Event, Resource, Service

from hubs import GOOD_LISTING, GOOD_RESOURCE, dump

FAST = settings(max_examples=40, deadline=None, derandomize=True, database=None, print_blob=False,
                suppress_health_check=list(HealthCheck))


# --- decoding --------------------------------------------------------------------------------------------

def test_files_up_to_the_limit_are_read_and_larger_ones_refused():
    assert decode_source(b"a" * MAX_FILE_BYTES) == "a" * MAX_FILE_BYTES
    with pytest.raises(YamlProblem) as caught:
        decode_source(b"a" * (MAX_FILE_BYTES + 1))
    assert (caught.value.line, caught.value.col, caught.value.message, caught.value.hint) == (
        1, 1, "the file is 256 KiB, over the 256 KiB limit", "a listing should be short; move long text to a linked page")
    with pytest.raises(YamlProblem) as caught:
        decode_source(b"a" * (MAX_FILE_BYTES + 5000))
    assert caught.value.message == "the file is 260 KiB, over the 256 KiB limit"


def test_utf8_with_or_without_a_bom_and_nothing_else():
    assert decode_source("\ufeffname: Café\n".encode()) == "name: Café\n"
    assert decode_source("name: Café\n".encode()) == "name: Café\n"
    with pytest.raises(YamlProblem) as caught:
        decode_source(b"a: 1\nb: 2\nc: \xff\n")
    assert (caught.value.line, caught.value.col, caught.value.message, caught.value.hint) == (
        3, 1, "the file is not valid UTF-8 text", "save it with UTF-8 encoding")
    with pytest.raises(YamlProblem) as caught:
        decode_source(b"a: 1\nb: \x00\n")
    assert (caught.value.line, caught.value.col, caught.value.message, caught.value.hint) == (
        1, 1, "the file contains NUL bytes", "save it as plain UTF-8 text")


# --- YAML as typed, with positions ------------------------------------------------------------------------

def test_every_scalar_stays_the_text_typed_and_only_plain_nulls_are_no_value():
    data, _ = load_yaml("a: NO\nb: 0123\nc: 2024-01-01\nd: ~\ne: null\nf: Null\ng: NULL\nh:\ni: nUll\n"
                        "j: '~'\nk: \"null\"\nl: ''\nm: 1.50\nn: [yes, on]\n")
    assert data == {"a": "NO", "b": "0123", "c": "2024-01-01", "d": None, "e": None, "f": None, "g": None, "h": None,
                    "i": "nUll", "j": "~", "k": "null", "l": "", "m": "1.50", "n": ["yes", "on"]}
    assert load_yaml("") == (None, Positions())
    assert load_yaml("# only a comment\n")[0] is None


def test_positions_of_keys_and_values_with_a_line_offset():
    text = "name: x\norganisation:\n  name: y\nlist:\n  - a\n  -   b\n"
    data, positions = load_yaml(text, line_offset=10)
    assert data == {"name": "x", "organisation": {"name": "y"}, "list": ["a", "b"]}
    assert positions.values[("name",)] == (1, 7) and positions.keys[("name",)] == (1, 1)
    assert positions.values[("organisation", "name")] == (3, 9) and positions.keys[("organisation", "name")] == (3, 3)
    assert positions.values[("list", 1)] == (6, 7)
    assert positions.locate(("list", 1)) == (16, 7)
    assert positions.locate(("organisation", "name"), prefer_key=True) == (13, 3)
    assert positions.locate(("organisation", "name")) == (13, 9)
    assert positions.locate(("organisation", "missing", 3)) == (13, 3)  # the nearest known parent: its value
    assert positions.locate(("organisation", "missing"), prefer_key=True) == (12, 1)  # or its key
    assert positions.locate(("nowhere",)) == (11, 1)  # the whole document starts at line 1
    assert Positions(line_offset=4).locate(("a", "b")) == (5, 1)


_SCALAR = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Zl", "Zp")), max_size=12)
_KEY = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_TREE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEY, inner, max_size=3),
                     max_leaves=12)


@FAST
@given(st.dictionaries(_KEY, _TREE, min_size=1, max_size=4), st.integers(0, 30))
def test_any_structure_reads_back_as_written_and_every_key_is_located(tree, offset):
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=False, sort_keys=False)
    data, positions = load_yaml(text, line_offset=offset)
    assert data == tree
    lines = text.split("\n")
    for key in tree:
        line, col = positions.locate((key,), prefer_key=True)
        assert lines[line - offset - 1][col - 1:].startswith(key)


def _soft(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    _, positions = load_yaml(text, line_offset=offset)
    return [(p.line, p.col, p.message, p.hint) for p in positions.problems]


def test_anchors_aliases_tags_merge_keys_and_repeated_keys_are_reported_and_the_rest_read():
    text = "a: &x one\nb: *x\nc: !!str two\nd:\n  <<: {e: 1}\n  f: g\na: again\nh: !local three\ni: ! plain\n"
    data, _ = load_yaml(text)
    assert data == {"a": "one", "b": None, "c": "two", "d": {"f": "g"}, "h": "three", "i": "plain"}
    assert _soft(text, offset=2) == [
        (3, 4, "YAML anchor '&x' is not allowed", "remove the anchor and write each value out in full"),
        (4, 4, "YAML alias '*x' is not allowed",
         "write the value out in full; anchors and aliases hide what a listing really says"),
        (5, 4, "YAML tag 'tag:yaml.org,2002:str' is not allowed", "remove the tag; put text in quotes if it must stay text"),
        (7, 3, "YAML merge keys ('<<') are not allowed", "write the fields out in full"),
        (9, 1, "duplicate field 'a' (first given on line 3)", "keep one of them: YAML would silently use only the last"),
        (10, 4, "YAML tag '!local' is not allowed", "remove the tag; put text in quotes if it must stay text"),
    ]
    assert load_yaml("a: {b: [1, {c: 2}], d: 3}\na: {x: [y]}\ne: f\n")[0] == {"a": {"b": ["1", {"c": "2"}], "d": "3"}, "e": "f"}
    assert load_yaml("'<<': quoted\n")[0] == {"<<": "quoted"}  # only a plain << is a merge key


def _hard(text: str, offset: int = 0) -> tuple[int, int, str, str]:
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, line_offset=offset)
    return caught.value.line, caught.value.col, caught.value.message, caught.value.hint


def test_unreadable_files_raise_with_their_position():
    assert _hard("a: 1\n---\nb: 2\n", 3) == (5, 1, "the file holds more than one YAML document",
                                               "remove the extra '---' line: one listing per file")
    assert _hard("a: 1\n? [b]\n: c\n", 1) == (3, 3, "a field name must be plain text", "")
    line, _, message, hint = _hard("a: b\nc: [d\ne: f\n", 5)
    assert line > 5 and message.startswith("this is not valid YAML: ") and len(message) > len("this is not valid YAML: ")
    assert hint == "check the indentation and that text containing ': ' or '#' is in quotes"
    assert _hard("a: b\n  c: d\n")[:2] == (2, 4)


def test_nesting_is_limited_to_twenty_levels():
    def nested(levels: int) -> str:
        return "[" * levels + "x" + "]" * levels

    data, _ = load_yaml(nested(20))
    for _ in range(20):
        data = data[0]
    assert data == "x"
    assert _hard(nested(21), 2) == (3, 22, "the file is nested too deeply", "")
    fields = "".join(f"{'  ' * n}a{n}:\n" for n in range(21)) + "  " * 21 + "x: y\n"  # fields within fields, too
    assert _hard(fields, 0)[:3] == (22, 43, "the file is nested too deeply")


def test_characters_yaml_cannot_read_are_a_problem_at_the_first_line():
    with pytest.raises(YamlProblem) as caught:
        load_yaml("a: b\nc: \x01\n", line_offset=4)
    assert (caught.value.line, caught.value.col) == (5, 1)
    assert caught.value.message.startswith("this is not valid YAML: unacceptable character #x0001")


# --- pydantic's verdicts as problems -------------------------------------------------------------------------

def _problems(model, data: dict, **context: Any) -> list[tuple[int, int, str, str, str]]:
    text = dump(data)
    parsed, positions = load_yaml(text)
    try:
        model.model_validate(parsed, context=context or None)
    except ValidationError as error:
        return [(p.line, p.col, p.field, p.message, p.hint) for p in problems_from(error, model, "x.yaml", positions)]
    return []


def _line(data: dict, starts: str, after: int = 0) -> int:
    lines = dump(data).split("\n")
    return next(n for n, text in enumerate(lines, 1) if n > after and text.lstrip(" -").startswith(starts))


def _listing(**changes: Any) -> dict:
    data = {**GOOD_LISTING, **changes}
    return {k: v for k, v in data.items() if v is not ...}


def test_the_good_listing_has_no_problem():
    assert _problems(Service, _listing()) == []


def test_missing_and_unknown_fields():
    data = _listing(summary=..., summry="typo")
    found = _problems(Service, data)
    assert (1, 1, "summary", "required field 'summary' is missing",
            "add 'summary:' (see the field reference in README.md)") in found
    fields_here = ", ".join(Service.model_fields)
    assert (_line(data, "summry"), 1, "summry", "unknown field 'summry'", f"did you mean 'summary'? fields here: {fields_here}") in found
    data = _listing(organisation={"name": "X", "webiste": "https://x.example.org"})
    assert _problems(Service, data) == [(_line(data, "webiste"), 3, "organisation.webiste", "unknown field 'webiste'",
                                         "did you mean 'website'? fields here: name, website, charity_number")]
    data = _listing(locations=[{"postcode": "BS1 4DJ", "zzz": "x"}])
    assert _problems(Service, data) == [(_line(data, "zzz"), 3, "locations[0].zzz", "unknown field 'zzz'",
                                         "fields here: name, address, postcode, accessibility")]
    data = _listing(contact={"phone": "0117 496 0123", "emial": "a@example.org"})
    assert _problems(Service, data)[0][2:] == ("contact.emial", "unknown field 'emial'",
                                               "did you mean 'email'? fields here: phone, email, website")


def test_wrong_shapes():
    data = _listing(name=["a", "b"], summary={"a": "b"}, audiences={"a": "b"}, organisation="Trust", age_range={"min": "five", "max": 30})
    found = {p[2]: p[3:] for p in _problems(Service, data)}
    assert found["name"] == ("should be text, not a list", "write the text on the same line as the field name")
    assert found["summary"] == ("should be text, not a group of fields", "write the text on the same line as the field name")
    assert found["audiences"] == ("should be a list, not a group of fields", "write each item on its own line starting with '- '")
    assert found["organisation"] == ("should be a group of fields, not text",
                                     "write the fields on indented lines below it: name, website, charity_number")
    assert found["age_range.min"] == ("'five' should be a whole number", "write digits only, like 12")
    assert found["age_range.max"] == ("should be at most 25", "")
    assert {p[2]: p[3:] for p in _problems(Service, _listing(age_range={"min": "-1"}))}["age_range.min"] == ("should be at least 0", "")
    shapes = {p[2]: p[3:] for p in _problems(Service, _listing(age_range={"min": [5], "max": {"a": 1}}))}
    assert shapes["age_range.min"] == ("should be a whole number, not a list", "write digits only, like 12")
    assert shapes["age_range.max"] == ("should be a whole number, not a group of fields", "write digits only, like 12")
    # each points at the value, not at its field name (a list's value starts on the line below)
    where = {p[2]: p[:2] for p in _problems(Service, data)}
    lines = dump(data).split("\n")
    assert where["name"] == (lines.index("name:") + 2, 1)
    assert where["audiences"] == (lines.index("audiences:") + 2, 3)
    assert where["age_range.max"] == (lines.index("  max: 30") + 1, 8)
    assert where["age_range.min"] == (lines.index("  min: five") + 1, 8)
    low = _listing(age_range={"min": "-1", "max": 10})  # below the least: the value is pointed at too, not its key
    assert {p[2]: p[:2] for p in _problems(Service, low)}["age_range.min"] == (_line(low, "min:"), 8)
    data = _listing(organisation=["a"], locations=[{"name": "Office"}])
    found = {p[2]: p[:2] + p[3:] for p in _problems(Service, data)}
    assert found["organisation"][2] == "should be a group of fields, not a list"
    lines = dump(data).split("\n")
    assert found["locations[0].postcode"][:3] == (lines.index("- name: Office") + 1, 3,
                                                    "required field 'postcode' is missing")


def test_sizes_and_empty_values():
    data = _listing(summary="x" * 301, topics=[f"t{n}" for n in range(51)], audiences=[], name=None)
    found = {p[2]: p[3:] for p in _problems(Service, data)}
    where = {p[2]: p[:2] for p in _problems(Service, data)}
    lines = dump(data).split("\n")
    assert where["summary"] == (next(n for n, t in enumerate(lines, 1) if t.startswith("summary:")), 10)
    assert where["topics"] == (lines.index("topics:") + 2, 1) and where["name"] == (1, 7)
    assert where["audiences"] == (lines.index("audiences: []") + 1, 12)  # the empty list itself, not its key
    assert found["summary"] == ("is too long: 301 characters, at most 300", "shorten it; put the detail in the description")
    assert found["topics"] == ("has too many items (at most 50)", "keep the most important ones")
    assert found["audiences"] == ("needs at least 1 item", "add one on a line starting with '- '")
    assert found["name"] == ("is empty", "write a value, or remove the line if the field is optional")
    found = {p[2]: p[3:] for p in _problems(Service, _listing(locations=[]))}
    assert found["locations"][0] == "needs at least 1 item"


def test_our_own_checks_point_at_the_field_they_name():
    data = {**GOOD_RESOURCE, "file": "guide.pdf"}
    assert _problems(Resource, data, today=dt.date(2026, 11, 23)) == [
        (_line(data, "link"), 1, "link", "needs exactly one of 'link' or 'file'",
         "give 'link' for a web page, or 'file' for a document stored with the hub")]
    data = _listing(contact={"phone": "0117 496 012"})
    assert _problems(Service, data) == [(_line(data, "phone:"), 10, "contact.phone",
                                         "'0117 496 012' has 10 digits; Ofcom's drama numbers 0117 496 0xxx have 11",
                                         "check for a missing or extra digit")]
    vocabulary, _ = load_vocabulary(None)
    data = _listing(age_range=..., audiences=["children-and-young-people"])
    assert _problems(Service, data, vocabulary=vocabulary) == [
        (_line(data, "audiences"), 1, "audiences", "the audience 'children-and-young-people' needs an age range",
         "add  age_range: {min: 5, max: 18}  with the ages the service works with")]
    event = {"title": "T", "summary": "S", "start": "2026-12-03", "organiser": "O", "audiences": ["professionals"],
             "last_reviewed": "2026-01-01"}
    assert _problems(Event, event, today=dt.date(2026, 11, 23))[0][:3] == (_line(event, "start"), 1, "start")


def test_dotted_paths():
    assert dotted(("locations", 0, "postcode")) == "locations[0].postcode"
    assert dotted((0, "a")) == "[0].a" and dotted(("a",)) == "a" and dotted(()) == ""


# --- example values from hub-build new -------------------------------------------------------------------------

def test_every_example_value_left_is_an_error_at_its_line_with_a_hint_for_its_field():
    data = {"name": "Real", "organisation": {"name": "  your   ORGANISATION "},
            "locations": [{"postcode": placeholders.POSTCODE}], "coverage": {"local_authorities": [placeholders.COUNCIL_AREA]},
            "contact": {"email": placeholders.EMAIL}, "summary": "A real summary."}
    text = dump(data)
    parsed, positions = load_yaml(text, line_offset=1)
    body = f"# Title\n\n{placeholders.RESOURCE_BODY}\n  {placeholders.EVENT_BODY.upper()}  \n\nReal text.\n"
    found = placeholders.problems(parsed, positions, "x.md", body, body_line=20)
    message = placeholders.MESSAGE
    expected = [
        Problem("x.md", _line(data, "name: '") + 1, 9, f"{message} ('your   ORGANISATION')",
                "replace it with the real details, then run hub-build validate again", field="organisation.name"),
        Problem("x.md", _line(data, "postcode") + 1, 13, f"{message} ('SW1A 2AA')", "write the real postcode of the place",
                field="locations[0].postcode"),
        Problem("x.md", _line(data, placeholders.COUNCIL_AREA) + 1, 5, f"{message} ('{placeholders.COUNCIL_AREA}')",
                "write the council areas the service covers (like \"Bristol, City of\"), or replace the coverage "
                "with 'national: true' if it works across the whole UK, or 'nations: [wales]'",
                field="coverage.local_authorities[0]"),
        Problem("x.md", _line(data, "email") + 1, 10, f"{message} ('{placeholders.EMAIL}')",
                "replace it with the real details, then run hub-build validate again", field="contact.email"),
        Problem("x.md", 22, 1, f"{message} (the page's text)", "write the page's text in place of this line", field="(text)"),
        Problem("x.md", 23, 1, f"{message} (the page's text)", "write the page's text in place of this line", field="(text)"),
    ]
    assert sorted(found, key=Problem.sort_key) == sorted(expected, key=Problem.sort_key)
    assert placeholders.problems({"a": "real"}, Positions(), "x.md") == []
    other = Problem("x.md", expected[1].line, 3, "not a postcode")
    assert placeholders.superseded(other, found)
    assert not placeholders.superseded(found[0], [found[0]])
    assert not placeholders.superseded(Problem("y.md", expected[1].line, 3, "m"), found)
    assert not placeholders.superseded(Problem("x.md", 99, 3, "m"), found)


# --- link settings in mkdocs.yml ----------------------------------------------------------------------------------

URL_HINT = "write the full address, like https://www.example.org/page"


@pytest.mark.parametrize("value, rule, verdict", [
    (None, "absolute", None), ("", "absolute", None), ("https://example.org/", "absolute", None),
    (" https://example.org/ ", "absolute", None),
    (5, "absolute", ("is not a web address", "write it as text, like https://www.example.org/")),
    (["x"], "relative", ("is not a web address", "write it as text, like https://www.example.org/")),
    ("javascript:alert(1)", "absolute", ("'javascript:alert(1)' is not a web address starting with https:// or http://", URL_HINT)),
    ("javascript:alert(1)", "relative", ("'javascript:alert(1)' is not a web address starting with https:// or http://", URL_HINT)),
    ("/about/", "absolute", ("'/about/' is not a web address starting with https:// or http://", URL_HINT)),
    ("/about/", "relative", None), ("edit/main/content/", "relative", None), (" docs/ ", "relative", None),
    ("//evil.example/", "relative", ("'//evil.example/' is not a web address starting with https:// or http://", URL_HINT)),
    ("a b", "relative", ("'a b' is not a usable link", "write a path inside the site or a full https:// address")),
    ("a\x01b", "relative", ("'a\x01b' is not a usable link", "write a path inside the site or a full https:// address")),
    ("edit/\nmain/", "relative", ("'edit/\nmain/' is not a usable link", "write a path inside the site or a full https:// address")),
    ("/Xmas-events/", "relative", None),
    ("x" * 70 + "<", "relative", (f"'{'x' * 60}' is not a usable link", "write a path inside the site or a full https:// address")),
])
def test_link_settings(value, rule, verdict):
    assert config_links.link_problem(value, rule) == verdict


@pytest.mark.parametrize("bad", ["<", ">", '"', "'", "`", "\\"])
def test_relative_links_refuse_characters_that_break_out_of_an_attribute(bad):
    assert config_links.link_problem(f"a{bad}b", "relative")[0] == f"'a{bad}b' is not a usable link"


def test_every_link_setting_is_checked_at_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_description: \"a\\nb\"\n"          # 1
        "site_name: \"Hub\\u0007\"\n"            # 2
        "site_url: javascript:x\n"               # 3
        "repo_url: javascript:y\n"               # 4
        "edit_uri: '//evil.example/'\n"          # 5
        "plugins:\n"                             # 6
        "  - search\n"                           # 7
        "  - hub:\n"                             # 8
        "      edit_url: 'javascript:{path}'\n"  # 9
        "      repository: ftp://x.example.org\n"  # 10
        "extra:\n"                               # 11
        "  homepage: 'a b'\n"                    # 12
        "  social:\n"                            # 13
        "    - icon: x\n"                        # 14
        "      link: /relative/\n"               # 15
        "    - link: https://ok.example.org/\n"  # 16
        "  alternate:\n"                         # 17
        "    - link: /cy/\n"                     # 18
        "    - link: 'x y'\n",                   # 19
        encoding="utf-8")
    loaded = yaml.load(config.read_text(), Loader=yaml.SafeLoader)
    found = {(p.line, p.field): (p.message, p.hint) for p in config_links.link_setting_problems(config, loaded, "hub/mkdocs.yml")}
    assert set(found) == {(1, "site_description"), (2, "site_name"), (3, "site_url"), (4, "repo_url"), (5, "edit_uri"), (9, "plugins.hub.edit_url"),
                          (10, "plugins.hub.repository"), (12, "extra.homepage"), (15, "extra.social.0.link"),
                          (19, "extra.alternate.1.link")}
    assert found[(1, "site_description")][0] == "contains an invisible control character (U+000A)"
    assert found[(2, "site_name")] == ("contains an invisible control character (U+0007)",
                                       "retype the text, or paste it as plain text")
    assert found[(9, "plugins.hub.edit_url")][0] == "'javascript:path' is not a web address starting with https:// or http://"
    assert all(p.path == "hub/mkdocs.yml" and p.col == 1 for p in config_links.link_setting_problems(config, loaded, "hub/mkdocs.yml"))
    assert [(p.path, p.line) for p in config_links.link_setting_problems(tmp_path / "missing.yml", {"site_url": "x:y"})] == [
        ("mkdocs.yml", 1)]
    tagged = tmp_path / "tagged.yml"  # MkDocs' own tags (!ENV) are read for the lines, not refused
    tagged.write_text("site_name: Hub\nrepo_url: !ENV [REPO, 'javascript:z']\n", encoding="utf-8")
    assert [(p.line, p.field) for p in config_links.link_setting_problems(tagged, {"repo_url": "javascript:z"})] == [
        (2, "repo_url")]
    assert config_links.link_setting_problems(config, {"extra": "not a mapping", "site_name": 5}) == []


@FAST
@given(st.dictionaries(_KEY, _TREE, min_size=1, max_size=4), st.integers(0, 30))
def test_packed_positions_give_the_same_answers_as_the_tables(tree, offset):
    """Memory: a listing's position tables are packed (its text, compressed) once its own checks are done;
    a later stage's locate must still find every key and value where the tables did."""
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=False, sort_keys=False)
    _, positions = load_yaml(text, line_offset=offset)
    paths = [*positions.values, *positions.keys]
    expected = [(positions.locate(path), positions.locate(path, prefer_key=True)) for path in paths]
    positions.pack()
    assert positions.tables is None and not positions.text and positions.packed  # nothing but the packed text kept
    assert [(positions.locate(path), positions.locate(path, prefer_key=True)) for path in paths] == expected


def test_link_settings_are_pointed_at_whatever_the_layout(tmp_path):
    """A plugin with its own options before the hub's, settings merged from an anchor (pointed at their section),
    and a setting that is not in this file at all (MkDocs' INHERIT: line 1)."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Hub\n"                          # 1
        "defaults: &links\n"                        # 2
        "  homepage: 'javascript:alert(1)'\n"       # 3
        "extra:\n"                                  # 4
        "  <<: *links\n"                            # 5
        "plugins:\n"                                # 6
        "  - search:\n"                             # 7
        "      lang: en\n"                          # 8
        "  - hub:\n"                                # 9
        "      repository: ftp://x.example.org\n",  # 10
        encoding="utf-8")
    loaded = yaml.load(config.read_text(), Loader=yaml.SafeLoader)
    assert [(p.line, p.field, p.message, p.hint) for p in config_links.link_setting_problems(config, loaded)] == [
        (4, "extra.homepage", "'javascript:alert(1)' is not a web address starting with https:// or http://", URL_HINT),
        (10, "plugins.hub.repository", "'ftp://x.example.org' is not a web address starting with https:// or http://",
         URL_HINT)]
    inherited = {**loaded, "extra": {}, "plugins": [], "site_description": "a\x07b"}
    assert [(p.line, p.field) for p in config_links.link_setting_problems(config, inherited)] == [(1, "site_description")]
