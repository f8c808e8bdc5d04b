"""Accessibility of the built sample hub, checked by machines in real headless Chromium.

- axe-core (npm, installed by .ci/run into .ci/node and injected from that file: nothing is fetched) with the
  WCAG 2.0, 2.1 and 2.2 A and AA rules, on every page type at 320 px and 1280 px (for each type its largest
  page), plus the states that only exist in a browser (search with results, the suggest form with errors).
  Zero violations. (The static checks, HTML validity and links, read every page.)
- Every page, generated ones included: one skip link, first in the page, to the content; heading levels that
  start at h1 and never skip one.
- By keyboard alone (home, /find/ with results, the suggest form, at both widths): the first Tab reaches the
  skip link, the skip link moves focus to the content, every visible control is reached, and every focused
  element shows a focus ring (computed outline or box-shadow) and is on screen.
- Print (emulated print media): hub name, date printed and page address; no navigation.
- Under a sub-path (a GitHub project site), the 404 page and other pages load every asset.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser

import pytest

from sitepages import (
    PAGE_TYPES, SUB_PATH, html_files, npm_tool, pages_by_type, pages_server, representatives, sample_site,
    subpath_site,
)

WIDTHS = (320, 1280)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SEARCH_WITH_RESULTS = "find/?what=family"


@pytest.fixture(scope="module")
def site_url():
    with pages_server(sample_site()) as base:
        yield base


def open_page(chromium_browser, base: str, url: str, width: int):
    page = chromium_browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base + url)
    return page


def show_search_results(page) -> None:
    page.wait_for_selector("#hub-results > li", state="visible", timeout=15000)


def show_suggest_errors(page) -> None:
    page.wait_for_selector(".hub-suggest__form:not([hidden])", timeout=10000)
    page.click(".hub-suggest__form button[type=submit]")
    page.wait_for_selector(".hub-suggest__summary:not([hidden])", timeout=10000)
    settle(page)


def settle(page) -> None:
    """Wait until no CSS transition runs: the summary takes focus and scrolls, and Material fades its tabs out
    while scrolled; axe must judge colours at rest, not half-way through a fade."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10000)


def browser_states() -> list[tuple[str, str, object]]:
    """(name, url, how to reach the state) for each page to check: representatives of every type, and states."""
    states = [(kind, url, None) for kind, url in representatives(sample_site()).items()]
    states.append(("search with results", SEARCH_WITH_RESULTS, show_search_results))
    states.append(("suggest form with errors", "suggest/", show_suggest_errors))
    return states


# --- axe-core -------------------------------------------------------------------------------------------------

