"""The attack suite for contributed content: what a pull request can put in content/ and directory/.

Each attack is refused with a `file:line` error by `hub-build validate` in every format (text, github, json)
and fails the build (sources and the previous site left exactly as they were), or it is built inert:
no script, no dialog, no request to another origin, checked in headless Chromium.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hub_build.commands.cli import main

from browser import chromium_page, foreign_requests, static_server
from hubs import GOOD_LISTING, GOOD_RESOURCE, dump, hub_build, make_hub, mkdocs_build, write_files
from sitecheck import assert_inert, inspect_html, script_signature

PRACTICE = """\
---
title: A family's story
kind: case-study
organisation: {name: Example Families, website: "https://families.example.org"}
sectors: [schools]
nations: [england]
summary: How a school helped a child whose father went to prison.
approach: A trusted adult met the child every week.
outcomes: The child kept coming to school.
contact: {email: info@families.example.org}
last_reviewed: 2026-09-01
---
The family asked us to share their story.
Jamie, aged 9, lives at BS1 4DJ and was born on 3 May 2017; his mother's mobile is 07700 900123.
"""

EVENT = """\
---
title: Training day
summary: A day of training.
start: 2026-12-03
organiser: Example Families
audiences: [professionals]
sectors: [schools]
online: true
last_reviewed: 2026-10-01
---
Text.
"""

ALIAS_BOMB = "---\ntitle: About\n" + "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8)) + "---\n# About\n"

SCRIPT = '<script>alert(document.domain)</script><img src=x onerror=alert(1)>'


def resource(**changes) -> str:
    front = dict(GOOD_RESOURCE, **changes)
    front = {k: v for k, v in front.items() if v is not None}
    return f"---\n{dump(front)}---\nText.\n"


# (name, {path below the hub: text, bytes, or ("symlink", target) / ("fifo",)}, [(file, line, words in message)])
ATTACKS = [
    # 2. front matter on editor pages: only the keys the hub allows, with safe values; broken = an error
    ("unknown key printed raw", {"content/about.md": f"---\ntitle: About\nauthor: '{SCRIPT}'\n---\n# About\n"},
     [("content/about.md", 3, "unknown field 'author'")]),
    ("redirect template", {"content/about.md": "---\ntemplate: redirect.html\nlocation: javascript:alert(1)\n---\n"},
     [("content/about.md", 2, "unknown field 'template'"), ("content/about.md", 3, "unknown field 'location'")]),
    ("list-valued title", {"content/about.md": f"---\ntitle: ['{SCRIPT}', x]\n---\n# About\n"},
     [("content/about.md", 2, "should be text")]),
    ("status outside its two values", {"content/about.md": "---\nstatus: '\" onmouseover=alert(1) x=\"'\n---\n"},
     [("content/about.md", 2, "is not a page status")]),
    ("hide something else", {"content/about.md": "---\nhide: [navigation, header]\n---\n"},
     [("content/about.md", 2, "'header' cannot be hidden")]),
    ("icon walking out of the theme", {"content/about.md": "---\nicon: ../../etc/passwd\n---\n"},
     [("content/about.md", 2, "is not an icon of the theme")]),
    ("icon that does not exist", {"content/about.md": "---\nicon: material/no-such-icon-here\n---\n"},
     [("content/about.md", 2, "is not an icon of the theme")]),
    ("YAML tag", {"content/about.md": "---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n"},
     [("content/about.md", 2, "YAML tag")]),
    ("broken YAML published as text", {"content/about.md": "---\ntitle: [unclosed\n---\n# About\n"},
     [("content/about.md", 3, "not valid YAML")]),
    ("front matter never closed", {"content/about.md": "---\ntitle: About\n\n# About\n"},
     [("content/about.md", 1, "no closing '---'")]),
    ("front matter with old Mac line ends", {"content/about.md": "---\rtemplate: redirect.html\r---\r# About\r"},
     [("content/about.md", 2, "unknown field 'template'")]),
    ("front matter that is a list", {"content/about.md": "---\n- a\n- b\n---\n"},
     [("content/about.md", 1, "set of fields")]),
    ("NUL bytes in a page", {"content/about.md": b"# About\n\x00\n"}, [("content/about.md", 1, "NUL")]),
    ("a page that is not UTF-8", {"content/about.md": b"# About\n\xff\xfe\n"}, [("content/about.md", 2, "UTF-8")]),
    # 6. denial of service
    ("alias bomb in an editor page", {"content/about.md": ALIAS_BOMB}, [("content/about.md", 4, "alias")]),
    # 3. static files: an allow-list of types, contents matching the name
    ("script named like the theme's bundle", {"content/assets/javascripts/bundle.f55a23d4.min.js": "alert(1)"},
     [("content/assets/javascripts/bundle.f55a23d4.min.js", 1, "type 'js' cannot be published")]),
    ("HTML page", {"content/evil.html": f"<html>{SCRIPT}</html>"}, [("content/evil.html", 1, "type 'html'")]),
    ("SVG with script", {"content/logo.svg": f'<svg xmlns="http://www.w3.org/2000/svg">{SCRIPT}</svg>'},
     [("content/logo.svg", 1, "type 'svg'")]),
    ("style sheet", {"content/extra.css": "body{display:none}"}, [("content/extra.css", 1, "type 'css'")]),
    ("a file without an extension", {"content/CNAME": "evil.example.com"}, [("content/CNAME", 1, "without an extension")]),
    ("HTML saved as a PDF", {"content/resources/guide.pdf": f"<html>{SCRIPT}</html>"},
     [("content/resources/guide.pdf", 1, "not a PDF file")]),
    ("upper-case Markdown extension", {"content/about.MD": "---\ntemplate: redirect.html\n---\n"},
     [("content/about.MD", 1, "not read as a page")]),
    ("resource attaching a refused SVG", {"content/resources/r.md": resource(link=None, file="logo.svg"),
                                          "content/resources/logo.svg": "<svg onload=alert(1)/>"},
     [("content/resources/r.md", 14, "does not exist or cannot be published"), ("content/resources/logo.svg", 1, "svg")]),
    ("resource attaching a file outside", {"content/resources/r.md": resource(link=None, file="../../mkdocs.yml")},
     [("content/resources/r.md", 14, "outside the site's content folder")]),
    # 4. symlinks never lead out, never to folders; dangling links and loops are errors, not tracebacks
    ("link to /etc/passwd", {"content/passwd.txt": ("symlink", "/etc/passwd")},
     [("content/passwd.txt", 1, "leads outside the folder")]),
    ("listing linked from outside the listings folder", {"elsewhere.yaml": dump(GOOD_LISTING),
                                                         "directory/linked.yaml": ("symlink", "../elsewhere.yaml")},
     [("directory/linked.yaml", 1, "leads outside the folder")]),
    ("linked folder", {"content/etc": ("symlink", "/etc")}, [("content/etc", 1, "leads outside")]),
    ("linked folder inside the hub", {"content/again": ("symlink", ".")}, [("content/again", 1, "link to a folder")]),
    ("dangling link", {"content/gone.md": ("symlink", "nowhere.md")}, [("content/gone.md", 1, "leads nowhere")]),
    ("link loop", {"content/loop.md": ("symlink", "loop.md")}, [("content/loop.md", 1, "leads nowhere")]),
    ("named pipe", {"content/pipe.txt": ("fifo",)}, [("content/pipe.txt", 1, "not a regular file")]),
    # 5. items anywhere below their folder, with any Markdown extension, go through their model and checks
    ("case study in a sub-folder", {"content/practice/2025/case.md": PRACTICE},
     [("content/practice/2025/case.md", 14, "first name beside an age"), ("content/practice/2025/case.md", 14, "postcode"),
      ("content/practice/2025/case.md", 14, "date of birth"), ("content/practice/2025/case.md", 14, "phone")]),
    ("case study with a .markdown extension", {"content/practice/case.markdown": PRACTICE},
     [("content/practice/case.markdown", 14, "first name beside an age")]),
    ("case study with a .mkd extension, deeper", {"content/practice/a/b/case.mkd": PRACTICE},
     [("content/practice/a/b/case.mkd", 14, "personal phone number")]),
    ("case study as a text file", {"content/practice/case.txt": PRACTICE},
     [("content/practice/case.txt", 1, "practice examples and case studies are Markdown pages")]),
    ("photo beside a case study", {"content/practice/2025/photo.jpg": b"\xff\xd8\xff\xe0"},
     [("content/practice/2025/photo.jpg", 1, "cannot be published here")]),
    ("resource in a sub-folder without its fields", {"content/resources/2025/r.mdown": "---\ntitle: x\n---\n"},
     [("content/resources/2025/r.mdown", 2, "required field 'summary'")]),
    ("event with a .markdown extension and no fields", {"content/events/2025/e.markdown": "# An event\n"},
     [("content/events/2025/e.markdown", 1, "no front matter")]),
    ("event in a sub-folder with an unknown key", {"content/events/2025/e.md": EVENT.replace("online", "template: x\nonline")},
     [("content/events/2025/e.md", 8, "unknown field 'template'")]),
    # 7. one address, one page
    ("a folder page taking over a resource", {"content/resources/r.md": resource(),
                                              "content/resources/r/index.md": "---\ntitle: Mine\n---\n"},
     [("content/resources/r/index.md", 1, "cannot be used")]),
    ("x.md and x/index.md", {"content/guide.md": "# A\n", "content/guide/index.md": "# B\n"},
     [("content/guide.md", 1, "content/guide/index.md")]),
    ("two extensions", {"content/guide.md": "# A\n", "content/guide.markdown": "# B\n"},
     [("content/guide.md", 1, "content/guide.markdown")]),
    ("README beside index", {"content/README.md": "# Readme\n"}, [("content/index.md", 1, "content/README.md")]),
    ("an editor page over a listing", {"content/services/bristol-family-links.md": "# Mine\n"},
     [("content/services/bristol-family-links.md", 1, "the hub generates the page 'Bristol Family Links'")]),
    ("an editor page over the directory search", {"content/find/index.md": "# Mine\n"},
     [("content/find/index.md", 1, "the hub generates")]),
    ("an editor page over the resources list", {"content/resources/index.md": "# Mine\n"},
     [("content/resources/index.md", 1, "cannot be used for a resource page")]),
    ("an editor page over the updates page", {"content/updates.md": "# Mine\n"}, [("content/updates.md", 1, "generates")]),
    ("names differing only in case", {"content/Guide.md": "# A\n", "content/guide.md": "# B\n"},
     [("content/guide.md", 1, "only in upper and lower case")]),
    # names that break or disguise addresses
    ("space in a name", {"content/my page.md": "# A\n"}, [("content/my page.md", 1, "cannot be used in a web address")]),
    ("control character in a name", {"content/a\x1b[31m.md": "# A\n"}, [("content/a\\u001b[31m.md", 1, "\\u001b")]),
    ("right-to-left override in a name", {"content/evil\u202etxt.pdf": b"%PDF-1.4\n"},
     [("content/evil\\u202etxt.pdf", 1, "\\u202e")]),
    ("hidden page", {"content/.secret.md": "# A\n"}, [("content/.secret.md", 1, "hidden file")]),
    ("hidden folder", {"content/.well-known/x.txt": "hi"}, [("content/.well-known", 1, "hidden folder")]),
    ("folders nested without end", {"content/" + "d/" * 40 + "x.txt": "deep"},
     [("content/" + "d/" * 12 + "d", 1, "nested more than 12 deep")]),
    ("the content folder is a link", {"real/index.md": "# Home\n", "content": ("symlink", "real")},
     [("content", 1, "the content folder is a symbolic link")]),
    ("a stray file among the listings", {"directory/notes.txt": "hello"}, [("directory/notes.txt", 1, "not a listing")]),
]


def attack_hub(root: Path, files: dict) -> Path:
    make_hub(root)
    if "content" in files:  # the attack replaces the content folder itself
        shutil.rmtree(root / "content")
    else:
        (root / "content" / "about.md").write_text("---\ntitle: About\n---\n# About\n", encoding="utf-8")
    write_files(root, files)
    return root


def validate(root: Path, fmt: str):
    return CliRunner().invoke(main, ["validate", "-f", str(root / "mkdocs.yml"), "--format", fmt])


@pytest.mark.parametrize("name,files,expected", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attack_is_refused_at_its_line_in_every_format(tmp_path, name, files, expected):
    root = attack_hub(tmp_path, files)
    for fmt in ("text", "github", "json"):
        result = validate(root, fmt)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code == 1, (fmt, result.output)
        assert "Traceback" not in result.output
        if fmt == "json":
            problems = json.loads(result.stdout)["problems"]
            for path, line, words in expected:
                assert any(p["path"] == path and p["line"] == line and p["severity"] == "error"
                           and words in p["message"] + p["hint"] for p in problems), (path, line, words, problems)
        elif fmt == "github":
            for path, line, _ in expected:
                assert f"file={path.replace(':', '%3A').replace(',', '%2C')},line={line}," in result.stdout
        else:
            for path, line, words in expected:
                blocks = re.split(r"\n(?!    hint)", result.stdout)  # one problem: its line and its hint
                assert any(block.startswith(f"{path}:{line}:") and words in block for block in blocks), \
                    (path, line, words, result.stdout)
        assert result.stdout.isprintable() or set(result.stdout) - set(filter(str.isprintable, result.stdout)) <= {"\n"}


def test_the_attack_table_is_refused_by_the_build_with_sources_and_site_intact(tmp_path):
    """Every attack at once: one run reports them all, and neither `hub-build build` nor `mkdocs build` publishes."""
    root = make_hub(tmp_path / "hub")
    assert hub_build("build", cwd=root).returncode == 0
    site_before = _tree_digest(root / "site")
    kept = ("content/resources", "content/practice", "content/events", "content/services", "content/find", "content/updates")

    def moved(name: str, index: int) -> str:  # each attack in its own folder, unless its place is the point
        return name.replace("content/", f"content/a{index}/", 1) if not name.startswith(kept) else name

    written: dict[str, int] = {}
    for index, (_, files, _) in enumerate(ATTACKS):
        if any("directory/" in name or name.startswith(("content/about", "content/index", "content/README"))
               or name == "content" or name.count("/") > 12 for name in files):
            continue  # attacks on files every hub has, or on the depth of folders: each is checked alone above
        for name in files:
            written[moved(name, index)] = written.get(moved(name, index), 0) + 1
        write_files(root, {moved(name, index): content for name, content in files.items()})
    sources_before = _tree_digest(root, skip="site")
    result = hub_build("build", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "nothing was built" in result.stderr
    checked = 0
    for index, (_, files, expected) in enumerate(ATTACKS):
        if all(written.get(moved(name, index)) == 1 for name in files):
            for path, line, _ in expected:
                assert f"{moved(path, index)}:{line}:" in result.stderr, (path, result.stderr)
                checked += 1
    assert checked > 30
    assert _tree_digest(root / "site") == site_before
    assert _tree_digest(root, skip="site") == sources_before
    plain = mkdocs_build(root)
    assert plain.returncode != 0 and "Traceback" not in plain.stdout + plain.stderr
    assert _tree_digest(root / "site") == site_before
    assert _tree_digest(root, skip="site") == sources_before


def _tree_digest(folder: Path, skip: str = "") -> dict[str, str]:
    """Every entry below a folder (symlinks as links, not followed) with a digest of its bytes."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not (skip and Path(dirpath) == folder and d == skip)]
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_fifo():
                found[rel] = "fifo"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_alias_bomb_fails_the_build_fast(tmp_path):
    root = attack_hub(tmp_path, {"content/about.md": ALIAS_BOMB})
    result = mkdocs_build(root)
    assert result.returncode == 1 and "content/about.md:4:" in result.stderr and "alias" in result.stderr


