"""The directory's text index: postings computed by the browser's own engine, written in shards by term prefix.

Why V8 at build time: a listing must be indexed under exactly the terms a typed query is turned into (split,
stop words, stemmer). The browser's engine is hub_build/assets/search-engine.js; the build runs that same
file, with the lunr.js it uses, in V8 through mini-racer (a PyPI wheel: no node needed), so the two sides
cannot disagree. The page then fetches only the shards for the words typed instead of all the text.

Why shards by prefix: a typed word needs the postings of its stemmed term and, while typing, of every term
it begins. A shard holds every term beginning with its key that no longer key claims; a key whose terms
would make a large file is split by the next letter (a single very common term may still make a large
shard on its own). The term list (terms.json) is fetched only for a word that matches nothing, to find the
terms one slip away.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hub_build.core.hub import Hub, ServiceEntry
from hub_build.publish.search.index import index_input
from hub_build.publish.search.table import CHUNK

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FORMAT = 3
TEXT_DIR = "text"
# mini-racer's default, plus young-generation semi-spaces of 1 MB instead of 16: the engine's peak memory at
# 10,000 listings about 20 MB lower (bench/README.md, issue 11), no slower.
V8_FLAGS = ("--single-threaded", "--max-semi-space-size=1")
SHARD_CHARS = 24_000  # a shard's target size in JSON characters (about a third of that gzipped)


class TextIndexError(RuntimeError):
    """The JavaScript engine could not run: the message says what to install."""


def run_engine(data: dict[str, Any], lunr_js: bytes) -> dict[str, Any]:
    """search-engine.js's `postings` over index_input's data, run in V8 with lunr.js and welsh.js (Welsh
    fields, marked "cy", are indexed under every radical of each word): {terms: {term: [field postings]},
    names: [[name key, term of its first word, [rows]]]}."""
    try:
        from py_mini_racer import MiniRacer, init_mini_racer
    except ImportError as error:
        raise TextIndexError("the search index needs mini-racer: pip install mini-racer (a dependency of hub-build)") from error
    init_mini_racer(flags=V8_FLAGS, ignore_duplicate_init=True)  # only the first call in a process sets them
    context = MiniRacer()
    try:
        context.eval("var window = globalThis;")
        context.eval(lunr_js.decode("utf-8"))
        context.eval((ASSETS / "welsh.js").read_text(encoding="utf-8"))
        context.eval((ASSETS / "search-engine.js").read_text(encoding="utf-8"))
        result = context.call("HubSearchEngine.postingsJSON", json.dumps(data, ensure_ascii=False))
    finally:
        context.close()  # an open context keeps the interpreter from exiting
    return json.loads(result)


def _delta(postings: list[Any]) -> list[Any]:
    """Field postings [doc, score, doc, score...] with each doc as the gap from the one before: smaller gzipped."""
    out: list[Any] = []
    for row in postings:
        if not row:
            out.append(0)
            continue
        coded, last = [], 0
        for i in range(0, len(row), 2):
            coded += [row[i] - last, row[i + 1]]
            last = row[i]
        out.append(coded)
    return out


def _size(term: str, post: list[Any]) -> int:
    return len(term) + 6 + sum(len(row) * 5 if row else 2 for row in post)


def shard_keys(sizes: dict[str, int], limit: int = SHARD_CHARS) -> dict[str, str]:
    """Term -> its shard key: "" (one shard) for a small hub, lengthened a letter at a time where a key's terms are too big."""
    out: dict[str, str] = {}

    def place(key: str, group: list[str]) -> None:
        if sum(sizes[t] for t in group) <= limit or all(len(t) <= len(key) for t in group):
            out.update(dict.fromkeys(group, key))
            return
        longer: dict[str, list[str]] = {}
        for term in group:
            if len(term) <= len(key):
                out[term] = key
            else:
                longer.setdefault(term[: len(key) + 1], []).append(term)
        for child, terms in longer.items():
            place(child, terms)

    place("", list(sizes))
    return out


def text_index_files(hub: Hub, services: list[ServiceEntry], lunr_js: bytes) -> dict[str, Any]:
    """File name (under search-data/text/) -> JSON data: index.json (the manifest), N.json shards, terms.json."""
    data = index_input(hub, services)
    built = run_engine(data, lunr_js)
    terms: dict[str, list[Any]] = built["terms"]
    keys = shard_keys({term: _size(term, post) for term, post in terms.items()})
    order = sorted(set(keys.values()))
    number = {key: n for n, key in enumerate(order)}
    shards: list[dict[str, Any]] = [{"terms": {}, "names": []} for _ in order]
    for term in sorted(terms):  # each term's postings replaced as it is coded: never both copies of all of them
        shards[number[keys[term]]]["terms"][term] = _delta(terms.pop(term))
    for key, first, rows in built["names"]:
        if first in keys:
            shards[number[keys[first]]]["names"].append([key, rows])
    files: dict[str, Any] = {f"{n}.json": shard for n, shard in enumerate(shards)}
    files["index.json"] = {"format": FORMAT, "count": len(services), "fields": data["fields"], "shards": order,
                           "boosts": data["boosts"], "chunk": CHUNK}  # rows per details file, for the box on every page
    files["terms.json"] = sorted(keys)
    return files
