"""The Content Security Policy of every page: defined once, here.

Contributor text is sanitised, but the policy is the second line of defence: no inline
script runs unless it is one of the theme's own fixed snippets, whose SHA-256 hashes are
taken at build time from the snippets exactly as the theme renders them for that page
(they embed the page's relative base URL, so they differ from page to page).
To allow a new source, add it to `SOURCES` (e.g. Pagefind needs "'wasm-unsafe-eval'" in
script-src); nothing else in the hub writes a policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any, Iterable

from markupsafe import Markup

SOURCES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),  # Pagefind's WebAssembly; plus the hashes of the theme's inline snippets, added per page
    "style-src": ("'self'", "'unsafe-inline'"),  # Material sets inline styles; styles cannot run script
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "worker-src": ("'self'", "blob:"),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),  # the hub's forms (search, find, filters) all submit to the site itself
}

# Material's partials that print inline scripts into every page (mkdocs-material 9.x).
THEME_SNIPPETS = (
    "partials/javascripts/base.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/content.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/consent.html",
)

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the executable inline <script> elements (no attributes) in `html`."""
    return _INLINE_SCRIPT.findall(html)


def policy(script_hashes: Iterable[str] = ()) -> str:
    """The policy text, with the given hashes allowed in script-src."""
    directives = {name: list(values) for name, values in SOURCES.items()}
    directives["script-src"] += sorted(set(script_hashes))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def meta_tag(script_hashes: Iterable[str] = ()) -> Markup:
    """The policy as a <meta> element, its quotes left as they are so that <meta charset> stays in the first 1024 bytes."""
    text = policy(script_hashes)
    if any(ch in text for ch in '"<>&'):
        raise ValueError(f"a CSP source must not contain quotes, <, > or &: {text}")
    return Markup(f'<meta http-equiv="Content-Security-Policy" content="{text}">')  # noqa: S704 - checked above


class ThemeSnippets:
    """Renders the theme's inline-script partials for a page's template context and hashes them."""

    def __init__(self, env: Any, features: Iterable[str]) -> None:
        self.env = env
        self.features = list(features)
        self.templates = [env.get_template(name) for name in THEME_SNIPPETS if _exists(env, name)]
        self._cache: dict[tuple, list[str]] = {}

    def hashes(self, context: dict[str, Any]) -> list[str]:
        config = context.get("config")
        extra = getattr(config, "get", lambda *_: None)("extra") or {}
        key = (context.get("base_url"), str(extra.get("scope")) if isinstance(extra, dict) else None)
        if key not in self._cache:
            values = {**context, "features": self.features}
            rendered = "".join(template.render(values) for template in self.templates)
            self._cache[key] = [script_hash(body) for body in inline_scripts(rendered)]
        return self._cache[key]


def _exists(env: Any, name: str) -> bool:
    try:
        env.get_template(name)
    except Exception:  # a theme without that partial: nothing to allow
        return False
    return True
