"""The "suggest a listing" page: the form's configuration, from the same schema editors use."""

from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import quote

from ..hub import Hub
from ..schema import SchemaBuilder, schema_kinds
from ..settings import today

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


def suggest_config(hub: Hub) -> dict[str, Any]:
    """What suggest.js needs: the service schema with this hub's vocabulary, and where the file goes."""
    model, title = schema_kinds()["service"]
    folder = hub.settings.directory.strip("/")
    schema = SchemaBuilder(hub.vocabulary).document(model, title=title)
    return {
        "kind": "service",
        "schema": schema,
        "folder": folder,
        "schemaRef": posixpath.relpath("schema/service.schema.json", folder),
        "newFileUrl": new_file_url(hub),
        "today": (hub.today or today()).isoformat(),
    }
