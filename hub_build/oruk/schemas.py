"""The official ORUK 3.0 schemas, shipped with the package and resolved locally (never over the network)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SPEC_DIR = Path(__file__).resolve().parent.parent / "data" / "oruk-3.0"
UK_PROFILE_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


@lru_cache(maxsize=1)
def openapi() -> dict:
    return json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))


def registry():
    """A referencing.Registry holding every schema by the address openapi.json and the schemas use."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted((SPEC_DIR / "uk-profile" / "schema").rglob("*.json")):
        relative = path.relative_to(SPEC_DIR / "uk-profile" / "schema").as_posix()
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((UK_PROFILE_URL + relative, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def response_schema(path: str) -> dict:
    """The JSON Schema of a 200 response of `path` (e.g. "/services/{id}"), with openapi.json's own
    `#/components/...` references made absolute so it can be checked on its own."""
    schema = openapi()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return _inline_components(schema)


def _inline_components(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            target = openapi()
            for part in ref[2:].split("/"):
                target = target[part]
            return _inline_components(target)
        return {key: _inline_components(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_components(value) for value in node]
    return node


def validator(path: str):
    """A Draft 2020-12 validator, with format checks, for the response of `path`."""
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    return Draft202012Validator(response_schema(path), registry=registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)
