"""Strict YAML reading that remembers where every value came from.

YAML 1.1 quietly turns `NO` into False, `2024-01-01` into a date and `0123`
into an octal number. Here every scalar stays the text the contributor typed
(only an empty value, `~` or `null` means "no value"); the pydantic models
decide what a field's text must look like. Anchors, aliases, merge keys,
explicit tags and duplicate keys are refused, so what you read is what you get.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml
from yaml.events import (
    AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent,
)

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
    """Where each value (by its path of keys and indexes) starts in the file.

    The tables are made only when a position is asked for (`locate`, `values`, `keys`), by reading the text
    again: a valid file is read once without them (111 us a listing instead of 145), and only a file with a
    problem to report pays for its tables."""

    line_offset: int = 0
    problems: list["YamlProblem"] = field(default_factory=list)
    # The YAML text the tables come from (load_yaml), and once packed, that text compressed instead.
    text: str = field(default="", repr=False, compare=False)
    packed: bytes = field(default=b"", repr=False, compare=False)
    tables: Optional[tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]] = field(
        default=None, repr=False, compare=False)

    @property
    def values(self) -> dict[Path, tuple[int, int]]:
        """Path -> (line, column) of each value, as in the text (before line_offset)."""
        return self._tables()[0]

    @property
    def keys(self) -> dict[Path, tuple[int, int]]:
        """Path -> (line, column) of each mapping key."""
        return self._tables()[1]

    def pack(self) -> None:
        """Keep the file's text, compressed, and nothing else, once the file's own checks are done.

        Tables take about 15 KB a listing (170 MB at 10,000 listings, all alive at the end of loading);
        the compressed text under 2 KB. A later stage that reports a problem (an unknown postcode, a likely
        duplicate) calls `locate`, which reads the text again and gets the same positions."""
        if self.text:
            self.packed = zlib.compress(self.text.encode("utf-8"), 1)
        self.text = ""
        self.tables = None

    def _tables(self) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]:
        if self.tables is None:
            text = zlib.decompress(self.packed).decode("utf-8") if self.packed else self.text
            values: dict[Path, tuple[int, int]] = {}
            keys: dict[Path, tuple[int, int]] = {}
            if text:
                try:
                    _EventComposer(text, Positions(line_offset=self.line_offset), (values, keys)).document()
                except (YamlProblem, yaml.YAMLError, RecursionError):
                    pass  # the tables as far as the text could be read: load_yaml reported the rest
            self.tables, self.packed = (values, keys), b""
        return self.tables

    def locate(self, path: Path, *, prefer_key: bool = False) -> tuple[int, int]:
        """The closest known position for `path`, walking up to its parents."""
        values, keys = self._tables()
        path = tuple(path)
        while True:
            table = (keys, values) if prefer_key else (values, keys)
            for source in table:
                if path in source:
                    line, col = source[path]
                    return line + self.line_offset, col
            if not path:
                return 1 + self.line_offset, 1
            path = path[:-1]


# libyaml's parser when PyYAML was built with it (the wheels are): about ten times faster than the
# pure-Python one, which dominated the build of a large hub. Values are composed from its events here,
# so that anchors, aliases, tags and duplicate keys can be reported and positions kept.
_Parser = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


class _EventComposer:
    """Builds plain values from parser events, noting anchors, aliases, tags and duplicate keys.

    They are reported (not fatal), so the rest of the file is still checked and the contributor sees
    every mistake at once; an alias reads as no value, a repeated key keeps its first value.
    """

    def __init__(self, text: str, positions: Positions,
                 tables: Optional[tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]] = None) -> None:
        self.parser = _Parser(text)
        self.positions = positions
        self.tables = tables  # (values, keys) to fill in, or None: reading without them is about a quarter faster

    def document(self) -> Any:
        parser = self.parser
        try:
            parser.get_event()  # stream start
            if parser.check_event(StreamEndEvent):
                return None
            parser.get_event()  # document start
            value = self.value((), 0)
            parser.get_event()  # document end
            if not parser.check_event(StreamEndEvent):
                mark = parser.peek_event().start_mark
                raise YamlProblem(mark.line + 1, mark.column + 1, "the file holds more than one YAML document",
                                  "remove the extra '---' line: one listing per file")
            return value
        finally:
            parser.dispose()

    def _soft(self, mark, message: str, hint: str) -> None:
        self.positions.problems.append(YamlProblem(mark.line + 1, mark.column + 1, message, hint))

    def value(self, path: Path, depth: int) -> Any:
        event = self.parser.get_event()
        mark = event.start_mark
        if self.tables is not None:
            self.tables[0][path] = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            raise YamlProblem(mark.line + 1, mark.column + 1, "the file is nested too deeply")
        if isinstance(event, AliasEvent):
            self._soft(mark, f"YAML alias '*{event.anchor}' is not allowed",
                       "write the value out in full; anchors and aliases hide what a listing really says")
            return None
        if event.anchor is not None:
            self._soft(mark, f"YAML anchor '&{event.anchor}' is not allowed", "remove the anchor and write each value out in full")
        if event.tag not in (None, "!"):
            self._soft(mark, f"YAML tag '{event.tag}' is not allowed", "remove the tag; put text in quotes if it must stay text")
        if isinstance(event, ScalarEvent):
            plain = event.style in (None, "")
            return None if plain and event.value in NULL_WORDS else event.value
        if isinstance(event, SequenceStartEvent):
            items: list[Any] = []
            while not self.parser.check_event(SequenceEndEvent):
                items.append(self.value(path + (len(items),), depth + 1))
            self.parser.get_event()
            return items
        return self._mapping(path, depth)

    def _mapping(self, path: Path, depth: int) -> dict[str, Any]:
        parser = self.parser
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        while not parser.check_event(MappingEndEvent):
            key_event = parser.get_event()
            mark = key_event.start_mark
            if not isinstance(key_event, ScalarEvent):
                raise YamlProblem(mark.line + 1, mark.column + 1, "a field name must be plain text")
            key = key_event.value
            if key == "<<" and key_event.style in (None, ""):
                self._soft(mark, "YAML merge keys ('<<') are not allowed", "write the fields out in full")
                self._skip()
                continue
            if key in first_seen:
                self._soft(mark, f"duplicate field '{key}' (first given on line {first_seen[key] + self.positions.line_offset})",
                           "keep one of them: YAML would silently use only the last")
                self._skip()
                continue
            first_seen[key] = mark.line + 1
            if self.tables is not None:
                self.tables[1][path + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.value(path + (key,), depth + 1)
        parser.get_event()
        return result

    def _skip(self) -> None:
        """Consume one value's events without keeping it."""
        level = 0
        while True:
            event = self.parser.get_event()
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                level += 1
            elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                level -= 1
            if level == 0:
                return


def load_yaml(text: str, *, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse one YAML document into plain dicts, lists and strings, with positions.

    Problems that leave the rest of the file readable are collected in
    `positions.problems`; a file that cannot be read at all raises YamlProblem.
    """
    positions = Positions(line_offset=line_offset, text=text)
    try:
        data = _EventComposer(text, positions).document()
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
