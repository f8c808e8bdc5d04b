"""`hub-build`: validate, build and serve a hub from the command line."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import click
from pydantic import ValidationError

from hub_build.load.config_links import link_setting_problems
from hub_build.core.hub import Hub
from hub_build.pipeline import load_hub
from hub_build.core.problems import format_report
from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config

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
    hub = load_hub(root, settings, docs_dir=root / str(config.get("docs_dir") or "docs"), today=today)
    hub.problems.extend(link_setting_problems(config_file, config, config_file.name))
    return hub


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
    from hub_build.commands.changes import GitError, change_set, summary_markdown

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
    from hub_build.publish.schema import write_schemas
    from hub_build.core.vocabulary import load_vocabulary

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
    from hub_build.commands.scaffold import ScaffoldError, new_file
    from hub_build.core.settings import today
    from hub_build.core.vocabulary import load_vocabulary

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


# The renderers hub-build can drive: name -> (the adapter's child module, the package it needs, how to install it).
RENDERERS = {
    "mkdocs": ("hub_build.adapters.mkdocs.child", "mkdocs", "pip install 'mkdocs>=1.6,<2'"),
    "properdocs": ("hub_build.adapters.properdocs.child", "properdocs", "pip install 'properdocs>=1.6,<1.7'"),
    "zensical": ("hub_build.adapters.zensical.child", "zensical", "pip install zensical (Python 3.11 or newer)"),
}
RENDERER_OPTION = click.option(
    "--renderer", type=click.Choice(sorted(RENDERERS)), default="mkdocs", show_default=True,
    help="What renders the pages: MkDocs 1.6, ProperDocs (its maintained fork) or Zensical (see README, Renderers).",
)


def _renderer(renderer: str, *args: str, **popen) -> int:
    """Run the renderer's adapter in its own process group; stopping hub-build (SIGINT, SIGTERM) stops it too."""
    import importlib.util

    from hub_build.commands.children import run

    module, package, install = RENDERERS[renderer]
    if importlib.util.find_spec(package) is None:
        _fail(f"the renderer '{renderer}' is not installed; install it with: {install}")
    code, stopped_by = run([sys.executable, "-m", module, *args], **popen)
    if stopped_by is not None:
        click.echo("hub-build: stopped", err=True)
        sys.exit(128 + stopped_by)
    return code


def _read_config(config_file: Path) -> dict:
    """mkdocs.yml as a dict, or a one-line error naming the file and the YAML problem."""
    if not config_file.is_file():
        _fail(f"no {config_file} here; run this in the hub's folder or pass -f path/to/mkdocs.yml")
    try:
        return read_mkdocs_config(config_file)
    except Exception as error:  # a broken mkdocs.yml: say so, no traceback
        _fail(f"{config_file} cannot be read: {' '.join(str(error).split())}")
    raise AssertionError("unreachable")


