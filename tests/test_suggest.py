"""The suggest-a-listing page, in real headless Chromium: the form is built from the schema, blocks invalid
input with messages by the fields, and produces YAML that `hub-build validate` accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest

from browser import chromium_page, foreign_requests, static_server
from hubs import GOOD_LISTING, hub_build, make_hub, mkdocs_build

NO_REPOSITORY = "      edit_url: https://github.com/example/hub/edit/main/{path}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_hub(tmp_path_factory.mktemp("suggest"))
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site_without_repository(tmp_path_factory) -> Path:
    root = make_hub(tmp_path_factory.mktemp("suggest-norepo"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert NO_REPOSITORY in text
    config.write_text(text.replace(NO_REPOSITORY, "      page_size: 50\n"), encoding="utf-8")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


def fill_valid(page) -> None:
    """A contributor's answers: every kind of control (text, select, checkboxes, lines, repeated group)."""
    page.fill("#hub-f-name", "Leeds Family Support: \"Hope\" #1")
    page.fill("#hub-f-organisation-name", "Aire Families Trust")
    page.fill("#hub-f-organisation-charity_number", "1190002")
    page.fill("#hub-f-summary", "Support for children in Leeds when a parent is in prison.")
    page.fill("#hub-f-description", "We meet families at home.\n\n- first visits\n- talking to children")
    page.check("#hub-f-service_types-family-support")
    page.check("#hub-f-audiences-children-and-young-people")
    page.fill("#hub-f-age_range-min", "5")
    page.fill("#hub-f-age_range-max", "16")
    page.select_option("#hub-f-access-referral", "self-or-professional")
    page.select_option("#hub-f-cost-type", "free")
    page.check("#hub-f-formats-in-person")
    page.fill("#hub-f-locations-0-postcode", "LS1 4AP")
    page.fill("#hub-f-locations-0-name", "Hope office")
    page.fill("#hub-f-coverage-local_authorities", "Leeds")
    page.fill("#hub-f-contact-phone", "0113 496 0000")
    page.fill("#hub-f-contact-email", "hope@example.org")
    page.fill("#hub-f-languages", "English\nUrdu")


def test_valid_answers_make_a_file_that_passes_validation(site, tmp_path):
    with static_server(site) as base, chromium_page() as (page, requests):
        page.goto(base + "suggest/")
        assert page.locator("form.hub-suggest__form").is_visible()
        fill_valid(page)
        page.click("button:has-text('Add another place')")
        page.fill("#hub-f-locations-1-postcode", "LS2 8BE")
        page.click("button[type=submit]")
        page.wait_for_selector(".hub-suggest__result:not([hidden])")
        assert page.locator(".hub-suggest__summary").is_hidden()
        yaml_text = page.input_value("#hub-suggest-yaml")
        file_name = page.text_content(".hub-suggest__file")
        github = page.get_attribute(".hub-suggest__github", "href")
        download = page.get_attribute(".hub-suggest__download", "download")
        assert page.evaluate("document.activeElement.id") == "hub-suggest-result-title"
        assert foreign_requests(requests, base) == []
    assert file_name == "directory/leeds-family-support-hope-1.yaml"
    assert download == "leeds-family-support-hope-1.yaml"
    assert yaml_text.startswith("# yaml-language-server: $schema=../schema/service.schema.json\n")
    # The GitHub "new file" page, pre-filled: checked, never followed.
    parts = urlsplit(github)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/example/hub/new/main")
    query = parse_qs(parts.query)
    assert query["filename"] == [file_name] and query["value"] == [yaml_text]
    # The produced file, dropped into a hub, passes the build's own validation.
    hub = make_hub(tmp_path / "hub", listings={Path(file_name).name: yaml_text})
    done = hub_build("validate", cwd=hub)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors" in done.stdout
    data = json.loads(hub_build("validate", "--format", "json", cwd=hub).stdout)
    assert data["errors"] == 0


def test_invalid_answers_are_blocked_with_messages_by_the_fields(site):
    with static_server(site) as base, chromium_page() as (page, requests):
        page.goto(base + "suggest/")
        fill_valid(page)
        page.fill("#hub-f-name", "")
        page.fill("#hub-f-contact-email", "hope at example.org")
        page.fill("#hub-f-contact-phone", "0113 496 000")
        page.fill("#hub-f-organisation-website", "ftp://example.org")
        page.fill("#hub-f-locations-0-postcode", "LS1")
        page.fill("#hub-f-age_range-min", "")
        page.fill("#hub-f-age_range-max", "")  # children need an age range
        page.click("button[type=submit]")
        summary = page.locator(".hub-suggest__summary")
        summary.wait_for(state="visible")
        assert page.locator(".hub-suggest__result").is_hidden()
        assert page.evaluate("document.activeElement.className") == "hub-suggest__summary"
        messages = {}
        for field in ("name", "contact-email", "contact-phone", "organisation-website", "locations-0-postcode"):
            control = page.locator(f"#hub-f-{field}")
            assert control.get_attribute("aria-invalid") == "true", field
            described = control.get_attribute("aria-describedby").split()
            assert f"hub-f-{field}-error" in described
            messages[field] = page.text_content(f"#hub-f-{field}-error")
        age_error = page.text_content("#hub-f-age_range-error")
        links = page.eval_on_selector_all(".hub-suggest__summary a", "as => as.map(a => a.getAttribute('href'))")
        valid_field = page.get_attribute("#hub-f-summary", "aria-invalid")
        # Fixing the answers clears the messages and lets the file through.
        page.fill("#hub-f-name", "Hope")
        page.fill("#hub-f-contact-email", "hope@example.org")
        page.fill("#hub-f-contact-phone", "0113 496 0000")
        page.fill("#hub-f-organisation-website", "https://example.org")
        page.fill("#hub-f-locations-0-postcode", "LS1 4AP")
        page.fill("#hub-f-age_range-max", "12")
        page.click("button[type=submit]")
        page.wait_for_selector(".hub-suggest__result:not([hidden])")
        cleared = page.get_attribute("#hub-f-contact-email", "aria-invalid")
        assert foreign_requests(requests, base) == []
    assert messages["name"] == "Fill in name of the service."
    assert "e-mail address like name@example.org" in messages["contact-email"]
    assert "UK phone number" in messages["contact-phone"]
    assert "https://" in messages["organisation-website"]
    assert "postcode" in messages["locations-0-postcode"]
    assert "Children and young people" in age_error
    assert "#hub-f-name" in links and "#hub-f-contact-email" in links
    assert valid_field is None and cleared is None


