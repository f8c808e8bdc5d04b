"""The pages a hub generates from its content, rendered as HTML fragments.

Nothing here knows about MkDocs: a renderer adapter asks for the page plan,
creates the pages its own way, and asks each page for its HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import secrets
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable, Iterable, Iterator, NamedTuple

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, select_autoescape
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from hub_build.core.dates import long_date
from hub_build.model.fields import suggest_slug, tel_uri
from hub_build.core.hub import Hub, LangText, ResourceEntry, ServiceEntry
from hub_build.render.jsonld import service_jsonld
from hub_build.render.markdown_cache import MarkdownCache
from hub_build.core.urls import SiteUrls
from hub_build.render.languages import SOURCE_LANGUAGE, translations

NATION_ORDER = ("england", "northern-ireland", "scotland", "wales")
GSS_NATION = {"E": "england", "W": "wales", "S": "scotland", "N": "northern-ireland"}


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    nation: str
    url: str
    folder: str = ""


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    description: str
    render: Callable[[str], str]  # the page's own URL -> its HTML body
    kind: str = "browse"
    # A list page: the slugs of the listings it shows, and of its whole list (all its pages), in order; `serve`
    # re-renders a list page when its list changed or it shows a changed listing (None: not a list page).
    shows: tuple[str, ...] | None = None
    listed: tuple[str, ...] | None = None


def lang_attribute(tag: str | None, page_language: str = SOURCE_LANGUAGE) -> Markup:
    """` lang="cy"` for a listing's own text in another language than the page's (WCAG 3.1.2), or nothing: text
    without a language of its own is English, which on a page in another language (the Welsh site) is marked
    ` lang="en"`. A function rather than a template macro: a listing page asks for it about ten times, and a
    Jinja macro call costs ten times as much."""
    tag = tag or ("en" if page_language != "en" else "")
    return Markup(' lang="%s"') % tag if tag and tag != page_language else Markup("")


def autoescaped_gettext(translate: Callable[[str], str]) -> Callable[..., Markup]:
    """`_()` and `gettext()` as Jinja's i18n extension installs them in newstyle for autoescaped templates (the
    message is Markup, its %(name)s values are escaped, and it is always a format string, so '%%' is '%'),
    without the two context look-ups per call: a listing page asks for some twenty messages, 200,000 at 10,000
    listings. A message without values is translated and formatted once."""
    plain: dict[str, Markup] = {}

    def gettext(message: str, /, **variables: object) -> Markup:
        if variables:
            return Markup(translate(message)) % variables  # noqa: S704 - the catalogue's own text, values escaped
        found = plain.get(message)
        if found is None:
            found = plain[message] = Markup(translate(message)) % {}  # noqa: S704 - the catalogue's own text
        return found

    return gettext


class TranslatedAtCompileTime(Extension):
    """`{{ _('Contact') }}`, a message without values and nothing else in the braces, becomes the template's own
    text when the template is compiled: each environment is one language's, so the message's translation can
    never change after that. It renders as autoescaped_gettext would (a Markup message is written as it is), and
    a listing page no longer makes some twenty calls for words that are the same on every page. Babel reads the
    template source, so extraction is unchanged."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        gettext: Callable[[str], str] = self.environment.globals["gettext"]  # type: ignore[assignment]
        pending: list[Token] = []
        shape = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")
        for token in stream:
            pending.append(token)
            if token.type != shape[len(pending) - 1] or (len(pending) == 2 and token.value not in ("_", "gettext")):
                yield from pending[:-1]  # not the shape: flush, and the last token may start it again
                pending = [token] if token.type == "variable_begin" else []
                if not pending:
                    yield token
            elif len(pending) == len(shape):
                try:
                    yield Token(pending[0].lineno, "data", str(gettext(pending[3].value)))
                except (KeyError, ValueError, TypeError):  # it names values it is not given: fails when rendered, as before
                    yield from pending
                pending = []
        yield from pending


