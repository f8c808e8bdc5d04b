"""Load and validate every content file of a hub, collecting all problems in one pass."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ValidationError

from hub_build.load import placeholders
from hub_build.load.duplicates import duplicate_warnings
from hub_build.model.compact import share_fields_sets
from hub_build.model.fields import slug_problem
from hub_build.core.hub import EventEntry, Hub, PageSource, PracticeEntry, ResourceEntry, ServiceEntry
from hub_build.load.inventory import Inventory, generated_clashes, markdown_stem, take_inventory
from hub_build.model.items import (
    EditorPage, Event, EventWelsh, Practice, PracticeWelsh, Resource, ResourceWelsh, Service,
)
from hub_build.core.problems import Problem, Severity
from hub_build.core.settings import HubSettings, today as build_today
from hub_build.load.validation import problems_from
from hub_build.core.vocabulary import load_vocabulary
from hub_build.core.yamlsource import Positions, YamlProblem, decode_source, load_yaml

RESERVED_SLUGS = {"index"}


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def split_front_matter(text: str) -> tuple[Optional[str], str, int]:
    """(front matter YAML or None, body, line number where the YAML starts minus one).

    Line ends are normalised first (a lone CR is a line end to MkDocs and editors too)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), 1
    return None, text, 0


def parse_document(raw: bytes, source: str, *, front_matter: bool) -> tuple[Any, Positions, list[Problem]]:
    """Decode and parse a YAML file or a Markdown file's front matter."""
    try:
        text = decode_source(raw)
        offset = 0
        if front_matter:
            yaml_text, _, offset = split_front_matter(text)
            if yaml_text is None:
                raise YamlProblem(1, 1, "the page has no front matter",
                                  "start the file with a '---' line, the fields, then another '---' line")
            text = yaml_text
        data, positions = load_yaml(text, line_offset=offset)
    except YamlProblem as p:
        return None, Positions(), [Problem(source, p.line, p.col, p.message, p.hint)]
    problems = [Problem(source, p.line, p.col, p.message, p.hint) for p in positions.problems]
    if not isinstance(data, dict):
        return None, positions, problems + [Problem(source, 1, 1, "the file should be a set of fields (name: value)",
                                                    "copy the layout of an existing listing")]
    return data, positions, problems


def validate(model: type[BaseModel], data: dict, source: str, positions: Positions, context: dict):
    """The model, or None and its problems (less those on lines the YAML reader already reported)."""
    try:
        value = model.model_validate(data, context=context)
    except ValidationError as error:
        reported = {p.line for p in positions.problems}
        return None, [p for p in problems_from(error, model, source, positions) if p.line not in reported]
    except Exception as error:  # a bug of ours must not become a contributor's traceback
        return None, [Problem(source, 1, 1, f"hub-build could not check this file ({type(error).__name__})",
                              "this is a bug in hub-build: please report it with the file attached")]
    share_fields_sets(value)  # about 300 bytes a nested model otherwise (model/compact.py)
    return value, []


def _review_warning(hub: Hub, reviewed: dt.date, source: str, positions: Positions) -> list[Problem]:
    if not hub.is_overdue(reviewed):
        return []
    line, col = positions.locate(("last_reviewed",))
    days = (hub.today - reviewed).days
    return [Problem(source, line, col, f"last checked {days} days ago, over the {hub.settings.review_interval_days}-day review interval",
                    "check the details with the service, then set last_reviewed to today's date",
                    field="last_reviewed", severity=Severity.WARNING)]


def _inventory(hub: Hub) -> Inventory:
    """The hub's classified files: load_hub takes the inventory before any item is read."""
    if hub.inventory is None:
        raise RuntimeError("the inventory is taken before any file is read (load_hub)")
    return hub.inventory


def _load_services(hub: Hub, context: dict) -> None:
    folder = hub.root / hub.settings.directory
    if not folder.is_dir():
        hub.problems.append(Problem(hub.settings.directory, 1, 1, "the listings folder does not exist",
                                    "create it, or set the 'directory' option of the hub plugin"))
        return
    seen: dict[str, str] = {}
    for item in _inventory(hub).of_kind("listing"):
        path, source = item.path, item.source
        slug = path.stem
        name_problem = _slug_problem(slug, source, seen)
        if name_problem is None:
            seen[slug] = source
        else:
            hub.problems.append(name_problem)
        entry = load_service(hub, path, source, context)
        if entry is not None and name_problem is None:
            hub.services.append(entry)


