"""Load and validate every content file of a hub, collecting all problems in one pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ValidationError

from . import placeholders
from .duplicates import duplicate_warnings
from .fields import slug_problem
from .hub import EventEntry, Hub, PracticeEntry, ResourceEntry, ServiceEntry
from .models import Event, Practice, Resource, Service
from .problems import Problem, Severity
from .settings import HubSettings, today as build_today
from .validation import problems_from
from .vocabulary import load_vocabulary
from .yamlsource import Positions, YamlProblem, decode_source, load_yaml

LISTING_SUFFIXES = (".yaml", ".yml")
RESERVED_SLUGS = {"index"}
IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".DS_Store"}


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def split_front_matter(text: str) -> tuple[Optional[str], str, int]:
    """(front matter YAML or None, body, line number where the YAML starts minus one)."""
    lines = text.split("\n")
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
        return model.model_validate(data, context=context), []
    except ValidationError as error:
        reported = {p.line for p in positions.problems}
        return None, [p for p in problems_from(error, model, source, positions) if p.line not in reported]
    except Exception as error:  # a bug of ours must not become a contributor's traceback
        return None, [Problem(source, 1, 1, f"hub-build could not check this file ({type(error).__name__})",
                              "this is a bug in hub-build: please report it with the file attached")]


def _review_warning(hub: Hub, reviewed: dt.date, source: str, positions: Positions) -> list[Problem]:
    if not hub.is_overdue(reviewed):
        return []
    line, col = positions.locate(("last_reviewed",))
    days = (hub.today - reviewed).days
    return [Problem(source, line, col, f"last checked {days} days ago, over the {hub.settings.review_interval_days}-day review interval",
                    "check the details with the service, then set last_reviewed to today's date",
                    field="last_reviewed", severity=Severity.WARNING)]


def _load_services(hub: Hub, context: dict) -> None:
    folder = hub.root / hub.settings.directory
    if not folder.is_dir():
        hub.problems.append(Problem(hub.settings.directory, 1, 1, "the listings folder does not exist",
                                    "create it, or set the 'directory' option of the hub plugin"))
        return
    seen: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        source = relative(path, hub.root)
        if path.suffix.lower() not in LISTING_SUFFIXES:
            if path.name not in IGNORED_NAMES and not path.name.startswith("."):
                hub.problems.append(Problem(source, 1, 1, "this file is not a listing and was skipped",
                                            "listings are YAML files ending in .yaml", severity=Severity.WARNING))
            continue
        slug = path.stem
        name_problem = _slug_problem(slug, source, seen)
        if name_problem is None:
            seen[slug] = source
        else:
            hub.problems.append(name_problem)
        data, positions, problems = parse_document(path.read_bytes(), source, front_matter=False)
        hub.problems.extend(problems)
        if data is None:
            continue
        hub.problems.extend(placeholders.problems(data, positions, source))
        service, problems = validate(Service, data, source, positions, context)
        hub.problems.extend(problems)
        if service is not None and name_problem is None and not positions.problems:
            hub.services.append(ServiceEntry(slug, source, service, positions))
            hub.problems.extend(_review_warning(hub, service.last_reviewed, source, positions))


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
    for slug, source, src_uri, resource, positions, _ in _load_pages(
            hub, docs_dir, context, hub.settings.resources, Resource, "resource", recursive=True):
        if resource.file:
            problem = _check_attachment(resource.file, docs_dir / src_uri, docs_dir, source, positions)
            if problem:
                hub.problems.append(problem)
                continue
        entry = ResourceEntry(slug, source, src_uri, resource, positions)
        hub.resources.append(entry)
        hub.resources_by_uri[src_uri] = entry
        hub.problems.extend(_review_warning(hub, resource.last_reviewed, source, positions))


# Generated pages live beside practice and event pages: these names are taken.
RESERVED_PAGE_NAMES = {"practice": {"index"}, "events": {"index", "past", "upcoming"}, "resource": {"index"}}


def _load_pages(hub: Hub, docs_dir: Path, context: dict, folder_name: str, model, kind: str, *, recursive: bool = False):
    """Validated Markdown pages with front matter in one content folder: (entry fields) per valid page.

    The slug is the path below the folder without '.md'; an index.md is the folder's own page, not an item.
    """
    folder = docs_dir / folder_name
    if not folder.is_dir():
        return
    reserved = RESERVED_PAGE_NAMES.get(kind, set())
    for path in sorted(folder.rglob("*.md") if recursive else folder.glob("*.md")):
        if path.name == "README.md" or (recursive and path.name == "index.md"):
            continue
        source = relative(path, hub.root)
        if path.stem in reserved or slug_problem(path.stem):
            hint = (slug_problem(path.stem) or ("", ""))[1] or f"rename it, for example to '{path.stem}-1.md'"
            hub.problems.append(Problem(source, 1, 1, f"the file name '{path.stem}' cannot be used for a {kind} page",
                                        hint.replace(".yaml", ".md"), field="(file name)"))
            continue
        raw = path.read_bytes()
        data, positions, problems = parse_document(raw, source, front_matter=True)
        hub.problems.extend(problems)
        if data is None:
            continue
        text = decode_source(raw)
        _, body, _ = split_front_matter(text)
        hub.problems.extend(placeholders.problems(data, positions, source, body,
                                                  len(text[: len(text) - len(body)].split("\n"))))
        item, problems = validate(model, data, source, positions, context)
        hub.problems.extend(problems)
        if item is None or positions.problems:
            continue
        slug = Path(relative(path, folder)).with_suffix("").as_posix()
        yield slug, source, relative(path, docs_dir), item, positions, raw


def _load_practice(hub: Hub, docs_dir: Path, context: dict) -> None:
    from .personal_data import check as personal_data

    for slug, source, src_uri, practice, positions, raw in _load_pages(
            hub, docs_dir, context, hub.settings.practice, Practice, "practice"):
        found = personal_data(decode_source(raw), practice, source,
                              positions.locate(("personal_data_reviewed",), prefer_key=True))
        hub.problems.extend(found)
        if not any(p.is_error for p in found):
            hub.practice.append(PracticeEntry(slug, source, src_uri, practice, positions))
            hub.problems.extend(_review_warning(hub, practice.last_reviewed, source, positions))


def _load_events(hub: Hub, docs_dir: Path, context: dict) -> None:
    for slug, source, src_uri, event, positions, _ in _load_pages(
            hub, docs_dir, context, hub.settings.events, Event, "events"):
        hub.events.append(EventEntry(slug, source, src_uri, event, positions))


def _check_attachment(name: str, page: Path, docs_dir: Path, source: str, positions: Positions) -> Optional[Problem]:
    """An attached file must exist inside the docs folder: no reaching outside the site."""
    target = (page.parent / name).resolve()
    line, col = positions.locate(("file",))
    if not target.is_relative_to(docs_dir.resolve()):
        return Problem(source, line, col, f"the file '{name}' is outside the site's content folder",
                       "put the document beside the page and give its name", field="file")
    if not target.is_file():
        return Problem(source, line, col, f"the file '{name}' does not exist",
                       "check the name; it is relative to this page's folder", field="file")
    return None


def load_hub(root: Path, settings: HubSettings, *, docs_dir: Path | None = None, today: dt.date | None = None) -> Hub:
    """Read, validate and enrich everything; problems are collected, never raised."""
    root = root.resolve()
    vocab_file = root / settings.vocabulary if settings.vocabulary else None
    vocabulary, problems = load_vocabulary(vocab_file, display_path=settings.vocabulary or "")
    hub = Hub(root=root, settings=settings, vocabulary=vocabulary, today=today or build_today(), problems=problems,
              docs_dir=(docs_dir or root / "content").resolve())
    context = {"vocabulary": vocabulary, "today": hub.today}
    _load_services(hub, context)
    _load_resources(hub, docs_dir or root / "content", context)
    _load_practice(hub, docs_dir or root / "content", context)
    _load_events(hub, docs_dir or root / "content", context)
    from .enrich import enrich

    enrich(hub)
    left = [p for p in hub.problems if p.message.startswith(placeholders.MESSAGE)]
    if left:
        hub.problems = [p for p in hub.problems if not placeholders.superseded(p, left)]
    # Anything with an error anywhere is left out, so nothing downstream ever sees a half-valid item.
    failed = {p.path for p in hub.errors}
    hub.services = [e for e in hub.services if e.source not in failed]
    hub.resources = [r for r in hub.resources if r.source not in failed]
    hub.resources_by_uri = {r.src_uri: r for r in hub.resources}
    hub.practice = [e for e in hub.practice if e.source not in failed]
    hub.events = [e for e in hub.events if e.source not in failed]
    hub.problems.extend(duplicate_warnings(hub.services))
    return hub