def test_static_file_types_are_a_setting_that_cannot_allow_script(tmp_path):
    root = attack_hub(tmp_path, {"content/notes.txt": "plain text", "content/data.tsv": "a\tb"})
    assert "type 'tsv'" in validate(root, "text").stdout
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "      static_files: [txt, tsv]\n")
    assert validate(root, "text").exit_code == 0
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace("[txt, tsv]", "[txt, SVG]"))
    result = validate(root, "text")
    assert result.exit_code == 2 and "'svg' files cannot be published" in result.output
    assert "Traceback" not in mkdocs_build(root).stderr


def test_folder_settings_cannot_reach_outside_the_hub(tmp_path):
    root = attack_hub(tmp_path / "hub", {})
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.yaml").write_text(dump(GOOD_LISTING))
    config = (root / "mkdocs.yml").read_text()
    for changed in (config + "      directory: ../outside\n", config + "      practice: ../../outside\n",
                    config.replace("docs_dir: content", "docs_dir: ../outside")):
        (root / "mkdocs.yml").write_text(changed)
        result = validate(root, "json")
        assert result.exit_code == 1
        assert any(p["path"] == "mkdocs.yml" and "outside the hub" in p["message"]
                   for p in json.loads(result.stdout)["problems"]), result.stdout


def test_allowed_content_builds_and_only_classified_files_are_published(tmp_path):
    root = attack_hub(tmp_path, {
        "content/practice/2025/story.markdown": PRACTICE.replace(
            "Jamie, aged 9, lives at BS1 4DJ and was born on 3 May 2017; his mother's mobile is 07700 900123.",
            "R. lives with her grandmother."),
        "content/events/2025/training.mkd": EVENT,
        "content/resources/guides/leaflet.md": resource(link=None, file="leaflet.pdf"),
        "content/resources/guides/leaflet.pdf": b"%PDF-1.4\n%%EOF\n",
        "content/images/photo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
        "content/same.txt": ("symlink", "images/../notes.txt"),
        "content/notes.txt": "Plain notes.",
        "content/.gitkeep": "",
        "content/Thumbs.db": b"x",  # known and ignored: MkDocs would publish it, the hub drops it
    })
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    assert "R. lives with her grandmother" in (site / "practice/2025/story/index.html").read_text()
    assert (site / "events/2025/training/index.html").is_file()
    assert (site / "resources/guides/leaflet/index.html").is_file() and (site / "resources/guides/leaflet.pdf").is_file()
    assert (site / "same.txt").read_text() == "Plain notes."
    assert not (site / ".gitkeep").exists() and not (site / "Thumbs.db").exists()


