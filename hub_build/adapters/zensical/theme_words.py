"""The hub's theme overrides in one language, for Zensical, whose templates have no gettext.

Under MkDocs and ProperDocs the overrides take their words from the hub's catalogue at render time
(`{% trans %}`, `_()`: Jinja's i18n extension, SitePages.install_i18n) and the per-page alternates and the way
to the shared data from globals (hub_alternates, hub_shared, hub_shared_base). Zensical renders the theme with
its own template engine, which knows neither, and has no plugin API to add them: so the staged copy of each
override is written in the site's language before Zensical sees it. Every `_()` call and `{% trans %}` block
becomes the translated text, its placeholders the template expressions they were given; the globals become
plain template expressions over `base_url` and `page.url` that give the same addresses.
Only the forms the hub's own overrides use are rewritten; anything else of the kind is an error, so a new
form is noticed rather than printed raw.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from hub_build.render.languages import LANGUAGE_NAMES, SOURCE_LANGUAGE, shared_root, site_prefix

_CALL = re.compile(r"\b_\(")
_TRANS = re.compile(r"{%-?\s*trans\b(.*?)-?%}(.*?){%-?\s*endtrans\s*-?%}", re.S)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_ALTERNATES = 'hub_alternates(page.url if page else "")'
_SHARED_BASE = "hub_shared_base(base_url)"


class ThemeWordsError(ValueError):
    """A form of translation or global in a theme override that this module does not rewrite."""


def _split_arguments(text: str) -> list[str]:
    """Top-level comma-separated parts of a call's arguments (quotes and brackets respected)."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the one just before `start`."""
    depth, quote = 1, ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    raise ThemeWordsError("a _( call is not closed")


def _literal(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "'\"" or text[0] in text[1:-1]:
        raise ThemeWordsError(f"only a plain string can be translated here, not {text}")
    return text[1:-1]


def _filled(translated: str, values: dict[str, str]) -> str:
    """The translated words as template source: placeholders become their expressions (`{{ (expr) }}`)."""
    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise ThemeWordsError(f"the placeholder {match.group(0)} has no value")
        return "{{ (" + values[match.group(1)] + ") }}"
    return _PLACEHOLDER.sub(value, translated.replace("%%", "\x00")).replace("\x00", "%")


def _calls(source: str, gettext: Callable[[str], str]) -> str:
    """`{{ _('words', name=expr) }}` -> the translated words with {{ (expr) }} in place of %(name)s."""
    out, position = [], 0
    for match in _CALL.finditer(source):
        if match.start() < position:
            continue
        opening = source.rfind("{{", 0, match.start())
        end = _closing(source, match.end())
        closing = source.find("}}", end)
        if opening < 0 or closing < 0 or source[opening + 2:match.start()].strip() or source[end + 1:closing].strip():
            raise ThemeWordsError("_() is rewritten only as a whole {{ _(...) }} expression")
        arguments = _split_arguments(source[match.end():end])
        values = {}
        for argument in arguments[1:]:
            name, _, expression = argument.partition("=")
            values[name.strip()] = expression.strip()
        out.append(source[position:opening])
        out.append(_filled(gettext(_literal(arguments[0])), values))
        position = closing + 2
    out.append(source[position:])
    return "".join(out)


def _blocks(source: str, gettext: Callable[[str], str]) -> str:
    """`{% trans [trimmed] name=expr, ... %}words {{ name }}{% endtrans %}` -> the translated words, as Jinja's
    i18n extension makes the message id (variables as %(name)s, `trimmed` joining the lines with one space)."""
    def block(match: re.Match[str]) -> str:
        head, body = match.group(1).strip(), match.group(2)
        trimmed = head.startswith("trimmed")
        values = {}
        for argument in _split_arguments(head[len("trimmed"):] if trimmed else head):
            name, _, expression = argument.partition("=")
            values[name.strip()] = expression.strip() or name.strip()
        message = re.sub(r"{{\s*(\w+)\s*}}", lambda m: "%(" + m.group(1) + ")s", body.replace("%", "%%"))
        for name in re.findall(r"%\((\w+)\)s", message):
            values.setdefault(name, name)  # a variable of the template's own context
        if trimmed:
            message = " ".join(line.strip() for line in message.strip().splitlines())
        if "{{" in message or "{%" in message:
            raise ThemeWordsError("a {% trans %} block holds only words and {{ name }} placeholders")
        return _filled(gettext(message), values)
    return _TRANS.sub(block, source)


def _alternates(language: str, languages: list[str], root_url: str) -> str:
    """hub_alternates(page.url) as a template expression: the list render/languages.alternates gives, each
    address either absolute (root_url known) or relative to the page through base_url."""
    up = shared_root(language)
    items = []
    for code in [*languages, "x-default"]:
        target = SOURCE_LANGUAGE if code == "x-default" else code
        prefix = json.dumps(root_url.rstrip("/") + "/" + site_prefix(target)) if root_url else \
            f'(base_url ~ "/" ~ {json.dumps(up + site_prefix(target))})'
        name = LANGUAGE_NAMES[target]
        items.append("{" + f'"language": {json.dumps(code)}, "href": {prefix} ~ (page.url if page else ""), '
                     f'"name": {json.dumps(name)}, "current": {"true" if code == language else "false"}' + "}")
    return "[" + ", ".join(items) + "]"


def _shared_base(language: str) -> str:
    """hub_shared_base(base_url) as a template expression (base_url without a trailing slash, then the way up)."""
    up = shared_root(language)
    if not up:
        return '(base_url ~ "/")'
    return f'((base_url[:-1] if base_url[-1:] == "/" else base_url) ~ "/" ~ {json.dumps(up)})'


def localise(source: str, *, language: str, languages: list[str], root_url: str, gettext: Callable[[str], str]) -> str:
    """One theme override's source, its words in `language` and its globals as plain expressions."""
    source = _blocks(source, gettext)
    source = _calls(source, gettext)
    source = source.replace(_ALTERNATES, _alternates(language, languages, root_url))
    source = source.replace(_SHARED_BASE, _shared_base(language))
    source = re.sub(r"\bhub_shared\b", json.dumps(shared_root(language)), source)
    for name in ("hub_alternates", "hub_shared_base", "{% trans", "_("):
        if name in source:
            raise ThemeWordsError(f"{name} is used in a form the Zensical staging does not rewrite")
    return source


def localise_theme(theme: Path, own: list[Path], **options) -> None:
    """Rewrite the hub's own overrides (`own`: their paths relative to THEME_DIR) in the staged theme folder."""
    for relative in own:
        path = theme / relative
        try:
            path.write_text(localise(path.read_text(encoding="utf-8"), **options), encoding="utf-8")
        except ThemeWordsError as error:
            raise ThemeWordsError(f"{relative}: {error}") from None
