"""Controlled vocabularies: the packaged defaults merged with a hub's own additions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from hub_build.model.fields import shown
from hub_build.core.problems import Problem, Severity
from hub_build.core.yamlsource import YamlProblem, decode_source, load_yaml

TERM_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CATEGORIES = (
    "service_types", "audiences", "sectors", "topics", "resource_types",
    "referral_routes", "cost_types", "formats", "nations",
)


LANGUAGES = ("en", "cy")  # the languages a term may be labelled in: English (`label`) and Welsh (`cy`)
SETTINGS = ("label", "description", "asks_for", "cy", "cy_description")


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str = ""
    asks_for: str = ""
    cy: str = ""  # the Welsh label, "" when the vocabulary gives none
    cy_description: str = ""
    where: tuple[str, int, int] = field(default=("", 1, 1), compare=False)  # file, line, column of its definition

    def label_in(self, lang: str = "en") -> str:
        """The label in `lang`, or the English one when the term has none in that language."""
        return (self.cy or self.label) if lang == "cy" else self.label

    def description_in(self, lang: str = "en") -> str:
        return (self.cy_description or self.description) if lang == "cy" else self.description


@dataclass
class Vocabulary:
    categories: dict[str, dict[str, Term]] = field(default_factory=dict)
    fixed: set[str] = field(default_factory=set)

    def terms(self, category: str) -> dict[str, Term]:
        return self.categories[category]

    def label(self, category: str, key: str, lang: str = "en") -> str:
        """The term's label in `lang` ("en" or "cy"), falling back to English, or the key for an unknown term."""
        term = self.categories.get(category, {}).get(key)
        return term.label_in(lang) if term else key

    def has_label(self, category: str, key: str, lang: str) -> bool:
        """Whether the term has its own label in `lang` (English always has one)."""
        term = self.categories.get(category, {}).get(key)
        return term is not None and (lang != "cy" or bool(term.cy))

    def missing_labels(self, lang: str) -> list[Problem]:
        """A warning, at the term's definition, for every term without a label in `lang`."""
        if lang == "en":
            return []
        found = []
        for category, terms in self.categories.items():
            for key, term in terms.items():
                if not self.has_label(category, key, lang):
                    path, line, col = term.where
                    found.append(Problem(path, line, col, f"the {category.replace('_', ' ').rstrip('s')} '{key}' has no "
                                         "Welsh label: the Welsh site shows it in English",
                                         f"add  {lang}: <the label in Welsh>  beside its label", field=f"{category}.{key}",
                                         severity=Severity.WARNING))
        return found

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
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            problems.append(Problem(where, line, col, f"term '{key}' has unknown setting(s): {', '.join(unknown)}",
                                    "a term has label, description, asks_for, and in Welsh cy and cy_description; "
                                    "put labels with commas in quotes", field=f"{category}.{key}"))
        text = {name: str(settings.get(name) or "").strip() for name in SETTINGS}
        terms[key] = Term(key, text["label"], text["description"], text["asks_for"], text["cy"], text["cy_description"],
                          where=(where, line, col))
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
            packaged = vocab.categories[category].get(key)
            if packaged is not None and not term.cy:  # an English relabel keeps the packaged Welsh label
                vocab.categories[category][key] = replace(term, cy=packaged.cy,
                                                          cy_description=term.cy_description or packaged.cy_description)
            else:
                vocab.categories[category][key] = term
    return vocab, problems
