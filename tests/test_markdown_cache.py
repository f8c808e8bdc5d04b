"""The rendered-description cache (render/markdown_cache.py, adapters/markdown_cache.py)."""

from __future__ import annotations

import json

from hub_build.adapters.markdown_cache import markdown_cache
from hub_build.render.markdown_cache import MarkdownCache
from hub_build.render.sanitise import render_markdown

TEXTS = ["Plain *words* and a [link](https://example.org).", "# Heading\n\n- one\n- two", "<script>alert(1)</script> x"]


def test_a_cached_description_is_the_rendered_one(tmp_path):
    first = MarkdownCache(tmp_path, "v1")
    assert [first.render(text) for text in TEXTS] == [render_markdown(text) for text in TEXTS]
    first.save()
    again = MarkdownCache(tmp_path, "v1")
    assert [again.render(text) for text in TEXTS] == [render_markdown(text) for text in TEXTS]
    assert again.known and not set(again.used) - set(again.known)  # every answer came from the file
    stored = json.loads((tmp_path / "markdown-v1.json").read_text())
    (tmp_path / "markdown-v1.json").write_text(json.dumps(dict.fromkeys(stored, "<p>from the cache</p>")))
    assert MarkdownCache(tmp_path, "v1").render(TEXTS[0]) == "<p>from the cache</p>"  # read, not rendered again


def test_only_what_a_build_used_is_kept_and_a_new_version_starts_afresh(tmp_path):
    cache = MarkdownCache(tmp_path, "v1")
    for text in TEXTS:
        cache.render(text)
    cache.save()
    later = MarkdownCache(tmp_path, "v1")
    later.render(TEXTS[0])
    later.save()
    assert len(json.loads((tmp_path / "markdown-v1.json").read_text())) == 1
    newer = MarkdownCache(tmp_path, "v2")
    assert newer.known == {}
    newer.render(TEXTS[1])
    newer.save()
    assert [p.name for p in tmp_path.iterdir()] == ["markdown-v2.json"]  # the old version is removed


def test_an_unreadable_cache_is_an_empty_one(tmp_path):
    (tmp_path / "markdown-v1.json").write_text('{"x": 1', encoding="utf-8")
    assert MarkdownCache(tmp_path, "v1").known == {}
    (tmp_path / "markdown-v1.json").write_text('{"x": 1}', encoding="utf-8")
    assert MarkdownCache(tmp_path, "v1").known == {}


def test_the_cache_never_lives_in_the_hub_repository(tmp_path, monkeypatch):
    monkeypatch.delenv("HUB_BUILD_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    hub = tmp_path / "hub"
    hub.mkdir()
    cache = markdown_cache(hub)
    assert cache.path is not None and hub not in cache.path.parents
    assert (tmp_path / "user-cache") in cache.path.parents
    monkeypatch.setenv("HUB_BUILD_CACHE", str(tmp_path / "ci-cache"))
    assert (tmp_path / "ci-cache") in markdown_cache(hub).path.parents


def test_a_bilingual_build_keeps_the_descriptions_of_both_languages(tmp_path):
    """The Welsh build shares the English build's cache and it is saved once both are built: the next build finds
    the English and the Welsh descriptions (saved by each build alone, the Welsh one would drop the English)."""
    import subprocess
    import sys

    from hubs import ENV, listing, make_hub

    welsh = listing(description="An **English** description.", cy={"description": "Disgrifiad **Cymraeg**."})
    root = make_hub(tmp_path / "hub", {"bristol-family-links.yaml": welsh}, plugin_options="      languages: [en, cy]")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    saved = markdown_cache(root).known  # this hub's file in the session's cache folder (one per hub folder)
    assert set(saved.values()) == {render_markdown("An **English** description."), render_markdown("Disgrifiad **Cymraeg**.")}