@main.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site_dir from mkdocs.yml).")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Treat warnings as errors.")
@RENDERER_OPTION
def build(config_file: Path, site_dir: Path | None, strict: bool, renderer: str) -> None:
    """Build the site; a failed build leaves any previous site untouched."""
    from hub_build.publish.sitedir import clean_leftovers, site_folder_problem, staging_prefix

    config = _read_config(config_file)
    settings, root, docs_dir = _settings_from_config(config_file)
    target = (site_dir or root / str(config.get("site_dir") or "site")).resolve()
    refused = site_folder_problem(target, root, docs_dir, settings, config_file.resolve())
    if refused:
        _fail(f"{refused}; nothing was built or changed")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f"{staging_prefix(target)}{os.getpid()}-", dir=target.parent))
    except OSError as error:
        _fail(f"cannot write the site beside {target}: {error.strerror or error}; nothing was built or changed")
    try:
        code = _renderer(renderer, "build", "-q", "-f", str(config_file), "-d", str(staging), *(["--strict"] if strict else []))
        if code != 0:
            click.echo(f"hub-build: the build failed; {target} was left as it was", err=True)
            sys.exit(1)
        try:
            _swap_in(staging, target)
        except OSError as error:
            _fail(f"cannot put the new site in place at {target}: {error.strerror or error}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    click.echo(f"built the site in {target}", err=True)


def _swap_in(staging: Path, target: Path) -> None:
    """Replace the old site with the new one in two renames, so readers never see half a site."""
    from hub_build.publish.sitedir import old_site

    old = old_site(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


@main.command()
@CONFIG_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("-v", "--verbose", is_flag=True, help="Show everything the renderer says, not only problems.")
@RENDERER_OPTION
def serve(config_file: Path, dev_addr: str, verbose: bool, renderer: str) -> None:
    """Serve the hub locally, rebuilding when content, listings or settings change."""
    from hub_build.commands.serving import announce_when_up, check_address, served_url

    config = _read_config(config_file)
    try:
        host, port = check_address(dev_addr)
    except ValueError as error:
        _fail(str(error))
    url = served_url(host, port, config.get("site_url"))
    args = ["serve", "-f", str(config_file), "-a", dev_addr, *([] if verbose else ["-q"])]
    sys.exit(_renderer(renderer, *args, on_start=lambda child: announce_when_up(child, host, port, url)))


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
@click.option("--letters", "letters_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write one ready-to-send e-mail (.eml) per group into this folder instead of printing the list.")
@click.option("--since", default=None, metavar="REF|DATE",
              help="With --letters: also list each group's items changed since this git ref or YYYY-MM-DD date.")
def review(config_file: Path, fmt: str, group_by: str, due_within: int | None, today, include_fresh: bool,
           letters_dir: Path | None, since: str | None) -> None:
    """List listings, resources, practice examples and events overdue or due soon for checking."""
    from hub_build.commands.review import format_csv, format_table, review_items

    hub = load_from_config(config_file, today=today.date() if today else None)
    items = review_items(hub, hub.settings.review_due_soon_days if due_within is None else due_within)
    if since is not None and letters_dir is None:
        _fail("--since goes with --letters DIR")
    if letters_dir is not None:
        _write_letters(config_file, hub, items, group_by, letters_dir, since)
        return
    formatter = format_csv if fmt == "csv" else format_table
    click.echo(formatter(items, by=group_by, today=hub.today, include_fresh=include_fresh), nl=fmt != "csv")
    failed = {p.path for p in hub.errors}
    if failed:
        click.echo(f"hub-build: {len(failed)} file(s) with errors are not in this report; run 'hub-build validate'", err=True)


# --- Open Referral UK: the read-only API and the importer (hub_build/oruk/) -------------------------

@main.command()
@CONFIG_OPTION
@click.option("-a", "--addr", "addr", default="127.0.0.1:8001", show_default=True,
              help="Address to serve on; keep 127.0.0.1 and put a web server in front to publish it.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The built site (default: site_dir from mkdocs.yml, or site).")
def api(config_file: Path, addr: str, site_dir: Path | None) -> None:
    """Serve the built site's Open Referral UK 3.0 feed as a read-only API (run 'hub-build build' first)."""
    from hub_build.oruk.api import FeedError, load_feed, make_server, parse_address

    if site_dir is None:
        config = read_mkdocs_config(config_file) if config_file.is_file() else {}
        site_dir = config_file.resolve().parent / str(config.get("site_dir") or "site")
    try:
        host, port = parse_address(addr)
        feed = load_feed(site_dir)
    except (ValueError, FeedError) as error:
        _fail(str(error))
    try:
        server = make_server(feed, host, port)
    except OSError as error:
        reason = "the port is in use (is another server running?)" if error.errno in (48, 98, 10048) else error.strerror
        _fail(f"cannot serve on {addr}: {reason}; choose another with -a HOST:PORT")
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"serving the Open Referral UK feed of {site_dir} at http://{shown_host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


@main.group("import")
def import_group() -> None:
    """Import listings from other directories' open data."""


@import_group.command("oruk")
@CONFIG_OPTION
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for tools.")
def import_oruk(config_file: Path, file: Path, fmt: str) -> None:
    """Write one YAML listing per service of an ORUK 3.0 FILE (a service, a page of services or a whole
    dataset) into the directory; never overwrites, and writes nothing if the file has an error."""
    from hub_build.oruk.importer import import_file
    from hub_build.core.vocabulary import load_vocabulary

    settings, root, _ = _settings_from_config(config_file)
    vocabulary, _ = load_vocabulary(root / settings.vocabulary if settings.vocabulary else None)
    result = import_file(file, root / settings.directory, vocabulary=vocabulary, display_root=root)
    if fmt == "json":
        click.echo(format_report(result.problems, "json"))
    elif result.problems:
        click.echo(format_report(result.problems), err=True)
    for path in result.written:
        click.echo(path)
    if result.failed:
        click.echo("hub-build: nothing was written; fix the errors above and run it again", err=True)
        sys.exit(1)
    click.echo(f"wrote {len(result.written)} listing(s); now run: hub-build validate", err=True)


def _write_letters(config_file: Path, hub: Hub, items: list, group_by: str, folder: Path, since: str | None) -> None:
    """`review --letters`: one .eml per organisation or review owner (hub_build/commands/letters.py)."""
    from hub_build.commands.letters import GitError, LetterSettings, change_set, plan_letters, since_ref, write_letters

    config = read_mkdocs_config(config_file)
    site_url = str(config.get("site_url") or "")
    settings = LetterSettings(
        site_name=str(config.get("site_name") or "the hub"), site_url=site_url.rstrip("/") + "/" if site_url else "",
        directory_urls=config.get("use_directory_urls", True) is not False, sender=hub.settings.report_email or "",
        today=hub.today)
    changes, changed_all = None, False
    if since is not None:
        try:
            ref = since_ref(hub.root, since)
            if ref is None:
                changed_all = True
            else:
                changes = change_set(hub.root, ref, hub.settings, str(config.get("docs_dir") or "docs"))
        except ValueError:
            _fail(f"--since {since}: not a real date (write YYYY-MM-DD) or git ref")
        except GitError as error:
            _fail(f"--since {since}: cannot compare with it: {error}")
    letters = plan_letters(hub, items, by=group_by, changes=changes, changed_all=changed_all)
    paths = write_letters(letters, hub, settings, folder, since or "")
    for path in paths:
        click.echo(path.as_posix())
    unaddressed = sum(1 for letter in letters if not letter.recipients)
    click.echo(f"wrote {len(paths)} letter(s) in {folder}" + (
        f"; {unaddressed} have no address to send to (the listings give none): fill in 'To' before sending"
        if unaddressed else ""), err=True)
    failed = {p.path for p in hub.errors}
    if failed:
        click.echo(f"hub-build: {len(failed)} file(s) with errors are not in these letters; run 'hub-build validate'", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
