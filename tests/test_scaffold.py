"""`hub-build new`: files that pass validation as they stand, unique names, nothing overwritten."""

from __future__ import annotations

import json

from hubs import hub_build, make_hub


REAL = {  # what a contributor writes in place of each example value
    '"Your organisation"': '"Severn Families Trust"',
    '"replace-me@example.org"': '"info@severn.example.org"',
    '"SW1A 2AA"': '"BS1 4DJ"',
    '"Replace with the council areas covered"': '"Bristol, City of"',
    '"Who published it"': '"Severn Families Trust"',
    '"https://www.example.org/replace-me"': '"https://severn.example.org/guide"',
}


def _finished(text: str) -> str:
    """The new file with every example value replaced, the way a contributor would."""
    for old, new in REAL.items():
        text = text.replace(old, new)
    return "\n".join(line.replace("Replace this", "Real text") for line in text.split("\n"))


def test_new_files_are_flagged_until_every_example_value_is_replaced(tmp_path):
    root = make_hub(tmp_path, listings={})
    made = {}
    for kind, name in [("service", "Leeds: Family Support #1 — “Hope”"), ("resource", "A guide for schools"),
                       ("practice", "Police and schools together"), ("event", "Training day")]:
        done = hub_build("new", kind, name, cwd=root)
        assert done.returncode == 0, done.stderr
        made[kind] = done.stdout.strip()
    assert made == {"service": "directory/leeds-family-support-1-hope.yaml", "resource": "content/resources/a-guide-for-schools.md",
                    "practice": "content/practice/police-and-schools-together.md", "event": "content/events/training-day.md"}
    service = (root / made["service"]).read_text(encoding="utf-8")
    assert service.startswith("# yaml-language-server: $schema=../schema/service.schema.json\n")
    assert 'name: "Leeds: Family Support #1 — “Hope”"' in service
    assert "last_reviewed: 2026-11-23" in service  # today (SOURCE_DATE_EPOCH in tests)
    assert "# one or more of: helpline, family-support," in service  # the allowed terms, from the vocabulary
    assert "national: true\n" not in service  # an unfinished listing must never claim the whole UK

    report = json.loads(hub_build("validate", "--format", "json", cwd=root).stdout)
    problems = [p for p in report["problems"] if p["severity"] == "error"]
    # Every error is a placeholder, each at the line that still holds it; nothing else is reported about them.
    assert problems and all(p["message"].startswith("still the example value from hub-build new") for p in problems), problems
    flagged = {(p["path"], p["line"]) for p in problems}
    expected = set()
    for path in made.values():
        for number, line in enumerate((root / path).read_text(encoding="utf-8").split("\n"), 1):
            code = line.split(" #")[0]
            if any(old in code for old in REAL) or "Replace this" in code:
                # text in a block (approach: |) is reported at its field's line
                expected.add((path, number - 1 if line.startswith("  Replace this") else number))
    assert flagged == expected
    assert {p["field"] for p in problems if p["path"] == made["service"]} == {
        "organisation.name", "summary", "locations[0].postcode", "coverage.local_authorities[0]", "contact.email"}

    for path in made.values():  # replace one value only: the rest are still reported
        file = root / path
        file.write_text(file.read_text(encoding="utf-8").replace('"Your organisation"', '"Severn Families Trust"'), encoding="utf-8")
    report = json.loads(hub_build("validate", "--format", "json", cwd=root).stdout)
    assert 0 < report["errors"] < len(problems)

    for path in made.values():
        file = root / path
        file.write_text(_finished(file.read_text(encoding="utf-8")), encoding="utf-8")
    report = json.loads(hub_build("validate", "--format", "json", cwd=root).stdout)
    assert report["errors"] == 0, report
    assert [p for p in report["problems"] if p["path"] in made.values()] == []


def test_slugs_are_unique_and_nothing_is_overwritten(tmp_path):
    root = make_hub(tmp_path)
    first = hub_build("new", "service", "Bristol Family Links", cwd=root)  # the fixture hub already has this one
    assert first.returncode == 0
    assert first.stdout.strip() == "directory/bristol-family-links-2.yaml"
    again = hub_build("new", "service", "Bristol Family Links", cwd=root)
    assert again.stdout.strip() == "directory/bristol-family-links-3.yaml"
    original = (root / "directory" / "bristol-family-links.yaml").read_bytes()
    refused = hub_build("new", "service", "Anything", "--slug", "bristol-family-links", cwd=root)
    assert refused.returncode == 2
    assert "directory/bristol-family-links.yaml already exists; nothing was written" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (root / "directory" / "bristol-family-links.yaml").read_bytes() == original
    bad = hub_build("new", "service", "Anything", "--slug", "Bad Name", cwd=root)
    assert bad.returncode == 2 and "try 'bad-name'" in bad.stderr
    reserved = hub_build("new", "service", "Index", cwd=root)
    assert reserved.stdout.strip() == "directory/index-2.yaml"
    (root / "directory" / "wales").mkdir()
    (root / "directory" / "bristol-family-links.yaml").replace(root / "directory" / "wales" / "hope.yaml")
    assert hub_build("new", "service", "Hope", cwd=root).stdout.strip() == "directory/hope-2.yaml"  # unique across sub-folders
    unicode_only = hub_build("new", "service", "Сім'я", cwd=root)
    assert unicode_only.stdout.strip() == "directory/service.yaml"
    done = hub_build("validate", cwd=root)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert "still the example value from hub-build new" in done.stdout
