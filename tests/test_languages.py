"""A hub in English and Welsh (`languages: [en, cy]`): the whole site again under /cy/, every page linking its other
version, `<html lang>` right, Material's Welsh interface, the hub's own words in Welsh; and a hub without the
setting built exactly as before (no /cy/, no language files, no alternates).

The site-wide properties read the bilingual sample build (tests/sitepages.py); the English-only comparison builds
a small hub twice (tests/hubs.py). Browser behaviour (the switch keeping the reader's place) is in
tests/test_languages_browser.py.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hubs import make_hub, mkdocs_build
from sitepages import bilingual_sample_site

LANGUAGE_FILES = {"assets/hub/language.js", "assets/hub/messages.js"}
WELSH_SEARCH = {"assets/hub/welsh.js"}  # Welsh mutations for the searches, in hubs with Welsh (welsh-content)
SMALL_SITE_URL = "https://hub.example.org/sub/"


class _Head(HTMLParser):
    """The facts about a page the language checks need: <html lang>, its alternates, the header's switch."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.switch: list[dict[str, str]] = []
        self.messages_script = False

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "link" and attributes.get("rel", "").split() == ["alternate"] and "hreflang" in attributes:
            self.alternates[attributes["hreflang"]] = attributes["href"]
        elif tag == "a" and "data-hub-language" in attributes:
            self.switch.append(attributes)
        elif tag == "script" and attributes.get("src", "").endswith("assets/hub/messages.js"):
            self.messages_script = True


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def resolve(site: Path, page: str, href: str) -> Path:
    """The file a relative link on `page` (a path inside `site`) leads to."""
    assert not re.match(r"^[a-z]+:", href), f"{page}: {href} should be relative when the hub has no site_url"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    path = site / target
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def html_pages(site: Path) -> list[str]:
    return sorted(p for p in files(site) if p.endswith(".html") and not p.startswith("cy/"))


