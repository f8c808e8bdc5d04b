"""Write a listing as YAML that the hub's strict reader (yamlsource.py) reads back exactly.

Every string is double-quoted with escapes, so nothing in it can be taken for YAML syntax: no leading
special character, no `: ` or ` #`, no YAML 1.1 word (`no`, `on`) and no number. Characters YAML treats
as line breaks (U+0085 NEL, U+2028, U+2029) or does not allow raw (controls, U+FEFF, non-characters,
lone surrogates) are written as \\u escapes.
"""

from __future__ import annotations

from typing import Any

_SIMPLE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _raw_ok(ch: str) -> bool:
    code = ord(ch)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
            or 0x10000 <= code <= 0x10FFFF)


def quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    out = []
    for ch in text:
        if ch in _SIMPLE:
            out.append(_SIMPLE[ch])
        elif _raw_ok(ch) and ch not in "\u2028\u2029":
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _block(text: str, indent: int) -> str | None:
    """A literal block (`|-`) for multi-line text an editor will change, when it reads back exactly."""
    if "\n" not in text or text != text.strip() or "\r" in text or "\t" in text:
        return None
    if not all((_raw_ok(ch) and ch not in "\u2028\u2029") or ch == "\n" for ch in text):
        return None
    pad = " " * (indent + 2)
    body = "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    from hub_build.core.yamlsource import YamlProblem, load_yaml

    try:
        back, _ = load_yaml("k: " + body + "\n")
    except YamlProblem:
        return None
    return body if back == {"k": text} else None


def _scalar(value: Any, indent: int = 0) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _block(str(value), indent) or quote(str(value))


def dump(data: dict[str, Any], indent: int = 0) -> str:
    """Block-style YAML of nested dicts, lists and scalars (keys are the hub's own field names)."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.append(dump(value, indent + 2).rstrip("\n"))
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    body = dump(item, indent + 4).rstrip("\n").split("\n")
                    lines.append(f"{pad}  - {body[0].lstrip()}")
                    lines.extend(body[1:])
                else:
                    lines.append(f"{pad}  - {_scalar(item, indent + 2)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value, indent)}")
    return "\n".join(lines) + "\n"


def as_read(value: Any) -> Any:
    """What the strict reader gives back for `value`: every scalar as text."""
    if isinstance(value, dict):
        return {key: as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_read(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
