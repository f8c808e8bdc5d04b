"""`hub-build`: validate, build and serve a hub from the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click
from pydantic import ValidationError

from .hub import Hub
from .loader import load_hub
from .problems import format_report
from .settings import HubSettings, hub_options, read_mkdocs_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CONFIG_OPTION = click.option(
    "-f", "--config-file", "config_file", type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"), show_default=True, help="The hub's mkdocs.yml.",
)


def _fail(message: str) -> None:
    click.echo(f"hub-build: {message}", err=True)
    sys.exit(2)


def load_from_config(config_file: Path, today=None) -> Hub:
    """Read the hub plugin's options from mkdocs.yml and load the hub, without MkDocs."""
    if not config_file.is_file():
        _fail(f"no {config_file} here; run this in the hub's folder or pass -f path/to/mkdocs.yml")
    try:
        config = read_mkdocs_config(config_file)
    except Exception as error:  # a broken mkdocs.yml: say so, no traceback
        _fail(f"{config_file} cannot be read: {error}")
    try:
        settings = HubSettings.model_validate(hub_options(config))
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors(include_url=False))
        _fail(f"the hub plugin's options in {config_file} are not valid: {details}")
    root = config_file.resolve().parent
    return load_hub(root, settings, docs_dir=root / str(config.get("docs_dir") or "docs"), today=today)


@click.group()
@click.version_option(package_name="hub-build")
def main() -> None:
    """Build an information hub for professionals who support children and families of prisoners."""


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
              help="text for people, github for workflow annotations, json for tools.")
@click.option("--changed-since", "changed_since", metavar="REF", default=None,
              help="Report only files changed since this git ref (e.g. origin/main), with a summary for reviewers.")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --changed-since: append the reviewers' summary (Markdown) to this file, "
              "e.g. $GITHUB_STEP_SUMMARY.")
def validate(config_file: Path, fmt: str, changed_since: str | None, summary_file: Path | None) -> None:
    """Check every listing and resource; exit 1 if any has an error."""
    hub = load_from_config(config_file)
    problems = hub.problems
    if changed_since is not None:
        problems = _changed_problems(config_file, hub, changed_since, fmt, summary_file)
    report = format_report(problems, fmt)
    if report:
        click.echo(report)
    if fmt == "text":
        click.echo(f"checked {len(hub.services)} valid listing(s) and {len(hub.resources)} valid resource(s)", err=True)
    sys.exit(1 if any(p.is_error for p in problems) else 0)


def _changed_problems(config_file: Path, hub: Hub, ref: str, fmt: str, summary_file: Path | None) -> list:
    """The problems in files changed since `ref`; prints or writes the reviewers' summary."""
    from .changes import GitError, change_set, summary_markdown

    config = read_mkdocs_config(config_file)
    try:
        changes = change_set(hub.root, ref, hub.settings, str(config.get("docs_dir") or "docs"))
    except GitError as error:
        _fail(f"cannot compare with '{ref}': {error}")
    problems = changes.relevant(hub.problems)
    summary = summary_markdown(hub.root, changes, problems)
    if summary_file is not None:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(summary)
    elif fmt == "text":
        click.echo(summary, err=True)
    return problems


@main.command()
@CONFIG_OPTION
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write the schemas to (default: schema/ beside mkdocs.yml).")
def schema(config_file: Path, output: Path | None) -> None:
    """Write the JSON Schema of every kind of listing, with this hub's vocabulary, for editors and the suggest form."""
    from .schema import write_schemas
    from .vocabulary import load_vocabulary

    settings, root, _ = _settings_from_config(config_file)
    vocabulary, problems = load_vocabulary(root / settings.vocabulary if settings.vocabulary else None,
                                           display_path=settings.vocabulary or "")
    if any(p.is_error for p in problems):
        click.echo(format_report(problems), err=True)
        sys.exit(1)
    for path in write_schemas(vocabulary, (output or root / "schema")):
        click.echo(f"wrote {path}", err=True)


