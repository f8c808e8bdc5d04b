"""The inventory in process: every file of a hub, classified or refused with the reason, on a real folder tree
holding every kind of file a pull request can bring (symlinks in and out, pipes, hidden and unsafe names,
case clashes, two files for one address, files that are not what their name says).

Exact messages and hints are what a contributor reads; mutmut runs these for every mutant of
hub_build/load/inventory.py (bench/mutation.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub_build.core.settings import HubSettings
from hub_build.load import inventory as inv
from hubs import write_files

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None, print_blob=False,
                suppress_health_check=list(HealthCheck))


def _take(root: Path, **settings) -> inv.Inventory:
    return inv.take_inventory(root, HubSettings(**settings), root / "content")


def _problems(found: inv.Inventory) -> dict[str, tuple[str, str]]:
    assert all((p.line, p.col) == (1, 1) for p in found.problems)
    return {p.path: (p.message, p.hint) for p in found.problems}


HUB = {
    "directory/a.yaml": "x", "directory/sub/b.yml": "x", "directory/README.md": "x", "directory/.gitkeep": "",
    "directory/notes.txt": "x", "directory/Bad Name.yaml": "x",
    "content/index.md": "# Home", "content/about.markdown": "x", "content/resources/guides/g.md": "x",
    "content/resources/guides/g.pdf": b"%PDF-1.4", "content/practice/2025/p.mkd": "x", "content/events/e.mdown": "x",
    "content/events-not/x.md": "x", "content/images/a.png": PNG, "content/images/b.webp": b"RIFF\0\0\0\0WEBPVP8 ",
    "content/images/fake.png": b"<html>", "content/images/fake.webp": b"RIFF\0\0\0\0WAVE", "content/notes.txt": "x",
    "content/Thumbs.db": b"x", "content/page.MD": "x", "content/script.svg": "<svg/>", "content/data.tsv": "a",
    "content/noext": "x", "content/practice/photo.png": PNG, "content/link.txt": ("symlink", "notes.txt"),
    "content/out.txt": ("symlink", "../directory/a.yaml"), "content/dir-link": ("symlink", "images"),
    "content/nowhere.txt": ("symlink", "missing.txt"), "content/.hidden.txt": "x", "content/to-hidden.txt": ("symlink", ".hidden.txt"),
    "content/pipe.txt": ("fifo",), "content/pipe-link.txt": ("symlink", "pipe.txt"), "content/Same.txt": "x", "content/same.txt": "x",
    "content/x.md": "x", "content/x/index.md": "x", "content/y/README.md": "x", "content/y.markdown": "x",
    "content/.git/config": "x", "content/a..b.txt": "x", "content/Café menu!.pdf": b"%PDF", "content/-draft.pdf": b"%PDF",
    "content/notes.MKDN": "x", "content/notes.Mdown": "x", "content/X-ray scan.pdf": b"%PDF", "content/日本": "x",
    "content/\u200bzero.txt": "x",
}


@pytest.fixture
def hub(tmp_path):
    """Taken afresh for each test: mutmut maps each test to the functions it calls (a module fixture's calls would
    count for the first test only, and the reasons test would never run against a mutant)."""
    root = write_files(tmp_path, HUB)
    return root, _take(root)


def test_every_file_is_classified(hub):
    root, found = hub
    kinds = {f.source: f.kind for f in found.files}
    assert kinds == {
        "directory/a.yaml": "listing", "directory/sub/b.yml": "listing", "directory/Bad Name.yaml": "listing",
        "content/index.md": "page", "content/about.markdown": "page", "content/resources/guides/g.md": "resource",
        "content/resources/guides/g.pdf": "static", "content/practice/2025/p.mkd": "practice",
        "content/events/e.mdown": "events", "content/events-not/x.md": "page", "content/images/a.png": "static",
        "content/images/b.webp": "static", "content/notes.txt": "static", "content/link.txt": "static",
        "content/x.md": "page", "content/x/index.md": "page", "content/y/README.md": "page", "content/y.markdown": "page",
        "content/Same.txt": "static",  # the first of a case clash: reported with its twin, so the build fails
    }
    assert {f.source: f.rel for f in found.files}["content/resources/guides/g.md"] == "resources/guides/g.md"
    assert {f.source: f.rel for f in found.files}["directory/sub/b.yml"] == "sub/b.yml"
    assert found.ignored == {"Thumbs.db", ".gitkeep"}  # (the listings folder's .gitkeep too: names the hub never publishes)
    assert set(found.published) == {f.rel for f in found.files if f.kind != "listing"}
    assert found.static_files() == {"resources/guides/g.pdf", "images/a.png", "images/b.webp", "notes.txt", "link.txt",
                                    "Same.txt"}
    assert [f.rel for f in found.of_kind("resource")] == ["resources/guides/g.md"]
    assert found.addresses["about/"] == "content/about.markdown" and found.addresses["images/a.png"] == "content/images/a.png"
    assert not {"a.yaml", "sub/b.yml"} & set(found.addresses)  # a listing's page is the hub's: it takes no address here
    assert all(f.path == root / f.source for f in found.files)  # what is read and copied is the file classified


REASONS = {
    "directory/notes.txt": ("this file is not a listing",
                            "listings are YAML files ending in .yaml; move other files out of the listings folder"),
    "content/images/fake.png": ("the file's contents are not a PNG file", "save it in the format its name says"),
    "content/images/fake.webp": ("the file's contents are not a WEBP file", "save it in the format its name says"),
    "content/page.MD": ("'.MD' is not read as a page (only lower-case Markdown extensions are)", "rename it to end in '.md'"),
    "content/notes.MKDN": ("'.MKDN' is not read as a page (only lower-case Markdown extensions are)", "rename it to end in '.mkdn'"),
    "content/notes.Mdown": ("'.Mdown' is not read as a page (only lower-case Markdown extensions are)",
                            "rename it to end in '.mdown'"),
    "content/practice/photo.png": (
        "practice examples and case studies are Markdown pages; other files cannot be published here",
        "write it as a page (the personal-data check reads every page here; it cannot read documents or photos), "
        "or publish the document as a resource"),
    "content/out.txt": ("this symbolic link leads outside the folder; its target is not published",
                        "copy the file into the folder instead of linking to it"),
    "content/dir-link": ("this is a symbolic link to a folder; linked folders are not followed",
                         "move or copy the files instead of linking the folder"),
    "content/nowhere.txt": ("this symbolic link leads nowhere (its target is missing, or it loops)",
                            "remove the link, or replace it with the file itself"),
    "content/to-hidden.txt": ("this symbolic link leads to a hidden file", "copy the file instead of linking to it"),
    "content/pipe.txt": ("this is not a regular file (a device, pipe or socket)", "remove it"),
    "content/pipe-link.txt": ("this symbolic link does not lead to a regular file", "remove it"),
    "content/.hidden.txt": ("hidden file '.hidden.txt': it would not be published and cannot be reviewed easily",
                            "rename it without the leading dot, or remove it"),
    "content/.git": ("hidden folder '.git': it would not be published and cannot be reviewed easily",
                     "rename it without the leading dot, or remove it"),
    "content/a..b.txt": ("the file name 'a..b.txt' cannot be used in a web address",
                         "rename it to 'a.b.txt': letters, digits, '-', '_' and '.', starting with a letter or digit, "
                         "at most 100 characters"),
    "content/Café menu!.pdf": ("the file name 'Café menu!.pdf' cannot be used in a web address",
                               "rename it to 'Cafe-menu-.pdf': letters, digits, '-', '_' and '.', starting with a letter "
                               "or digit, at most 100 characters"),
    "content/X-ray scan.pdf": ("the file name 'X-ray scan.pdf' cannot be used in a web address",
                               "rename it to 'X-ray-scan.pdf': letters, digits, '-', '_' and '.', starting with a letter "
                               "or digit, at most 100 characters"),
    "content/日本": ("the file name '日本' cannot be used in a web address",  # nothing of it is left to suggest
                   "rename it using letters, digits, '-', '_' and '.', starting with a letter or digit, at most 100 characters"),
    "content/-draft.pdf": ("the file name '-draft.pdf' cannot be used in a web address",
                           "rename it to 'draft.pdf': letters, digits, '-', '_' and '.', starting with a letter or digit, "
                           "at most 100 characters"),
    "content/\\u200bzero.txt": ("the file name '\\u200bzero.txt' cannot be used in a web address",
                                "rename it to 'zero.txt': letters, digits, '-', '_' and '.', starting with a letter or digit, "
                                "at most 100 characters"),
    "content/same.txt": ("'same.txt' and 'Same.txt' differ only in upper and lower case",
                         "web addresses and some computers cannot tell them apart: rename or merge one"),
    "content/Same.txt": ("'Same.txt' and 'same.txt' differ only in upper and lower case",
                         "web addresses and some computers cannot tell them apart: rename or merge one"),
    "content/x/index.md": ("this file and content/x.md would both be published at '/x/'",
                           "one address, one page: rename or remove one of them"),
    "content/x.md": ("this file and content/x/index.md would both be published at '/x/'",
                     "one address, one page: rename or remove one of them"),
    "content/y/README.md": ("this file and content/y.markdown would both be published at '/y/'",
                            "one address, one page: rename or remove one of them"),
    "content/y.markdown": ("this file and content/y/README.md would both be published at '/y/'",
                           "one address, one page: rename or remove one of them"),
}


def test_every_refused_file_has_its_reason(hub):
    _, found = hub
    problems = _problems(found)
    for source, reason in REASONS.items():
        assert problems.get(source) == reason, source
    allowed = ", ".join(sorted(HubSettings().static_files))
    assert problems["content/script.svg"] == (
        "files of type 'svg' cannot be published (it could run script in the browser or replace the site's own files)",
        f"publish it as a page or in one of the allowed types: {allowed} (the 'static_files' option of the hub plugin)")
    assert problems["content/data.tsv"][0] == "files of type 'tsv' cannot be published"
    assert problems["content/noext"][0] == "files of type 'without an extension' cannot be published"
    assert set(problems) == set(REASONS) | {"content/script.svg", "content/data.tsv", "content/noext"}
    assert {p.field for p in found.problems} == {"(file)", "(file name)"}
    assert [p.field for p in found.problems if p.path == "content/x.md"] == ["(file name)"]
    assert [p.field for p in found.problems if p.path == "content/pipe.txt"] == ["(file)"]


def test_listing_names_are_left_to_the_slug_check_unless_unprintable(tmp_path):
    found = _take(write_files(tmp_path, {"directory/Bad Name.yaml": "x", "directory/bad\u0007.yaml": "x",
                                   "directory/Bad Dir/a.yaml": "x", "content/index.md": "x"}))
    assert {f.source for f in found.of_kind("listing")} == {"directory/Bad Name.yaml"}
    assert set(_problems(found)) == {"directory/bad\\u0007.yaml", "directory/Bad Dir"}
    assert _problems(found)["directory/Bad Dir"][0] == "the folder name 'Bad Dir' cannot be used in a web address"


def test_folders_nest_at_most_twelve_deep(tmp_path):
    deep = "/".join(f"d{n}" for n in range(13))
    found = _take(write_files(tmp_path, {f"content/{deep}/a.md": "x", "content/" + "/".join(f"d{n}" for n in range(12)) + "/b.md": "x"}))
    assert [f.rel for f in found.files] == ["/".join(f"d{n}" for n in range(12)) + "/b.md"]
    assert _problems(found) == {f"content/{deep}": ("folders are nested more than 12 deep here",
                                                    "flatten the folders: web addresses this long help nobody")}


def test_folder_settings_stay_inside_the_hub(tmp_path):
    root = write_files(tmp_path / "hub", {"content/index.md": "x"})
    (tmp_path / "outside").mkdir()
    for key, value in (("directory", "../outside"), ("directory", "/tmp"), ("resources", "../../outside"),
                       ("practice", "../../x"), ("events", "a/../../../x")):
        found = _take(root, **{key: value})
        assert [(p.path, p.field, p.message, p.hint) for p in found.problems] == [
            ("mkdocs.yml", key, f"the '{key}' folder '{value}' is outside the hub",
             "give a folder inside the hub, relative to mkdocs.yml (or to the content folder)")], (key, value)
        assert found.files == []
    assert _take(root, resources="../content/x").problems  # '..' is refused even where it would land inside
    assert _take(root, directory="lists").problems == []
    away = inv.take_inventory(root, HubSettings(), tmp_path / "outside")
    first = away.problems[0]  # (then each item folder below it)
    assert (first.path, first.field, first.message) == (
        "mkdocs.yml", "docs_dir", "the 'docs_dir' folder '../outside' is outside the hub")


def test_linked_folders_are_refused(tmp_path):
    root = write_files(tmp_path, {"real/a.yaml": "x", "realcontent/index.md": "x"})
    os.symlink("real", root / "directory")
    os.symlink("realcontent", root / "content")
    found = _take(root)
    assert found.files == []
    assert [(p.path, p.message, p.hint) for p in found.problems] == [
        ("directory", "the listings folder is a symbolic link", "make it a real folder inside the hub"),
        ("content", "the content folder is a symbolic link", "make it a real folder inside the hub")]
    assert {(p.line, p.col) for p in found.problems} == {(1, 1)}


def test_item_folders_may_be_set_with_slashes_and_any_case(tmp_path):
    root = write_files(tmp_path, {"content/Guides-X/a.md": "x", "content/X-cases/b.md": "x", "content/X-dates/c.md": "x",
                            "content/X-cases/photo.png": PNG, "content/other/d.md": "x"})
    found = _take(root, resources="Guides-X/", practice="X-cases/", events="X-dates/")
    assert {f.rel: f.kind for f in found.files} == {"Guides-X/a.md": "resource", "X-cases/b.md": "practice",
                                                    "X-dates/c.md": "events", "other/d.md": "page"}
    assert _problems(found)["content/X-cases/photo.png"][0] == (
        "practice examples and case studies are Markdown pages; other files cannot be published here")


def test_a_second_or_orphan_welsh_version_does_not_stop_the_others(tmp_path):
    found = _take(write_files(tmp_path, {"content/a.md": "x", "content/a.cy.md": "x", "content/a.cy.markdown": "x",
                                   "content/b.md": "x", "content/b.cy.md": "x", "content/0.cy.md": "x"}), languages=["en", "cy"])
    assert {f.rel: f.kind for f in found.files} == {"a.md": "page", "b.md": "page", "b.cy.md": "translation"}
    assert set(_problems(found)) == {"content/a.cy.md", "content/a.cy.markdown", "content/0.cy.md"}


def test_listings_inside_the_content_folder_are_read_not_published(tmp_path):
    root = write_files(tmp_path, {"content/directory/a.yaml": "x", "content/directory/README.md": "x", "content/index.md": "x"})
    found = _take(root, directory="content/directory")
    assert [(f.source, f.kind, f.rel) for f in found.files] == [("content/directory/a.yaml", "listing", "a.yaml"),
                                                                 ("content/index.md", "page", "index.md")]
    assert found.ignored == {"directory/a.yaml", "directory/README.md"}
    assert found.problems == []


@FAST
@given(st.lists(st.sampled_from(["a", "B", "index", "README", "é", "e\u0301"]), min_size=1, max_size=3),
       st.sampled_from(inv.MARKDOWN_SUFFIXES))
def test_one_address_per_page_however_it_is_spelled(parts, suffix):
    rel = "/".join(parts) + suffix
    key = inv.address(rel)
    shouted = "/".join(p if p in ("index", "README") else p.upper() for p in parts) + suffix
    assert inv.address(shouted) == key  # case does not make another address (index and README are names MkDocs knows)
    stem = inv.markdown_stem(rel)
    assert stem == rel[: -len(suffix)] and inv.is_markdown(rel)
    folder = "/".join(parts)
    if parts[-1] not in ("index", "README"):
        assert inv.address(folder + "/index" + suffix) == key == inv.address(folder + "/README.md")
        assert key.endswith("/")
    assert inv.address("a/b.pdf") == "a/b.pdf" and inv.markdown_stem("a/b.pdf") == "a/b.pdf"
    assert inv.address("index.md") == "" and inv.address("A/README.markdown") == "a/"


def test_the_hubs_own_pages_cannot_be_replaced(hub):
    _, found = hub
    clashes = inv.generated_clashes(found, [("about.md", "the about page"), ("images/a.png", "an image"),
                                            ("nothing.md", "a page"), ("x/index.md", "the x page")], allowed=["x.md"])
    assert [(p.path, p.message, p.hint, p.field) for p in clashes] == [
        ("content/about.markdown", "the hub generates the about page at '/about/'; this file would replace it",
         "rename the file: that address belongs to the hub's own page", "(file name)"),
        ("content/images/a.png", "the hub generates an image at '/images/a.png'; this file would replace it",
         "rename the file: that address belongs to the hub's own page", "(file name)")]
    assert {(p.line, p.col) for p in clashes} == {(1, 1)}


def test_visible_names():
    assert inv.visible("a\u200bb\u200c\u200d\u2060\ufeff\x07c") == "a\\u200bb\\u200c\\u200d\\u2060\\ufeff\\u0007c"
    assert inv.visible("Café-1.txt") == "Café-1.txt"