def load_service(hub: Hub, path: Path, source: str, context: dict) -> Optional[ServiceEntry]:
    """One listing file read and validated; its problems go to hub.problems (pipeline.reload_listings reuses it)."""
    raw = _read(hub, path, source)
    if raw is None:
        return None
    data, positions, problems = parse_document(raw, source, front_matter=False)
    hub.problems.extend(problems)
    if data is None:
        return None
    hub.problems.extend(placeholders.problems(data, positions, source))
    service, problems = validate(Service, data, source, positions, context)
    hub.problems.extend(problems)
    if service is None or positions.problems:
        return None
    hub.problems.extend(_review_warning(hub, service.last_reviewed, source, positions))
    positions.pack()  # its own checks are done: the tables come back from the text if a later stage needs one
    return ServiceEntry(path.stem, source, service, positions)


def _read(hub: Hub, path: Path, source: str) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as error:
        hub.problems.append(Problem(source, 1, 1, f"the file cannot be read ({error.strerror})", "check its permissions"))
        return None


def _slug_problem(slug: str, source: str, seen: dict[str, str]) -> Optional[Problem]:
    """The file name becomes the page's URL: it must be URL-safe, not reserved, and unique."""
    bad = slug_problem(slug)
    if bad:
        return Problem(source, 1, 1, bad[0], bad[1], field="(file name)")
    if slug in RESERVED_SLUGS:
        return Problem(source, 1, 1, f"the file name '{slug}' is reserved for the directory's own pages",
                       f"rename it, for example to '{slug}-service.yaml'", field="(file name)")
    if slug in seen:
        return Problem(source, 1, 1, f"another listing already uses the name '{slug}' ({seen[slug]})",
                       "each listing's file name must be unique across the directory: rename one", field="(file name)")
    return None


def _load_resources(hub: Hub, docs_dir: Path, context: dict) -> None:
    static = _inventory(hub).static_files()
    for slug, source, src_uri, resource, positions, _ in _load_pages(hub, context, hub.settings.resources, Resource, "resource"):
        if resource.file:
            problem = _check_attachment(resource.file, src_uri, static, source, positions)
            if problem:
                hub.problems.append(problem)
                continue
        entry = ResourceEntry(slug, source, src_uri, resource, positions)
        hub.resources.append(entry)
        hub.resources_by_uri[src_uri] = entry
        hub.problems.extend(_review_warning(hub, resource.last_reviewed, source, positions))


# Generated pages live beside practice and event pages: these names are taken.
RESERVED_PAGE_NAMES = {"practice": {"index"}, "events": {"index", "past", "upcoming"}, "resource": {"index"}}
# A folder's own page: never an item, in any item folder at any depth (it would take the folder's address).
FOLDER_PAGE_NAMES = {"index", "README"}


def _load_pages(hub: Hub, context: dict, folder_name: str, model, kind: str):
    """Validated Markdown items of one kind: every Markdown file the inventory found below the kind's folder,
    at any depth and with any Markdown extension. The slug is the path below the folder without its extension."""
    reserved = RESERVED_PAGE_NAMES.get(kind, set())
    folder = folder_name.strip("/") + "/"
    for item in _inventory(hub).of_kind(kind):
        source, src_uri = item.source, item.rel
        slug = markdown_stem(src_uri[len(folder):])
        parts = slug.split("/")
        bad = next((part for part in parts if slug_problem(part)), None)
        if bad is not None or parts[-1] in FOLDER_PAGE_NAMES or (len(parts) == 1 and slug in reserved):
            name = bad if bad is not None else parts[-1]
            hint = (slug_problem(name) or ("", ""))[1] or f"rename it, for example to '{name.lower()}-1.md'"
            hub.problems.append(Problem(source, 1, 1, f"the name '{name}' cannot be used for a {kind} page",
                                        hint.replace(".yaml", ".md"), field="(file name)"))
            continue
        raw = _read(hub, item.path, source)
        if raw is None:
            continue
        data, positions, problems = parse_document(raw, source, front_matter=True)
        hub.problems.extend(problems)
        if data is None:
            continue
        text = decode_source(raw)
        _, body, _ = split_front_matter(text)
        hub.problems.extend(placeholders.problems(data, positions, source, body,
                                                  len(text[: len(text) - len(body)].split("\n"))))
        value, problems = validate(model, data, source, positions, context)
        hub.problems.extend(problems)
        if value is None or positions.problems:
            continue
        hub.pages[src_uri] = PageSource(source, body)
        yield slug, source, src_uri, value, positions, raw
        positions.pack()  # the caller's checks are done (see load_service)