def test_listings_kept_inside_the_content_folder_are_read_not_published(tmp_path):
    root = attack_hub(tmp_path, {})
    shutil.move(root / "directory", root / "content" / "listings")
    (root / "content" / "listings" / "README.md").write_text("# About these files\n")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "      directory: content/listings\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (root / "site/services/bristol-family-links/index.html").is_file()
    assert not (root / "site/listings").exists()


EDITOR_PAGE = f"""\
---
title: "About {SCRIPT}"
description: "x\\" onload=\\"alert(2)"
subtitle: "{SCRIPT}"
status: new
icon: material/information
hide: [toc]
search: {{exclude: true}}
---
# About

Body {SCRIPT}
"""


def test_front_matter_is_printed_as_text_and_inert_in_chromium(tmp_path):
    root = attack_hub(tmp_path, {
        "content/about.md": EDITOR_PAGE,
        # 'Key: value' first lines are page settings to MkDocs: here they stay the page's text
        "content/mmd.md": "template: redirect.html\nlocation: javascript:alert(3)\ntitle: <script>alert(4)</script>\n\nText.\n",
        "content/resources/r.md": resource(title=f"Guide {SCRIPT}"),
        "content/h1.md": f"# Hello {SCRIPT}\n\nA page whose title comes from its heading.\n",
    })
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace(
        "  - Resources: resources/index.md", "  - Resources: resources/index.md\n  - about.md\n  - mmd.md\n  - h1.md"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert "<script>alert(document.domain)" not in about and "onerror=alert(1)>" not in about
    assert '<meta name="description" content="x&quot; onload=&quot;alert(2)">' in about  # escaped once
    assert "<title>About scriptalert(document.domain)/scriptimg src=x onerror=alert(1) - Test hub</title>" in about
    assert "&amp;quot;" not in about and "&amp;lt;" not in about  # ... and not twice
    mmd = (site / "mmd/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in mmd and "template: redirect.html" in mmd
    reference = set(script_signature(inspect_html((site / "404.html").read_text(encoding="utf-8"))))
    assert_inert(site, reference)
    with static_server(site) as base, chromium_page() as (page, requests):
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("about/", "mmd/", "h1/", "resources/r/", "", "resources/"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.url.startswith(base)
        assert dialogs == [] and foreign_requests(requests, base) == []
        page.goto(base + "about/")
        assert page.title().startswith("About scriptalert(document.domain)/script")


def test_a_pull_request_review_sees_problems_of_the_folders_and_clashes_it_adds(tmp_path):
    """`validate --changed-since` reports what the change is answerable for: a hidden folder it adds, and a
    page it adds at the address of an existing one (the problem is on both files)."""
    import subprocess

    root = attack_hub(tmp_path, {"content/guide/index.md": "# Old\n"})

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                       check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-qm", "base")
    write_files(root, {"content/.well-known/security.txt": "x", "content/guide.md": "# New\n"})
    result = CliRunner().invoke(main, ["validate", "-f", str(root / "mkdocs.yml"), "--changed-since", "main",
                                       "--format", "json"])
    assert result.exit_code == 1, result.output
    paths = {p["path"] for p in json.loads(result.stdout)["problems"]}
    assert {"content/.well-known", "content/guide.md"} <= paths
