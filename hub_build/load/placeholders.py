"""The example values `hub-build new` writes, and the check that stops them being published.

A new file must be easy to start and impossible to publish unfinished: `scaffold.py` writes these
values, and the loader reports each one still in a file as an error at its `file:line` until it is
replaced. Both sides use the constants below, so they cannot drift apart. Every value is one no
real listing would contain (a Westminster postcode for a support service, `replace-me@`).
"""

from __future__ import annotations

from typing import Any, Iterator

from hub_build.core.problems import Problem
from hub_build.load.validation import dotted
from hub_build.core.yamlsource import Path as DataPath, Positions

ORGANISATION = "Your organisation"
EMAIL = "replace-me@example.org"
POSTCODE = "SW1A 2AA"
COUNCIL_AREA = "Replace with the council areas covered"
PUBLISHER = "Who published it"
LINK = "https://www.example.org/replace-me"
SERVICE_SUMMARY = "Replace this: one or two sentences a professional sees in search results (up to 300 characters)."
RESOURCE_SUMMARY = "Replace this: what readers see in lists (up to 300 characters)."
PRACTICE_SUMMARY = "Replace this: what was done and for whom (up to 300 characters)."
PRACTICE_APPROACH = "Replace this: what the practice is and how it works, in Markdown."
PRACTICE_OUTCOMES = "Replace this: what changed as a result, in Markdown."
EVENT_SUMMARY = "Replace this: what the event is and who it is for (up to 300 characters)."
RESOURCE_BODY = "Replace this with a short description of the resource, in Markdown."
EVENT_BODY = "Replace this with the event's details, in Markdown."

VALUES = frozenset({
    ORGANISATION, EMAIL, POSTCODE, COUNCIL_AREA, PUBLISHER, LINK, SERVICE_SUMMARY, RESOURCE_SUMMARY,
    PRACTICE_SUMMARY, PRACTICE_APPROACH, PRACTICE_OUTCOMES, EVENT_SUMMARY,
})
BODY_LINES = frozenset({RESOURCE_BODY, EVENT_BODY})
MESSAGE = "still the example value from hub-build new"


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


_NORMAL_VALUES = {_normal(v) for v in VALUES}
_NORMAL_BODY = {_normal(v) for v in BODY_LINES}
# A text equal to an example value once normalised starts with the same word: most texts (every description)
# are ruled out by their first word alone, without normalising them whole.
_FIRST_WORDS = {v.split()[0] for v in _NORMAL_VALUES}


def _could_be_example(text: str) -> bool:
    words = text.split(None, 1)
    return bool(words) and words[0].casefold() in _FIRST_WORDS


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Every text in a file's data with its path, depth first in the file's order."""
    stack: list[tuple[DataPath, Any]] = [(path, value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((path + (index,), item) for index, item in reversed(list(enumerate(value))))


def _hint(path: DataPath) -> str:
    name = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    if name == "local_authorities":
        return ("write the council areas the service covers (like \"Bristol, City of\"), or replace the coverage "
                "with 'national: true' if it works across the whole UK, or 'nations: [wales]'")
    if name == "postcode":
        return "write the real postcode of the place"
    return "replace it with the real details, then run hub-build validate again"


def problems(data: Any, positions: Positions, source: str, body: str = "", body_line: int = 0) -> list[Problem]:
    """An error for every example value left in a file's fields, and in a page's body (which starts at `body_line`)."""
    found = []
    for path, value in _strings(data, ()):
        if _could_be_example(value) and _normal(value) in _NORMAL_VALUES:
            line, col = positions.locate(path)
            found.append(Problem(source, line, col, f"{MESSAGE} ('{value.strip()}')", _hint(path), field=dotted(path)))
    for offset, text in enumerate(body.split("\n")):
        if text.strip() and _normal(text) in _NORMAL_BODY:
            found.append(Problem(source, body_line + offset, 1, f"{MESSAGE} (the page's text)",
                                 "write the page's text in place of this line", field="(text)"))
    return found


def superseded(problem: Problem, placeholders: list[Problem]) -> bool:
    """Another check's complaint about a value that is still a placeholder says less than the placeholder error."""
    return any(p.path == problem.path and p.line == problem.line and p is not problem for p in placeholders)
