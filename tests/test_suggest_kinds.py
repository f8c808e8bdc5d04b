"""The suggest form for every kind (service, resource, event, practice example), in real headless Chromium:
plain English throughout, files that `hub-build validate` accepts, and an exact round trip through the hub's
strict reader whatever characters are typed into whichever field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import chromium_page, static_server
from hub_build.load.loader import parse_document, split_front_matter
from hub_build.render.suggest_words import HIDDEN, TECHNICAL, form_words, plain, words
from hub_build.publish.schema import build_schemas
from hub_build.core.vocabulary import load_vocabulary
from hubs import hub_build, make_hub, mkdocs_build

KINDS = ("service", "resource", "event", "practice")
VOCABULARY, _ = load_vocabulary(None)
SCHEMAS = {name.split(".")[0]: doc for name, doc in build_schemas(VOCABULARY).items()}

HOSTILE = [
    "line\u2028separator", "paragraph\u2029separator", "next\u0085line", "carriage\rreturn", "tab\there",
    "bell\x07 escape\x1b delete\x7f c1\x9f nul\x00", "form\x0cfeed vertical\x0btab",
    "- dash", "? question", ": colon", "# hash", "& anchor", "* alias", "! tag", "| pipe", "> fold",
    "' single", '" double', "% percent", "@ at", "` backtick", "key: value # not a comment", "[a, b]", "{a: b}",
    "  leading spaces", "trailing spaces  ", "\\ back\\slash \\n \\u2028", "null", "~", "true", "no", "0123",
    "2024-01-01", "---", "...", "\ufeffbyte order mark", "non-character \ufffe\uffff", "😀 astral 𝄞",
    "Welsh ŵ ŷ, Urdu اردو, right-to-left \u202eevil", "two\nlines\n\n  indented\nend", "ends with a break\n",
    "x" * 5000,
]


def _paths(schema: dict, node: dict, prefix: str = ""):
    """Every field path (dotted, without list positions) of a schema."""
    defs = schema.get("$defs", {})
    for key, prop in node.get("properties", {}).items():
        path = f"{prefix}{key}"
        yield path
        text = json.dumps(prop)
        for ref in re.findall(r'"\$ref": "#/\$defs/(\w+)"', text):
            yield from _paths(schema, defs[ref], path + ".")


def test_every_field_of_every_kind_has_plain_words_and_every_rule_a_plain_message():
    for kind in KINDS:
        schema = SCHEMAS[kind]
        table = words(kind)
        fields = set(_paths(schema, schema))
        hidden = HIDDEN.get(kind, [])
        fields = {p for p in fields if p.split(".")[0] not in hidden}
        missing = {p for p in fields if p not in table}
        assert missing == set(), (kind, missing)
        for path in fields:
            label, hint = table[path]
            assert label and not TECHNICAL.search(label) and not TECHNICAL.search(hint), (kind, path, label, hint)
        for message, said in form_words(kind, schema)["messages"].items():
            assert not TECHNICAL.search(said), (kind, message, said)
    assert plain("give the ages worked with (age_range): the audience 'Children and young people' needs it") == \
        "give the youngest and oldest ages: needed for Children and young people"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_hub(tmp_path_factory.mktemp("suggest-kinds"), plugin_options="      report_email: editors@example.org\n")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


VALID = {
    "resource": [("fill", "title", "Talking to children: a guide"), ("fill", "summary", "How to start the conversation."),
                 ("select", "type", "guide"), ("check", "audiences-professionals", ""), ("check", "sectors-schools", ""),
                 ("fill", "publisher", "Severn Families Trust"), ("fill", "link", "https://severn.example.org/guide"),
                 ("fill", "body", "A guide for **school staff**.\n\n- what to say\n- what not to say")],
    "event": [("fill", "title", "Hidden sentence training"), ("fill", "summary", "A morning for school staff."),
              ("fill", "start", "2026-12-03 10:00"), ("fill", "end", "2026-12-03 13:00"), ("check", "online", ""),
              ("fill", "organiser", "Severn Families Trust"), ("check", "audiences-professionals", ""),
              ("fill", "booking", "https://severn.example.org/book"), ("fill", "body", "Join us online.")],
    "practice": [("fill", "title", "Schools and police together"), ("select", "kind", "practice-example"),
                 ("fill", "organisation-name", "Severn Families Trust"), ("check", "sectors-schools", ""),
                 ("check", "nations-wales", ""), ("fill", "summary", "Officers tell schools when a child's parent is arrested."),
                 ("fill", "approach", "A shared form.\n\n1. the officer rings\n2. the school listens"),
                 ("fill", "outcomes", "More children were supported."), ("fill", "contact-email", "info@severn.example.org")],
}


def _answer(page, steps) -> None:
    for action, field, value in steps:
        selector = f"#hub-f-{field}"
        if action == "fill":
            page.fill(selector, value)
        elif action == "select":
            page.select_option(selector, value)
        else:
            page.check(selector)


def _visible_text(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#hub-suggest label, #hub-suggest legend, ' +
        '#hub-suggest .hub-field__hint, #hub-suggest .hub-field__error, #hub-suggest option, #hub-suggest button, ' +
        '#hub-suggest .hub-suggest__summary'))
        .filter(n => n.offsetParent !== null || n.tagName === 'OPTION').map(n => n.textContent).join('\\n')""")


