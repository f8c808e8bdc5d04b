"""What a pull request changes: the files to check, and a summary for reviewers.

`hub-build validate --changed-since REF` reports only the problems in content
files that differ from the git ref REF (so a pull request's annotations are
about its own lines), and summarises the listings it adds, changes and removes
with the fields that changed, so a reviewer need not read YAML diffs.
The whole hub is still loaded: uniqueness of file names and the vocabulary
need every file. When the vocabulary or mkdocs.yml changed, every file counts
as changed, because any listing may be affected.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable

from hub_build.model.fields import shown
from hub_build.load.inventory import is_markdown, markdown_stem
from hub_build.load.loader import split_front_matter
from hub_build.core.problems import Problem
from hub_build.core.settings import HubSettings
from hub_build.core.yamlsource import YamlProblem, decode_source, load_yaml


class GitError(Exception):
    """git could not answer: not a repository, an unknown ref, or no git at all."""


def git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args],  # noqa: S603, S607 - git from PATH, arguments as a list
                              capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


@dataclass
class FileChange:
    status: str  # added, changed, removed, renamed
    path: str  # relative to the hub root (the new path for renames)
    old_path: str = ""
    fields: list[str] = field(default_factory=list)
    kind: str = ""  # service, resource, practice, event


@dataclass
class ChangeSet:
    ref: str
    files: list[FileChange]
    everything: bool = False  # settings or vocabulary changed: every file may be affected
    other_paths: set[str] = field(default_factory=set)  # other files added or changed (pages, static files...)

    @property
    def paths(self) -> set[str]:
        return {c.path for c in self.files if c.status != "removed"} | self.other_paths

    def relevant(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems a pull request is answerable for."""
        problems = list(problems)
        if self.everything:
            return problems
        paths = self.paths
        folders = {str(parent) for path in paths for parent in PurePosixPath(path).parents}
        # a problem with a folder (hidden, linked, badly named) belongs to the files added inside it
        return [p for p in problems if p.path in paths or p.path in folders]


def content_kind(path: str, settings: HubSettings, docs_dir: str) -> str:
    """Which kind of listing a hub-relative path holds, or '' for anything else."""
    pure = PurePosixPath(path)
    if pure.suffix.lower() in (".yaml", ".yml") and pure.is_relative_to(settings.directory):
        return "service"
    if not is_markdown(pure.name) or markdown_stem(pure.name) in ("index", "README"):
        return ""
    folders = {"resource": settings.resources, "practice": getattr(settings, "practice", "practice"),
               "event": getattr(settings, "events", "events")}
    for kind, folder in folders.items():
        if pure.is_relative_to(PurePosixPath(docs_dir) / folder):
            return kind
    return ""


def changed_files(root: Path, ref: str) -> list[tuple[str, str, str]]:
    """(status letter, old path, new path) relative to the hub root, for committed, staged, unstaged and new files."""
    top = Path(git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    prefix = PurePosixPath(root.resolve().relative_to(top).as_posix())

    def local(path: str) -> str | None:
        pure = PurePosixPath(path)
        if str(prefix) in ("", "."):
            return pure.as_posix()
        return pure.relative_to(prefix).as_posix() if pure.is_relative_to(prefix) else None

    result = []
    out = git(top, "diff", "--name-status", "-M90%", "-z", ref, "--", ".")
    parts = out.split("\0")
    index = 0
    while index < len(parts) - 1:
        status = parts[index]
        if status.startswith(("R", "C")):
            old, new = parts[index + 1], parts[index + 2]
            index += 3
        else:
            old = new = parts[index + 1]
            index += 2
        old_l, new_l = local(old), local(new)
        if old_l is None and new_l is None:
            continue
        result.append((status[0], old_l or "", new_l or ""))
    for path in git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
        added = local(path) if path else None
        if added is not None:
            result.append(("A", "", added))
    return result


def _read_data(text: str, markdown: bool) -> tuple[dict[str, Any], str]:
    """The fields and (for Markdown) the body of a file; an unreadable file has no fields."""
    body = ""
    if markdown:
        yaml_text, body, _ = split_front_matter(text)
        if yaml_text is None:
            return {}, text
        text = yaml_text
    try:
        data, _ = load_yaml(text)
    except YamlProblem:
        return {}, body
    return (data if isinstance(data, dict) else {}), body


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{'contact.phone': '0117...', 'locations[0].postcode': 'BS1 4DJ'}: every leaf by its dotted path."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out or ({prefix: {}} if prefix else {})
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out or {prefix: []}
    return {prefix: value}


def changed_fields(old_text: str, new_text: str, markdown: bool) -> list[str]:
    """Top-level fields whose value changed, with the dotted paths inside them, plus '(text)' for a Markdown body."""
    old, old_body = _read_data(old_text, markdown)
    new, new_body = _read_data(new_text, markdown)
    names = []
    for key in list(new) + [k for k in old if k not in new]:
        if old.get(key) == new.get(key):
            continue
        before, after = flatten(old.get(key), key), flatten(new.get(key), key)
        inner = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k != key)
        names.append(f"{key} ({', '.join(inner)})" if inner and len(inner) <= 5 else key)
    if markdown and old_body.strip() != new_body.strip():
        names.append("(text)")
    return names


