"""The hub's own words in the message catalogue: every string the code marks for translation (templates, theme
overrides, browser scripts, site-facing Python; where is babel.cfg) has a Welsh translation in
hub_build/locale/cy/LC_MESSAGES/hub.po: none missing, none fuzzy, none left over, every placeholder kept.

The strings are extracted afresh with Babel, as the documented command does, so a new string without a
translation fails here. To fix: re-extract and update (the commands are at the top of babel.cfg), then translate.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from hubs import REPO

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def extracted() -> dict[object, set[str]]:
    """msgid (a tuple for plurals) -> the files it comes from, as Babel extracts them with babel.cfg."""
    with open(REPO / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[object, set[str]] = {}
    def in_package(path: str) -> bool:  # the repository's own folders only (not bench/out's generated hubs)
        return os.path.relpath(path, REPO).split(os.sep)[0] in (".", "hub_build")

    for filename, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None},
            directory_filter=in_package):
        found.setdefault(message, set()).add(filename)
    return found


def catalogue(language: str = "cy"):
    with open(REPO / "hub_build" / "locale" / language / "LC_MESSAGES" / "hub.po", "rb") as handle:
        return read_po(handle, locale=language, domain="hub")


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def catalogue_problems(strings: dict[object, set[str]], po) -> list[str]:
    entries = {m.id: m for m in po if m.id}
    problems = []
    for msgid, sources in sorted(strings.items(), key=str):
        key = msgid if isinstance(msgid, str) else tuple(msgid)
        message = entries.get(key)
        where = ", ".join(sorted(sources))
        if message is None:
            problems.append(f"no Welsh for {key!r} ({where})")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy (unchecked) Welsh for {key!r}")
        translations = [message.string] if isinstance(message.string, str) else list(message.string)
        if not all(translations) or len(translations) != (1 if isinstance(key, str) else po.num_plurals):
            problems.append(f"missing Welsh for {key!r} ({where})")
            continue
        wanted = placeholders(key if isinstance(key, str) else key[1])
        for text in translations:
            if placeholders(text) != wanted:
                problems.append(f"{key!r}: the Welsh has placeholders {sorted(placeholders(text))}, not {sorted(wanted)}")
    left_over = set(entries) - {m if isinstance(m, str) else tuple(m) for m in strings}
    problems += [f"{key!r} is in the catalogue but no longer in the code" for key in sorted(left_over, key=str)]
    return problems


def test_every_string_the_hub_writes_has_a_welsh_translation():
    strings = extracted()
    assert len(strings) > 250  # templates, scripts and Python all reached
    sources = {Path(f).suffix for names in strings.values() for f in names}
    assert {".html", ".js", ".py"} <= sources
    problems = catalogue_problems(strings, catalogue())
    assert not problems, "\n".join(problems[:40]) + (
        "\nRe-extract and update the catalogue (commands at the top of babel.cfg), then translate.")


def test_the_check_catches_a_missing_fuzzy_or_broken_translation():
    """The completeness check fails on each kind of fault (the catalogue, broken three ways in memory)."""
    strings = extracted()
    po = catalogue()
    po["Add to shortlist"].string = ""
    po["Search services"].flags.add("fuzzy")
    po["Covers {area}"].string = "Yn cwmpasu {ardal}"
    po[("%(num)d service", "%(num)d services")].string = ("%(num)d gwasanaeth",) * 4 + ("",)
    strings["A sentence nobody translated"] = {"hub_build/render/templates/x.html"}
    problems = "\n".join(catalogue_problems(strings, po))
    for fault in ("missing Welsh for 'Add to shortlist'", "fuzzy (unchecked) Welsh for 'Search services'",
                  "'Covers {area}': the Welsh has placeholders ['ardal']", "missing Welsh for ('%(num)d service'",
                  "no Welsh for 'A sentence nobody translated'"):
        assert fault in problems, problems


def test_the_browser_gets_exactly_the_scripts_strings():
    from hub_build.render.languages import browser_messages

    from_scripts = {m for m, files in extracted().items() if any(f.startswith("hub_build/assets/") for f in files)}
    words = browser_messages("cy")
    assert set(words) == from_scripts
    assert "Report a problem with this %(item)s" not in words  # a template's string stays on the server
