"""`hub-build new`: files that pass validation as they stand, unique names, nothing overwritten."""

from __future__ import annotations

import json

from hubs import hub_build, make_hub


def test_new_files_of_every_kind_pass_validation(tmp_path):
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
    assert hub_build("validate", cwd=root).returncode == 0
