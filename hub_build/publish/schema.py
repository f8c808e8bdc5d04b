"""JSON Schema for listing files, generated from the pydantic models.

Editors (through yaml-language-server) and the site's "suggest a listing" form
use it, so contributors get autocompletion and the build's own rules as they
type. The models stay the single definition: this module walks their fields
and translates each field type's validator into a JSON Schema fragment.

Every value is described in its *text* form, because hub_build.core.yamlsource
reads every scalar as text (`min: 5` is "5"); where an editor's YAML 1.2
reader would see a number or a boolean (`min: 5`, `national: true`,
`charity_number: 1190001`) that form is accepted too.

The build is stricter than the schema in these ways (JSON Schema cannot say
them, or the data they need is not in the schema):
- postcodes must exist in the ONS postcode data, and local authorities must be
  known ONS names or GSS codes (the schema checks the postcode's format only);
- dates must be real (30 February) and review dates not in the future;
- an age range's min must not be above its max;
- file names must be unique URL-safe slugs, and a resource's `file` must exist;
- the personal-data checks of practice examples;
- a listing's Welsh version (`cy:`) must give some text, name no more locations than the listing has, and
  is refused when the listing's own text is Welsh (`text_language: cy`);
- text is normalised (NFC) before its length is counted, and a few exotic
  characters (astral private-use, Unicode digits) are judged by the build only.
Vocabulary terms are enums of the vocabulary the schema was generated with:
regenerate (`hub-build schema`) after adding terms to the hub's vocabulary.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import typing
from pathlib import Path
from typing import Any, Callable

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from hub_build.model import fields
from hub_build.model import items as models
from hub_build.core.vocabulary import Vocabulary

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# --- patterns: the text forms fields.py accepts, in the regex dialect shared by Python and JavaScript ---------------

_CC = r"\x00-\x1f\x7f-\x9f"  # control characters (Unicode category Cc)
_CC_MULTILINE = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # less tab, line feed and carriage return
_PRIVATE = r"\ue000-\uf8ff"
_BIDI = "".join(f"\\u{ord(ch):04x}" for ch in sorted(fields.BIDI_CONTROLS))  # the same set fields.py refuses

TITLE_PATTERN = rf"^\s*[^\s{_CC}{_PRIVATE}{_BIDI}](?:[^{_CC}{_PRIVATE}{_BIDI}]*[^\s{_CC}{_PRIVATE}{_BIDI}])?\s*$"
PLAIN_PATTERN = rf"^[^{_CC_MULTILINE}{_PRIVATE}]*[^\s{_CC_MULTILINE}{_PRIVATE}][^{_CC_MULTILINE}{_PRIVATE}]*$"
DATE_PATTERN = r"^\s*[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\s*$"
BOOL_PATTERN = r"^\s*(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\s*$"
EVENT_TIME_PATTERN = (r"^\s*[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
                      r"(?:[ T](?:[01][0-9]|2[0-3]):[0-5][0-9])?\s*$")

_LOCAL_CHAR = r"[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]"
_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
EMAIL_PATTERN = (rf"^\s*(?=\S{{1,254}}\s*$)(?=[^@\s]{{1,64}}@){_LOCAL_CHAR}+(?:\.{_LOCAL_CHAR}+)*"
                 rf"@{_LABEL}(?:\.{_LABEL})+\s*$")

_URL_FORBIDDEN = fields.URL_FORBIDDEN_CHARS
_HOST_CHAR = r"(?:[a-zA-Z0-9]|[^\x00-\x7f\s])"
_HOST_LABEL = rf"{_HOST_CHAR}(?:(?:{_HOST_CHAR}|-){{0,61}}{_HOST_CHAR})?"
_PORT = r"(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
URL_PATTERN = (rf"^\s*(?=\S{{1,2000}}\s*$)[hH][tT][tT][pP][sS]?://(?:{_HOST_LABEL}\.)+(?![0-9]+(?:[:/?#]|\s*$))"
               rf"{_HOST_LABEL}(?::{_PORT}?)?(?:[/?#][^{_URL_FORBIDDEN}]*)?\s*$")

_SEP = r"[\s\-.()\u00a0]*"


def _digits(*classes: str) -> str:
    return "".join(f"{cls}{_SEP}" for cls in classes)


def _phone_pattern() -> str:
    d = "[0-9]"
    nsn = "(?:" + "|".join([
        _digits("[1235789]") + f"(?:{d}{_SEP}){{9}}",  # 11 digits in all
        _digits("1", "[02-9]", "[02-9]") + f"(?:{d}{_SEP}){{6}}",  # 10 digits: five-digit area codes
        _digits("8", "0", "0") + f"(?:{d}{_SEP}){{6}}",  # 10 digits: 0800
    ]) + ")"
    national = _digits("0") + nsn
    plus = _digits(r"\+", "4", "4")
    international = f"(?:{plus}|{_digits('0', '0', '4', '4')})(?:\\(0\\){_SEP})?" + nsn
    short = "(?:" + "|".join([
        _digits("9", "9", "9"), _digits("1", "1", "2"), _digits("1", "1", "1"), _digits("1", "0", "1"),
        _digits("1", "0", "5"), _digits("1", "1", "6", d, d, d), _digits("0", "8", "0", "0", "1", "1", "1", "1"),
        _digits("1", "8", "0", "0", "1") + f"(?:{d}{_SEP}){{10,11}}",
    ]) + ")"
    return f"^{_SEP}(?:{national}|{international}|{short})$"


PHONE_PATTERN = _phone_pattern()


def _spaced(*parts: str, gap: str = r"\s*") -> str:
    return gap.join(parts)


_INWARD_LETTER = "[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]"
POSTCODE_PATTERN = (r"^\s*(?!(?:[Gg]\s*[Xx]|[Vv]\s*[Gg])\s*1\s*1)"
                    + _spaced("[A-Za-z]", "(?:[A-Za-z]\\s*)?[0-9]", "(?:[A-Za-z0-9]\\s*)?[0-9]", _INWARD_LETTER, _INWARD_LETTER)
                    + r"\s*$")
_CHARITY_DIGITS = "(?:[0-9] *)"
CHARITY_PATTERN = (rf"^\s*(?:{_CHARITY_DIGITS}{{6,8}}(?:- *{_CHARITY_DIGITS}{{1,2}})?"
                   rf"|[Ss] *[Cc] *{_CHARITY_DIGITS}{{6}}|[Nn] *[Ii] *[Cc] *{_CHARITY_DIGITS}{{6}})\s*$")


def _text(pattern: str, message: str, widget: str = "text") -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, "patternErrorMessage": message, "x-input": widget}


# Each validator function of fields.py/models.py -> the schema of the text it accepts.
# `patternErrorMessage` is shown by yaml-language-server (and the suggest form) instead of "does not match".
VALIDATOR_SCHEMAS: dict[Callable, dict[str, Any]] = {
    fields._title: _text(TITLE_PATTERN, "write it on one line, without invisible or control characters"),
    fields._plain: _text(PLAIN_PATTERN, "write some text, without invisible control characters", "textarea"),
    fields._email: _text(EMAIL_PATTERN, "write an e-mail address like name@example.org", "email"),
    fields._http_url: _text(URL_PATTERN, "write the full web address, like https://www.example.org/page", "url"),
    fields._phone: _text(PHONE_PATTERN, "write a UK phone number in full with the area code, like 0117 496 0123", "tel"),
    fields._iso_date: _text(DATE_PATTERN, "write the date as year-month-day, like 2026-03-31", "date"),
    fields._strict_bool: {"anyOf": [{"type": "boolean"}, _text(BOOL_PATTERN, "write true or false")], "x-input": "checkbox"},
    models._postcode: _text(POSTCODE_PATTERN, "write a full UK postcode, like BS1 4DJ", "postcode"),
}
if hasattr(models, "_event_time"):
    VALIDATOR_SCHEMAS[models._event_time] = _text(
        EVENT_TIME_PATTERN, "write 2026-12-03 for a whole day, or 2026-12-03 10:00 (24-hour clock)", "datetime")
_CHARITY = {"anyOf": [
    _text(CHARITY_PATTERN, "England and Wales: 6 to 8 digits; Scotland: SC and 6 digits; Northern Ireland: NIC and 6 digits"),
    {"type": "integer", "minimum": 100000, "maximum": 99999999},
], "x-input": "text"}


def int_pattern(low: int, high: int) -> str:
    """Whole numbers low..high as pydantic reads them from text (spaces, a plus sign, leading zeros, '.0')."""
    numbers = "|".join(str(n) for n in range(high, low - 1, -1)) if high - low <= 200 else "[0-9]+"
    zeros = "0*" if low >= 0 else ""
    return rf"^\s*\+?{zeros}(?:{numbers})(?:\.0*)?\s*$"


# --- walking the models ---------------------------------------------------------------------------


def _vocabulary_category(func: Callable) -> str | None:
    return func.category if isinstance(func, fields.VocabularyTerm) else None


class SchemaBuilder:
    """Builds one JSON Schema document per top-level model, with nested models under $defs."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.defs: dict[str, Any] = {}

    def document(self, model: type[BaseModel], *, title: str, schema_id: str = "") -> dict[str, Any]:
        self.defs = {}
        body = self.model_schema(model)
        document = {"$schema": DIALECT, **({"$id": schema_id} if schema_id else {}), "title": title, **body}
        if self.defs:
            document["$defs"] = dict(sorted(self.defs.items()))
        return document

    # Models --------------------------------------------------------------------------------------
    def model_schema(self, model: type[BaseModel]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for name, info in model.model_fields.items():
            properties[name] = self.field_schema(info)
            terms = _fixed_terms().get((model.__name__, name))
            if terms:  # validated by an anonymous function: its allowed words are listed here
                extra = {k: v for k, v in properties[name].items() if k in ("description", "examples", "default")}
                properties[name] = {"type": "string", "enum": list(terms), "x-input": "choice", **extra}
            if (model.__name__, name) == ("Practice", "personal_data_reviewed"):
                # `[date-of-birth]` is short for `[{kind: date-of-birth}]`
                item = {"anyOf": [{"type": "string", "enum": list(models.PERSONAL_DATA_KINDS)},
                                  self.ref(models.PersonalDataAcknowledgement)]}
                extra = {k: v for k, v in properties[name].items() if k in ("description", "examples", "default")}
                properties[name] = {"anyOf": [item["anyOf"][0], {"type": "array", "items": item, "maxItems": 50}],
                                    "x-input": "list", **extra}
            if info.is_required():
                required.append(name)
        schema: dict[str, Any] = {"type": "object"}
        if model.__doc__ and model.__module__ == models.__name__:
            schema["description"] = inspect.cleandoc(model.__doc__)
        schema["properties"] = properties
        if required:
            schema["required"] = required
        if model.model_config.get("extra") == "forbid":
            schema["additionalProperties"] = False
        rules = self.cross_field_rules(model)
        if rules:
            schema["allOf"] = rules
        return schema

    def ref(self, model: type[BaseModel]) -> dict[str, Any]:
        name = model.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve first: models may nest themselves
            self.defs[name] = self.model_schema(model)
        return {"$ref": f"#/$defs/{name}"}

    def field_schema(self, info: FieldInfo) -> dict[str, Any]:
        schema = self.type_schema(info.annotation, list(info.metadata))
        extra: dict[str, Any] = {}
        if info.description:
            extra["description"] = info.description
        if info.examples:
            extra["examples"] = list(info.examples)
        if not info.is_required() and info.default is not None and not callable(info.default):
            default = info.default
            extra["default"] = default.isoformat() if isinstance(default, dt.date) else default
        if "$ref" in schema and extra:
            return {"allOf": [schema], **extra}
        return {**schema, **extra}

    # Types ------------------------------------------------------------------------------------------
    def type_schema(self, annotation: Any, metadata: list[Any]) -> dict[str, Any]:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *more = typing.get_args(annotation)
            return self.type_schema(base, more + metadata)
        if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            options = [self.type_schema(a, metadata) for a in args]
            if len(args) < len(typing.get_args(annotation)):
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        constraints = _constraints(metadata)
        validators = [m.func for m in metadata if isinstance(m, (AfterValidator, BeforeValidator))]
        if origin is list:
            return self.list_schema(typing.get_args(annotation)[0], constraints, validators)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.ref(annotation)
        if annotation is int:
            low, high = constraints.get("minimum", 0), constraints.get("maximum", 10**6)
            return {
                "anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                          _text(int_pattern(low, high), f"write a whole number from {low} to {high}", "number")],
                "x-input": "number", "x-minimum": low, "x-maximum": high}
        schema = self.scalar_schema(validators)
        if "maxLength" in constraints and schema.get("type") == "string":
            schema["maxLength"] = constraints["maxLength"]
        return schema

    def scalar_schema(self, validators: list[Callable]) -> dict[str, Any]:
        for func in validators:
            category = _vocabulary_category(func)
            if category:
                return self.term_schema(category)
            if func in VALIDATOR_SCHEMAS:
                return json.loads(json.dumps(VALIDATOR_SCHEMAS[func]))
            if func is typing.get_args(models.CharityNumber)[1].func:
                return json.loads(json.dumps(_CHARITY))
        return {"type": "string", "x-input": "text"}

    def term_schema(self, category: str) -> dict[str, Any]:
        terms = self.vocabulary.terms(category)
        return {
            "type": "string", "enum": list(terms),
            "enumDescriptions": [t.label + (f": {t.description}" if t.description else "") for t in terms.values()],
            "x-labels": [t.label for t in terms.values()], "x-input": "choice",
        }

    def list_schema(self, item: Any, constraints: dict[str, Any], validators: list[Callable]) -> dict[str, Any]:
        item_schema = self.type_schema(item, [])
        array: dict[str, Any] = {"type": "array", "items": item_schema, "uniqueItems": True}
        if constraints.get("minItems"):
            array["minItems"] = constraints["minItems"]
        if "maxItems" in constraints:
            array["maxItems"] = constraints["maxItems"]
        if fields.as_list in validators and item_schema.get("type") == "string":
            # `topics: arrest` is read as a list of one
            return {"anyOf": [item_schema, array], "x-input": "list"}
        return {**array, "x-input": "list"}

    # Rules across fields (the models' model_validators) ----------------------------------------------
    def cross_field_rules(self, model: type[BaseModel]) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = []
        if model is models.Coverage:
            true = {"anyOf": [{"const": True}, {"type": "string", "pattern": r"^\s*[Tt][Rr][Uu][Ee]\s*$"}]}
            empty = {"type": "array", "maxItems": 0}
            rules.append({
                "if": {"properties": {"national": true}, "required": ["national"]},
                "then": {"properties": {"nations": empty, "local_authorities": empty},
                         "errorMessage": "a national service cannot also list nations or local authorities"},
                "else": {"anyOf": [{"required": [key], "properties": {key: _NOT_EMPTY}}
                                   for key in ("nations", "local_authorities")],
                         "errorMessage": "write 'national: true', or list 'nations' or 'local_authorities'"},
            })
        if model in (models.Contact,):
            rules.append({"anyOf": [{"required": [key], "properties": {key: {"type": "string"}}}
                                    for key in ("phone", "email", "website")],
                          "errorMessage": "add a phone, email or website"})
        if model is models.Resource:
            rules.append({"oneOf": [{"required": [key], "properties": {key: {"type": "string"}}} for key in ("link", "file")],
                          "errorMessage": "give exactly one of 'link' (a web page) or 'file' (a document stored with the hub)"})
        if model is models.Service:
            for term in self.vocabulary.terms("audiences").values():
                if term.asks_for not in ("age_range", "sectors"):
                    continue
                chosen = {"anyOf": [{"const": term.key}, {"type": "array", "contains": {"const": term.key}}]}
                needed = ({"type": "object"} if term.asks_for == "age_range" else _NOT_EMPTY)
                what = "the ages worked with (age_range)" if term.asks_for == "age_range" else "the professional sectors served"
                rules.append({
                    "if": {"properties": {"audiences": chosen}, "required": ["audiences"]},
                    "then": {"required": [term.asks_for], "properties": {term.asks_for: needed},
                             "errorMessage": f"give {what}: the audience '{term.label}' needs it"},
                })
        if model is getattr(models, "Event", None):
            rules.append({"anyOf": [
                {"required": ["online"], "properties": {"online": {"anyOf": [
                    {"const": True}, {"type": "string", "pattern": r"^\s*[Tt][Rr][Uu][Ee]\s*$"}]}}},
                {"required": ["place"], "properties": {"place": {"type": "object"}}},
            ], "errorMessage": "add 'place' or 'online: true'"})
        if model is getattr(models, "Practice", None):
            rules.append({"anyOf": [{"required": ["nations"], "properties": {"nations": _NOT_EMPTY}},
                                    {"required": ["area"], "properties": {"area": {"type": "string"}}}],
                          "errorMessage": "add 'nations' or 'area' (or both)"})
        return rules


_NOT_EMPTY = {"anyOf": [{"type": "string"}, {"type": "array", "minItems": 1}]}


def _fixed_terms() -> dict[tuple[str, str], tuple[str, ...]]:
    """(model, field) -> allowed words, for fields whose check is a lambda the walker cannot recognise."""
    if not hasattr(models, "PERSONAL_DATA_KINDS"):
        return {}
    return {("Practice", "kind"): ("practice-example", "case-study"),
            ("PersonalDataAcknowledgement", "kind"): tuple(models.PERSONAL_DATA_KINDS)}


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    """Length and range constraints from Field(...) and annotated_types markers (last one wins)."""
    found: dict[str, Any] = {}
    flat: list[Any] = []
    for item in metadata:
        flat.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    for item in flat:
        if isinstance(item, annotated_types.MaxLen):
            found["maxLength"] = found["maxItems"] = item.max_length
        elif isinstance(item, annotated_types.MinLen):
            found["minItems"] = item.min_length
        elif isinstance(item, annotated_types.Ge):
            found["minimum"] = item.ge
        elif isinstance(item, annotated_types.Le):
            found["maximum"] = item.le
    return found


# --- the documents ----------------------------------------------------------------------------------


def schema_kinds() -> dict[str, tuple[type[BaseModel], str]]:
    """kind -> (model, title) for every kind of file a contributor writes."""
    kinds: dict[str, tuple[type[BaseModel], str]] = {
        "service": (models.Service, "Service listing (directory/*.yaml)"),
        "resource": (models.Resource, "Resource front matter (content/resources/*.md)"),
    }
    if hasattr(models, "Practice"):
        kinds["practice"] = (models.Practice, "Practice example front matter (content/practice/*.md)")
    if hasattr(models, "Event"):
        kinds["event"] = (models.Event, "Event front matter (content/events/*.md)")
    return kinds


def build_schemas(vocabulary: Vocabulary, *, base_url: str = "") -> dict[str, dict[str, Any]]:
    """file name -> JSON Schema document, e.g. {"service.schema.json": {...}}."""
    builder = SchemaBuilder(vocabulary)
    result = {}
    for kind, (model, title) in schema_kinds().items():
        name = f"{kind}.schema.json"
        result[name] = builder.document(model, title=title, schema_id=f"{base_url.rstrip('/')}/schema/{name}" if base_url else "")
    return result


def schema_text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_schemas(vocabulary: Vocabulary, folder: Path, *, base_url: str = "") -> list[Path]:
    """Write every schema into `folder`; files whose content is unchanged are left alone (no spurious diffs)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in build_schemas(vocabulary, base_url=base_url).items():
        path = folder / name
        text = schema_text(document)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
