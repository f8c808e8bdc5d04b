"""Strict YAML reading that remembers where every value came from.

YAML 1.1 quietly turns `NO` into False, `2024-01-01` into a date and `0123`
into an octal number. Here every scalar stays the text the contributor typed
(only an empty value, `~` or `null` means "no value"); the pydantic models
decide what a field's text must look like. Anchors, aliases, merge keys,
explicit tags and duplicate keys are refused, so what you read is what you get.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A file that cannot be read as hub YAML; positions are 1-based."""

    def __init__(self, line: int, col: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


@dataclass
class Positions:
    """Where each value (by its path of keys and indexes) starts in the file."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0
    problems: list["YamlProblem"] = field(default_factory=list)

    def locate(self, path: Path, *, prefer_key: bool = False) -> tuple[int, int]:
        """The closest known position for `path`, walking up to its parents."""
        path = tuple(path)
        while True:
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for source in table:
                if path in source:
                    line, col = source[path]
                    return line + self.line_offset, col
            if not path:
                return 1 + self.line_offset, 1
            path = path[:-1]


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes, noting anchors, aliases and explicit tags as they are met.

    They are reported (not fatal), so the rest of the file is still checked and
    the contributor sees every mistake at once; an alias reads as no value.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.soft_problems: list[YamlProblem] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, AliasEvent):
            self.get_event()
            self.soft_problems.append(YamlProblem(
                mark.line + 1, mark.column + 1,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases hide what a listing really says",
            ))
            return ScalarNode("tag:yaml.org,2002:null", "", mark, event.end_mark, style=None)
        if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                self.soft_problems.append(YamlProblem(
                    mark.line + 1, mark.column + 1,
                    f"YAML anchor '&{event.anchor}' is not allowed",
                    "remove the anchor and write each value out in full",
                ))
                event.anchor = None
            if event.tag not in (None, "!"):
                self.soft_problems.append(YamlProblem(
                    mark.line + 1, mark.column + 1,
                    f"YAML tag '{event.tag}' is not allowed",
                    "remove the tag; put text in quotes if it must stay text",
                ))
                event.tag = None
        return super().compose_node(parent, index)


def load_yaml(text: str, *, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse one YAML document into plain dicts, lists and strings, with positions.

    Problems that leave the rest of the file readable are collected in
    `positions.problems`; a file that cannot be read at all raises YamlProblem.
    """
    positions = Positions(line_offset=line_offset)
    try:
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        data = None if node is None else _convert(node, (), positions, 0)
        positions.problems = loader.soft_problems + positions.problems
        for problem in positions.problems:
            problem.line += line_offset
        return data, positions
    except YamlProblem as problem:
        problem.line += line_offset
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(
            line + line_offset, col,
            f"this is not valid YAML: {error.problem or error.context}",
            "check the indentation and that text containing ': ' or '#' is in quotes",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1 + line_offset, 1, f"this is not valid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem(1 + line_offset, 1, "the file is nested too deeply") from None


def _convert(node: Node, path: Path, positions: Positions, depth: int) -> Any:
    positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if depth > MAX_DEPTH:
        raise _problem_at(node, "the file is nested too deeply")
    if isinstance(node, ScalarNode):
        if node.style is None and node.value in NULL_WORDS:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), positions, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _problem_at(key_node, "a field name must be plain text")
            key = key_node.value
            if key == "<<" and key_node.style is None:
                positions.problems.append(_problem_at(key_node, "YAML merge keys ('<<') are not allowed",
                                                      "write the fields out in full"))
                continue
            if key in first_seen:
                positions.problems.append(_problem_at(
                    key_node,
                    f"duplicate field '{key}' (first given on line {first_seen[key] + positions.line_offset})",
                    "keep one of them: YAML would silently use only the last",
                ))
                continue
            first_seen[key] = key_node.start_mark.line + 1
            positions.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, path + (key,), positions, depth + 1)
        return result
    raise _problem_at(node, "unsupported YAML content")  # pragma: no cover - composer yields only these


def _problem_at(node: Node, message: str, hint: str = "") -> YamlProblem:
    return YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1, message, hint)


def decode_source(raw: bytes) -> str:
    """Decode UTF-8 (with or without a BOM), refusing oversized or binary files."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            1, 1,
            f"the file is {len(raw) // 1024} KiB, over the {MAX_FILE_BYTES // 1024} KiB limit",
            "a listing should be short; move long text to a linked page",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(line, 1, "the file is not valid UTF-8 text", "save it with UTF-8 encoding") from None
    if "\x00" in text:
        raise YamlProblem(1, 1, "the file contains NUL bytes", "save it as plain UTF-8 text")
    return text
