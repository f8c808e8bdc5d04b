"""'Report a problem' on every listing, resource, practice and event page, in real headless Chromium with and
without JavaScript. Navigations to mailto: and github.com are intercepted, never followed."""

from __future__ import annotations

import re
import shutil
import time
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from browser import CHROMIUM_ARGS, chromium_executable, static_server
from hub_build.render.report import ISSUE_FIELDS, ISSUE_TEMPLATE, WHAT_IS_WRONG
from hubs import make_hub, mkdocs_build

REPO = Path(__file__).resolve().parent.parent
HOSTILE = 'Tel: 0117 496 0999 & "new" <b>x</b> 100% #2 + ü — 😀\u2028next\u00a0line\nsecond line; a=b&c=d?'


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    """The bundled sample hub (it sets report_email, and its GitHub edit_url gives the repository)."""
    root = tmp_path_factory.mktemp("report")
    for name in ("content", "directory"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


def _section(html: str) -> str:
    found = re.search(r'<section class="hub-report" id="report-a-problem".*?</section>', html, re.S)
    assert found, "no 'Report a problem' section"
    return found.group(0)


def _items() -> list[tuple[str, str, str]]:
    """(kind, page path in the site, source file) of every item of the sample hub."""
    items = [("service", f"services/{p.stem}/index.html", f"directory/{p.name}") for p in sorted((REPO / "directory").glob("*.yaml"))]
    for kind, folder in (("resource", "resources"), ("practice", "practice"), ("event", "events")):
        for path in sorted((REPO / "content" / folder).glob("*.md")):
            if path.name not in ("index.md", "README.md") and not path.name.endswith(".cy.md"):  # a Welsh sibling is no item
                items.append((kind, f"{folder}/{path.stem}/index.html", f"content/{folder}/{path.name}"))
    return items


def test_every_item_page_reports_by_email_and_github_naming_the_item_and_its_file(sample_site):
    items = _items()
    assert {kind for kind, _, _ in items} == {"service", "resource", "practice", "event"}
    for kind, page, source in items:
        section = _section((sample_site / page).read_text(encoding="utf-8"))
        assert f'data-file="{source}"' in section, page
        for choice in WHAT_IS_WRONG[kind]:
            assert f'value="{choice}"' in section.replace("&#39;", "'"), (page, choice)
        mail = unescape(re.search(r'class="[^"]*hub-report__mail" href="([^"]+)"', section).group(1))
        target, query = mail.split("?", 1)
        assert target == "mailto:editors@example.org"
        fields = {k: unquote(v) for k, v in (part.split("=", 1) for part in query.split("&"))}
        assert set(fields) == {"subject", "body"}
        title = unescape(re.search(r'data-item="([^"]*)"', section).group(1))
        assert fields["subject"] == f"Problem with: {title}"
        assert f"File: {source}\r\n" in fields["body"] and "What should it say?" in fields["body"]
        issue = urlsplit(unescape(re.search(r'class="[^"]*hub-report__github" href="([^"]+)"', section).group(1)))
        assert issue.netloc == "github.com" and issue.path == "/example/children-of-prisoners-hub/issues/new"
        assert {k: v[0] for k, v in parse_qs(issue.query).items()} == {
            "template": ISSUE_TEMPLATE, "title": f"Problem with: {title}", "item": title,
            "page": "/" + page.removesuffix("index.html"), "file": source}
    other = (sample_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="report-a-problem"' not in other  # only items have it


def test_the_issue_form_template_has_the_fields_the_pages_fill_in():
    template = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / ISSUE_TEMPLATE).read_text(encoding="utf-8"))
    ids = [field["id"] for field in template["body"] if "id" in field]
    assert ids == list(ISSUE_FIELDS)
    assert template["name"] and template["description"] and all(f["attributes"]["label"] for f in template["body"] if "id" in f)


def test_without_any_route_there_is_no_form_and_github_only_works(tmp_path):
    root = make_hub(tmp_path / "none", plugin_options="      report_on_github: false\n")
    assert mkdocs_build(root).returncode == 0
    assert 'id="report-a-problem"' not in (root / "site/services/bristol-family-links/index.html").read_text(encoding="utf-8")
    root = make_hub(tmp_path / "github")
    assert mkdocs_build(root).returncode == 0
    section = _section((root / "site/services/bristol-family-links/index.html").read_text(encoding="utf-8"))
    assert "hub-report__mail" not in section and "hub-report__github" in section and "free GitHub one" in section