@pytest.mark.parametrize("kind", ["resource", "event", "practice"])
def test_each_kind_makes_a_file_that_passes_validation_and_speaks_plainly(site, tmp_path, kind):
    with static_server(site) as base, chromium_page() as (page, _requests):
        page.goto(base + "suggest/")
        page.select_option("#hub-suggest-kind", kind)
        page.click(".hub-suggest__submit")  # empty: every message is plain English
        page.locator(".hub-suggest__summary").wait_for(state="visible")
        empty_text = _visible_text(page)
        for field in ("contact-email", "contact-phone", "link", "booking", "start", "place-postcode"):
            if page.locator(f"#hub-f-{field}").count():
                page.fill(f"#hub-f-{field}", "not right")
        page.click(".hub-suggest__submit")
        wrong_text = _visible_text(page)
        _answer(page, VALID[kind])
        for field in ("contact-email", "contact-phone", "link", "booking", "start", "place-postcode"):
            if page.locator(f"#hub-f-{field}").count() and page.input_value(f"#hub-f-{field}") == "not right":
                page.fill(f"#hub-f-{field}", "")
        page.click(".hub-suggest__submit")
        page.wait_for_selector(".hub-suggest__result:not([hidden])")
        text = page.input_value("#hub-suggest-yaml")
        file_name = page.text_content(".hub-suggest__file")
    for shown in (empty_text, wrong_text):
        assert "problem" in shown
        bad = [line for line in shown.splitlines() if TECHNICAL.search(line)]
        assert bad == [], bad
        assert not re.search(r"\(\d+\)|local_authorities|last_reviewed|age_range|front matter", shown)
    folder = {"resource": "content/resources", "event": "content/events", "practice": "content/practice"}[kind]
    assert file_name.startswith(folder + "/") and file_name.endswith(".md")
    root = make_hub(tmp_path / "hub")
    (root / file_name).parent.mkdir(parents=True, exist_ok=True)
    (root / file_name).write_text(text, encoding="utf-8")
    report = json.loads(hub_build("validate", "--format", "json", cwd=root).stdout)
    assert report["errors"] == 0, report
    assert [p for p in report["problems"] if p["path"] == file_name] == []


def _expected(value):
    """What the hub's reader gives for the form's data: every scalar is text."""
    if isinstance(value, dict):
        return {k: _expected(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expected(v) for v in value]
    return "true" if value is True else value


FILL_ALL = """(text) => {
  const box = '#hub-suggest .hub-suggest__fields ';
  document.querySelectorAll(box + 'input:not([type=checkbox]):not([type=radio]), ' + box + 'textarea')
    .forEach(n => { n.value = text; });
  document.querySelectorAll('#hub-suggest .hub-suggest__fields input[type=checkbox]').forEach(n => { n.checked = true; });
  const form = window.HubSuggest.current;
  const data = form.data();
  return {data: data, text: form.fileText(data), body: form.body ? form.body.value : null};
}"""


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_characters_in_every_field_round_trip_exactly(site, kind):
    front = kind != "service"
    with static_server(site) as base, chromium_page() as (page, _):
        page.goto(base + "suggest/")
        page.select_option("#hub-suggest-kind", kind)
        # Typed, as a person would, into every text field: the browser keeps what each kind of field allows.
        typed_fields = page.locator("#hub-suggest .hub-suggest__fields input[type=text], "
                                    "#hub-suggest .hub-suggest__fields textarea")
        for index in range(typed_fields.count()):
            typed_fields.nth(index).fill("\n".join(HOSTILE[:40]))
        runs = [page.evaluate("() => { const f = window.HubSuggest.current; const d = f.data(); "
                              "return {data: d, text: f.fileText(d), body: f.body ? f.body.value : null}; }")]
        runs += [page.evaluate(FILL_ALL, text) for text in HOSTILE + ["\n".join(HOSTILE)]]
    for run in runs:
        assert run["data"], run
        data, _positions, problems = parse_document(run["text"].encode("utf-8"), "x", front_matter=front)
        assert problems == [], (run["text"][:300], problems)
        data.pop("#", None)
        assert data == _expected(run["data"]), run["text"][:500]
        if front:
            body = run["body"].replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
            assert run["text"].endswith("\n---\n" + body + "\n")
            assert split_front_matter(run["text"])[1] == body + "\n"  # the loader reads the page's text back
