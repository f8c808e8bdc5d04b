"""The inventory: every file under the content folder and the listings folder, classified before anything is read.

Anything a contributor can put in a pull request arrives here first. Each file is exactly one of: a listing,
an item of a known kind (resource, practice example, event: wherever it sits below its folder, whatever
Markdown extension it has), an editor page, an allowed static file, a file the hub ignores (`.gitkeep`,
`README.md` beside the listings) or a problem. Only what is classified is published (the renderer adapter
drops and refuses the rest); symlinks never lead outside their folder; two sources for one address are an error.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from hub_build.core.problems import Problem, Severity
from hub_build.core.settings import REFUSED_STATIC, HubSettings

# Python-Markdown files as MkDocs knows them (mkdocs.utils.markdown_extensions): all of them are pages.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
LISTING_SUFFIXES = (".yaml", ".yml")
# Files the hub knows and leaves alone: never published, never an error.
IGNORED_NAMES = frozenset({".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db"})
IGNORED_IN_LISTINGS = frozenset({"README.md", "readme.md"})
# A safe file or folder name: no spaces, control or invisible characters, quotes or look-alike letters
# that break or disguise a web address; never hidden (leading dot).
MAX_FOLDER_DEPTH = 12
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
# Magic numbers of the binary types: a file must be what its name says (a '.pdf' holding HTML is refused).
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"), "ico": (b"\x00\x00\x01\x00",),
    "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP, "odt": _ZIP, "ods": _ZIP, "odp": _ZIP, "epub": _ZIP,
    "doc": _OLE, "xls": _OLE, "ppt": _OLE, "rtf": (b"{\\rtf",), "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "ogg": (b"OggS",), "webm": (b"\x1a\x45\xdf\xa3",),
}


@dataclass(frozen=True)
class SourceFile:
    """One classified file. `rel` is its path below its folder (the content folder's src_uri for content)."""

    path: Path
    rel: str
    source: str  # path relative to the hub root, as shown in messages
    kind: str  # listing | resource | practice | events | page | static | translation
    lang: str = ""  # a translation's language ("cy")
    original: str = ""  # a translation's English original (its rel)


@dataclass
class Inventory:
    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)  # content src_uris the hub knows and does not publish
    addresses: dict[str, str] = field(default_factory=dict)  # address key -> source that publishes it

    def of_kind(self, kind: str) -> list[SourceFile]:
        return [f for f in self.files if f.kind == kind]

    @property
    def published(self) -> dict[str, SourceFile]:
        """Content files the site may publish as they are, by src_uri (the renderer publishes nothing else).
        Translations are not among them: the hub publishes them itself, at their original's Welsh address."""
        return {f.rel: f for f in self.files if f.kind not in ("listing", "translation")}

    def translations(self, lang: str) -> dict[str, SourceFile]:
        """The `lang` siblings (`about.cy.md`), by their English original's src_uri."""
        return {f.original: f for f in self.files if f.kind == "translation" and f.lang == lang}

    def static_files(self) -> set[str]:
        return {f.rel for f in self.files if f.kind == "static"}


def is_markdown(name: str) -> bool:
    return name.endswith(MARKDOWN_SUFFIXES)


def markdown_stem(rel: str) -> str:
    """The path without its Markdown extension: 'practice/2025/case.markdown' -> 'practice/2025/case'."""
    for suffix in MARKDOWN_SUFFIXES:
        if rel.endswith(suffix):
            return rel[: -len(suffix)]
    return rel


# A page's Welsh sibling: 'about.cy.md' beside 'about.md' (any Markdown extension on either).
TRANSLATION_LANGUAGES = ("cy",)


def translation_of(rel: str) -> tuple[str, str] | None:
    """(language, the original's path without extension) for a sibling like 'guides/x.cy.md', else None."""
    stem = markdown_stem(rel)
    head, _, lang = stem.rpartition(".")
    if head and lang.lower() in TRANSLATION_LANGUAGES and not head.endswith("/"):
        return lang.lower(), head
    return None