def _load_editor_pages(hub: Hub, context: dict) -> None:
    """Every other Markdown page: its front matter is read strictly (no aliases, no tags) and may hold
    only the keys the hub allows (models.EditorPage); a broken one is an error, never page text."""
    for item in _inventory(hub).of_kind("page"):
        page = _read_page(hub, item, EditorPage, context)
        if page is not None:
            hub.pages[item.rel] = page


def _read_page(hub: Hub, item, model: type[BaseModel], context: dict) -> Optional[PageSource]:
    """A page whose front matter is optional and, when present, checked against `model`."""
    raw = _read(hub, item.path, item.source)
    if raw is None:
        return None
    try:
        text = decode_source(raw)
    except YamlProblem as p:
        hub.problems.append(Problem(item.source, p.line, p.col, p.message, p.hint))
        return None
    yaml_text, body, _ = split_front_matter(text)
    if yaml_text is None:
        if text.replace("\r", "\n").split("\n", 1)[0].rstrip() == "---":
            hub.problems.append(Problem(item.source, 1, 1, "the front matter has no closing '---' line",
                                        "end the page's settings with a line of three hyphens: ---"))
            return None
        return PageSource(item.source, body, model() if model is not EditorPage else None)
    if not yaml_text.strip():
        return PageSource(item.source, body, model())
    data, positions, problems = parse_document(raw, item.source, front_matter=True)
    hub.problems.extend(problems)
    if data is None:
        return None
    meta, problems = validate(model, data, item.source, positions, context)
    hub.problems.extend(problems)
    if meta is not None and not positions.problems:
        return PageSource(item.source, body, meta)
    return None


# The model of a Welsh sibling's front matter, by its original's kind: an editor page's settings, or an item's text.
TRANSLATION_MODELS: dict[str, type[BaseModel]] = {
    "page": EditorPage, "resource": ResourceWelsh, "practice": PracticeWelsh, "events": EventWelsh}


def _load_translations(hub: Hub, context: dict) -> None:
    """Every Welsh sibling (`about.cy.md`), read like its original: an editor page's sibling may hold the same
    settings, an item's sibling only the item's text (its terms, dates and links are the original's). A case study's
    sibling gets the same personal-data check, against the original's acknowledgements."""
    from hub_build.load.personal_data import check as personal_data

    inventory = _inventory(hub)
    kinds = {f.rel: f.kind for f in inventory.files}
    practice = {entry.src_uri: entry.practice for entry in hub.practice}
    for lang in hub.settings.languages[1:] or ("cy",):
        for original, item in inventory.translations(lang).items():
            page = _read_page(hub, item, TRANSLATION_MODELS[kinds[original]], context)
            if page is None:
                continue
            if original in practice:
                text = decode_source(item.path.read_bytes())  # the whole file, so findings have the file's lines
                found = [p for p in personal_data(text, practice[original], item.source) if p.is_error]
                hub.problems.extend(found)
                if found:
                    continue
            hub.translations.setdefault(original, {})[lang] = page


def _load_practice(hub: Hub, docs_dir: Path, context: dict) -> None:
    from hub_build.load.personal_data import check as personal_data

    for slug, source, src_uri, practice, positions, raw in _load_pages(
            hub, context, hub.settings.practice, Practice, "practice"):
        found = personal_data(decode_source(raw), practice, source,
                              positions.locate(("personal_data_reviewed",), prefer_key=True))
        hub.problems.extend(found)
        if not any(p.is_error for p in found):
            hub.practice.append(PracticeEntry(slug, source, src_uri, practice, positions))
            hub.problems.extend(_review_warning(hub, practice.last_reviewed, source, positions))