def axe_violations(page) -> list[str]:
    # Evaluated by the test harness, not as an inline <script>: the site's Content Security Policy rightly blocks
    # inline scripts that are not the theme's own.
    page.evaluate(npm_tool("axe-core/axe.min.js").read_text(encoding="utf-8") + "\n;typeof axe")
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                         resultTypes: ['violations']})""", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page_type(chromium_browser, site_url, width):
    found = pages_by_type(sample_site())
    assert set(PAGE_TYPES) <= set(found), set(PAGE_TYPES) - set(found)
    failures = []
    page = chromium_browser.new_page(viewport={"width": width, "height": 900})  # one page: the theme's files stay cached
    for name, url, prepare in browser_states():
        page.goto(site_url + url)
        if prepare:
            prepare(page)
        failures += [f"{name} /{url} at {width}px: {v}" for v in axe_violations(page)]
    page.close()
    assert not failures, "\n".join(failures)


def test_axe_reports_what_it_should(chromium_browser, site_url):
    """The check can fail: low contrast, an unlabelled field and a missing alt text are reported."""
    page = open_page(chromium_browser, site_url, "", 1280)
    page.evaluate("""() => {
        const box = document.querySelector('#hub-content article');
        box.insertAdjacentHTML('afterbegin', '<p style="color:#999;background:#fff">faint</p>' +
            '<input type="text"><img src="x.png">');
    }""")
    ids = {line.split(" ")[0] for line in axe_violations(page)}
    page.close()
    assert {"color-contrast", "label", "image-alt"} <= ids, ids


# --- skip link and headings, on every page ------------------------------------------------------------------

class _Outline(HTMLParser):
    FOCUSABLE = frozenset({"a", "button", "input", "select", "textarea", "summary", "label"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.first_focusable: dict | None = None
        self.skip_links = 0
        self.ids: set[str] = set()
        self._in_materials_skip = False

    def handle_endtag(self, tag):
        if tag == "div":
            self._in_materials_skip = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and attributes.get("data-md-component") == "skip":
            self._in_materials_skip = True  # Material's own skip link, display: none in hub.css: no Tab stop
        if self._in_materials_skip:
            return
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a" and "hub-skip" in (attributes.get("class") or ""):
            self.skip_links += 1
        focusable = (tag == "a" and "href" in attributes) or (tag in self.FOCUSABLE - {"a", "label"} and
                                                            attributes.get("type") != "hidden")
        if focusable and self.first_focusable is None and "md-toggle" not in (attributes.get("class") or ""):
            self.first_focusable = {"tag": tag, **attributes}


def heading_problem(levels: list[int]) -> str:
    if not levels:
        return "no heading"
    if levels[0] != 1 or levels.count(1) != 1:
        return f"the page should have one h1, first: {levels}"
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            return f"h{before} is followed by h{after}: {levels}"
    return ""


def test_every_page_has_one_skip_link_first_and_headings_without_gaps():
    site = sample_site()
    problems = []
    for path in html_files(site):
        outline = _Outline()
        outline.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(site).as_posix()
        first = outline.first_focusable or {}
        if outline.skip_links != 1 or "hub-skip" not in (first.get("class") or ""):
            problems.append(f"{rel}: the first focusable element should be the one skip link, found {first}")
        elif first.get("href") != "#hub-content" or "hub-content" not in outline.ids:
            problems.append(f"{rel}: the skip link should lead to #hub-content")
        if heading_problem(outline.headings):
            problems.append(f"{rel}: {heading_problem(outline.headings)}")
    assert not problems, f"{len(problems)} page(s):\n" + "\n".join(problems[:30])


def test_heading_check_catches_gaps():
    assert heading_problem([1, 2, 3, 2, 3]) == ""
    assert "h1 is followed by h3" in heading_problem([1, 3])
    assert heading_problem([2, 3])
    assert heading_problem([1, 2, 1])


@pytest.mark.parametrize("name,url,prepare", [("search with results", SEARCH_WITH_RESULTS, show_search_results),
                                              ("suggest form with errors", "suggest/", show_suggest_errors)])
def test_headings_without_gaps_after_scripts_run(chromium_browser, site_url, name, url, prepare):
    page = open_page(chromium_browser, site_url, url, 1280)
    prepare(page)
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", """hs => hs
        .filter(h => h.checkVisibility({visibilityProperty: true}))
        .map(h => Number(h.tagName[1]))""")
    page.close()
    assert not heading_problem(levels), (name, heading_problem(levels))


# --- keyboard -------------------------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
  if (!e.dataset.kb) e.dataset.kb = 'reached';
  return {tag: e.tagName, id: e.id, cls: String(e.className), text: (e.textContent || '').trim().slice(0, 40),
          ring, visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true}),
          onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
                    r.left < innerWidth && r.top < innerHeight,
          inContent: !!e.closest('#hub-content')};
}"""

UNREACHED = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'))
  .filter(e => !e.disabled && e.tabIndex >= 0 && e.checkVisibility({visibilityProperty: true, opacityProperty: true})
               && !e.closest('[inert]'))
  .filter(e => !e.dataset.kb)
  .map(e => e.tagName + '#' + e.id + '.' + String(e.className).slice(0, 30) + ' ' + (e.textContent || '').trim().slice(0, 30))"""


NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def walk_by_keyboard(page, limit: int = 600) -> list[dict]:
    """Press Tab until focus leaves the page or comes round again; the state of each focused element.

    Transitions are switched off first, so each element is judged as it looks once focused (Material fades
    the skip link and the headings' permalinks in over 0.1 to 0.25 s)."""
    page.add_style_tag(content=NO_TRANSITIONS)
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (seen and state == seen[0]):
            break
        seen.append(state)
    return seen


KEYBOARD_PAGES = [("home", "", None), ("search with results", SEARCH_WITH_RESULTS, show_search_results),
                  ("suggest form", "suggest/", lambda page: page.wait_for_selector(".hub-suggest__form:not([hidden])"))]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,url,prepare", KEYBOARD_PAGES)
def test_keyboard_skip_link_first_every_control_reached_focus_always_visible(chromium_browser, site_url, name, url, prepare,
                                                                               width):
    page = open_page(chromium_browser, site_url, url, width)
    if prepare:
        prepare(page)
    page.add_style_tag(content=NO_TRANSITIONS)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STATE)
    assert "hub-skip" in first["cls"] and first["visible"] and first["ring"], first
    page.keyboard.press("Enter")  # the skip link: the next Tab is in the content
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_STATE)["inContent"], page.evaluate(FOCUS_STATE)
    page.goto(site_url + url)  # again from the top, through the whole page
    if prepare:
        prepare(page)
    stops = walk_by_keyboard(page)
    invisible = [s for s in stops if not (s["ring"] and s["visible"] and s["onScreen"])]
    unreached = page.evaluate(UNREACHED)
    page.close()
    assert stops and "hub-skip" in stops[0]["cls"]
    assert not invisible, f"{name} at {width}px: focus not visible on {invisible[:5]}"
    assert not unreached, f"{name} at {width}px: controls never reached by Tab: {unreached[:10]}"


