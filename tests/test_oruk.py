"""Open Referral UK 3.0 (issue 12): the published feed, the API and the round trip, on real builds.

Two hubs are built once each: the sample hub (this repository's directory/) and a generated hub of
1,000 listings (bench/generate.py: several pages of every list). Every published file and every API
response is checked against the official schemas shipped in hub_build/data/oruk-3.0 (no network).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from hubs import ENV, REPO, hub_build, listing, make_hub, mkdocs_build, run
from oruk_walk import (api_server, feed_files, get_json, openapi_path, package_validator, request, schema_errors,
                       walk)

from hub_build.pipeline import load_hub
from hub_build.oruk.export import FEED_DIR, LISTS
from hub_build.oruk.mapping import Mapper
from hub_build.oruk.paging import MAX_PER_PAGE, PER_PAGE
from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config

GENERATED = 1000


def _load(root: Path):
    settings = HubSettings.model_validate(hub_options(read_mkdocs_config(root / "mkdocs.yml")))
    return load_hub(root, settings, docs_dir=root / "content")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "hub"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns("site", ".git", ".hub-cache", "bench", "tests", ".ci"))
    result = run("-m", "mkdocs", "build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    return types.SimpleNamespace(root=root, site=root / "site", name="sample")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated") / "hub"
    made = subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(root), str(GENERATED)],
                          env=ENV, capture_output=True, text=True, timeout=900, check=False)
    assert made.returncode == 0, made.stderr
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return types.SimpleNamespace(root=root, site=root / "site", name="generated")


@pytest.fixture(scope="module", params=["sample", "generated"])
def hub(request):
    return request.getfixturevalue(request.param)


# --- the static feed -------------------------------------------------------------------------------------

def test_every_published_file_validates_against_the_official_schemas(hub):
    checked = 0
    for relative, path in feed_files(hub.site):
        body = json.loads(path.read_bytes())
        errors = schema_errors(openapi_path(relative), body)
        assert not errors, (relative, errors[:5])
        checked += 1
    dataset = json.loads((hub.site / FEED_DIR / "dataset.json").read_bytes())
    assert not list(package_validator().iter_errors(dataset))
    loaded = _load(hub.root)
    assert len(dataset) == len(loaded.services)
    locations = sum(len(e.service.locations) for e in loaded.services)
    assert checked > len(dataset) + locations  # index, pages and a detail file for every object
    if hub.name == "generated":  # several pages in each big list
        assert len(list((hub.site / FEED_DIR / "services" / "pages").glob("*.json"))) == -(-GENERATED // PER_PAGE)
        assert len(list((hub.site / FEED_DIR / "service_at_locations" / "pages").glob("*.json"))) > GENERATED // PER_PAGE


def test_the_feed_holds_every_field_a_listing_has(sample):
    loaded = _load(sample.root)
    entry = next(e for e in loaded.services if e.slug == "bristol-family-links")
    s = entry.service
    service = json.loads((sample.site / FEED_DIR / "services" / f"{Mapper(loaded).service(entry)['id']}.json").read_bytes())
    assert service["name"] == s.name and service["summary"] == s.summary and service["description"] == s.description
    assert service["organization"]["name"] == s.organisation.name
    assert service["organization"]["website"] == s.organisation.website
    assert service["organization"]["organization_identifiers"][0]["identifier"] == s.organisation.charity_number
    assert service["phones"][0]["number"] == s.contact.phone == service["contacts"][0]["phones"][0]["number"]
    assert service["email"] == s.contact.email and service["url"] == s.contact.website
    assert (service["minimum_age"], service["maximum_age"]) == (s.age_range.min, s.age_range.max)
    assert service["application_process"] == s.access.how_to_refer
    assert service["assured_date"] == s.last_reviewed.isoformat()
    assert service["schedules"][0]["description"] == s.opening_hours
    assert [lang["name"] for lang in service["languages"]] == s.languages
    assert service["cost_options"][0]["option"] == "Free"
    location = service["service_at_locations"][0]["location"]
    place = entry.places[0]
    assert location["addresses"][0]["postal_code"] == s.locations[0].postcode
    assert location["addresses"][0]["address_1"] == s.locations[0].address
    assert (location["latitude"], location["longitude"]) == (round(place.lat, 5), round(place.lon, 5))
    assert location["accessibility"][0]["description"] == s.locations[0].accessibility
    assert [a["uri"].rsplit("/", 1)[1] for a in service["service_areas"]] == list(entry.coverage_areas)
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["term"]) for a in service["attributes"]}
    for category, name in (("service_types", "Service types"), ("audiences", "Audiences"), ("sectors", "Professional sectors"),
                           ("topics", "Topics"), ("formats", "Formats")):
        assert {(name, key) for key in getattr(s, category)} <= terms
    assert ("Referral routes", s.access.referral) in terms and ("Cost types", s.cost.type) in terms
    languages = {e.slug: (e.service.text_language, e.service.name_language) for e in loaded.services
                 if e.service.text_language or e.service.name_language}
    assert languages  # the sample has Welsh and Gaelic listings
    for slug, (text_language, name_language) in languages.items():
        body = Mapper(loaded).service(next(e for e in loaded.services if e.slug == slug))
        assert (body.get("text_language"), body.get("name_language")) == (text_language, name_language)
    # every term an attribute names is a published taxonomy term, with the same body
    for attribute in service["attributes"]:
        published = json.loads((sample.site / FEED_DIR / "taxonomy_terms" / f"{attribute['taxonomy_term_id']}.json").read_bytes())
        assert published == attribute["taxonomy_term"]


def test_ids_are_stable_uuids_of_the_slug(tmp_path):
    root = make_hub(tmp_path / "a", {"one.yaml": listing(), "two.yaml": listing(name="Second")})
    first = Mapper(_load(root)).dataset()[0]
    again = Mapper(_load(root)).dataset()[0]
    assert json.dumps(first.services) == json.dumps(again.services)  # the same ids and bodies every build
    (root / "directory" / "two.yaml").rename(root / "directory" / "renamed.yaml")
    moved = Mapper(_load(root)).dataset()[0]
    ids = {s["name"]: s["id"] for s in first.services}
    moved_ids = {s["name"]: s["id"] for s in moved.services}
    assert moved_ids["Bristol Family Links"] == ids["Bristol Family Links"]
    assert moved_ids["Second"] != ids["Second"]
    assert [t["id"] for t in moved.taxonomy_terms] == [t["id"] for t in first.taxonomy_terms]
    other = make_hub(tmp_path / "b", {"one.yaml": listing()}, plugin_options="      open_data_id_base: https://other.example.org/")
    assert Mapper(_load(other)).dataset()[0].services[0]["id"] != ids["Bristol Family Links"]


def test_csv_has_a_row_per_location_neutralised_cells_and_a_licence_note(tmp_path):
    hostile = listing(name="=HYPERLINK(\"https://evil.example.org\",\"Click\")", summary="+1 on the summary",
                      opening_hours="@SUM(A1:A9)", locations=[{"postcode": "BS1 4DJ", "address": "-2 Example Street"},
                                                              {"postcode": "CF10 1EP", "name": "Cardiff office"}],
                      coverage={"local_authorities": ["Bristol, City of", "Cardiff"]},
                      contact={"phone": "0117 496 0999", "email": "links@example.org"})  # not a duplicate of plain.yaml
    root = make_hub(tmp_path, {"hostile.yaml": hostile, "plain.yaml": listing()},
                    plugin_options="      open_data_licence: Creative Commons Attribution 4.0\n"
                    "      open_data_licence_url: https://creativecommons.org/licenses/by/4.0/")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    feed = root / "site" / FEED_DIR
    rows = list(csv.DictReader(io.StringIO((feed / "services.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 3  # one per service and location
    bad = [r for r in rows if "HYPERLINK" in r["name"]]
    assert len(bad) == 2 and {r["postcode"] for r in bad} == {"BS1 4DJ", "CF10 1EP"}
    for row in bad:
        assert row["name"].startswith("'=") and row["summary"].startswith("'+") and row["opening_hours"].startswith("'@")
    assert next(r for r in bad if r["postcode"] == "BS1 4DJ")["address"] == "'-2 Example Street"
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
            if value.startswith("-"):
                float(value)  # only numbers the build computed (longitudes) may start with a minus
    note = (feed / "services-csv.txt").read_text()
    assert "Creative Commons Attribution 4.0" in note and "3 rows" in note
    index = json.loads((feed / "index.json").read_bytes())
    assert index["license"] == {"name": "Creative Commons Attribution 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    footer = (root / "site" / "index.html").read_text()
    assert "Creative Commons Attribution 4.0" in footer and "open-data/oruk/index.json" in footer


def test_default_licence_is_the_open_government_licence(sample):
    index = json.loads((sample.site / FEED_DIR / "index.json").read_bytes())
    assert index["license"]["name"] == "Open Government Licence v3.0"
    assert "Open Referral UK" in index["attribution"]
    assert "Open Government Licence v3.0" in (sample.site / FEED_DIR / "services-csv.txt").read_text()
    assert 'rel="license">Open Government Licence v3.0<' in (sample.site / "index.html").read_text()
    shipped = REPO / "hub_build" / "data" / "oruk-3.0"
    assert (shipped / "LICENSE.txt").is_file() and (shipped / "uk-profile" / "LICENSE").is_file()
    assert "an Open Referral UK resource (https://openreferraluk.org/)" in (shipped / "README.md").read_text()


# --- the API ---------------------------------------------------------------------------------------------

def test_api_walk_as_the_official_validator(hub):
    with api_server(hub.site) as address:
        seen = walk(address, all_pages=hub.name == "sample")
        # the static files give the same bodies at their fixed paths
        for name in LISTS:
            for number in seen["pages"][name]:
                _, raw = get_json(address, f"/{name}?page={number}")
                assert raw == (hub.site / FEED_DIR / name / "pages" / f"{number}.json").read_bytes()
            _, raw = get_json(address, f"/{name}")
            assert raw == (hub.site / FEED_DIR / f"{name}.json").read_bytes()
            for ident in seen["ids"][name][:25]:
                _, raw = get_json(address, f"/{name}/{ident}")
                assert raw == (hub.site / FEED_DIR / name / f"{ident}.json").read_bytes()
        _, raw = get_json(address, "/")
        assert raw == (hub.site / FEED_DIR / "index.json").read_bytes()
    if hub.name == "sample":  # every id of every list, and every object exactly once
        assert len(seen["ids"]["services"]) == len(set(seen["ids"]["services"])) == len(_load(hub.root).services)


def test_api_paging_and_its_limits(generated):
    with api_server(generated.site) as address:
        first, _ = get_json(address, "/services?per_page=7&page=1")
        assert first["total_items"] == GENERATED and first["total_pages"] == -(-GENERATED // 7) and first["size"] == 7
        last, _ = get_json(address, f"/services?per_page=7&page={first['total_pages']}")
        assert last["last_page"] and last["size"] == (GENERATED % 7 or 7)
        beyond, _ = get_json(address, f"/services?page={first['total_pages'] + 5}")
        assert beyond["empty"] and beyond["contents"] == [] and not schema_errors("/services", beyond)
        capped, _ = get_json(address, "/services?per_page=100000")
        assert capped["size"] == MAX_PER_PAGE and capped["total_pages"] == -(-GENERATED // MAX_PER_PAGE)
        collected = []
        for number in range(1, capped["total_pages"] + 1):
            collected += [s["id"] for s in get_json(address, f"/services?per_page={MAX_PER_PAGE}&page={number}")[0]["contents"]]
        assert len(collected) == len(set(collected)) == GENERATED
        for query in ("page=0", "page=-1", "page=abc", "page=1.5", "page=", "per_page=0", "per_page=x",
                      "page=99999999999", "page=1&page=2", "search=prison", "postcode=BS1", "%ff=1"):
            status, headers, body = request(address, f"/services?{query}")
            assert status == 400, query
            assert headers["access-control-allow-origin"] == "*"
            assert json.loads(body)["code"] == 400 and json.loads(body)["message"]


def test_api_http_behaviour_and_no_way_out_of_the_feed(sample):
    with api_server(sample.site) as address:
        for target in ("/services/00000000-0000-0000-0000-000000000000", "/services/nothing", "/taxonomies/x",
                       "/nothing", "/services/a/b", "/../mkdocs.yml", "/services/../../mkdocs.yml",
                       "/services/..%2F..%2Fmkdocs.yml", "/%2e%2e/%2e%2e/etc/passwd", "/index.json",
                       "/open-data/oruk/index.json", "/services/%00", "//etc/passwd", "/services.json"):
            status, headers, body = request(address, target)
            assert status == 404, target
            assert headers["access-control-allow-origin"] == "*"
            assert json.loads(body)["code"] == 404 and b"mkdocs" not in body and b"root:" not in body
        status, headers, body = request(address, "/services", method="HEAD")
        assert status == 200 and body == b"" and int(headers["content-length"]) > 100
        status, headers, body = request(address, "/services", method="OPTIONS")
        assert status == 204 and "GET" in headers["access-control-allow-methods"] and headers["access-control-allow-origin"] == "*"
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            status, headers, _ = request(address, "/services", method=method)
            assert status == 405 and headers["allow"] == "GET, HEAD, OPTIONS"
        assert request(address, "/services/")[0] == 200  # a trailing slash is the same list
        assert request(address, "/?x=1")[0] == 400


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_api_command_serves_reports_a_busy_port_in_one_line_and_stops_cleanly_on_ctrl_c(sample):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "api", "-a", f"127.0.0.1:{port}"],
                               cwd=sample.root, env=ENV, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                status, _headers, body = request(("127.0.0.1", port), "/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200 and json.loads(body)["version"] == "3.0"
        busy = hub_build("api", "-a", f"127.0.0.1:{port}", cwd=sample.root)
        assert busy.returncode == 2 and "in use" in busy.stderr and len(busy.stderr.strip().splitlines()) == 1
        assert "Traceback" not in busy.stderr
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0 and "stopped" in err and "Traceback" not in err
    assert "127.0.0.1" in err
    missing = hub_build("api", "-d", str(sample.root / "no-site"), cwd=sample.root)
    assert missing.returncode == 2 and "hub-build build" in missing.stderr and "Traceback" not in missing.stderr
    bad = hub_build("api", "-a", "everywhere", cwd=sample.root)
    assert bad.returncode == 2 and "HOST:PORT" in bad.stderr


# --- import, and the round trip --------------------------------------------------------------------------

def _without_ids(value):
    """The ORUK JSON with ids and links left out: what the round trip must keep is everything else."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_round_trip_export_import_export_gives_the_same_oruk_json(hub, tmp_path):
    target = tmp_path / "imported"
    (target / "directory").mkdir(parents=True)
    (target / "content").mkdir()
    shutil.copy(hub.root / "mkdocs.yml", target / "mkdocs.yml")
    result = hub_build("import", "oruk", str(hub.site / FEED_DIR / "dataset.json"), cwd=target)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    original = _load(hub.root)
    imported = _load(target)
    assert imported.errors == [] and len(imported.services) == len(original.services)
    before = sorted((_without_ids(s) for s in Mapper(original).dataset()[0].services), key=json.dumps)
    after = sorted((_without_ids(s) for s in Mapper(imported).dataset()[0].services), key=json.dumps)
    assert before == after
    if hub.name == "sample":
        assert hub_build("validate", cwd=target).returncode == 0