def test_without_a_repository_the_file_is_copied_or_downloaded(site_without_repository):
    with static_server(site_without_repository) as base, chromium_page() as (page, requests):
        page.goto(base + "suggest/")
        fill_valid(page)
        page.click("button[type=submit]")
        page.wait_for_selector(".hub-suggest__result:not([hidden])")
        assert page.locator(".hub-suggest__github").is_hidden()
        href = page.get_attribute(".hub-suggest__download", "href")
        with page.expect_download() as info:
            page.click(".hub-suggest__download")
        saved = Path(info.value.path()).read_text(encoding="utf-8")
        assert saved == page.input_value("#hub-suggest-yaml")
        assert foreign_requests(requests, base) == []
    assert href.startswith("blob:")


# Values on either side of each rule: the browser's verdict must equal the build's schema verdict (Python).
RULE_CASES = {
    ("contact", "phone"): ["0117 496 0123", "+44 (0)117 496 0123", "0800 123 456", "0113 496 000", "04 1234 5678", "999",
                           "+33 1 23 45 67 89", "0117-496-0123", "07700 900123"],
    ("contact", "email"): ["a@example.org", ".a@example.org", "a..b@example.org", "a@b", "a b@example.org", " a@example.org "],
    ("contact", "website"): ["https://example.org", "HTTPS://Example.org/x?y#z", "ftp://example.org", "https://localhost",
                             "https://bücher.example/", "https://a.b:99999/", "https://user@a.b", "https://example.123"],
    ("organisation", "charity_number"): ["1190001", "SC012345", "nic123456", "12345", "119 0001", "1190001-1"],
    ("locations", "postcode"): ["BS1 4DJ", "bs14dj", "GX11 1AA", "BS1", "BS1 4", "SW1A 1AA", "BS1 4CJ"],
    ("name",): ["Hope", "  Hope  ", "a\u202eb", "x\x07y", "", "A\tB"],
    ("last_reviewed",): ["2026-01-01", "2026-13-01", "2026-1-1", " 2026-01-01 "],
}


def _with(path: tuple[str, ...], value: str) -> dict:
    data = json.loads(json.dumps(GOOD_LISTING))
    if path[0] == "locations":
        data["locations"][0][path[1]] = value
    elif len(path) == 2:
        data[path[0]][path[1]] = value
    else:
        data[path[0]] = value
    return data


def test_the_browser_applies_the_schema_rules_as_python_does(site):
    schema = json.loads((site / "schema" / "service.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    cases = [(path, value, _with(path, value)) for path, values in RULE_CASES.items() for value in values]
    python = [not list(validator.iter_errors(data)) for _, _, data in cases]
    assert any(python) and not all(python)
    with static_server(site) as base, chromium_page() as (page, _requests):
        page.goto(base + "suggest/")
        browser = page.evaluate(
            "([schema, cases]) => { const c = window.HubSuggest.makeChecker(schema);"
            " return cases.map(data => c.check(data).length === 0); }",
            [schema, [data for _, _, data in cases]],
        )
    disagreements = [(path, value) for (path, value, _), p, b in zip(cases, python, browser, strict=True) if p != b]
    assert disagreements == []


def test_listing_pages_suggest_a_change_at_their_edit_page_and_the_schema_is_published(site):
    html = (site / "services" / "bristol-family-links" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://github.com/example/hub/edit/main/directory/bristol-family-links.yaml"', html)
    from hub_build.publish.schema import build_schemas
    from hub_build.core.vocabulary import load_vocabulary

    vocabulary, _ = load_vocabulary()
    for name, document in build_schemas(vocabulary).items():
        assert json.loads((site / "schema" / name).read_text(encoding="utf-8")) == document


@pytest.mark.parametrize("options, expected", [
    ({"repository": "https://github.com/org/hub", "repository_branch": "live"}, "https://github.com/org/hub/new/live"),
    ({"edit_url": "https://github.com/org/hub/edit/trunk/{path}"}, "https://github.com/org/hub/new/trunk"),
    ({"edit_url": "https://gitlab.example.org/org/hub/-/edit/main/{path}"}, ""),
    ({}, ""),
])
def test_where_the_form_proposes_new_files(options, expected):
    from types import SimpleNamespace

    from hub_build.render.suggest import new_file_url
    from hub_build.core.settings import HubSettings

    assert new_file_url(SimpleNamespace(settings=HubSettings.model_validate(options))) == expected


def test_the_repository_option_must_be_a_github_repository():
    from pydantic import ValidationError

    from hub_build.core.settings import HubSettings

    with pytest.raises(ValidationError):
        HubSettings.model_validate({"repository": "javascript:alert(1)"})
