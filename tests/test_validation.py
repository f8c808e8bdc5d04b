"""Each kind of bad input gets its exact `path:line:col` error, all of them in one run."""

from __future__ import annotations

import json
import datetime as dt
from pathlib import Path

import pytest

from hub_build.pipeline import load_hub
from hub_build.core.settings import HubSettings

from hubs import GOOD_LISTING, GOOD_RESOURCE, dump, hub_build, listing, make_hub

TODAY = dt.date(2026, 11, 23)


def problems_of(root: Path, **settings) -> list[str]:
    hub = load_hub(root, HubSettings(**settings), docs_dir=root / "content", today=TODAY)
    return [p.as_text() for p in sorted(hub.problems, key=lambda p: p.sort_key())]


def only(root: Path, text: str) -> list[str]:
    make_hub(root, {"x.yaml": text})
    return problems_of(root)


BASE = dump(GOOD_LISTING)


def with_line(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_good_listing_has_no_problems(tmp_path):
    make_hub(tmp_path)
    assert problems_of(tmp_path) == []


def test_missing_field_points_at_the_mapping_and_names_the_field(tmp_path):
    text = BASE.replace("summary: " + GOOD_LISTING["summary"] + "\n", "")
    assert only(tmp_path, text) == [
        "directory/x.yaml:1:1: error: summary: required field 'summary' is missing\n"
        "    hint: add 'summary:' (see the field reference in README.md)"
    ]


def test_missing_nested_field(tmp_path):
    text = with_line("  referral: self-or-professional\n", "")
    line = line_of(text, "  how_to_refer:")
    assert only(tmp_path, text) == [
        f"directory/x.yaml:{line}:3: error: access.referral: required field 'referral' is missing\n"
        "    hint: add 'referral:' (see the field reference in README.md)"
    ]


def test_wrong_types(tmp_path):
    text = with_line("organisation:\n", "organisation: Severn Families Trust\nx_organisation:\n")
    text = text.replace("max: 18", "max: eighteen")
    problems = only(tmp_path, text)
    org = line_of(text, "organisation: Severn")
    age = line_of(text, "max: eighteen")
    assert f"directory/x.yaml:{org}:15: error: organisation: should be a group of fields, not text\n" \
           "    hint: write the fields on indented lines below it: name, website, charity_number" in problems
    assert f"directory/x.yaml:{age}:8: error: age_range.max: 'eighteen' should be a whole number\n" \
           "    hint: write digits only, like 12" in problems
    assert any(p.startswith(f"directory/x.yaml:{org + 1}:1: error: x_organisation: unknown field 'x_organisation'") for p in problems)


def test_unknown_vocabulary_term_with_suggestion(tmp_path):
    text = with_line("- visits-support\n", "- visit-support\n")
    line = line_of(text, "- visit-support")
    assert only(tmp_path, text) == [
        f"directory/x.yaml:{line}:3: error: service_types[1]: 'visit-support' is not a known service type\n"
        "    hint: did you mean 'visits-support'? allowed: helpline, family-support, visitor-centre, visits-support, "
        "counselling, mentoring, peer-support, advice-advocacy, play-activities, school-support, resettlement, "
        "training, information"
    ]


def test_unknown_field_with_suggestion(tmp_path):
    text = with_line("opening_hours:", "openinghours:")
    line = line_of(text, "openinghours:")
    problems = only(tmp_path, text)
    assert problems[0].startswith(f"directory/x.yaml:{line}:1: error: openinghours: unknown field 'openinghours'\n"
                                  "    hint: did you mean 'opening_hours'?")


def test_duplicate_keys_are_refused(tmp_path):
    text = BASE + "name: Another name\n"
    line = line_of(text, "name: Another name")
    assert only(tmp_path, text) == [
        f"directory/x.yaml:{line}:1: error: duplicate field 'name' (first given on line 1)\n"
        "    hint: keep one of them: YAML would silently use only the last"
    ]


def test_anchors_and_aliases_are_refused_and_the_rest_still_checked(tmp_path):
    text = with_line("summary:", "summary: &s").replace("opening_hours: Monday to Friday, 9am to 5pm", "opening_hours: *s")
    text = text.replace("links@example.org", "links@")
    summary, hours, email = line_of(text, "summary: &s"), line_of(text, "opening_hours: *s"), line_of(text, "links@")
    assert only(tmp_path, text) == [
        f"directory/x.yaml:{summary}:10: error: YAML anchor '&s' is not allowed\n"
        "    hint: remove the anchor and write each value out in full",
        f"directory/x.yaml:{email}:10: error: contact.email: 'links@' is not a valid e-mail address\n"
        "    hint: the part after @ needs a full domain; write it as name@example.org",
        f"directory/x.yaml:{hours}:16: error: YAML alias '*s' is not allowed\n"
        "    hint: write the value out in full; anchors and aliases hide what a listing really says",
    ]


def test_yaml_no_and_dates_stay_the_text_that_was_typed(tmp_path):
    """YAML 1.1 would make NO false and 2024-01-01 a date; here text fields keep the text."""
    make_hub(tmp_path, {"x.yaml": with_line("- Polish", "- NO").replace(
        "opening_hours: Monday to Friday, 9am to 5pm", "opening_hours: 2024-01-01")})
    hub = load_hub(tmp_path, HubSettings(), docs_dir=tmp_path / "content", today=TODAY)
    assert hub.errors == []
    service = hub.services[0].service
    assert service.languages == ["English", "NO"]
    assert service.opening_hours == "2024-01-01"


def test_yaml_no_in_a_true_false_field_is_an_error_not_false(tmp_path):
    text = with_line("coverage:\n  local_authorities:\n  - Bristol, City of\n", "coverage:\n  national: NO\n")
    line = line_of(text, "national: NO")
    assert only(tmp_path, text) == [
        f"directory/x.yaml:{line}:13: error: coverage.national: 'NO' is not true or false\n"
        "    hint: write true or false (YAML words like yes, no, on and off are not accepted)"
    ]


@pytest.mark.parametrize("value, message", [
    ("2026-13-01", "'2026-13-01' is not a real date\n    hint: check the day and month"),
    ("14/09/2026", "'14/09/2026' is not a date written as YYYY-MM-DD\n    hint: write the date as year-month-day, like 2026-03-31"),
    ("2027-01-01", "2027-01-01 is in the future\n    hint: write the date the details were last checked (today at the latest)"),
])
def test_bad_review_dates(tmp_path, value, message):
    text = with_line("last_reviewed: '2026-09-14'", f"last_reviewed: {value}")
    line = line_of(text, "last_reviewed:")
    assert only(tmp_path, text) == [f"directory/x.yaml:{line}:16: error: last_reviewed: {message}"]


@pytest.mark.parametrize("field, value, message", [
    ("phone", "0117 496 012", "contact.phone: '0117 496 012' has 10 digits; Ofcom's drama numbers 0117 496 0xxx have 11\n"
                              "    hint: check for a missing or extra digit"),
    ("phone", "+1 555 0100", "contact.phone: '+1 555 0100' is not a UK phone number\n"
                             "    hint: list a UK number (starting 0 or +44) that families can call"),
    ("phone", "call 0117", "contact.phone: 'call 0117' is not a phone number\n"
                           "    hint: write only digits and spaces, like 0808 157 0000; put extensions and notes in opening_hours"),
    ("email", "links at example.org", "contact.email: 'links at example.org' is not a valid e-mail address\n"
                                      "    hint: remove the spaces; write it as name@example.org"),
    ("email", "links@example", "contact.email: 'links@example' is not a valid e-mail address\n"
                               "    hint: the part after @ needs a full domain; write it as name@example.org"),
    ("website", "javascript:alert(1)", "contact.website: 'javascript:alert(1)' is not a web address starting with "
                                       "https:// or http://\n    hint: write the full address, like https://www.example.org/page"),
    ("website", "www.example.org", "contact.website: 'www.example.org' is not a web address starting with https:// or "
                                   "http://\n    hint: write the full address, like https://www.example.org/page"),
    ("website", "https://user:pw@example.org/", "contact.website: 'https://user:pw@example.org/' contains a user name "
                                                "or password\n    hint: remove the part before '@'"),
])
def test_invalid_contact_details(tmp_path, field, value, message):
    contact = dict(GOOD_LISTING["contact"], **{field: value})
    text = dump(listing(contact=contact))
    line = line_of(text, f"  {field}: {value}")
    col = text.splitlines()[line - 1].index(":") + 3
    assert only(tmp_path, text) == [f"directory/x.yaml:{line}:{col}: error: {message}"]


def test_phone_numbers_are_normalised_for_display():
    from hub_build.model.fields import format_uk_phone, normalise_uk_phone

    assert format_uk_phone(normalise_uk_phone("+44 (0)117 496-0123")) == "0117 496 0123"
    assert format_uk_phone(normalise_uk_phone("02079460000")) == "020 7946 0000"
    assert format_uk_phone(normalise_uk_phone("0808 157 0000")) == "0808 157 0000"
    assert format_uk_phone(normalise_uk_phone("07700900123")) == "07700 900123"


def test_duplicate_slug_across_folders(tmp_path):
    make_hub(tmp_path, {"a/links.yaml": GOOD_LISTING, "b/links.yml": GOOD_LISTING})
    assert problems_of(tmp_path) == [
        "directory/b/links.yml:1:1: error: (file name): another listing already uses the name 'links' "
        "(directory/a/links.yaml)\n    hint: each listing's file name must be unique across the directory: rename one"
    ]


@pytest.mark.parametrize("name, suggestion", [
    ("..%2F..%2Fetc%2Fpasswd.yaml", "2f-2fetc-2fpasswd"),
    ("..evil.yaml", "evil"),
    ("Family Links.yaml", "family-links"),
])
def test_unsafe_file_names_are_refused(tmp_path, name, suggestion):
    make_hub(tmp_path, {name: GOOD_LISTING})
    stem = name[: -len(".yaml")]
    assert problems_of(tmp_path) == [
        f"directory/{name}:1:1: error: (file name): the file name '{stem}' cannot be used in a web address\n"
        f"    hint: rename it to '{suggestion}.yaml' (lower-case letters, digits and single hyphens, at most 80 characters)"
    ]


def test_reserved_slug(tmp_path):
    make_hub(tmp_path, {"index.yaml": GOOD_LISTING})
    assert problems_of(tmp_path)[0].startswith("directory/index.yaml:1:1: error: (file name): the file name 'index' is reserved")


def test_oversized_binary_and_broken_files(tmp_path):
    make_hub(tmp_path, {
        "big.yaml": "name: " + "x" * 300_000 + "\n",
        "latin1.yaml": "name: caf\xe9\n".encode("latin-1"),
        "broken.yaml": "name: [unclosed\nsummary: x\n",
        "list.yaml": "- a\n- b\n",
    })
    problems = problems_of(tmp_path)
    assert problems[0] == ("directory/big.yaml:1:1: error: the file is 292 KiB, over the 256 KiB limit\n"
                           "    hint: a listing should be short; move long text to a linked page")
    assert problems[1].startswith("directory/broken.yaml:2:8: error: this is not valid YAML:")
    assert problems[2] == "directory/latin1.yaml:1:1: error: the file is not valid UTF-8 text\n    hint: save it with UTF-8 encoding"
    assert problems[3].startswith("directory/list.yaml:1:1: error: the file should be a set of fields")


def test_tags_and_merge_keys_are_refused(tmp_path):
    text = "!!python/object:os.system\nname: x\n<<: {summary: y}\n"
    problems = only(tmp_path, text)
    assert "directory/x.yaml:1:1: error: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed\n" \
           "    hint: remove the tag; put text in quotes if it must stay text" in problems
    assert "directory/x.yaml:3:1: error: YAML merge keys ('<<') are not allowed\n    hint: write the fields out in full" in problems


def test_every_error_of_every_file_in_one_run(tmp_path):
    make_hub(tmp_path, {
        "one.yaml": listing(audiences=["professional"], contact={"email": "no"}),
        "two.yaml": listing(formats=[], cost={"type": "cheap"}),
        "three.yaml": GOOD_LISTING,
    })
    problems = problems_of(tmp_path)
    assert [p.split(": error: ")[1].split("\n")[0] for p in problems] == [
        "audiences[0]: 'professional' is not a known audience",
        "contact.email: 'no' is not a valid e-mail address",
        "cost.type: 'cheap' is not a known cost type",
        "formats: needs at least 1 item",
    ]


def test_audience_details_are_required(tmp_path):
    data = listing(audiences=["professionals"], sectors=[])
    text = dump(data)
    line = line_of(text, "audiences:")
    assert only(tmp_path, text) == [
        f"directory/x.yaml:{line}:1: error: audiences: the audience 'professionals' needs the professional sectors it serves\n"
        "    hint: add  sectors: [schools, health]  (see the field reference for the list)"
    ]


def test_overdue_review_is_a_warning_not_an_error(tmp_path):
    make_hub(tmp_path, {"old.yaml": listing(last_reviewed="2025-01-01")})
    hub = load_hub(tmp_path, HubSettings(), docs_dir=tmp_path / "content", today=TODAY)
    assert hub.errors == [] and len(hub.services) == 1
    assert [p.as_text() for p in hub.warnings] == [
        f"directory/old.yaml:{line_of(dump(listing(last_reviewed='2025-01-01')), 'last_reviewed')}:16: warning: "
        "last_reviewed: last checked 691 days ago, over the 365-day review interval\n"
        "    hint: check the details with the service, then set last_reviewed to today's date"
    ]


def test_resource_front_matter_is_validated_with_real_line_numbers(tmp_path):
    bad = dict(GOOD_RESOURCE, type="pamphlet")
    no_link = dict(GOOD_RESOURCE)
    del no_link["link"]
    make_hub(tmp_path, resources={"guide.md": bad, "ok.md": GOOD_RESOURCE, "nolink.md": no_link})
    (tmp_path / "content/resources/nofront.md").write_text("Just text\n")
    text = dump(bad)
    assert problems_of(tmp_path) == [
        f"content/resources/guide.md:{line_of(text, 'type:') + 1}:7: error: type: 'pamphlet' is not a known resource type\n"
        "    hint: allowed: guide, toolkit, leaflet, book, video, research, policy, training, funding",
        "content/resources/nofront.md:1:1: error: the page has no front matter\n"
        "    hint: start the file with a '---' line, the fields, then another '---' line",
        "content/resources/nolink.md:2:1: error: link: needs exactly one of 'link' or 'file'\n"
        "    hint: give 'link' for a web page, or 'file' for a document stored with the hub",
    ]


def test_resource_file_must_stay_inside_the_site(tmp_path):
    bad = dict(GOOD_RESOURCE, file="../../secret.pdf")
    del bad["link"]
    make_hub(tmp_path, resources={"guide.md": bad})
    line = line_of(dump(bad), "file:") + 1
    assert problems_of(tmp_path) == [
        f"content/resources/guide.md:{line}:7: error: file: the file '../../secret.pdf' is outside the site's content folder\n"
        "    hint: put the document beside the page and give its name"
    ]


def test_hub_vocabulary_extends_the_packaged_one(tmp_path):
    make_hub(tmp_path, {"x.yaml": listing(service_types=["befriending"])})
    (tmp_path / "vocabulary.yaml").write_text("service_types:\n  befriending: {label: Befriending}\n"
                                              "nations:\n  isle-of-man: {label: Isle of Man}\n")
    assert problems_of(tmp_path, vocabulary="vocabulary.yaml") == [
        "vocabulary.yaml:4:3: error: nations.isle-of-man: 'nations' cannot gain new terms\n"
        "    hint: the build relies on this list; you may only relabel its terms"
    ]


# --- the CLI ---------------------------------------------------------------------

def test_cli_exit_codes_and_formats(tmp_path):
    make_hub(tmp_path, {"good.yaml": GOOD_LISTING, "bad.yaml": listing(contact={"email": "x@y"}),
                        "old.yaml": listing(last_reviewed="2025-01-01", name="Old listing", contact={"email": "old@example.org"})})
    text = hub_build("validate", cwd=tmp_path)
    assert text.returncode == 1
    assert "Traceback" not in text.stdout + text.stderr
    assert text.stdout.splitlines()[-1] == "1 error, 1 warning"
    github = hub_build("validate", "--format", "github", cwd=tmp_path)
    line = line_of(dump(listing(contact={"email": "x@y"})), "email:")
    assert github.stdout.splitlines()[0] == (
        f"::error file=directory/bad.yaml,line={line},col=10,title=contact.email::'x@y' is not a valid e-mail "
        "address Hint: the part after @ needs a full domain; write it as name@example.org")
    assert github.stdout.splitlines()[1].startswith("::warning file=directory/old.yaml,")
    report = json.loads(hub_build("validate", "--format", "json", cwd=tmp_path).stdout)
    assert report["errors"] == 1 and report["warnings"] == 1
    assert report["problems"][0]["field"] == "contact.email" and report["problems"][0]["line"] == line
    (tmp_path / "directory/bad.yaml").unlink()
    assert hub_build("validate", cwd=tmp_path).returncode == 0


def test_cli_never_shows_a_traceback(tmp_path):
    make_hub(tmp_path, {"x.yaml": b"\xff\xfe{{{{[[[[ : : :\n\t- &a *a !!binary\x00"})
    result = hub_build("validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    missing = hub_build("validate", "-f", "nope.yml", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "no nope.yml here" in missing.stderr


def test_vocabulary_term_with_a_stray_setting_is_reported(tmp_path):
    """An unquoted comma in a flow mapping splits a label; say so instead of showing half of it."""
    make_hub(tmp_path)
    (tmp_path / "vocabulary.yaml").write_text("topics:\n  play: {label: Play, games and sport}\n")
    assert problems_of(tmp_path, vocabulary="vocabulary.yaml") == [
        "vocabulary.yaml:2:3: error: topics.play: term 'play' has unknown setting(s): games and sport\n"
        "    hint: a term has label, description, asks_for, and in Welsh cy and cy_description; "
        "put labels with commas in quotes"
    ]


def test_packaged_vocabulary_is_clean():
    from hub_build.core.vocabulary import load_vocabulary

    vocabulary, problems = load_vocabulary()
    assert problems == []
    assert vocabulary.label("cost_types", "free-some-costs") == "Free, some activities cost"