# --- language of parts ---------------------------------------------------------------------------------------

def test_search_results_mark_a_gaelic_name(chromium_browser, site_url):
    page = open_page(chromium_browser, site_url, "find/?what=taic", 1280)
    show_search_results(page)
    langs = page.eval_on_selector_all("#hub-results a[lang]", "as => as.map(a => [a.lang, a.textContent])")
    page.close()
    assert ["gd", "Taic Theaghlaichean nan Eilean"] in langs, langs


# --- print ------------------------------------------------------------------------------------------------------

PRINTED = """() => {
  const shown = sel => Array.from(document.querySelectorAll(sel)).some(e => e.checkVisibility());
  const header = document.querySelector('.hub-print-header');
  return {header: header.checkVisibility() ? header.innerText : '',
          chrome: ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
                   '.hub-skip'].filter(shown)};
}"""


def shortlist_two(page) -> None:
    show_search_results(page)
    for toggle in page.query_selector_all("#hub-results .hub-shortlist-toggle")[:2]:
        toggle.click()
    page.wait_for_selector("#hub-shortlist li")
    page.evaluate("() => { window.print = () => {}; }")  # the browser's print dialog: not in a test
    page.click("#hub-shortlist button:has-text('Print shortlist')")  # what the page prints then: the shortlist


@pytest.mark.parametrize("name,url,prepare", [
    ("listing", "services/bristol-family-links/", None), ("sector", "sectors/schools/", None),
    ("browse list", "browse/a-z/", None), ("shortlist", SEARCH_WITH_RESULTS, shortlist_two)])
def test_printed_pages_say_hub_date_and_address_without_navigation(chromium_browser, site_url, name, url, prepare):
    page = open_page(chromium_browser, site_url, url, 1280)
    if prepare:
        prepare(page)
    screen = page.evaluate(PRINTED)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    shortlist_shown = page.evaluate("() => !!document.querySelector('#hub-shortlist li')?.checkVisibility()")
    address = page.url
    page.close()
    assert screen["header"] == "" and ".md-header" in screen["chrome"]  # on screen: the site as usual
    today = dt.date.today()
    assert "Children of Prisoners Information Hub" in printed["header"], printed
    assert f"{today.day} {today:%B %Y}" in printed["header"], printed
    assert address in printed["header"], printed
    assert printed["chrome"] == [], printed
    if name == "shortlist":
        assert shortlist_shown


# --- a sub-path -------------------------------------------------------------------------------------------------

def test_404_and_pages_work_under_a_sub_path(chromium_browser):
    with pages_server(subpath_site(), SUB_PATH) as base:
        for url, status in (("no/such/page/", 404), ("services/no-such-service/", 404), ("", 200),
                            ("services/bristol-family-links/", 200), ("find/", 200)):
            page = chromium_browser.new_page(viewport={"width": 1280, "height": 900})
            failed = []
            page.on("requestfailed", lambda request, failed=failed: failed.append(request.url))
            page.on("response", lambda response, failed=failed: failed.append(response.url) if response.status >= 400
                    and response.request.resource_type != "document" else None)
            response = page.goto(base + url)
            page.wait_for_load_state("networkidle")
            styled = page.evaluate("""() => ({
                header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
                logo: document.querySelector('.md-header .md-logo img, .md-header .md-logo svg').getBoundingClientRect().height,
                home: document.querySelector('.md-header .md-logo').href})""")
            links = page.eval_on_selector_all(".md-tabs a[href]", "as => as.map(a => a.href)")
            page.close()
            assert response.status == status, url
            assert not failed, (url, failed)
            assert styled["header"] == "rgb(64, 81, 181)" and styled["logo"] < 60, (url, styled)
            assert styled["home"] == base and links and all(link.startswith(base) for link in links), (url, links)