@main.command()
@CONFIG_OPTION
@click.argument("kind", type=click.Choice(["service", "resource", "practice", "event"]))
@click.argument("name")
@click.option("--slug", default=None, help="The file name without extension (default: made from the name).")
def new(config_file: Path, kind: str, name: str, slug: str | None) -> None:
    """Start a new listing: a valid, commented file named after NAME, reviewed today. Never overwrites."""
    from .scaffold import ScaffoldError, new_file
    from .settings import today
    from .vocabulary import load_vocabulary

    settings, root, docs_dir = _settings_from_config(config_file)
    vocabulary, _ = load_vocabulary(root / settings.vocabulary if settings.vocabulary else None)
    try:
        path = new_file(kind, name, root=root, docs_dir=docs_dir, settings=settings, vocabulary=vocabulary,
                        today=today(), slug=slug)
    except (ScaffoldError, FileExistsError) as error:
        _fail(str(error) if isinstance(error, ScaffoldError) else f"{error.filename} already exists; nothing was written")
    click.echo(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path))
    click.echo("Fill in the fields, then run: hub-build validate", err=True)


def _settings_from_config(config_file: Path) -> tuple[HubSettings, Path, Path]:
    """(settings, hub root, docs folder) from mkdocs.yml, without loading the hub."""
    if not config_file.is_file():
        _fail(f"no {config_file} here; run this in the hub's folder or pass -f path/to/mkdocs.yml")
    try:
        config = read_mkdocs_config(config_file)
        settings = HubSettings.model_validate(hub_options(config))
    except Exception as error:  # a broken mkdocs.yml: say so, no traceback
        _fail(f"{config_file} cannot be read: {error}")
    root = config_file.resolve().parent
    return settings, root, root / str(config.get("docs_dir") or "docs")


def _mkdocs(*args: str) -> int:
    return subprocess.call([sys.executable, "-m", "mkdocs", *args])  # noqa: S603 - our own interpreter, arguments as a list


@main.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site_dir from mkdocs.yml).")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Treat warnings as errors.")
def build(config_file: Path, site_dir: Path | None, strict: bool) -> None:
    """Build the site; a failed build leaves any previous site untouched."""
    if not config_file.is_file():
        _fail(f"no {config_file} here; run this in the hub's folder or pass -f path/to/mkdocs.yml")
    config = read_mkdocs_config(config_file)
    root = config_file.resolve().parent
    target = (site_dir or root / str(config.get("site_dir") or "site")).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        code = _mkdocs("build", "-q", "-f", str(config_file), "-d", str(staging), *(["--strict"] if strict else []))
        if code != 0:
            click.echo(f"hub-build: the build failed; {target} was left as it was", err=True)
            sys.exit(1)
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    click.echo(f"built the site in {target}", err=True)


def _swap_in(staging: Path, target: Path) -> None:
    """Replace the old site with the new one in two renames, so readers never see half a site."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


@main.command()
@CONFIG_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the hub locally, rebuilding when content, listings or settings change."""
    if not config_file.is_file():
        _fail(f"no {config_file} here; run this in the hub's folder or pass -f path/to/mkdocs.yml")
    sys.exit(_mkdocs("serve", "-f", str(config_file), "-a", dev_addr))


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="table for people, csv for a spreadsheet.")
@click.option("--group-by", type=click.Choice(["organisation", "owner"]), default="organisation", show_default=True,
              help="organisation (or publisher, organiser), or review_owner.")
@click.option("--due-within", type=click.IntRange(min=0), default=None,
              help="Days ahead that count as due soon (default: the review_due_soon_days option, 30).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Report as on this date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH).")
@click.option("--all", "include_fresh", is_flag=True, help="List up-to-date items too.")
def review(config_file: Path, fmt: str, group_by: str, due_within: int | None, today, include_fresh: bool) -> None:
    """List listings, resources, practice examples and events overdue or due soon for checking."""
    from .review import format_csv, format_table, review_items

    hub = load_from_config(config_file, today=today.date() if today else None)
    items = review_items(hub, hub.settings.review_due_soon_days if due_within is None else due_within)
    formatter = format_csv if fmt == "csv" else format_table
    click.echo(formatter(items, by=group_by, today=hub.today, include_fresh=include_fresh), nl=fmt != "csv")
    failed = {p.path for p in hub.errors}
    if failed:
        click.echo(f"hub-build: {len(failed)} file(s) with errors are not in this report; run 'hub-build validate'", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
