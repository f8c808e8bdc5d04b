"""The "suggest a listing" page: the form's configuration, from the same schema editors use."""

from __future__ import annotations

import posixpath
import re
from typing import Any, Callable
from urllib.parse import quote

from hub_build.core.hub import Hub
from hub_build.publish.schema import SchemaBuilder, schema_kinds
from hub_build.core.settings import today
from hub_build.render.suggest_words import KIND_LABELS, form_words

_GITHUB_EDIT = re.compile(r"^https://github\.com/([^/\s]+)/([^/\s]+)/edit/([^/\s]+)/\{path\}$")


def new_file_url(hub: Hub) -> str:
    """GitHub's "create new file" page for the hub's repository, or '' when none is known.

    The `repository` option wins; otherwise a GitHub `edit_url` (…/edit/BRANCH/{path}) tells us the same.
    """
    settings = hub.settings
    repository = (getattr(settings, "repository", None) or "").rstrip("/")
    branch = getattr(settings, "repository_branch", None) or "main"
    if repository:
        return f"{repository}/new/{quote(branch, safe='')}"
    match = _GITHUB_EDIT.match(settings.edit_url or "")
    if match:
        owner, repo, branch = match.groups()
        return f"https://github.com/{owner}/{repo}/new/{branch}"
    return ""


FOLDERS = {"resource": "resources", "practice": "practice", "event": "events"}  # HubSettings fields by kind


def _folder(hub: Hub, kind: str) -> str:
    """Where files of `kind` go, relative to the repository root."""
    if kind == "service":
        return hub.settings.directory.strip("/")
    docs = hub.docs_dir or hub.root / "content"
    try:
        base = docs.resolve().relative_to(hub.root.resolve()).as_posix()
    except ValueError:
        base = "content"
    return posixpath.join(base, getattr(hub.settings, FOLDERS[kind]).strip("/"))


def _without_welsh(schema: dict[str, Any], words: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The form of a hub not built in Welsh asks for no Welsh text: the listing's cy: block and its words are left out."""
    schema = {**schema, "properties": {k: v for k, v in schema["properties"].items() if k != "cy"}}
    if "$defs" in schema:
        schema["$defs"] = {k: v for k, v in schema["$defs"].items() if k not in ("ServiceWelsh", "LocationWelsh")}
    words = {**words, "labels": {k: v for k, v in words["labels"].items() if k != "cy" and not k.startswith("cy.")},
             "hints": {k: v for k, v in words["hints"].items() if k != "cy" and not k.startswith("cy.")}}
    return schema, words


def suggest_config(hub: Hub, _: Callable[[str], str] = str) -> dict[str, Any]:
    """What suggest.js needs: each kind's schema with this hub's vocabulary, its plain words, where its file goes."""
    builder = SchemaBuilder(hub.vocabulary)
    kinds = {}
    for kind, (model, title) in schema_kinds().items():
        schema = builder.document(model, title=title)
        words = form_words(kind, schema, _)
        if "cy" in schema.get("properties", {}) and "cy" not in hub.settings.languages:
            schema, words = _without_welsh(schema, words)
        folder = _folder(hub, kind)
        kinds[kind] = {
            "label": _(KIND_LABELS[kind]), "schema": schema, "folder": folder,
            "suffix": ".yaml" if kind == "service" else ".md", "frontMatter": kind != "service",
            "schemaRef": posixpath.relpath(f"schema/{kind}.schema.json", folder), "words": words,
        }
    return {
        "kinds": kinds, "kind": "service",
        "newFileUrl": new_file_url(hub),
        "today": (hub.today or today()).isoformat(),
    }
