"""Controlled vocabularies: the packaged defaults merged with a hub's own additions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from hub_build.model.fields import shown
from hub_build.core.problems import Problem
from hub_build.core.yamlsource import YamlProblem, decode_source, load_yaml

TERM_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CATEGORIES = (
    "service_types", "audiences", "sectors", "topics", "resource_types",
    "referral_routes", "cost_types", "formats", "nations",
)


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str = ""
    asks_for: str = ""


@dataclass
class Vocabulary:
    categories: dict[str, dict[str, Term]] = field(default_factory=dict)
    fixed: set[str] = field(default_factory=set)

    def terms(self, category: str) -> dict[str, Term]:
        return self.categories[category]

    def label(self, category: str, key: str) -> str:
        term = self.categories.get(category, {}).get(key)
        return term.label if term else key

    def check(self, category: str, value: str) -> tuple[str, str] | None:
        """None when `value` is a known term, else (message, hint)."""
        terms = self.categories[category]
        if value in terms:
            return None
        allowed = ", ".join(terms)
        normalised = value.strip().lower().replace(" ", "-").replace("_", "-")
        if normalised in terms:
            return f"'{shown(value)}' is not written as the vocabulary writes it", f"write '{normalised}'"
        by_label = {t.label.lower(): k for k, t in terms.items()}
        if value.strip().lower() in by_label:
            return f"'{shown(value)}' is a label, not a term", f"write '{by_label[value.strip().lower()]}'"
        close = difflib.get_close_matches(normalised, list(terms), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"'{shown(value)}' is not a known {category.replace('_', ' ').rstrip('s')}", f"{hint}allowed: {allowed}"


def _parse_terms(data: Any, where: str, positions, category: str) -> tuple[dict[str, Term], bool, list[Problem]]:
    problems: list[Problem] = []
    terms: dict[str, Term] = {}
    extensible = True
    if not isinstance(data, dict):
        line, col = positions.locate((category,))
        return terms, extensible, [Problem(where, line, col, f"'{category}' must be a mapping of terms", field=category)]
    for key, value in data.items():
        if key == "extensible":
            extensible = str(value).lower() != "false"
            continue
        line, col = positions.locate((category, key), prefer_key=True)
        if not TERM_PATTERN.match(key):
            problems.append(Problem(where, line, col, f"term '{key}' is not URL-safe",
                                    "use lower-case letters, digits and hyphens", field=f"{category}.{key}"))
            continue
        settings = value or {}
        if not isinstance(settings, dict) or not settings.get("label"):
            problems.append(Problem(where, line, col, f"term '{key}' needs a label",
                                    "write it as  key: {label: Shown to readers}", field=f"{category}.{key}"))
            continue
        unknown = sorted(set(settings) - {"label", "description", "asks_for"})
        if unknown:
            problems.append(Problem(where, line, col, f"term '{key}' has unknown setting(s): {', '.join(unknown)}",
                                    "a term has label, description and asks_for; put labels with commas in quotes",
                                    field=f"{category}.{key}"))
        terms[key] = Term(key, str(settings["label"]), str(settings.get("description") or ""), str(settings.get("asks_for") or ""))
    return terms, extensible, problems


def _read(path_text: str, raw: bytes) -> tuple[dict, Any, list[Problem]]:
    try:
        data, positions = load_yaml(decode_source(raw))
    except YamlProblem as p:
        return {}, None, [Problem(path_text, p.line, p.col, p.message, p.hint)]
    if not isinstance(data, dict):
        return {}, positions, [Problem(path_text, 1, 1, "a vocabulary file must be a mapping of categories")]
    return data, positions, []


def load_vocabulary(extra_file: Path | None = None, *, display_path: str = "") -> tuple[Vocabulary, list[Problem]]:
    """The packaged vocabulary, extended by the hub's own file when there is one."""
    vocab = Vocabulary()
    raw = resources.files("hub_build").joinpath("data/vocabulary.yaml").read_bytes()
    data, positions, problems = _read("hub_build/data/vocabulary.yaml", raw)
    for category in CATEGORIES:
        terms, extensible, more = _parse_terms(data.get(category, {}), "hub_build/data/vocabulary.yaml", positions, category)
        problems += more
        vocab.categories[category] = terms
        if not extensible:
            vocab.fixed.add(category)
    if extra_file is None:
        return vocab, problems
    where = display_path or str(extra_file)
    if not extra_file.is_file():
        return vocab, problems + [Problem(where, 1, 1, "the vocabulary file named in mkdocs.yml does not exist",
                                          "create it, or remove the 'vocabulary' option of the hub plugin")]
    data, positions, more = _read(where, extra_file.read_bytes())
    problems += more
    for category, value in data.items():
        line, col = positions.locate((category,), prefer_key=True)
        if category not in CATEGORIES:
            close = difflib.get_close_matches(category, CATEGORIES, n=1)
            problems.append(Problem(where, line, col, f"unknown vocabulary category '{category}'",
                                    (f"did you mean '{close[0]}'? " if close else "") + "categories: " + ", ".join(CATEGORIES)))
            continue
        terms, _, more = _parse_terms(value, where, positions, category)
        problems += more
        for key, term in terms.items():
            if category in vocab.fixed and key not in vocab.categories[category]:
                tline, tcol = positions.locate((category, key), prefer_key=True)
                problems.append(Problem(where, tline, tcol, f"'{category}' cannot gain new terms",
                                        "the build relies on this list; you may only relabel its terms", field=f"{category}.{key}"))
                continue
            vocab.categories[category][key] = term
    return vocab, problems
