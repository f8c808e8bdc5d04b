"""Fast edits under `mkdocs serve` / `hub-build serve`: a changed listing re-renders only its pages.

MkDocs rebuilds the whole site on every change (about a minute at 10,000 listings). The `hub` plugin keeps
itself across rebuilds (it has on_startup), so after each full build it knows the hub, the page plan, the
captured frames, and, for the few pages MkDocs rendered that show listings (sector entry points, counts,
indexes), their final HTML around the body. When the watcher fires, `FastServe.update`:

1. compares the sources with the snapshot taken after the last full build (render/incremental.py);
2. if only listing files were modified, reads, validates and geo-tags just those (load.reload_listings);
3. re-renders the pages those listings touch: their own pages, the list pages whose members or order
   changed or that show them, and every page that is not a list (a few dozen), into the site being served;
4. rewrites the directory search data, the site-wide search index, the feed, the open data and the
   browser's geo data in a background thread (a minute at 10,000 listings on a busy machine; logged when
   done); a change meanwhile does not wait for it, it runs once more after.

Everything else is MkDocs' full rebuild, as before: a listing added, removed or with an error, a page that
appears or disappears, any Markdown page, mkdocs.yml or the vocabulary. A hub built in more than one language
(`languages: [en, cy]`) always gets the full rebuild: its other languages' sites are whole MkDocs builds of
their own (adapters/mkdocs/languages.py), and a fast edit of the English pages alone would leave /cy/ behind.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from hub_build.adapters.mkdocs.framing import write_page_file
from hub_build.pipeline import reload_listings
from hub_build.render.incremental import Snapshot, pages_to_render
from hub_build.render.site import GeneratedPage, HubSite

if TYPE_CHECKING:
    from hub_build.adapters.mkdocs.plugin import HubPlugin

log = logging.getLogger("mkdocs.plugins.hub")


class _Clock:
    """Seconds per step of a fast update, for the log."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.laps: list[str] = []

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append(f"{name} {now - self.last:.2f} s")
        self.last = now

    def __str__(self) -> str:
        return ", ".join(self.laps)