def address(rel: str) -> str:
    """The web address a content file takes, as a comparable key: `x.md`, `x/index.md` and `X.markdown` share one."""
    if is_markdown(rel):
        path = PurePosixPath(markdown_stem(rel))
        key = path.parent.as_posix() if path.name in ("index", "README") else path.as_posix()
        key = "" if key == "." else key + "/"
    else:
        key = rel
    return unicodedata.normalize("NFC", key).casefold()


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _name_problem(name: str, source: str, is_dir: bool) -> Problem | None:
    what = "folder" if is_dir else "file"
    if name.startswith("."):
        return Problem(source, 1, 1, f"hidden {what} '{visible(name)}': it would not be published and cannot be reviewed easily",
                       "rename it without the leading dot, or remove it", field="(file name)")
    if not SAFE_NAME.match(name) or ".." in name:
        suggestion = re.sub(r"[^A-Za-z0-9_.-]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode())
        suggestion = re.sub(r"\.{2,}", ".", suggestion).strip("-.")
        return Problem(source, 1, 1, f"the {what} name '{visible(name)}' cannot be used in a web address",
                       (f"rename it to '{suggestion}': " if suggestion else "rename it using ")
                       + "letters, digits, '-', '_' and '.', starting with a letter or digit, at most 100 characters",
                       field="(file name)")
    return None


def visible(name: str) -> str:
    """A file name as text that shows every invisible character."""
    return "".join(ch if ch.isprintable() and ch not in "\u200b\u200c\u200d\u2060\ufeff" else f"\\u{ord(ch):04x}"
                   for ch in name)


class _Walker:
    """Walks one folder without following symlinked folders; checks every name on the way."""

    def __init__(self, hub_root: Path, root: Path, inventory: Inventory, names_checked_later: tuple[str, ...] = ()) -> None:
        self.hub_root, self.root, self.inventory = hub_root, root, inventory
        self.names_checked_later = names_checked_later  # file endings whose names the loader checks as slugs
        self.real_root = os.path.realpath(root)

    def source(self, path: Path) -> str:
        """The path shown in messages: invisible characters made visible, so no name can disguise itself
        or send control codes to a terminal."""
        try:
            return visible(path.relative_to(self.hub_root).as_posix())
        except ValueError:
            return visible(path.as_posix())

    def walk(self, skip: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
        """(path, path below the root) of every regular file, or of a symlink to one inside the root."""
        skipped = {os.path.abspath(p) for p in skip}
        yield from self._folder(self.root, "", skipped)

    def _folder(self, folder: Path, prefix: str, skipped: set[str]) -> Iterator[tuple[Path, str]]:
        if prefix.count("/") > MAX_FOLDER_DEPTH:
            self.problem(folder, f"folders are nested more than {MAX_FOLDER_DEPTH} deep here",
                         "flatten the folders: web addresses this long help nobody")
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            self.problem(folder, f"the folder cannot be read ({error.strerror})", "check its permissions")
            return
        seen: dict[str, str] = {}
        for entry in entries:
            path = Path(entry.path)
            rel = prefix + entry.name
            if os.path.abspath(path) in skipped:
                continue
            if entry.name in IGNORED_NAMES:
                self.inventory.ignored.add(rel)
                continue
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_link, is_dir = False, False
            later = not is_dir and entry.name.endswith(self.names_checked_later) and entry.name.isprintable()
            bad = None if later else _name_problem(entry.name, self.source(path), is_dir)
            if bad:
                self.inventory.problems.append(bad)
                continue
            folded = unicodedata.normalize("NFC", entry.name).casefold()
            if folded in seen:
                for one, other in ((path, seen[folded]), (folder / seen[folded], entry.name)):
                    self.problem(one, f"'{visible(one.name)}' and '{visible(other)}' differ only in upper and lower case",
                                 "web addresses and some computers cannot tell them apart: rename or merge one")
                continue
            seen[folded] = entry.name
            if is_link:
                target = self._link_target(path)
                if target is not None:
                    yield path, rel
                continue
            if is_dir:
                yield from self._folder(path, rel + "/", skipped)
                continue
            try:
                mode = os.lstat(path).st_mode
            except OSError as error:
                self.problem(path, f"the file cannot be read ({error.strerror})", "check its permissions")
                continue
            if not stat.S_ISREG(mode):
                self.problem(path, "this is not a regular file (a device, pipe or socket)", "remove it")
                continue
            yield path, rel

    def _link_target(self, path: Path) -> str | None:
        """A symlink is followed only to a regular file inside the same folder tree; never out, never to a folder."""
        try:
            target = os.path.realpath(path)
            exists = os.path.exists(target)
            is_dir = os.path.isdir(target)
        except (OSError, RuntimeError):
            exists, is_dir, target = False, False, ""
        if not exists:
            self.problem(path, "this symbolic link leads nowhere (its target is missing, or it loops)",
                         "remove the link, or replace it with the file itself")
        elif not _inside(target, self.real_root):
            self.problem(path, "this symbolic link leads outside the folder; its target is not published",
                         "copy the file into the folder instead of linking to it")
        elif is_dir:
            self.problem(path, "this is a symbolic link to a folder; linked folders are not followed",
                         "move or copy the files instead of linking the folder")
        elif any(part.startswith(".") for part in Path(os.path.relpath(target, self.real_root)).parts):
            self.problem(path, "this symbolic link leads to a hidden file", "copy the file instead of linking to it")
        elif not stat.S_ISREG(os.stat(target).st_mode):
            self.problem(path, "this symbolic link does not lead to a regular file", "remove it")
        else:
            return target
        return None

    def problem(self, path: Path, message: str, hint: str) -> None:
        self.inventory.problems.append(Problem(self.source(path), 1, 1, message, hint, field="(file)"))


def _kind_folders(settings: HubSettings) -> dict[str, str]:
    """Content folders whose Markdown files are items, by kind (the loader's kind names)."""
    return {settings.resources.strip("/"): "resource", settings.practice.strip("/"): "practice",
            settings.events.strip("/"): "events"}


def _folder_setting_problem(name: str, value: str, base: Path, hub_root: Path) -> Problem | None:
    resolved = os.path.realpath(base / value)
    if os.path.isabs(value) or ".." in PurePosixPath(value).parts or not _inside(resolved, os.path.realpath(hub_root)):
        return Problem("mkdocs.yml", 1, 1, f"the '{name}' folder '{value}' is outside the hub",
                       "give a folder inside the hub, relative to mkdocs.yml (or to the content folder)", field=name)
    return None


def take_inventory(hub_root: Path, settings: HubSettings, docs_dir: Path) -> Inventory:
    """Classify every file of the listings folder and the content folder; problems for the rest."""
    inventory = Inventory()
    listings = hub_root / settings.directory
    checks = [("directory", settings.directory, hub_root), ("docs_dir", os.path.relpath(docs_dir, hub_root), hub_root)]
    checks += [(key, getattr(settings, key), docs_dir) for key in ("resources", "practice", "events")]
    for name, value, base in checks:
        bad = _folder_setting_problem(name, value, base, hub_root)
        if bad:
            inventory.problems.append(bad)
    if inventory.problems:
        return inventory
    if listings.is_dir() and not listings.is_symlink():
        walker = _Walker(hub_root, listings, inventory, names_checked_later=LISTING_SUFFIXES)
        inside_docs = _inside(os.path.abspath(listings), os.path.abspath(docs_dir))
        for path, rel in walker.walk():
            name = path.name
            if inside_docs:  # listings kept inside the content folder: read as listings, never published as files
                inventory.ignored.add(Path(os.path.relpath(path, docs_dir)).as_posix())
            if name in IGNORED_IN_LISTINGS:
                continue
            if name.endswith(LISTING_SUFFIXES):
                inventory.files.append(SourceFile(path, rel, walker.source(path), "listing"))
            else:
                walker.problem(path, "this file is not a listing",
                               "listings are YAML files ending in .yaml; move other files out of the listings folder")
    elif listings.is_symlink():
        inventory.problems.append(Problem(settings.directory, 1, 1, "the listings folder is a symbolic link",
                                          "make it a real folder inside the hub"))
    if docs_dir.is_dir() and not docs_dir.is_symlink():
        _content(inventory, hub_root, docs_dir, settings, listings)
    elif docs_dir.is_symlink():
        inventory.problems.append(Problem(os.path.relpath(docs_dir, hub_root), 1, 1, "the content folder is a symbolic link",
                                          "make it a real folder inside the hub"))
    return inventory


def _content(inventory: Inventory, hub_root: Path, docs_dir: Path, settings: HubSettings, listings: Path) -> None:
    walker = _Walker(hub_root, docs_dir, inventory)
    folders = _kind_folders(settings)
    allowed = {suffix.lower().lstrip(".") for suffix in settings.static_files}
    for path, rel in walker.walk(skip=[listings]):
        source = walker.source(path)
        if is_markdown(rel):
            sibling = translation_of(rel)
            if sibling is not None:
                inventory.files.append(SourceFile(path, rel, source, "translation", lang=sibling[0]))
                continue
            kind = next((k for folder, k in folders.items() if rel.startswith(folder + "/")), "page")
            inventory.files.append(SourceFile(path, rel, source, kind))
            continue
        suffix = rel.rsplit(".", 1)[-1] if "." in path.name else ""
        if rel.startswith(settings.practice.strip("/") + "/"):
            walker.problem(path, "practice examples and case studies are Markdown pages; other files cannot be published here",
                           "write it as a page (the personal-data check reads every page here; it cannot read documents "
                           "or photos), or publish the document as a resource")
        elif suffix.lower() in ("md", "markdown", "mdown", "mkdn", "mkd"):
            walker.problem(path, f"'.{suffix}' is not read as a page (only lower-case Markdown extensions are)",
                           f"rename it to end in '.{suffix.lower()}'")
        elif suffix.lower() not in allowed:
            kinds = ", ".join(sorted(allowed))
            why = (" (it could run script in the browser or replace the site's own files)"
                   if suffix.lower() in REFUSED_STATIC else "")
            walker.problem(path, f"files of type '{visible(suffix) or 'without an extension'}' cannot be published{why}",
                           f"publish it as a page or in one of the allowed types: {kinds} "
                           "(the 'static_files' option of the hub plugin)")
        elif not _looks_like(path, suffix.lower()):
            walker.problem(path, f"the file's contents are not a {suffix.upper()} file", "save it in the format its name says")
        else:
            inventory.files.append(SourceFile(path, rel, source, "static"))
    _addresses(inventory)
    _translations(inventory, settings)


def _translations(inventory: Inventory, settings: HubSettings) -> None:
    """Each Welsh sibling is tied to its English original: one without an original, or a second one for the same
    original, is an error. With Welsh off, the hub says the sibling is not published rather than drop it silently."""
    by_address = {address(f.rel): f.rel for f in inventory.files if f.kind not in ("listing", "static", "translation")}
    kept: list[SourceFile] = []
    taken: dict[tuple[str, str], str] = {}
    for item in inventory.files:
        if item.kind != "translation":
            kept.append(item)
            continue
        inventory.ignored.add(item.rel)  # never published as a page of its own: it is the original's Welsh page
        lang, stem = translation_of(item.rel) or ("", "")
        original = by_address.get(address(stem + ".md"))
        if original is None:
            inventory.problems.append(Problem(
                item.source, 1, 1, f"this Welsh version has no English original ('{visible(stem)}.md' does not exist)",
                "every page is written in English first: add the English page, or rename this file to match it "
                "(about.cy.md beside about.md)", field="(file name)"))
            continue
        if (original, lang) in taken:
            first = taken[original, lang]
            for source, other in ((item.source, first), (first, item.source)):  # on both, so a review of either sees it
                inventory.problems.append(Problem(
                    source, 1, 1, f"this file and {other} are both the Welsh version of '{original}'",
                    "keep one Welsh version per page: merge or remove one of them", field="(file name)"))
            kept = [f for f in kept if f.source != first]
            continue
        taken[original, lang] = item.source
        if lang not in settings.languages:
            inventory.problems.append(Problem(
                item.source, 1, 1, f"the hub is not built in Welsh, so this Welsh version of '{original}' is not published",
                "add 'languages: [en, cy]' to the hub plugin's options in mkdocs.yml", field="(file name)",
                severity=Severity.WARNING))
        kept.append(replace(item, original=original))
    inventory.files = kept


def _looks_like(path: Path, suffix: str) -> bool:
    signatures = SIGNATURES.get(suffix)
    if signatures is None and suffix != "webp":  # webp has no fixed prefix: checked below (it was once never reached)
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if signatures is None:  # webp
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith(signatures)


def _addresses(inventory: Inventory) -> None:
    """One address, one source: `x.md` and `x/index.md`, or two extensions, cannot both be a page."""
    for item in inventory.files:
        if item.kind == "listing":
            continue
        key = address(item.rel)
        if key in inventory.addresses:
            first = inventory.addresses[key]
            for source, other in ((item.source, first), (first, item.source)):  # on both, so a review of either sees it
                inventory.problems.append(Problem(
                    source, 1, 1, f"this file and {other} would both be published at '/{key}'",
                    "one address, one page: rename or remove one of them", field="(file name)"))
        else:
            inventory.addresses[key] = item.source


def generated_clashes(inventory: Inventory, generated: Iterable[tuple[str, str]], allowed: Iterable[str] = ()) -> list[Problem]:
    """Problems for content files at the address of a page the hub generates ((src_uri, what it is) pairs);
    `allowed` lists src_uris where an editor's page is welcome (a sector's introduction)."""
    welcome = {address(uri) for uri in allowed}
    found = []
    for uri, what in generated:
        key = address(uri)
        source = inventory.addresses.get(key)
        if source is not None and key not in welcome:
            found.append(Problem(source, 1, 1, f"the hub generates {what} at '/{key}'; this file would replace it",
                                 "rename the file: that address belongs to the hub's own page", field="(file name)"))
    return found