# --- a hub without the setting ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_sites(tmp_path_factory) -> tuple[Path, Path]:
    """The same small hub built English-only (no setting) and in English and Welsh."""
    built = []
    for name, options in (("english", ""), ("both", "      languages: [en, cy]\n")):
        root = make_hub(tmp_path_factory.mktemp(name), plugin_options=options)
        config = root / "mkdocs.yml"
        config.write_text(f"site_url: {SMALL_SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
        done = mkdocs_build(root, "-d", str(root / "site"))
        assert done.returncode == 0, done.stderr[-3000:]
        built.append(root / "site")
    return built[0], built[1]


def test_a_hub_without_the_setting_has_no_welsh_site_and_no_language_files(small_sites):
    english, _both = small_sites
    assert not (english / "cy").exists()
    assert not files(english) & LANGUAGE_FILES
    for page in html_pages(english):
        text = (english / page).read_text(encoding="utf-8")
        assert "hreflang" not in text and "data-hub-language" not in text, page
        assert head(english / page).lang == "en", page


def test_with_a_site_address_the_alternates_are_absolute_and_right(small_sites):
    """With site_url set, each page's versions are full addresses under it: the English page at the site's
    address, the Welsh one under its /cy/ (the Welsh build's own site_url must not be taken for the root)."""
    _english, both = small_sites
    for page in ("index.html", "services/bristol-family-links/index.html"):
        address = SMALL_SITE_URL + page[: -len("index.html")]
        welsh = SMALL_SITE_URL + "cy/" + page[: -len("index.html")]
        for built in (both / page, both / "cy" / page):
            assert head(built).alternates == {"en": address, "cy": welsh, "x-default": address}, built


def test_welsh_adds_only_the_welsh_site_and_its_two_scripts(small_sites):
    """The English half of a bilingual build is the English-only build's files, plus the switch's two scripts;
    the Welsh site has a version of every English page."""
    english, both = small_sites
    # Pagefind's file names are hashes of its index, which in a hub with Welsh also holds the Welsh text of the
    # listings (welsh-content's Welsh search): compared by presence, not by name.
    hashed = re.compile(r"^pagefind/.*_[0-9a-f]+\.pf_")
    outside = {path for path in files(both) if not path.startswith("cy/") and not hashed.match(path)}
    only_english = {path for path in files(english) if not hashed.match(path)}
    assert outside - only_english == LANGUAGE_FILES | WELSH_SEARCH
    assert only_english - outside == set()
    welsh_pages = {p[len("cy/"):] for p in files(both) if p.startswith("cy/") and p.endswith(".html")}
    assert welsh_pages == set(html_pages(english))


# --- the bilingual sample ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site() -> Path:
    return bilingual_sample_site()


def test_every_page_links_its_other_version_and_says_its_language(site):
    pages = html_pages(site)
    assert len(pages) > 100
    problems = []
    for page in pages:
        for language, here, other, other_language in (("en", page, "cy/" + page, "cy"), ("cy", "cy/" + page, page, "en")):
            found = head(site / here)
            if found.lang != language:
                problems.append(f"{here}: <html lang={found.lang!r}>, not {language!r}")
            if page == "404.html":
                continue  # served at any address: its alternates are the home pages (checked below)
            if set(found.alternates) != {"en", "cy", "x-default"}:
                problems.append(f"{here}: alternates {sorted(found.alternates)}")
                continue
            if resolve(site, here, found.alternates[language]) != site / here:
                problems.append(f"{here}: its own alternate leads to {found.alternates[language]}")
            if resolve(site, here, found.alternates[other_language]) != site / other:
                problems.append(f"{here}: the {other_language} alternate leads to {found.alternates[other_language]}")
            if resolve(site, here, found.alternates["x-default"]) != site / (page if language == "en" else other):
                problems.append(f"{here}: x-default is not the English page")
            switch = [a for a in found.switch if a.get("hreflang") == other_language]
            if len(found.switch) != 1 or not switch or resolve(site, here, switch[0]["href"]) != site / other:
                problems.append(f"{here}: the header's switch is {found.switch}")
            elif switch[0].get("lang") != other_language:
                problems.append(f"{here}: the switch's name is not marked lang={other_language}")
    assert not problems, "\n".join(problems[:20])


def test_welsh_pages_use_materials_welsh_interface_and_the_hubs_welsh_words(site):
    home = (site / "cy" / "index.html").read_text(encoding="utf-8")
    assert "Neidio i&#39;r cynnwys" in home or "Neidio i'r cynnwys" in home  # Material's cy: skip to content
    find = (site / "cy" / "find" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Chwilio&#39;r cyfeiriadur</h1>" in find or "<h1>Chwilio'r cyfeiriadur</h1>" in find
    assert "Search the directory" not in find
    assert head(site / "cy" / "find" / "index.html").messages_script
    assert not head(site / "find" / "index.html").messages_script
    listing_path = next((site / "cy" / "services").glob("*/index.html"))
    listing = listing_path.read_text(encoding="utf-8")
    for welsh in ("Cysylltu", "Sut i gael cymorth", "Gwiriwyd ddiwethaf"):
        assert welsh in listing
    # Listings and browse pages are written into a frame captured from the Welsh build (fast_pages): Material's
    # Welsh interface and the browser scripts' Welsh words, as on the pages MkDocs rendered
    for framed in (listing_path, site / "cy" / "browse" / "a-z" / "index.html"):
        text = framed.read_text(encoding="utf-8")
        assert "Neidio i&#39;r cynnwys" in text or "Neidio i'r cynnwys" in text, framed
        assert head(framed).messages_script and head(framed).lang == "cy", framed
    # English listing text on a Welsh page says it is English (WCAG 3.1.2)
    assert re.search(r'<p class="hub-listing__summary" lang="en">', listing)


def test_welsh_browser_words_are_the_catalogues(site):
    """The Welsh site's messages.js holds the Welsh of the scripts' strings, as a plain assignment (no eval)."""
    from hub_build.render.languages import browser_messages

    text = (site / "cy" / "assets" / "hub" / "messages.js").read_text(encoding="utf-8")
    assert "window.hubMessages = {" in text
    words = browser_messages("cy")
    assert words["Add to shortlist"] == "Ychwanegu at y rhestr fer"
    assert all(f'"{key}"' in text for key in ("Add to shortlist", "Best match", "Menu"))
    assert not (site / "assets" / "hub" / "messages.js").read_text(encoding="utf-8").count(":")  # English: {}


def test_welsh_editor_pages_show_their_welsh_version_or_mark_the_english(site):
    """An editor's page with a Welsh sibling (about.cy.md) shows it on /cy/; one without (submit.md) shows the
    English, marked lang="en", after a short note in Welsh saying so."""
    about = (site / "cy" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' not in about and "hub-fallback" not in about
    assert re.search(r"<h1[^>]*>Am yr hyb", about)
    submit = (site / "cy" / "submit" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="hub-fallback">Nid yw&#x27;r dudalen hon ar gael yn Gymraeg eto[^<]*</p><div lang="en">', submit)
    english = (site / "submit" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' not in english and "hub-fallback" not in english


def test_welsh_listing_pages_show_the_listings_welsh_text(site):
    """A listing with a cy: block shows its Welsh name and summary on /cy/ (no note); one without shows the
    English marked lang="en" with the note; the English pages are unchanged."""
    from hub_build.core.settings import HubSettings
    from hub_build.pipeline import load_hub
    from hubs import REPO

    hub = load_hub(REPO, HubSettings.model_validate({"languages": ["en", "cy"]}), docs_dir=REPO / "content")
    welsh = next(e for e in hub.services if e.service.cy is not None and e.service.cy.name)
    english = next(e for e in hub.services if e.service.cy is None and not e.service.text_language)
    page = (site / "cy" / "services" / welsh.slug / "index.html").read_text(encoding="utf-8")
    assert f">{welsh.service.cy.name}</h1>" in page.replace("&#39;", "'").replace("&#x27;", "'")
    assert "hub-fallback" not in page
    page = (site / "cy" / "services" / english.slug / "index.html").read_text(encoding="utf-8")
    assert '<p class="hub-listing__summary" lang="en">' in page and "hub-fallback" in page


def test_welsh_dates_are_written_in_welsh():
    import datetime as dt

    from hub_build.render.site import HubSite

    site = HubSite.__new__(HubSite)
    site.language = "cy"
    assert site.date(dt.date(2026, 12, 3)) == "3 Rhagfyr 2026"
    site.language = "en"
    assert site.date(dt.date(2026, 12, 3)) == "3 December 2026"


def test_the_languages_setting_is_checked():
    from pydantic import ValidationError

    from hub_build.core.settings import HubSettings

    assert HubSettings().languages == ["en"]
    assert HubSettings.model_validate({"languages": ["en", "cy"]}).languages == ["en", "cy"]
    for bad in (["cy"], ["cy", "en"], ["en", "en"], ["en", "fr"], []):
        with pytest.raises(ValidationError):
            HubSettings.model_validate({"languages": bad})


def test_welsh_feed_and_calendars_speak_welsh(site):
    """The Welsh site's Atom feed says it is Welsh and names its kinds in Welsh; its calendars' words are Welsh."""
    import xml.etree.ElementTree as ET

    from hub_build.core.urls import FEED_PATH, ics_path

    feed = ET.parse(site / "cy" / FEED_PATH).getroot()  # noqa: S314 - the build's own output
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}title").text.endswith(": beth sy'n newydd")
    kinds = {c.get("term") for c in feed.iter(f"{atom}category")}
    assert kinds and kinds <= {"Adnodd", "Gwasanaeth", "Enghraifft o ymarfer", "Digwyddiad"}
    english = ET.parse(site / FEED_PATH).getroot()  # noqa: S314 - the build's own output
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") is None
    calendar = re.sub(r"\r?\n[ \t]", "", (site / "cy" / ics_path("events")).read_text(encoding="utf-8"))  # unfolded
    assert "digwyddiadau i ddod" in calendar and "Trefnydd: " in calendar


def test_the_welsh_site_reads_the_shared_data_from_the_english_one(site):
    """One copy of what does not depend on language (the geo data, the open data, the JSON Schema): the Welsh
    pages link to the English site's, and those links lead to real files."""
    for shared in ("geo", "open-data", "schema"):
        assert (site / shared).is_dir() and not (site / "cy" / shared).exists(), shared
    find = (site / "cy" / "find" / "index.html").read_text(encoding="utf-8")
    bases = set(re.findall(r'data-geo(?:-base)?="([^"]+)"', find))
    assert bases and all(resolve(site, "cy/find/index.html", base) == site / "geo" / "index.html" for base in bases), bases
    assert (site / "geo" / "las.json").is_file()
    for link in re.findall(r'href="([^"]*open-data/oruk/[^"]+)"', find):
        assert resolve(site, "cy/find/index.html", link).is_file(), link
    assert re.findall(r'href="([^"]*open-data/oruk/[^"]+)"', find)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_templates_gettext_translates_formats_and_escapes_as_jinjas_own(language):
    """render/site.autoescaped_gettext stands in for the gettext Jinja's i18n extension installs (newstyle,
    autoescaped): for every message of the catalogue, with values that hold markup and per cent signs, both
    give the same HTML."""
    from babel.messages.pofile import read_po
    from jinja2 import Environment
    from markupsafe import Markup

    from hub_build.render.languages import translations
    from hub_build.render.site import _env

    reference = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    reference.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    ours = _env(language)
    with open(Path(__file__).resolve().parents[1] / "hub_build" / "locale" / "hub.pot", "rb") as handle:
        messages = [m.id for m in read_po(handle) if m.id and isinstance(m.id, str)]
    assert len(messages) > 100
    values = {name: '<b>&"%s%%' for message in messages for name in re.findall(r"%\((\w+)\)s", message)}
    values["trusted"] = Markup("<i>kept</i>")
    compared = 0
    for message in messages:
        names = re.findall(r"%\((\w+)\)[sd]", message)
        if any(re.search(rf"%\({name}\)d", message) for name in names):
            continue  # numbers: ngettext's, not gettext's
        call = "_(message" + "".join(f", {name}=values[{name!r}]" for name in names) + ")"
        source = "{{ " + call + " }}{{ gettext(message" + "".join(f", {n}=values['trusted']" for n in names) + ") }}"
        got = ours.from_string(source).render(message=message, values=values)
        assert got == reference.from_string(source).render(message=message, values=values), message
        compared += 1
    assert compared > 100
    assert "&lt;b&gt;" in ours.from_string("{{ _('Phone: %(x)s', x='<b>') }}").render()
    percent = "{{ _('100%% & more') }}{{ _('100%% & more') }}"  # always a format string, even with no values
    # A message alone in its braces is translated when the template is compiled (TranslatedAtCompileTime):
    # every message of the catalogue, in a template of its own, and a few around other expressions
    for message in messages:
        if "%(" in message:
            with pytest.raises(KeyError):  # values it is not given: an error when rendered, as with Jinja's own
                ours.from_string("{{ _(" + json.dumps(message) + ") }}").render()
            continue
        source = "[{{ _(" + json.dumps(message) + ") }}|{{- gettext(" + json.dumps(message) + ") -}} | {{ 'x' }}]"
        assert ours.from_string(source).render() == reference.from_string(source).render(), message
    mixed = ("{{ _('Contact') | upper }}{{ _('Contact', x=1) }}{{ _(m) }}{{ _('Contact') ~ '<' }}{{ x(_('Contact')) }}"
             "{% if _('Contact') %}{{ _('Contact') }}{% endif %}{{ ngettext('%(num)d service', '%(num)d services', 2) }}")
    assert ours.from_string(mixed).render(m="Contact", x=len) == reference.from_string(mixed).render(m="Contact", x=len)
    assert ours.from_string(percent).render() == reference.from_string(percent).render() == "100% & more" * 2