@contextmanager
def browser_page(js: bool):
    """(page, navigations): a Chromium page whose navigations to mailto: and github.com are recorded, not followed."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_executable()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(java_script_enabled=js)
            page = context.new_page()
            seen: list[str] = []
            cdp = context.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.on("Page.frameRequestedNavigation", lambda event: seen.append(event["url"]))
            page.route("https://github.com/**", lambda route: route.fulfill(body="intercepted", content_type="text/plain"))
            yield page, seen
        finally:
            browser.close()


def _wait_for(seen: list[str], prefix: str) -> str:
    for _ in range(50):
        found = [url for url in seen if url.startswith(prefix)]
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no navigation to {prefix}: {seen}")


def _mail(url: str) -> tuple[str, dict[str, str]]:
    target, query = url.split("?", 1)
    return target, {k: unquote(v) for k, v in (part.split("=", 1) for part in query.split("&"))}


def test_without_javascript_the_links_open_a_prefilled_email_and_issue(sample_site):
    with static_server(sample_site) as base, browser_page(js=False) as (page, seen):
        page.goto(base + "services/bristol-family-links/")
        assert page.locator(".hub-report__form").is_hidden()
        assert page.locator(".hub-report__mail").is_visible()
        page.click(".hub-report__mail")
        target, fields = _mail(_wait_for(seen, "mailto:"))
        assert target == "mailto:editors@example.org"
        assert fields["subject"] == "Problem with: Bristol Family Links"
        assert "File: directory/bristol-family-links.yaml" in fields["body"]
        page.click(".hub-report__github")
        issue = parse_qs(urlsplit(_wait_for(seen, "https://github.com/")).query)
        assert issue["template"] == [ISSUE_TEMPLATE] and issue["file"] == ["directory/bristol-family-links.yaml"]


@pytest.mark.parametrize("page_path, source", [
    ("services/bristol-family-links/", "directory/bristol-family-links.yaml"),
    ("events/courts-training-january/", "content/events/courts-training-january.md"),
])
def test_with_javascript_the_form_sends_exactly_what_was_typed(sample_site, page_path, source):
    with static_server(sample_site) as base, browser_page(js=True) as (page, seen):
        page.goto(base + page_path)
        assert page.locator(".hub-report__nojs").is_hidden()
        page.click(".hub-report__send")  # nothing said yet: an error, no e-mail
        assert page.locator(".hub-report__error").is_visible()
        time.sleep(0.3)
        assert not [u for u in seen if u.startswith("mailto:")]
        boxes = page.locator('.hub-report input[name="wrong"]')
        chosen = [boxes.nth(0).get_attribute("value"), boxes.nth(boxes.count() - 1).get_attribute("value")]
        boxes.nth(0).check()
        boxes.nth(boxes.count() - 1).check()
        page.fill("#hub-report-should", HOSTILE)
        page.fill("#hub-report-contact", "Sam O'Neill <sam@example.org>")
        page.click(".hub-report__send")
        target, fields = _mail(_wait_for(seen, "mailto:"))
        assert target == "mailto:editors@example.org"
        body = fields["body"]
        assert "\r\n" in body and "\n" not in body.replace("\r\n", "")  # line breaks as CRLF, as RFC 6068 asks
        lines = body.split("\r\n")
        assert lines[1] == f"Page: {base}{page_path}" and lines[2] == f"File: {source}"
        assert [line[2:] for line in lines if line.startswith("- ")] == chosen
        assert HOSTILE.replace("\n", "\r\n") in body
        assert body.endswith("From: Sam O'Neill <sam@example.org>")
        page.click(".hub-report__issue")
        issue = {k: v[0] for k, v in parse_qs(urlsplit(_wait_for(seen, "https://github.com/")).query).items()}
        assert issue["should-say"] == HOSTILE and issue["file"] == source and issue["template"] == ISSUE_TEMPLATE
        assert issue["what-is-wrong"] == "\n".join("- " + c for c in chosen)
        assert issue["contact"] == "Sam O'Neill <sam@example.org>"
