"""The same service listed twice: a warning naming both files.

Two listings are probably one service when they share a name and a postcode, or a phone number and
an organisation. That is a warning, not an error: two branches of a charity may share a helpline.
Grouping by key keeps it linear in the number of listings.
"""

from __future__ import annotations

from hub_build.core.hub import ServiceEntry
from hub_build.core.problems import Problem, Severity


def _name(text: str) -> str:
    return " ".join(text.casefold().split())


def _keys(entry: ServiceEntry) -> list[tuple[str, tuple, tuple[str | int, ...]]]:
    """(what the listings share, the key, where to point in the file)."""
    service = entry.service
    keys: list[tuple[str, tuple, tuple[str | int, ...]]] = []
    for index, location in enumerate(service.locations):
        keys.append((f"the same name and postcode ({location.postcode})",
                     ("name", _name(service.name), location.postcode.replace(" ", "")), ("locations", index, "postcode")))
    if service.contact.phone:
        keys.append((f"the same phone number ({service.contact.phone}) and organisation",
                     ("phone", "".join(ch for ch in service.contact.phone if ch.isdigit()), _name(service.organisation.name)),
                     ("contact", "phone")))
    return keys


def duplicate_warnings(services: list[ServiceEntry]) -> list[Problem]:
    """A warning on each listing that repeats an earlier one (by file path), naming the earlier file."""
    first: dict[tuple, ServiceEntry] = {}
    warned: set[tuple[str, str]] = set()
    found = []
    for entry in sorted(services, key=lambda e: e.source):
        for why, key, path in _keys(entry):
            other = first.setdefault(key, entry)
            if other is entry or (other.source, entry.source) in warned:
                continue
            warned.add((other.source, entry.source))
            line, col = entry.positions.locate(path)
            found.append(Problem(entry.source, line, col,
                                 f"this looks like the same service as {other.source}: {why}",
                                 f"if it is, keep one listing and remove the other ({entry.source} or {other.source}); "
                                 "if they are different services, make their names say how",
                                 field=".".join(str(p) for p in path if isinstance(p, str)), severity=Severity.WARNING))
    return found