class FastServe:
    def __init__(self, plugin: "HubPlugin") -> None:
        self.plugin = plugin
        self.snapshot: Snapshot | None = None  # after the last good build; None: the next change rebuilds all
        self.watched: list[Path] = []
        self.site_dir = ""
        self.site_url = ""
        self.frames: dict[str, tuple[str, str, str]] = {}  # src_uri -> (HTML before the body, after it, page URL)
        # src_uri -> (the Markdown's HTML, page settings, title), for editor pages that show listings
        self.editor_pages: dict[str, tuple[str, dict[str, Any], str]] = {}
        self.background: threading.Thread | None = None
        self.lock = threading.Lock()
        self.publish_again = False

    # --- during a full build -------------------------------------------------------------------------
    def remember(self, src_uri: str, output: str, body: str) -> None:
        """Keep a page MkDocs rendered, cut around its body, when the hub may need to redo that body."""
        assert self.plugin.pages is not None
        if src_uri not in self.plugin.pages.generated and src_uri not in self.editor_pages:
            return
        if not body or output.count(body) != 1:
            return  # not cut: a fast edit that needs this page rebuilds everything
        start = output.index(body)
        page_url = self.plugin.site.urls.url(src_uri) if self.plugin.site else ""
        self.frames[src_uri] = (output[:start], output[start + len(body):], page_url)

    def built(self, config: Any) -> None:
        """After a full build: what the next change is compared with."""
        self._wait_for_background()
        root = Path(config.config_file_path).parent
        settings = self.plugin.settings
        self.watched = [root / settings.directory, Path(config.docs_dir), Path(config.config_file_path)]
        if settings.vocabulary:
            self.watched.append(root / settings.vocabulary)
        self.watched = [path.resolve() for path in self.watched]
        self.site_dir, self.site_url = config.site_dir, config.site_url or ""
        self.config = config
        self.snapshot = Snapshot.take(self.watched)

    def start_full_build(self) -> None:
        self.snapshot = None
        self.frames = {}
        self.editor_pages = {}

    # --- on a change ------------------------------------------------------------------------------------
    def wrap(self, builder: Callable[[], None]) -> Callable[[], None]:
        def build() -> None:
            started = time.perf_counter()
            try:
                done = self.update()
            except Exception as error:  # anything unexpected: the full rebuild is always right
                log.warning("fast update failed (%s); rebuilding everything", error)
                done = False
            if done:
                log.info("hub: updated in %.2f s without a full rebuild", time.perf_counter() - started)
                return
            self._wait_for_background()
            self.start_full_build()
            builder()
        return build

    def update(self) -> bool:
        """Apply the change on its own; False when it needs a full rebuild."""
        plugin, hub, before = self.plugin, self.plugin.hub, self.snapshot
        if before is None or hub is None or plugin.site is None or hub.inventory is None:
            return False
        if len(hub.settings.languages) > 1:
            log.info("hub: built in %s: every language's site is rebuilt", ", ".join(hub.settings.languages))
            return False
        clock = _Clock()
        after = Snapshot.take(self.watched)
        changes = before.changes(after)
        clock.lap("compare the sources")
        if not changes:
            return True  # touched, not changed (an editor saving twice)
        by_path = {str(entry_path): entry for entry_path, entry in self._listing_paths().items()}
        if changes.added or changes.removed or not changes.modified <= by_path.keys():
            return False
        changed = [by_path[path] for path in sorted(changes.modified)]
        entries, problems = reload_listings(hub, [(Path(path), by_path[path].source) for path in sorted(changes.modified)])
        if any(problem.is_error for problem in problems) or len(entries) != len(changed):
            return False  # the full build reports it, file, line and field, as always
        for problem in problems:
            log.log(logging.INFO if problem.field == "last_reviewed" else logging.WARNING, problem.as_text())
        clock.lap("read, validate and geo-tag")
        sources = {entry.source for entry in changed}
        replaced = {entry.source: entry for entry in entries}
        hub.services = [replaced.get(entry.source, entry) for entry in hub.services]
        hub.problems = [p for p in hub.problems if p.path not in sources] + problems
        site = HubSite(hub, plugin.site.urls, site_url=plugin.site.site_url, markdown=plugin.site.markdown)
        self._write_listings_first(site, entries)
        clock.lap("the listings' own pages")
        every = site.plan()
        if {page.src_uri for page in every} != plugin.planned:
            return False  # a page appears or goes: the full build
        wanted = {page.src_uri for page in plugin.plan}
        plan = [page for page in every if page.src_uri in wanted]
        chosen = pages_to_render(plugin.plan, plan, {entry.slug for entry in changed})
        if chosen is None or not self._can_render(chosen):
            return False
        clock.lap("plan")
        assert plugin.pages is not None
        plugin.site, plugin.plan, plugin.pages.site = site, plan, site
        for page in plan:
            if page.src_uri in plugin.pages.generated:
                plugin.pages.generated[page.src_uri] = page
            elif page.src_uri in plugin.framing.framed:
                plugin.framing.framed[page.src_uri] = (plugin.framing.framed[page.src_uri][0], page)
        for page in chosen:
            self._render(page)
        for src_uri, (markdown_html, meta, title) in self.editor_pages.items():
            before_body, after_body, url = self.frames[src_uri]
            plugin.pages.search_pages = [record for record in plugin.pages.search_pages if record.url != url]
            body = plugin.pages.editor_body(src_uri, url, markdown_html, meta, title)  # and its search record again
            write_page_file(self._dest(src_uri), before_body + body + after_body)
        clock.lap("pages")
        self.snapshot = after
        log.info("hub: %d listing(s) changed: %d pages written (%s)", len(changed), len(chosen) + len(self.editor_pages),
                 clock)
        self._publish_in_background()
        return True

    def _write_listings_first(self, site: HubSite, entries: list) -> None:
        """The page the editor is looking at comes first: each changed listing's own page, before the plan of
        every page is made again (seconds at 10,000 listings). If the plan then needs a full rebuild, that
        rewrites these pages too."""
        framed = self.plugin.framing.framed
        for entry in entries:
            found = framed.get(f"services/{entry.slug}.md")
            if found is None:
                continue
            file, page = found
            self.plugin.framing.write_page(file, replace(page, title=entry.service.name, description=entry.service.summary,
                                                         render=partial(site.render_listing, entry)), self.site_url)

    def _listing_paths(self) -> dict[Path, Any]:
        hub = self.plugin.hub
        assert hub is not None and hub.inventory is not None
        by_source = {entry.source: entry for entry in hub.services}
        return {item.path: by_source[item.source] for item in hub.inventory.of_kind("listing") if item.source in by_source}

    def _can_render(self, pages: list[GeneratedPage]) -> bool:
        framed, frames = self.plugin.framing.framed, self.frames
        return all(page.src_uri in framed or page.src_uri in frames for page in pages) and \
            all(uri in frames for uri in self.editor_pages)

    def _render(self, page: GeneratedPage) -> None:
        framing = self.plugin.framing
        if page.src_uri in framing.framed:
            framing.write_page(framing.framed[page.src_uri][0], page, self.site_url)
            return
        before_body, after_body, url = self.frames[page.src_uri]
        write_page_file(self._dest(page.src_uri), before_body + page.render(url) + after_body)

    def _dest(self, src_uri: str) -> str:
        assert self.plugin.files is not None
        file = self.plugin.files.get_file_from_path(src_uri)
        assert file is not None
        return file.abs_dest_path

    def _publish_in_background(self) -> None:
        """The directory search data, the search box index, feed, open data and browser geo data take seconds
        at 10,000 listings: written in a background thread, never holding up the pages. A change while it
        runs makes it run once more when it ends, so the last state is always the one published."""
        with self.lock:
            self.publish_again = True
            if self.background is not None and self.background.is_alive():
                return
            self.background = threading.Thread(target=self._publish_rest, daemon=True)
            self.background.start()

    def _publish_rest(self) -> None:
        while True:
            with self.lock:
                if not self.publish_again:
                    return
                self.publish_again = False
            started = time.perf_counter()
            try:
                self.plugin.publish_after_pages(self.config)
            except Exception as error:  # reported; the next full rebuild writes them again
                log.warning("the search data, feed or open data could not be updated (%s); save mkdocs.yml to rebuild",
                            error)
                continue
            log.info("hub: search data, search index, feed and open data updated in %.1f s", time.perf_counter() - started)

    def _wait_for_background(self) -> None:
        if self.background is not None:
            self.background.join()
            self.background = None