def change_set(root: Path, ref: str, settings: HubSettings, docs_dir: str = "content") -> ChangeSet:
    """What changed in the hub at `root` since `ref`: content files, with changed fields."""
    files: list[FileChange] = []
    others: set[str] = set()
    everything = False
    settings_files = {"mkdocs.yml", settings.vocabulary} - {None, ""}
    for letter, old, new in changed_files(root, ref):
        if new in settings_files or old in settings_files:
            everything = True
        path = new or old
        kind = content_kind(path, settings, docs_dir)
        if letter == "D":
            kind = content_kind(old, settings, docs_dir)
            if kind:
                files.append(FileChange("removed", old, kind=kind))
            continue
        if not kind:
            others.add(path)  # not summarised, but its problems are the change's (an editor page, a static file)
            continue
        markdown = is_markdown(path)
        new_text = _text_of(root / new)
        if letter == "A" or not old:
            files.append(FileChange("added", new, kind=kind, fields=[]))
            continue
        old_text = _git_text(root, ref, old)
        status = "renamed" if letter == "R" and old != new else "changed"
        files.append(FileChange(status, new, old_path=old if status == "renamed" else "", kind=kind,
                                fields=changed_fields(old_text, new_text, markdown)))
    files.sort(key=lambda c: (c.status, c.path))
    return ChangeSet(ref, files, everything, others)


def _text_of(path: Path) -> str:
    try:
        return decode_source(path.read_bytes())
    except (OSError, YamlProblem):
        return ""


def _git_text(root: Path, ref: str, path: str) -> str:
    top = Path(git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    full = (root.resolve() / path).relative_to(top).as_posix()
    try:
        return decode_source(git(top, "show", f"{ref}:{full}").encode("utf-8"))
    except (GitError, YamlProblem):
        return ""


def _name_of(root: Path, change: FileChange) -> str:
    if change.status == "removed":
        return ""
    data, _ = _read_data(_text_of(root / change.path), change.path.endswith(".md"))
    value = data.get("name") or data.get("title")
    return value if isinstance(value, str) else ""


def summary_markdown(root: Path, changes: ChangeSet, problems: list[Problem]) -> str:
    """A reviewer's summary: what was added, changed and removed, the fields that changed, and the verdict."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    lines = [f"## Listings changed since {_code(changes.ref)}", ""]
    if not changes.files:
        lines.append("No listings, resources, practice examples or events changed.")
    groups = (("added", "Added"), ("changed", "Changed"), ("renamed", "Renamed"), ("removed", "Removed"))
    for status, heading in groups:
        chosen = [c for c in changes.files if c.status == status]
        if not chosen:
            continue
        lines += [f"### {heading} ({len(chosen)})", ""]
        for change in chosen:
            name = _name_of(root, change)
            label = f"{_code(change.path)} ({change.kind})" + (f": {_code(name)}" if name else "")
            if change.status == "renamed":
                label = f"{_code(change.old_path)} → " + label
            if change.fields:
                label += " — fields changed: " + ", ".join(_code(f) for f in change.fields)
            elif change.status in ("changed", "renamed"):
                label += " — no field changed (layout or comments only)"
            broken = sum(1 for p in errors if p.path == change.path)
            if broken:
                label += f" — **{broken} error{'s' if broken != 1 else ''}**"
            lines.append(f"- {label}")
        lines.append("")
    if changes.everything:
        lines += ["The hub's settings or vocabulary changed, so every file was checked.", ""]
    verdict = "passes validation" if not errors else f"has {len(errors)} error{'s' if len(errors) != 1 else ''}"
    lines.append(f"**This change {verdict}**" + (f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})." if warnings else "."))
    return "\n".join(lines).rstrip() + "\n"


def _code(text: str) -> str:
    """Contributor text (file names, keys, names, the ref) as an inline code span: never markup, a link or an image.

    Line breaks and other invisible characters are shown as \\uXXXX (a line break would end the list item and
    start new Markdown blocks), and the span's fence is longer than any run of backticks inside it.
    """
    text = shown(text, limit=200)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
