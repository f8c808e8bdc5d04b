"""Local authority reference data: GSS code -> official name, nation and (England) region.

Read from `hub_build/data/local_authorities.json`, which notes its sources.
Listings name areas the way people do ("Bristol", "bristol, city of",
"E06000023"), so matching is by code or by a folded form of the name and its
common variants, with "did you mean" suggestions when nothing matches.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

NATIONS = ("england", "wales", "scotland", "northern-ireland")
_GSS = re.compile(r"^[ENSWLM]\d{8}$", re.IGNORECASE)


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    nation: str
    region: str = ""
    replaced_by: str = ""
    aliases: tuple[str, ...] = ()  # other names it answers to, its Welsh name (name_cy) included
    name_cy: str = ""  # the Welsh name of a Welsh authority ("Caerdydd"), "" when it has none of its own

    @property
    def is_current(self) -> bool:
        return not self.replaced_by and self.nation in NATIONS


@dataclass
class AreaMatch:
    """The outcome of resolving an area as typed: the authority, or why not and what was meant."""

    authority: Optional[Authority] = None
    message: str = ""
    hint: str = ""
    suggestions: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Case, accents, punctuation and '&' folded away: 'Bristol, City of' -> 'bristol city of'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_DROP = re.compile(r"^(city of|county of|royal borough of|london borough of|borough of|the)\s+|"
                   r"\s+(city of|county of|city|council|county council|borough council|district council|city council)$")


def variants(name: str) -> set[str]:
    """Folded forms a person may use for an official name ('Bristol, City of' -> 'bristol', 'city of bristol')."""
    base = fold(name)
    found = {base}
    if base.endswith(" city of"):
        core = base[: -len(" city of")]
        found |= {core, f"city of {core}"}
    if base.endswith(" county of"):
        core = base[: -len(" county of")]
        found |= {core, f"county of {core}"}
    stripped = base
    while True:
        shorter = _DROP.sub("", stripped).strip()
        if shorter == stripped or not shorter:
            break
        stripped = shorter
    found.add(stripped)
    return {v for v in found if v}


class Authorities:
    """Every local authority the postcode data can name, with look-up by code or name."""

    def __init__(self, items: list[Authority]) -> None:
        self.by_code: dict[str, Authority] = {a.code: a for a in items}
        self._by_name: dict[str, Authority] = {}
        # Superseded authorities first, so a current one with the same name (Barnsley, Sheffield) wins.
        for authority in sorted(items, key=lambda a: a.is_current):
            for name in (authority.name, *authority.aliases):
                for key in variants(name):
                    self._by_name[key] = authority
            self._by_name[fold(authority.code)] = authority

    def __getitem__(self, code: str) -> Authority:
        return self.by_code[code]

    def get(self, code: str) -> Optional[Authority]:
        return self.by_code.get(code)

    def current(self) -> list[Authority]:
        return [a for a in self.by_code.values() if a.is_current]

    def resolve(self, text: str) -> AreaMatch:
        """Find the authority meant by a name or GSS code as typed in a listing."""
        typed = text.strip()
        found = self.by_code.get(typed.upper()) if _GSS.match(typed) else None
        if found is None:
            for key in variants(typed):
                found = self._by_name.get(key)
                if found:
                    break
        if found is not None and found.replaced_by:
            now = self.by_code[found.replaced_by]
            return AreaMatch(
                message=f"'{typed}' ({found.code}) is no longer a local authority: it is now part of {now.name} ({now.code})",
                hint=f"write '{now.name}'", suggestions=[now.name])
        if found is not None and not found.is_current:
            return AreaMatch(message=f"'{typed}' is outside the UK local authorities the hub covers",
                             hint="list services in England, Wales, Scotland or Northern Ireland")
        if found is not None:
            return AreaMatch(authority=found)
        suggestions = self.suggest(typed)
        if _GSS.match(typed):
            message = f"'{typed}' is not the GSS code of a local authority"
        else:
            message = f"'{typed}' is not the name of a UK local authority"
        hint = (f"did you mean {_either(suggestions)}?" if suggestions else
                "write the council area's official name (like 'Bristol, City of' or 'Wrexham') or its GSS code (like E06000023)")
        return AreaMatch(message=message, hint=hint, suggestions=suggestions)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        keys = [k for k, a in self._by_name.items() if a.is_current and not _GSS.match(k)]
        typed = fold(text)
        close = difflib.get_close_matches(typed, keys, n=limit * 3, cutoff=0.75)
        if len(typed) >= 4:  # 'Westmorland' -> 'Westmorland and Furness'
            close += sorted(k for k in keys if k.startswith(typed + " "))
        names: list[str] = []
        for key in close:
            name = self._by_name[key].name
            if name not in names:
                names.append(name)
        return names[:limit]


def _either(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@functools.lru_cache(maxsize=1)
def reference_document() -> dict:
    with resources.files("hub_build").joinpath("data/local_authorities.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@functools.lru_cache(maxsize=1)
def load_authorities() -> Authorities:
    items = [
        Authority(code=row["code"], name=row["name"], nation=row["nation"], region=row.get("region", ""),
                  replaced_by=row.get("replaced_by", ""), name_cy=row.get("cy", ""),
                  aliases=tuple(dict.fromkeys([*row.get("aliases", ()), *([row["cy"]] if row.get("cy") else [])])))
        for row in reference_document()["authorities"]
    ]
    return Authorities(items)
