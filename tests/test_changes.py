"""`hub-build validate --changed-since REF`: only the changed files' problems, and a summary for reviewers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from hub_build.commands.changes import changed_fields
from hubs import GOOD_LISTING, dump, hub_build, listing, make_hub


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A hub in git: a base commit, then a branch that adds, changes, renames and removes listings."""
    root = make_hub(tmp_path_factory.mktemp("changes") / "hub", listings={
        "bristol-family-links.yaml": GOOD_LISTING,
        "old-broken.yaml": listing(name="Old broken", contact={"email": "not an email"}),  # broken before: not ours
        "to-remove.yaml": listing(name="To remove"),
        "to-rename.yaml": listing(name="To rename"),
    })
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    changed = listing(summary="A new summary.", contact={**GOOD_LISTING["contact"], "phone": "0117 496 0999"})
    (root / "directory" / "bristol-family-links.yaml").write_text(dump(changed), encoding="utf-8")
    (root / "directory" / "to-remove.yaml").unlink()
    (root / "directory" / "to-rename.yaml").rename(root / "directory" / "renamed.yaml")
    (root / "directory" / "new-one.yaml").write_text(dump(listing(name="New <one>", contact={"email": "bad@"})), encoding="utf-8")
    git(root, "checkout", "-q", "-b", "change")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "the pull request")
    return root


def test_only_changed_files_are_reported_with_a_summary(repo):
    done = hub_build("validate", "--changed-since", "main", cwd=repo)
    assert done.returncode == 1
    assert "directory/new-one.yaml:" in done.stdout and "contact.email" in done.stdout
    assert "old-broken" not in done.stdout  # broken before this change: not this pull request's problem
    summary = done.stderr
    assert "### Added (1)\n\n- `directory/new-one.yaml` (service): `New <one>` — **1 error**" in summary
    assert ("- `directory/bristol-family-links.yaml` (service): `Bristol Family Links` — fields changed: "
            "`summary`, `contact (contact.phone)`") in summary
    assert "### Removed (1)\n\n- `directory/to-remove.yaml` (service)" in summary
    assert "`directory/to-rename.yaml` → `directory/renamed.yaml` (service): `To rename` — no field changed" in summary
    assert "**This change has 1 error**" in summary


def test_github_format_writes_the_summary_file(repo, tmp_path):
    summary_file = tmp_path / "summary.md"
    done = hub_build("validate", "--changed-since", "main", "--format", "github", "--summary", str(summary_file), cwd=repo)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("::error file=directory/new-one.yaml,") for line in lines)
    assert summary_file.read_text(encoding="utf-8").startswith("## Listings changed since `main`")


def test_a_clean_change_passes_and_a_bad_ref_is_a_clear_error(repo, tmp_path):
    clean = tmp_path / "clean"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(repo), str(clean)], check=True)
    done = hub_build("validate", "--changed-since", "HEAD", cwd=clean)
    assert done.returncode == 0, done.stdout  # old-broken.yaml is not part of this (empty) change
    assert "No listings, resources, practice examples or events changed." in done.stderr
    bad = hub_build("validate", "--changed-since", "no-such-branch", cwd=repo)
    assert bad.returncode == 2 and "cannot compare with 'no-such-branch'" in bad.stderr
    assert "Traceback" not in bad.stderr
    outside = make_hub(tmp_path / "not-git")
    assert hub_build("validate", "--changed-since", "main", cwd=outside).returncode == 2


def test_settings_changes_check_everything(repo):
    config = repo / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "\n", encoding="utf-8")
    try:
        done = hub_build("validate", "--changed-since", "main", "--format", "json", cwd=repo)
        paths = {p["path"] for p in json.loads(done.stdout)["problems"]}
        assert "directory/old-broken.yaml" in paths
    finally:
        config.write_text(original, encoding="utf-8")


def test_changed_fields_of_markdown_front_matter_and_body():
    old = "---\ntitle: A\ntopics: [arrest]\n---\nBody one.\n"
    new = "---\ntitle: A\ntopics: [arrest, release]\n---\nBody two.\n"
    assert changed_fields(old, new, markdown=True) == ["topics (topics[1])", "(text)"]
    assert changed_fields("name: A\n", "name: A\n# a comment\n", markdown=False) == []
