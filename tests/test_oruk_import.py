"""`hub-build import oruk`: hostile and malformed files, all-or-nothing writing, exact YAML round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hubs import REPO, hub_build, make_hub

from hub_build.oruk import importer
from hub_build.oruk.importer import import_file
from hub_build.oruk.yamlwrite import as_read, dump
from hub_build.core.vocabulary import load_vocabulary
from hub_build.core.yamlsource import load_yaml

VOCABULARY, _ = load_vocabulary()


def service(**changes) -> dict:
    """An ORUK service as another directory might publish it (fields named as in HSDS-UK 3.0)."""
    data = {
        "id": "6f1c1b9e-6d2a-4d43-9a53-0d8e6b3c2f11",
        "name": "Leeds Family Link",
        "description": "Support for families in Leeds when someone is in prison.",
        "status": "active",
        "url": "https://leeds.example.org/link",
        "email": "link@example.org",
        "minimum_age": 5, "maximum_age": 18,
        "assured_date": "2026-10-01",
        "organization": {"id": "1d0e8c4e-0f4e-4f5e-8c7b-0b6f2e1d1a22", "name": "Aire Families", "description": "Aire Families",
                         "website": "https://aire.example.org"},
        "service_at_locations": [{"id": "a3d1", "location": {
            "id": "b4e2", "location_type": "physical", "name": "Leeds office",
            "addresses": [{"id": "c5f3", "address_1": "1 Park Row", "city": "Leeds", "state_province": "West Yorkshire",
                           "postal_code": "LS1 5HD", "country": "GB", "address_type": "physical"}]}}],
        "service_areas": [{"id": "d6a4", "name": "Leeds", "uri": "http://statistics.data.gov.uk/id/statistical-geography/E08000035"}],
        "contacts": [{"id": "e7b5", "name": "Enquiries", "phones": [{"id": "f8c6", "number": "0113 496 0000"}]}],
        "cost_options": [{"id": "0a1b", "amount": 0, "amount_description": "Free"}],
        "attributes": [
            {"id": "1", "taxonomy_term": {"id": "t1", "name": "Family support", "description": "x", "taxonomy": "Service types"}},
            {"id": "2", "taxonomy_term": {"id": "t2", "name": "Whole family", "description": "x"}},
            {"id": "3", "taxonomy_term": {"id": "t3", "name": "In person", "description": "x", "taxonomy": "Formats",
                                          "term": "in-person"}},
            {"id": "4", "taxonomy_term": {"id": "t4", "name": "Self-referral", "description": "x", "taxonomy": "Referral routes"}},
        ],
    }
    data.update(changes)
    return data


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_import(tmp_path: Path, data, *, raw: bytes | None = None):
    directory = tmp_path / "directory"
    directory.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "in.json"
    source.write_bytes(raw if raw is not None else json.dumps(data).encode())
    before = snapshot(directory)
    result = import_file(source, directory, vocabulary=VOCABULARY, display_root=tmp_path)
    return result, before, snapshot(directory)


def test_a_service_a_page_and_a_dataset_each_become_listings(tmp_path):
    one, _, after = run_import(tmp_path / "a", service())
    assert not one.failed and one.written == ["directory/leeds-family-link.yaml"]
    data, _ = load_yaml(after["leeds-family-link.yaml"].decode())
    assert data["service_types"] == ["family-support"] and data["audiences"] == ["whole-family"]
    assert data["formats"] == ["in-person"] and data["access"] == {"referral": "self"}
    assert data["cost"] == {"type": "free", "details": "Free"}
    assert data["coverage"] == {"local_authorities": ["E08000035"]}
    assert data["contact"] == {"phone": "0113 496 0000", "email": "link@example.org", "website": "https://leeds.example.org/link"}
    assert data["locations"] == [{"name": "Leeds office", "address": "1 Park Row, Leeds", "postcode": "LS1 5HD"}]
    assert data["age_range"] == {"min": "5", "max": "18"} and data["last_reviewed"] == "2026-10-01"
    page = {"total_items": 2, "total_pages": 1, "page_number": 1, "size": 2, "first_page": True, "last_page": True,
            "empty": False, "contents": [service(), service(name="Leeds Family Link")]}
    two, _, after = run_import(tmp_path / "b", page)
    assert not two.failed and sorted(after) == ["leeds-family-link-2.yaml", "leeds-family-link.yaml"]  # slugs unique
    _three, _, after = run_import(tmp_path / "c", [service(name="One"), service(name="Two")])
    assert sorted(after) == ["one.yaml", "two.yaml"]


def test_never_overwrites_and_reports_what_it_could_not_carry(tmp_path):
    directory = tmp_path / "directory"
    directory.mkdir()
    (directory / "leeds-family-link.yaml").write_text("mine\n")
    data = service(accreditations="Ofsted", alert="Closed in August", funding=[{"id": "x", "source": "Council"}],
                   attributes=service()["attributes"] + [{"id": "5", "taxonomy_term": {
                       "id": "t5", "name": "Housing benefit", "description": "x", "taxonomy": "LGA Service Types"}}])
    result, _before, after = run_import(tmp_path, data)
    assert not result.failed and after["leeds-family-link.yaml"] == b"mine\n"
    assert "leeds-family-link-2.yaml" in after
    warnings = {p.field: p.message for p in result.problems if not p.is_error}
    assert "service.accreditations" in warnings and "service.alert" in warnings and "service.funding" in warnings
    assert "Leeds Family Link" in warnings["service.accreditations"]
    assert "Housing benefit" in warnings["service.attributes[4].taxonomy_term"]
    assert "LGA Service Types" in warnings["service.attributes[4].taxonomy_term"]


HOSTILE = {
    "not JSON": (b"<html>not json</html>", "not JSON"),
    "not UTF-8": (b"\xff\xfe{}", "UTF-8"),
    "NaN": (b'{"name": NaN}', "NaN"),
    "duplicate keys": (b'{"name": "a", "name": "b"}', "twice"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "deeply"),
    "moderately deep": (("[" * 40 + "]" * 40).encode(), "deeply"),
    "no services": (b"[]", "no services"),
    "not a service": (b'{"foo": 1}', "not an ORUK service"),
    "contents not a list": (b'{"contents": "x"}', "contents"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_malformed_files_are_refused_whole(tmp_path, case):
    raw, words = HOSTILE[case]
    result, before, after = run_import(tmp_path, None, raw=raw)
    assert result.failed and after == before == {} and result.written == []
    assert any(words.lower() in p.message.lower() for p in result.problems), [p.message for p in result.problems]


BAD_SERVICES = {
    "name is a number": ({"name": 5}, "service.name", "should be text"),
    "organisation is a list": ({"organization": ["x"]}, "service.organization", "should be an object"),
    "locations is text": ({"service_at_locations": "LS1 5HD"}, "service.service_at_locations", "should be an array"),
    "age is text": ({"minimum_age": "five"}, "service.minimum_age", "should be a number"),
    "age is true": ({"maximum_age": True}, "service.maximum_age", "should be a number"),
    "huge string": ({"description": "x" * 200_000}, "service.description", "characters long"),
    "script in description": ({"description": "Hi <script>alert(1)</script>"}, "service.description", "script"),
    "handler in description": ({"description": "<img src=x onerror=alert(1)>"}, "service.description", "script"),
    "javascript url": ({"url": "javascript:alert(1)"}, "service.url", "script"),
    "tag in plain name": ({"name": "Leeds <b>Family</b> Link"}, "service.name", "HTML"),
    "lone surrogate": ({"name": "Leeds \ud800"}, "service.name", "Unicode"),
    "phone number as number": ({"contacts": [{"id": "x", "phones": [{"id": "y", "number": 1134960000}]}]},
                               "service.contacts[0].phones[0].number", "should be text"),
    "term as text": ({"attributes": ["Family support"]}, "service.attributes[0]", "should be an object"),
}


@pytest.mark.parametrize("case", sorted(BAD_SERVICES))
def test_one_hostile_service_means_nothing_is_written(tmp_path, case):
    changes, field, words = BAD_SERVICES[case]
    data = [service(name="Good one"), service(**changes), service(name="Good two")]
    result, before, after = run_import(tmp_path, data)
    assert result.failed and after == before == {} and result.written == []
    errors = [p for p in result.problems if p.is_error]
    assert any(p.field == field.replace("service", "[1]", 1) and words.lower() in p.message.lower() for p in errors), \
        [(p.field, p.message) for p in errors]
    assert all(p.message.startswith("service 2") for p in errors)  # the service is named


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_IMPORT_BYTES", 1000)
    result, _before, after = run_import(tmp_path, [service(description="x" * 2000)])
    assert result.failed and after == {} and "at most" in result.problems[0].message


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    real_link = importer.os.link
    calls = []

    def flaky(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        return real_link(source, target)

    monkeypatch.setattr(importer.os, "link", flaky)
    result, _before, after = run_import(tmp_path, [service(name="One"), service(name="Two"), service(name="Three")])
    assert result.failed and after == {} and len(calls) == 2
    assert "nothing was written" in result.problems[-1].message


def _blns() -> list[str]:
    return [s for s in json.loads((REPO / "tests" / "data" / "blns.json").read_text(encoding="utf-8")) if isinstance(s, str)]


EXTRA_STRINGS = ["\u2028line\u2029para", "next\x85line", "bell\x07", "\ufeffbom", "- dash", ": colon", "# hash",
                 "no", "0123", "~", "null", "'single'", '"double"', "a: b #c", "tab\tin", "\U0001F600", "%YAML", "---",
                 "multi\nline\n\n  indented", " lead", "\x1b[31mred"]


def test_every_string_is_written_so_the_strict_reader_reads_it_back_exactly(tmp_path):
    """Naughty strings as names and descriptions: each is imported and read back exactly, or refused."""
    strings = [s for s in _blns() + EXTRA_STRINGS if s.strip()]
    data = [service(name=s, description=f"About {s}", organization={"id": "x", "name": s}) for s in strings]
    directory = tmp_path / "directory"
    directory.mkdir()
    source = write_json(tmp_path / "in.json", data)
    refused = set()
    result = import_file(source, directory, vocabulary=VOCABULARY, display_root=tmp_path)
    for problem in result.problems:
        if problem.is_error:
            refused.add(int(problem.field.split("]")[0][1:]))
    assert refused and len(refused) < len(strings)  # scripts and tags refused, the rest kept
    kept = [i for i in range(len(strings)) if i not in refused]
    # import the acceptable ones alone: they must all be written and read back exactly
    result = import_file(write_json(tmp_path / "ok.json", [data[i] for i in kept]), directory,
                         vocabulary=VOCABULARY, display_root=tmp_path)
    assert not result.failed and len(result.written) == len(kept)
    for i, path in zip(kept, result.written, strict=True):
        back, _ = load_yaml((tmp_path / path).read_text(encoding="utf-8"))
        assert back["name"] == strings[i].strip() and back["organisation"]["name"] == strings[i].strip()
        # a description short enough to be the summary is kept as the summary alone
        assert back.get("description", back["summary"]) == f"About {strings[i]}".strip()


def test_the_writer_round_trips_any_text():
    for text in _blns() + EXTRA_STRINGS + ["".join(chr(c) for c in range(1, 0x3000) if not 0xD800 <= c <= 0xDFFF)]:
        data = {"name": text, "list": [text, {"k": text}], "nested": {"deeper": [text]}}
        back, _ = load_yaml(dump(data))
        assert back == as_read(data), repr(text)


def test_imported_files_go_through_validate_with_file_and_line(tmp_path):
    """What needs a person is written, then reported by validate at file:line like in any listing."""
    root = make_hub(tmp_path, {})
    unknown_postcode = [{"id": "x", "location": {"id": "y", "location_type": "physical", "addresses": [{
        "id": "z", "address_1": "1 Nowhere", "city": "Leeds", "state_province": "", "postal_code": "ZZ9 9ZZ",
        "country": "GB", "address_type": "physical"}]}}]
    data = [service(), service(name="Nowhere Link", service_at_locations=unknown_postcode),
            service(name="No Way In", contacts=[], url=None, email=None)]
    result = hub_build("import", "oruk", str(write_json(tmp_path / "in.json", data)), cwd=root)
    assert result.returncode == 0, result.stderr
    assert "directory/no-way-in.yaml" in result.stdout and "directory/nowhere-link.yaml" in result.stdout
    checked = hub_build("validate", cwd=root)
    assert checked.returncode == 1
    text = (root / "directory" / "nowhere-link.yaml").read_text()
    postcode_line = next(i for i, line in enumerate(text.splitlines(), 1) if "ZZ9 9ZZ" in line)
    assert f"directory/nowhere-link.yaml:{postcode_line}:" in checked.stdout
    assert "directory/no-way-in.yaml:" in checked.stdout and "'contact'" in checked.stdout
    assert "directory/leeds-family-link.yaml" not in checked.stdout  # the complete one passes
    assert "Traceback" not in checked.stdout + checked.stderr


def test_cli_reports_errors_and_writes_nothing(tmp_path):
    root = make_hub(tmp_path, {})
    source = write_json(tmp_path / "in.json", [service(), service(name=["not", "text"])])
    result = hub_build("import", "oruk", str(source), cwd=root)
    assert result.returncode == 1 and "nothing was written" in result.stderr
    assert "service 2" in result.stderr and "[1].name" in result.stderr and "Traceback" not in result.stderr
    assert list((root / "directory").iterdir()) == []
    missing = hub_build("import", "oruk", str(tmp_path / "nope.json"), cwd=root)
    assert missing.returncode == 1 and "cannot read" in missing.stderr
