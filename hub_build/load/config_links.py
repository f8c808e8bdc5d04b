"""Link-valued settings in mkdocs.yml are checked like listing URLs (and the site's name like any text).

mkdocs.yml is in the repository, so a pull request can change it: a `javascript:` edit link
or social link would be printed on every page. Absolute links must be http(s) web addresses
(the same rule as a listing's `website`); settings that may be relative to the site
(`edit_uri`, `extra.homepage`, `extra.alternate`) may also be a plain path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import yaml
from pydantic_core import PydanticCustomError

from hub_build.model.fields import _http_url, text_characters_problem
from hub_build.core.problems import Problem
from hub_build.core.settings import _LenientLoader, hub_options

ABSOLUTE = "absolute"
MAY_BE_RELATIVE = "relative"


def _link_settings(config: dict[str, Any]) -> Iterator[tuple[tuple, Any, str]]:
    """(key path, value, rule) for every setting that becomes a link on the site."""
    yield ("site_url",), config.get("site_url"), ABSOLUTE
    yield ("repo_url",), config.get("repo_url"), ABSOLUTE
    yield ("edit_uri",), config.get("edit_uri"), MAY_BE_RELATIVE
    raw_extra = config.get("extra")
    extra: dict[str, Any] = raw_extra if isinstance(raw_extra, dict) else {}
    yield ("extra", "homepage"), extra.get("homepage"), MAY_BE_RELATIVE
    for name, rule in (("social", ABSOLUTE), ("alternate", MAY_BE_RELATIVE)):
        entries = extra.get(name)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict):
                yield ("extra", name, index, "link"), entry.get("link"), rule
    hub = hub_options(config)
    edit_url = hub.get("edit_url")
    yield ("plugins", "hub", "edit_url"), edit_url.replace("{path}", "path") if isinstance(edit_url, str) else edit_url, ABSOLUTE
    yield ("plugins", "hub", "repository"), hub.get("repository"), ABSOLUTE


def link_problem(value: Any, rule: str) -> tuple[str, str] | None:
    """(message, hint) when a link setting is unsafe or not a web address, else None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return "is not a web address", "write it as text, like https://www.example.org/"
    text = value.strip()
    if rule == MAY_BE_RELATIVE and not urlsplit(text).scheme and not text.startswith("//"):
        found = text_characters_problem(text, multiline=False)
        if found or any(ch in text for ch in "<>\"'`\\ "):
            return f"'{text[:60]}' is not a usable link", "write a path inside the site or a full https:// address"
        return None
    try:
        _http_url(text)
    except PydanticCustomError as error:
        return error.message(), str((error.context or {}).get("hint", ""))
    return None


def link_setting_problems(config_file: Path, config: dict[str, Any], display: str = "mkdocs.yml") -> list[Problem]:
    """A problem, at its line in mkdocs.yml, for every link-valued setting that is not a safe web address,
    and for a site name or description with characters that would break the feed (the rule of text fields)."""
    lines = _key_lines(config_file)
    problems = []
    for key in ("site_name", "site_description"):
        value = config.get(key)
        found = text_characters_problem(value, multiline=False) if isinstance(value, str) else None
        if found:
            problems.append(Problem(display, lines.get((key,), 1), 1, found[0], found[1], field=key))
    for path, value, rule in _link_settings(config):
        found = link_problem(value, rule)
        if found:
            field = ".".join(str(part) for part in path)
            line = lines.get(path) or lines.get(path[:1]) or 1
            problems.append(Problem(display, line, 1, found[0], found[1], field=field))
    return problems


def _key_lines(config_file: Path) -> dict[tuple, int]:
    """The 1-based line of every mapping key and list item in mkdocs.yml; plugins are keyed by their name."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[tuple, int] = {}

    def walk(node: Any, prefix: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                lines[prefix + (name,)] = key.start_mark.line + 1
                walk(value, prefix + (name,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                step = index
                if prefix == ("plugins",) and isinstance(item, yaml.MappingNode) and item.value:
                    step = item.value[0][0].value  # `- hub: {...}` is found as plugins.hub
                    walk(item.value[0][1], prefix + (step,))
                    lines[prefix + (step,)] = item.start_mark.line + 1
                    continue
                lines[prefix + (step,)] = item.start_mark.line + 1
                walk(item, prefix + (step,))

    if node is not None:
        walk(node, ())
    return lines