def _load_events(hub: Hub, docs_dir: Path, context: dict) -> None:
    for slug, source, src_uri, event, positions, _ in _load_pages(
            hub, context, hub.settings.events, Event, "events"):
        hub.events.append(EventEntry(slug, source, src_uri, event, positions))


def _check_attachment(name: str, page_uri: str, static: set[str], source: str, positions: Positions) -> Optional[Problem]:
    """An attached file must be a static file the inventory allowed, inside the content folder."""
    import posixpath

    line, col = positions.locate(("file",))
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), name.replace("\\", "/")))
    if name.startswith("/") or target == ".." or target.startswith("../"):
        return Problem(source, line, col, f"the file '{name}' is outside the site's content folder",
                       "put the document beside the page and give its name", field="file")
    if target not in static:
        return Problem(source, line, col, f"the file '{name}' does not exist or cannot be published",
                       "check the name (it is relative to this page's folder) and that the file is of an allowed type",
                       field="file")
    return None


def new_hub(root: Path, settings: HubSettings, *, docs_dir: Path | None = None, today: dt.date | None = None) -> Hub:
    """An empty Hub with its vocabulary read (vocabulary problems are the first problems)."""
    root = root.resolve()
    vocab_file = root / settings.vocabulary if settings.vocabulary else None
    vocabulary, problems = load_vocabulary(vocab_file, display_path=settings.vocabulary or "")
    for lang in settings.languages:
        problems += vocabulary.missing_labels(lang)
    docs_dir = Path(os.path.abspath(docs_dir or root / "content"))
    return Hub(root=root, settings=settings, vocabulary=vocabulary, today=today or build_today(), problems=problems,
               docs_dir=docs_dir)


def read_sources(hub: Hub) -> None:
    """The load stage: classify every file, then read and validate each one; problems are collected, never raised."""
    context = {"vocabulary": hub.vocabulary, "today": hub.today}
    docs_dir = hub.docs_dir or hub.root / "content"
    hub.inventory = take_inventory(hub.root, hub.settings, docs_dir)
    hub.problems.extend(hub.inventory.problems)
    _load_services(hub, context)
    _load_resources(hub, docs_dir, context)
    _load_practice(hub, docs_dir, context)
    _load_events(hub, docs_dir, context)
    _load_editor_pages(hub, context)
    _load_translations(hub, context)


def settle_placeholders(hub: Hub) -> None:
    """A placeholder left from `hub-build new` is reported once, instead of the errors it also causes."""
    left = [p for p in hub.problems if p.message.startswith(placeholders.MESSAGE)]
    if left:
        hub.problems = [p for p in hub.problems if not placeholders.superseded(p, left)]


def keep_valid(hub: Hub) -> None:
    """Anything with an error anywhere is left out, so nothing downstream ever sees a half-valid item."""
    failed = {p.path for p in hub.errors}
    hub.services = [e for e in hub.services if e.source not in failed]
    hub.resources = [r for r in hub.resources if r.source not in failed]
    hub.resources_by_uri = {r.src_uri: r for r in hub.resources}
    hub.practice = [e for e in hub.practice if e.source not in failed]
    hub.events = [e for e in hub.events if e.source not in failed]
    hub.pages = {uri: page for uri, page in hub.pages.items() if page.source not in failed}
    hub.translations = {uri: kept for uri, versions in hub.translations.items() if uri in hub.pages
                        for kept in [{lang: page for lang, page in versions.items() if page.source not in failed}] if kept}


def warn_duplicates(hub: Hub) -> None:
    """Two listings that look like the same service (same name and postcode, or same phone and organisation)."""
    hub.problems.extend(duplicate_warnings(hub.services))


def check_addresses(hub: Hub, planned: list[tuple[str, str]], allowed: list[str]) -> None:
    """One address, one page: a content file may not take the address of a page the hub generates
    (`planned`: src_uri and what it is), except the `allowed` ones (a sector's introduction)."""
    hub.problems.extend(generated_clashes(_inventory(hub), planned, allowed=allowed))


