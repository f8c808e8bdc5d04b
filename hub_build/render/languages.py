"""The languages a site is built in: where each language's site lives, how a page links its other versions, and
the hub's own words in each language (gettext catalogues in hub_build/locale, kept as .po, compiled on load).

English is the source language and the site at the root; every other language is a whole copy of the site
under /<code>/ with the same page addresses, so each page's other versions are found by address alone.
"""

from __future__ import annotations

import gettext
import io
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from hub_build.core.urls import SiteUrls

SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}  # each language's name in itself, as the switch shows it
DOMAIN = "hub"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
BROWSER_SOURCES = "hub_build/assets/"  # catalogue entries from these files are sent to the browser


def N_(text: str) -> str:
    """Marks a constant for the catalogue (Babel extracts N_ calls); it is translated where it is shown."""
    return text


def site_prefix(language: str) -> str:
    """Where a language's site sits inside the built site: '' for English, 'cy/' for Welsh."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def shared_root(language: str) -> str:
    """From a language's site to the English one, which alone holds what every language shares (the geo data,
    the open data, the listings' JSON Schema): '' for English, '../' for Welsh."""
    return "../" * site_prefix(language).count("/")


@dataclass(frozen=True)
class Alternate:
    language: str  # a BCP 47 tag, or 'x-default'
    href: str  # relative to the page it is printed on, or absolute when the site's address is known
    name: str  # the language's name in itself
    current: bool


def alternates(page_url: str, language: str, languages: Sequence[str], site_url: str = "") -> list[Alternate]:
    """Every version of the page at `page_url` (its URL inside the `language` site), the page itself included,
    then 'x-default' (the English one, for readers whose language the site does not have)."""
    here = site_prefix(language) + page_url
    base = site_url.rstrip("/") + "/" if site_url else ""
    found = []
    for code in languages:
        there = site_prefix(code) + page_url
        href = base + there if base else SiteUrls.rel(here, there)
        found.append(Alternate(code, href, LANGUAGE_NAMES[code], code == language))
    if len(found) > 1:
        found.append(Alternate("x-default", found[0].href, LANGUAGE_NAMES[SOURCE_LANGUAGE], False))
    return found


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(language: str) -> gettext.NullTranslations:
    """The hub's words in `language`: English (the source) needs none; others are compiled from their .po."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with open(catalogue_path(language), "rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@lru_cache(maxsize=None)
def browser_messages(language: str) -> dict[str, str]:
    """The translations of the browser scripts' strings (those the catalogue found in hub_build/assets/*.js),
    English text -> translated text, for the page's scripts to look up; {} for English."""
    if language == SOURCE_LANGUAGE:
        return {}
    with open(catalogue_path(language), "rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    found: dict[str, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if any(posixpath.normpath(path).startswith(BROWSER_SOURCES) for path, _line in message.locations):
            if isinstance(message.id, str) and isinstance(message.string, str):
                found[message.id] = message.string
            elif isinstance(message.id, tuple | list):  # a plural: each form under the singular, indexed
                for index, text in enumerate(message.string):
                    found[f"{message.id[0]}\x00{index}"] = text
    return found