def _env(language: str = SOURCE_LANGUAGE) -> Environment:
    # auto_reload off: the templates are the package's own files, and with it on every get_template (and every
    # `{% from %}` import) asks the system whether the file changed: twice per page, 23,000 times a build.
    env = Environment(
        loader=PackageLoader("hub_build", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n", TranslatedAtCompileTime], auto_reload=False,
    )
    catalogue = translations(language)
    env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    env.globals["gettext"] = env.globals["_"] = autoescaped_gettext(catalogue.gettext)
    env.globals["page_language"] = language
    env.globals["lang"] = partial(lang_attribute, page_language=language)
    return env


class Shown(NamedTuple):
    """A text as a page shows it, and its ` lang="…"` attribute (lang_attribute) or nothing."""

    text: str
    attr: Markup


class LocationView(NamedTuple):
    name: Shown
    address: str | None
    postcode: str
    area: "Area | None"
    area_href: str
    access: Shown


class ListingView(NamedTuple):
    """A listing's page as listing.html shows it (HubSite.listing_view)."""

    name: Shown
    summary: Shown
    summary_fell_back: bool
    description: LangText
    description_attr: Markup
    hours: Shown
    refer: Shown
    cost_details: Shown
    tel: str
    languages: str
    referral: str
    cost: str
    formats: str
    topics: str
    audiences: list[tuple[str, bool]]  # (label, whether its age range follows)
    sectors: list[tuple[str, str]]  # (link, label)
    types: list[tuple[str, str]]
    nations: list[tuple[str, str]]
    areas: list[tuple[str, str]]  # (link or "", name)
    locations: list[LocationView]
    reviewed_iso: str


@dataclass
class LinkContext:
    """What a template needs to link from the page it is rendered on."""

    site: "HubSite"
    page_url: str

    def link(self, to_url: str) -> str:
        return SiteUrls.rel(self.page_url, to_url)

    def cards(self, entries: Iterable[ServiceEntry]) -> Markup:
        """The service cards of a list, linked from this page (HubSite.cards)."""
        return self.site.cards(entries, self)

    def __getattr__(self, name: str):
        return getattr(self.site, name)


@dataclass
class HubSite:
    hub: Hub
    urls: SiteUrls = field(default_factory=SiteUrls)
    site_url: str = ""
    language: str = SOURCE_LANGUAGE  # the language of the site being built: the hub's own words are in it
    shared: str = ""  # from this site's root to the one holding the data every language shares (render/languages.py)

    def date(self, day: dt.date) -> str:
        """'3 December 2026' in English, '3 Rhagfyr 2026' in Welsh (CLDR's month names, through Babel)."""
        if self.language == SOURCE_LANGUAGE:
            return long_date(day)
        return format_date(day, "d MMMM y", locale=self.language)

    @cached_property
    def _(self) -> Callable[[str], str]:
        """gettext for the hub's words in Python (titles, descriptions); extracted by Babel like the templates'."""
        return translations(self.language).gettext
    markdown: MarkdownCache = field(default_factory=MarkdownCache)  # listing descriptions, kept between builds

    # --- URLs ----------------------------------------------------------------
    def service_url(self, slug: str) -> str:
        return self.urls.url(f"services/{slug}.md")

    def type_url(self, term: str) -> str:
        return self.urls.url(f"browse/types/{term}/index.md")

    def nation_url(self, nation: str) -> str:
        return self.urls.url(f"browse/nations/{nation}/index.md")

    def sector_url(self, sector: str) -> str:
        return self.urls.url(f"sectors/{sector}.md")

    # --- labels --------------------------------------------------------------
    def label(self, category: str, key: str) -> str:
        """A vocabulary term's label in the site's language (English where the term has none in it)."""
        return self.hub.vocabulary.label(category, key, self.language)

    def text_of(self, item, field: str):
        """An item's own text in the site's language, with the language it is in (core/hub.py, Hub.text)."""
        return self.hub.text(item, field, self.language)

    def labels(self, category: str, keys: Iterable[str]) -> str:
        return ", ".join(self.label(category, k) for k in keys)

    def asks_for(self, audience: str) -> str:
        term = self.hub.vocabulary.terms("audiences").get(audience)
        return term.asks_for if term else ""

    def coverage_text(self, entry: ServiceEntry) -> str:
        coverage = entry.service.coverage
        if coverage.national:
            return self._("UK-wide")
        names = [self.label("nations", n) for n in coverage.nations]
        names += list(entry.coverage_areas.values()) or list(coverage.local_authorities)
        return ", ".join(names)

    @staticmethod
    def tel(phone: str) -> str:
        return tel_uri("".join(ch for ch in phone if ch.isdigit()))

    # --- derived indexes -------------------------------------------------------
    @property
    def services(self) -> list[ServiceEntry]:
        return self.hub.services_by_name

    @cached_property
    def areas(self) -> dict[str, Area]:
        """Every local authority a service is in or covers, with a unique URL slug."""
        areas: dict[str, Area] = {}
        used: set[str] = set()
        for code, name in sorted(self.hub.council_names.items(), key=lambda item: (item[1], item[0])):
            slug = suggest_slug(name) or code.lower()
            if slug in used:
                slug = f"{slug}-{code.lower()}"
            used.add(slug)
            nation = GSS_NATION.get(code[:1], "")
            folder = f"browse/areas/{slug}"
            areas[code] = Area(code, name, nation, self.urls.url(f"{folder}/index.md"), folder)
        return areas

    @cached_property
    def _services_by_area(self) -> dict[str, list[ServiceEntry]]:
        """GSS code -> the services in or covering it, by name: one pass, not one scan per area page."""
        found: dict[str, list[ServiceEntry]] = {}
        for entry in self.services:
            for code in dict.fromkeys([*entry.local_authorities, *entry.coverage_areas]):
                found.setdefault(code, []).append(entry)
        return found

    def services_in_area(self, code: str) -> list[ServiceEntry]:
        return self._services_by_area.get(code, [])

    def services_with(self, facet: str, key: str) -> list[ServiceEntry]:
        """The services (by name) of one service type, nation ("nations": ServiceEntry.nations) or sector."""
        return self._services_by_facet.get(facet, {}).get(key, [])

    @cached_property
    def _services_by_facet(self) -> dict[str, dict[str, list[ServiceEntry]]]:
        """"service_types" | "nations" | "sectors" -> key -> services by name: one pass over the services for the
        plan and the counts, not one per type, nation and sector (some fifty passes at 10,000 listings)."""
        found: dict[str, dict[str, list[ServiceEntry]]] = {"service_types": {}, "nations": {}, "sectors": {}}
        for entry in self.services:
            service = entry.service
            for facet, keys in (("service_types", service.service_types), ("nations", entry.nations),
                                ("sectors", service.sectors)):
                for key in dict.fromkeys(keys):
                    found[facet].setdefault(key, []).append(entry)
        return found

    # --- rendering -------------------------------------------------------------
    @cached_property
    def _templates(self) -> Environment:
        return _env(self.language)

    @cached_property
    def _card_link(self) -> str:
        """A word no listing contains, put where a card's link goes when the card is made (see `cards`)."""
        return "hubcard" + secrets.token_hex(8)

    @cached_property
    def _card_parts(self) -> dict[str, tuple[ServiceEntry, str, str]]:
        """slug -> (the entry, its card's HTML before the link, after it): each card is rendered once per build."""
        return {}

    def cards(self, entries: Iterable[ServiceEntry], ctx: LinkContext) -> Markup:
        """The cards of `entries` on the page of `ctx`. A service appears on about ten list pages (A to Z, its
        types, nations, areas, sectors), and only the link to its page differs from one to the next (it is
        relative): the card is rendered once with a placeholder for the link, and each list fills it in."""
        made = self._card_parts
        macro = self._templates.get_template("macros.html").module.card  # type: ignore[attr-defined]
        out: list[str] = []
        for entry in entries:
            href = ctx.link(self.service_url(entry.slug))
            known = made.get(entry.slug)
            if known is None or known[0] is not entry:  # `serve` replaces a changed listing's entry
                parts = str(macro(entry, self._card_link, self)).split(self._card_link)
                if len(parts) != 2:  # the placeholder is not where the link goes alone: this card as it is
                    out.append(str(macro(entry, href, self)))
                    continue
                known = made[entry.slug] = (entry, parts[0], parts[1])
            out += (known[1], escape(href), known[2])
        return Markup("".join(out))  # noqa: S704 - autoescaped macro output and an escaped link

    def render_listing(self, entry: ServiceEntry, page_url: str) -> str:
        service = entry.service
        edit = self.hub.settings.edit_url
        view = self.listing_view(entry, LinkContext(self, page_url).link)
        description = view.description
        return self._templates.get_template("listing.html").render(
            entry=entry, v=view,
            description=Markup(self.markdown.render(description.text)) if description.text else "",  # noqa: S704 - sanitised by nh3
            fell_back=self.language != SOURCE_LANGUAGE and view.summary_fell_back,
            overdue=self.hub.is_overdue(service.last_reviewed), reviewed=self.date(service.last_reviewed),
            edit_url=edit.replace("{path}", entry.source) if edit else "",
            jsonld=Markup(service_jsonld(self, entry, page_url)),  # noqa: S704 - JSON with <, > and & escaped
            report=Markup(self.render_report("service", service.name, entry.source, page_url)),  # noqa: S704 - autoescaped template
        )

    def listing_view(self, entry: ServiceEntry, link: Callable[[str], str]) -> "ListingView":
        """What a listing's page shows, made in Python for listing.html: its texts in the site's language with
        their lang attributes, the vocabulary's labels, and links relative to the page (`link`)."""
        service = entry.service
        language = self.language

        def shown(field: str, location: int | None = None) -> Shown:
            text = self.hub.text(entry, field, language, location=location)
            return Shown(text.text, lang_attribute(text.lang, language))

        label = self.label
        summary = self.hub.text(entry, "summary", language)
        description = self.hub.text(entry, "description", language)
        areas = [self.areas.get(code) or Area(code, name, "", "") for code, name in entry.coverage_areas.items()]
        if not entry.coverage_areas:
            areas = [Area("", name, "", "") for name in service.coverage.local_authorities]
        places = entry.places or [None] * len(service.locations)
        locations = []
        for index, (location, place) in enumerate(zip(service.locations, places, strict=True)):
            area = self.areas.get(place.la_code) if place else None
            locations.append(LocationView(shown("name", index), location.address, location.postcode, area,
                                          link(area.url) if area else "", shown("accessibility", index)))
        return ListingView(
            name=shown("name"), summary=Shown(summary.text, lang_attribute(summary.lang, language)),
            summary_fell_back=summary.fell_back, description=description,
            description_attr=lang_attribute(description.lang, language),
            hours=shown("opening_hours"), refer=shown("how_to_refer"), cost_details=shown("cost_details"),
            tel=self.tel(service.contact.phone) if service.contact.phone else "",
            languages=", ".join(service.languages),
            referral=label("referral_routes", service.access.referral), cost=label("cost_types", service.cost.type),
            formats=self.labels("formats", service.formats), topics=self.labels("topics", service.topics),
            audiences=[(label("audiences", a), bool(self.asks_for(a) == "age_range" and service.age_range))
                       for a in service.audiences],
            sectors=[(link(self.sector_url(x)), label("sectors", x)) for x in service.sectors],
            types=[(link(self.type_url(x)), label("service_types", x)) for x in service.service_types],
            nations=[(link(self.nation_url(n)), label("nations", n)) for n in service.coverage.nations],
            areas=[(link(area.url) if area.url else "", area.name) for area in areas],
            locations=locations, reviewed_iso=service.last_reviewed.isoformat(),
        )

    def render_report(self, kind: str, title: str, source: str, page_url: str) -> str:
        """The 'Report a problem' section of an item's page (render/report.py), or '' when the hub has no route."""
        from hub_build.render.report import report_context

        context = report_context(self.hub.settings, kind=kind, title=title, source=source, page_url=page_url,
                                 site_url=self.site_url)
        if context is None:
            return ""
        return self._templates.get_template("report.html").render(
            **context, script=SiteUrls.rel(page_url, "assets/hub/report.js"))

    @cached_property
    def _reportable_pages(self) -> dict[str, tuple[str, str, str]]:
        """src_uri -> (kind, title, source) of every resource, practice and event page, built once."""
        pages = {r.src_uri: ("resource", r.resource.title, r.source) for r in self.hub.resources}
        pages.update({p.src_uri: ("practice", p.practice.title, p.source) for p in self.hub.practice})
        pages.update({e.src_uri: ("event", e.event.title, e.source) for e in self.hub.events})
        return pages

    def report_for(self, src_uri: str, page_url: str) -> str:
        """'Report a problem' for the resource, practice example or event built from `src_uri`, else ''."""
        found = self._reportable_pages.get(src_uri)
        return self.render_report(*found, page_url) if found else ""

    def render_list(self, title: str, intro: str, entries: list[ServiceEntry], number: int,
                    page_links: dict[int, str], page_url: str, extra: str = "") -> str:
        size = self.hub.settings.page_size
        pages = max(1, -(-len(entries) // size))
        chunk = entries[(number - 1) * size: number * size]
        ctx = LinkContext(self, page_url)
        links = {n: ctx.link(url) for n, url in page_links.items()}
        return self._templates.get_template("list.html").render(
            title=title, intro=intro, entries=chunk, total=len(entries), number=number, pages=pages,
            page_links=links, env=ctx, extra=Markup(extra),  # noqa: S704 - HTML our autoescaped templates made
        )

    # --- the page plan -----------------------------------------------------------
    def paginated(self, folder: str, title: str, intro: str, entries: list[ServiceEntry],
                  extra: Callable[[LinkContext], str] | None = None) -> list[GeneratedPage]:
        size = self.hub.settings.page_size
        pages = max(1, -(-len(entries) // size))
        uris = {n: f"{folder}/index.md" if n == 1 else f"{folder}/page-{n}.md" for n in range(1, pages + 1)}
        page_links = {n: self.urls.url(uri) for n, uri in uris.items()}
        listed = tuple(e.slug for e in entries)
        result = []
        for number, uri in uris.items():
            def render(page_url: str, number: int = number) -> str:
                more = extra(LinkContext(self, page_url)) if extra and number == 1 else ""
                return self.render_list(title, intro, entries, number, page_links, page_url, more)

            shown_title = title if number == 1 else f"{title} (page {number})"
            shows = listed[(number - 1) * size: number * size]
            result.append(GeneratedPage(uri, shown_title, intro, render, shows=shows, listed=listed))
        return result

    def plan(self) -> list[GeneratedPage]:
        vocab = self.hub.vocabulary
        pages: list[GeneratedPage] = []
        for entry in self.services:
            pages.append(GeneratedPage(
                f"services/{entry.slug}.md", entry.service.name, entry.service.summary,
                partial(self.render_listing, entry), kind="listing", shows=(entry.slug,),
            ))
        _ = self._
        pages.append(GeneratedPage("services/index.md", _("Find services"), _("Browse the directory of support services."),
                                   self.render_directory_home, kind="directory"))
        pages.append(GeneratedPage(FIND_PAGE, _("Search the directory"),
                                   _("Search support services by need and place, filter them and make a shortlist."),
                                   self.render_find, kind="directory"))
        pages += self.paginated("browse/a-z", _("All services A to Z"), _("Every service in the directory, by name."),
                                self.services)
        for term in vocab.terms("service_types").values():
            chosen = self.services_with("service_types", term.key)
            pages += self.paginated(f"browse/types/{term.key}", term.label, term.description, chosen)
        for nation in NATION_ORDER:
            label = self.label("nations", nation)
            chosen = self.services_with("nations", nation)
            pages += self.paginated(f"browse/nations/{nation}", _("Services in {nation}").format(nation=label),
                                    _("Services working in {nation}, including those that cover the whole UK.")
                                    .format(nation=label), chosen)
        pages.append(GeneratedPage("browse/areas/index.md", _("Services by local authority"),
                                   _("Local authorities with services based in or covering them."), self.render_area_index))
        for code, area in self.areas.items():
            chosen = self.services_in_area(code)
            pages += self.paginated(area.folder, _("Services in {area}").format(area=area.name),
                                    _("Services based in or covering {area}.").format(area=area.name), chosen,
                                    extra=partial(self._area_extra, area=area))
        for sector in vocab.terms("sectors").values():
            pages.append(GeneratedPage(f"sectors/{sector.key}.md", self.sector_title(sector.key),
                                       _("Services and resources for professionals in {sector}.")
                                       .format(sector=self.label("sectors", sector.key).lower()),
                                       partial(self.render_sector, sector.key), kind="sector"))
            # The sector page shows the first page of its services; the rest are paged here, so no page grows with N.
            pages += self.paginated(f"browse/sectors/{sector.key}", _("Services for {sector} professionals")
                                    .format(sector=self.label("sectors", sector.key).lower()),
                                    _("Services tagged for professionals in {sector}.")
                                    .format(sector=self.label("sectors", sector.key).lower()),
                                    self.sector_services(sector.key))
        pages.append(GeneratedPage(f"{self.hub.settings.resources}/index.md", _("Resources"),
                                   _("Guides, toolkits, research and more for professionals, families and children."),
                                   self.render_resource_index, kind="resources"))
        pages += self.knowledge.plan()  # resource browse pages, practice, events, updates (render/knowledge.py)
        pages.append(GeneratedPage("suggest/index.md", _("Suggest a listing"),
                                   _("Propose a service, resource, event or practice example with a form that checks "
                                     "every answer."),
                                   self.render_suggest, kind="suggest"))
        return pages

    def render_suggest(self, page_url: str) -> str:
        """The suggest-a-listing form: generated in the browser from the schema embedded here (render/suggest.py)."""
        import json

        from hub_build.render.suggest import suggest_config

        config = suggest_config(self.hub, self._)
        return self._templates.get_template("suggest.html").render(  # the JSON goes in an attribute, escaped
            config=json.dumps(config, ensure_ascii=False, separators=(",", ":")), new_file_url=config["newFileUrl"],
            script=SiteUrls.rel(page_url, "assets/hub/suggest.js"), submit_url="",
            report_email=self.hub.settings.report_email or "",
        )

    @cached_property
    def knowledge(self):
        """Pages and blocks for resources, practice examples, events and updates."""
        from hub_build.render.knowledge import Knowledge

        return Knowledge(self)

    def render_resource_index(self, page_url: str) -> str:
        ctx = LinkContext(self, page_url)
        groups = []
        for term in self.hub.vocabulary.terms("resource_types").values():
            chosen = sorted((r for r in self.hub.resources if r.resource.type == term.key),
                            key=lambda r: r.resource.title.casefold())
            if chosen:
                groups.append((term, chosen))
        return self._templates.get_template("resources.html").render(
            env=ctx, groups=groups, total=len(self.hub.resources), resource_url=self.resource_url)

    def _area_extra(self, ctx: LinkContext, area: Area) -> str:
        if not area.nation:
            return ""
        sentence = self._('See also <a href="{url}">all services in {nation}</a>, which includes services covering '
                          'the whole UK.')
        return "<p>" + sentence.format(url=html.escape(ctx.link(self.nation_url(area.nation))),
                                       nation=html.escape(self.label("nations", area.nation))) + "</p>"

    def render_directory_home(self, page_url: str) -> str:
        ctx = LinkContext(self, page_url)
        return self._templates.get_template("directory.html").render(
            env=ctx, total=len(self.services),
            types=[(t, len(self.services_with("service_types", t.key)))
                   for t in self.hub.vocabulary.terms("service_types").values()],
            nations=[(n, self.label("nations", n), len(self.services_with("nations", n))) for n in NATION_ORDER],
            area_index=self.urls.url("browse/areas/index.md"), az=self.urls.url("browse/a-z/index.md"),
        )

    def render_area_index(self, page_url: str) -> str:
        ctx = LinkContext(self, page_url)
        groups = []
        for nation in NATION_ORDER:
            areas = [(a, len(self.services_in_area(a.code))) for a in self.areas.values() if a.nation == nation]
            if areas:
                groups.append((self.label("nations", nation), areas))
        return self._templates.get_template("areas.html").render(env=ctx, groups=groups)

    def sector_title(self, sector: str) -> str:
        return self._("For {sector} professionals").format(sector=self.label("sectors", sector).lower())

    def sector_services(self, sector: str) -> list[ServiceEntry]:
        return self.services_with("sectors", sector)

    def render_sector(self, sector: str, page_url: str, with_title: bool = True) -> str:
        """A sector's entry point; without its title when it follows an editor's intro page (content/sectors/)."""
        ctx = LinkContext(self, page_url)
        services = self.sector_services(sector)
        resources = [r for r in self.latest_resources() if sector in r.resource.sectors]
        return self._templates.get_template("sector.html").render(
            env=ctx, title=self.sector_title(sector),
            services=services[: self.hub.settings.page_size], total_services=len(services),
            all_services=self.urls.url(f"browse/sectors/{sector}/index.md"), resources=resources, resource_url=self.resource_url,
            practice=self.knowledge.practice_for_sector(sector), k=self.knowledge, with_title=with_title,
        )

    # --- resources and the home page -------------------------------------------------
    def resource_url(self, entry: ResourceEntry) -> str:
        return self.urls.url(entry.src_uri)

    def latest_resources(self) -> list[ResourceEntry]:
        return sorted(self.hub.resources, key=lambda r: (r.resource.date or r.resource.last_reviewed, r.slug), reverse=True)

    def render_resource_panel(self, entry: ResourceEntry, page_url: str) -> str:
        ctx = LinkContext(self, page_url)
        return self._templates.get_template("resource.html").render(
            env=ctx, entry=entry, r=entry.resource, reviewed=self.date(entry.resource.last_reviewed),
            published=self.date(entry.resource.date) if entry.resource.date else "",
            overdue=self.hub.is_overdue(entry.resource.last_reviewed), attachment=self.knowledge.attachment(entry),
            k=self.knowledge,
        )

    def render_block(self, name: str, page_url: str) -> str:
        """A generated block for a `<!-- hub:NAME -->` marker in an editor's page."""
        if name in KNOWLEDGE_BLOCKS:
            return self.knowledge.render_block(name, page_url)
        ctx = LinkContext(self, page_url)
        template = {"search": "block_search.html", "counts": "block_counts.html", "sectors": "block_sectors.html",
                    "latest-resources": "block_resources.html"}.get(name)
        if template is None:
            return ""
        return self._templates.get_template(template).render(
            env=ctx, services=len(self.hub.services), resources=self.latest_resources(),
            areas=len(self.areas), nations=[(n, self.label("nations", n)) for n in NATION_ORDER],
            sectors=list(self.hub.vocabulary.terms("sectors").values()),
            directory=self.urls.url("services/index.md"), resource_url=self.resource_url,
            home=self.urls.url("index.md"), find=self.urls.url(FIND_PAGE),
            az=self.urls.url("browse/a-z/index.md"), area_index=self.urls.url("browse/areas/index.md"),
        )

    def render_find(self, page_url: str) -> str:
        """The directory search page: a form and empty regions that search.js fills from the site's own data."""
        ctx = LinkContext(self, page_url)
        return self._templates.get_template("search.html").render(
            env=ctx, total=len(self.services), radii=(5, 10, 25, 50, 100), max_query=200, max_place=100,
            search_base=ctx.link(self.shared + "search-data/"), geo_base=ctx.link(self.shared + "geo/"), assets=ctx.link("assets/hub/"),
            service_url=ctx.link(self.service_url("{slug}")),
            directory=self.urls.url("services/index.md"), az=self.urls.url("browse/a-z/index.md"),
            area_index=self.urls.url("browse/areas/index.md"),
            nations=[(n, self.label("nations", n)) for n in NATION_ORDER],
            types=list(self.hub.vocabulary.terms("service_types").values()), welsh=self.hub.has_welsh,
        )


KNOWLEDGE_BLOCKS = ("upcoming-events", "latest-practice", "latest-updates")  # render/knowledge.py
BLOCK_NAMES = ("search", "counts", "sectors", "latest-resources") + KNOWLEDGE_BLOCKS
FIND_PAGE = "find/index.md"  # the directory search page (hub_build/assets/search.js)
