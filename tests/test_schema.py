"""The JSON Schema agrees with `hub-build validate`: on every sample file, and on bad listings."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from hub_build.load.loader import split_front_matter
from hub_build.publish.schema import build_schemas, schema_text
from hub_build.core.vocabulary import load_vocabulary
from hub_build.core.yamlsource import load_yaml
from hubs import GOOD_LISTING, REPO, dump, hub_build, listing, make_hub

VOCABULARY, _ = load_vocabulary()
SCHEMAS = build_schemas(VOCABULARY)


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SCHEMAS[f"{kind}.schema.json"])


def read(path: Path) -> dict:
    """The data as the build reads it: every scalar as text."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text)[0]
    return load_yaml(text)[0]


def changed(path: str, value) -> dict:
    """GOOD_LISTING with one value replaced (a dotted path; None removes the field)."""
    data = copy.deepcopy(GOOD_LISTING)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return data


# Each bad listing is rejected by both; the key is the file name.
BAD = {
    "missing-name": changed("name", None),
    "unknown-field": listing(nmae="Typo"),
    "unknown-type": listing(service_types=["family-suport"]),
    "empty-types": listing(service_types=[]),
    "duplicate-topic": listing(topics=["arrest", "arrest"]),
    "bad-email": changed("contact.email", "links at example.org"),
    "bad-phone": changed("contact.phone", "0117 496 012"),
    "foreign-phone": changed("contact.phone", "+33 1 23 45 67 89"),
    "ftp-website": changed("contact.website", "ftp://example.org"),
    "no-contact": listing(contact={}),
    "bad-postcode": changed("locations.0.postcode", "BS1"),
    "gibraltar": changed("locations.0.postcode", "GX11 1AA"),
    "no-locations": listing(locations=[]),
    "coverage-empty": listing(coverage={}),
    "coverage-mixed": listing(coverage={"national": "true", "nations": ["wales"]}),
    "national-yes": listing(coverage={"national": "yes"}),
    "children-no-ages": changed("age_range", None),
    "professionals-no-sectors": listing(audiences=["professionals"], sectors=[]),
    "age-not-number": listing(age_range={"min": "five", "max": 18}),
    "age-too-high": listing(age_range={"min": 4, "max": 30}),
    "summary-too-long": listing(summary="x" * 301),
    "name-control-character": listing(name="Bristol\u0007 Links"),
    "name-bidi": listing(name="Bristol \u202eLinks"),
    "name-two-lines": listing(name="Bristol\nLinks"),
    "empty-description": listing(description="   "),
    "date-format": listing(last_reviewed="14/09/2026"),
    "bad-charity": changed("organisation.charity_number", "12345"),
    "bad-referral": changed("access.referral", "anyone"),
    "name-as-list": listing(name=["Bristol"]),
}

# Stricter in the build, as documented in hub_build/publish/schema.py: the schema accepts these, the build does not.
BUILD_ONLY = {
    "unknown-postcode": changed("locations.0.postcode", "ZZ9 9ZZ"),
    "unknown-council": listing(coverage={"local_authorities": ["Atlantis"]}),
    "not-a-real-date": listing(last_reviewed="2026-02-30"),
    "future-review": listing(last_reviewed="2099-01-01"),
    "ages-reversed": listing(age_range={"min": 12, "max": 5}),
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, bool]:
    """file name -> has errors, from one `hub-build validate --format json` run over every fixture."""
    files = {f"{name}.yaml": dump(data) for name, data in {**BAD, **BUILD_ONLY}.items()}
    files["good.yaml"] = dump(GOOD_LISTING)
    root = make_hub(tmp_path_factory.mktemp("schema"), listings=files)
    done = hub_build("validate", "--format", "json", cwd=root)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    failed = {Path(p["path"]).stem for p in report["problems"] if p["severity"] == "error"}
    return {name: name in failed for name in [*BAD, *BUILD_ONLY, "good"]}


def schema_accepts(data: dict) -> bool:
    text = dump(data)  # through YAML, as the build reads it
    return not list(validator("service").iter_errors(load_yaml(text)[0]))


def test_the_good_listing_passes_both(verdicts):
    assert verdicts["good"] is False
    assert schema_accepts(GOOD_LISTING)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_listings_are_rejected_by_both(verdicts, name):
    assert verdicts[name] is True, "the build accepted it"
    assert not schema_accepts(BAD[name]), "the schema accepted it"


@pytest.mark.parametrize("name", sorted(BUILD_ONLY))
def test_documented_build_only_checks(verdicts, name):
    assert verdicts[name] is True
    assert schema_accepts(BUILD_ONLY[name])


SAMPLES = {"service": "directory/*.yaml", "resource": "content/resources/*.md",
           "practice": "content/practice/*.md", "event": "content/events/*.md"}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_sample_file_passes_its_schema(kind):
    checker = validator(kind)
    # Welsh siblings (x.cy.md) hold only an item's Welsh text: the loader checks them with their own models
    paths = [p for p in sorted(REPO.glob(SAMPLES[kind])) if p.name != "index.md" and not p.name.endswith(".cy.md")]
    if kind in ("service", "resource"):
        assert len(paths) >= 20
    failures = {p.name: [e.message[:120] for e in checker.iter_errors(read(p))] for p in paths}
    assert {name: errors for name, errors in failures.items() if errors} == {}


def test_listing_files_reference_the_committed_schema_and_it_is_current():
    for path in sorted((REPO / "directory").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/service.schema.json\n"), path
    for name, document in SCHEMAS.items():
        committed = (REPO / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_text(document), f"schema/{name} is stale: run hub-build schema"


def test_schemas_are_valid_and_every_field_is_documented():
    for document in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(document)
    for name, document in SCHEMAS.items():
        models = [document, *document.get("$defs", {}).values()]
        undocumented = [key for model in models for key, prop in model["properties"].items()
                        if not prop.get("description") or not prop.get("examples")]
        assert undocumented == [], name
    service = SCHEMAS["service.schema.json"]
    assert service["properties"]["service_types"]["anyOf"][0]["enum"] == list(VOCABULARY.terms("service_types"))


def test_hub_build_schema_uses_the_hubs_own_vocabulary(tmp_path):
    root = make_hub(tmp_path, plugin_options="      vocabulary: vocabulary.yaml\n")
    (root / "vocabulary.yaml").write_text("topics:\n  sport: {label: Sport}\n", encoding="utf-8")
    done = hub_build("schema", cwd=root)
    assert done.returncode == 0, done.stderr
    schema = json.loads((root / "schema" / "service.schema.json").read_text(encoding="utf-8"))
    topics = schema["properties"]["topics"]["anyOf"][0]["enum"]
    assert "sport" in topics and "arrest" in topics
    stamp = (root / "schema" / "service.schema.json").stat().st_mtime_ns
    assert hub_build("schema", cwd=root).returncode == 0
    assert (root / "schema" / "service.schema.json").stat().st_mtime_ns == stamp  # unchanged files are not rewritten


PRACTICE = {
    "title": "Police and schools together", "organisation": {"name": "Humber Bridges Trust"}, "sectors": ["police"],
    "nations": ["england"], "summary": "Officers tell schools when a pupil's parent is arrested.",
    "approach": "A shared prompt.", "outcomes": "Schools knew sooner.",
    "contact": {"email": "info@humber.example.org"}, "last_reviewed": "2026-08-05",
}
EVENT = {"title": "Training day", "summary": "A course for school staff.", "start": "2026-12-03 10:00", "online": "true",
         "organiser": "Example Families Network", "audiences": ["professionals"], "last_reviewed": "2026-10-01"}
FRONT_MATTER = {
    "practice": {"good": ({**PRACTICE, "kind": "case-study", "personal_data_reviewed": ["phone"]}, False),
                 "good-ack": ({**PRACTICE, "personal_data_reviewed": [{"kind": "email", "reason": "invented"}]}, False),
                 "bad-kind": ({**PRACTICE, "kind": "story"}, True),
                 "bad-ack": ({**PRACTICE, "personal_data_reviewed": ["shoe-size"]}, True),
                 "nowhere": ({k: v for k, v in PRACTICE.items() if k != "nations"}, True)},
    "events": {"good": (EVENT, False),
               "bad-time": ({**EVENT, "start": "2026-12-03 25:00"}, True),
               "nowhere": ({**EVENT, "online": "false"}, True),
               "place": ({**EVENT, "online": "false", "place": {"name": "Civic Hall", "postcode": "LS1 1UR"}}, False)},
}


def test_practice_and_event_front_matter_verdicts_agree(tmp_path):
    root = make_hub(tmp_path)
    for folder, cases in FRONT_MATTER.items():
        (root / "content" / folder).mkdir()
        for name, (data, _) in cases.items():
            (root / "content" / folder / f"{name}.md").write_text(f"---\n{dump(data)}---\nText.\n", encoding="utf-8")
    report = json.loads(hub_build("validate", "--format", "json", cwd=root).stdout)
    failed = {p["path"] for p in report["problems"] if p["severity"] == "error"}
    for folder, cases in FRONT_MATTER.items():
        checker = validator("practice" if folder == "practice" else "event")
        for name, (data, bad) in cases.items():
            assert (f"content/{folder}/{name}.md" in failed) is bad, (folder, name, report)
            assert bool(list(checker.iter_errors(load_yaml(dump(data))[0]))) is bad, (folder, name)
