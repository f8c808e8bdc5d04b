"""Every string of the Big List of Naughty Strings in every text field: rejected clearly, or rendered inert."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hub_build.pipeline import load_hub
from hub_build.core.settings import HubSettings

from hubs import GOOD_LISTING, GOOD_RESOURCE, dump, make_hub, mkdocs_build
from sitecheck import assert_inert, inspect_html, script_signature
from test_validation import TODAY

BLNS = json.loads((Path(__file__).parent / "data" / "blns.json").read_text(encoding="utf-8"))

LISTING_TEXT_FIELDS = [
    ("name",), ("organisation", "name"), ("summary",), ("description",), ("access", "how_to_refer"),
    ("cost", "details"), ("locations", 0, "name"), ("locations", 0, "address"), ("locations", 0, "accessibility"),
    ("opening_hours",), ("languages", 0), ("review_owner",),
]
LISTING_LINK_FIELDS = [("contact", "website"), ("contact", "email"), ("contact", "phone"), ("organisation", "website"),
                       ("organisation", "charity_number"), ("locations", 0, "postcode"),
                       ("coverage", "local_authorities", 0)]
RESOURCE_TEXT_FIELDS = [("title",), ("summary",), ("publisher",), ("review_owner",)]


def put(data: dict, path: tuple, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


# Real postcodes of the sample hub: each listing gets its own place and phone number, so that strings which
# read alike (case, spacing) are not the same service twice, which the build would warn about.
POSTCODES = sorted({line.split(":", 1)[1].strip().strip("\"'")
                    for path in (Path(__file__).parent.parent / "directory").glob("*.yaml")
                    for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("postcode:")})


def naughty_hub(root: Path) -> Path:
    listings, resources = {}, {}
    for i, text in enumerate(BLNS):
        data = copy.deepcopy(GOOD_LISTING)
        for path in LISTING_TEXT_FIELDS:
            put(data, path, text)
        data["locations"][0]["postcode"] = POSTCODES[i % len(POSTCODES)]
        data["contact"]["phone"] = f"0117 496 0{i:03d}"
        listings[f"text-{i}.yaml"] = data
        links = copy.deepcopy(GOOD_LISTING)
        for path in LISTING_LINK_FIELDS:
            put(links, path, text)
        listings[f"links-{i}.yaml"] = links
        front = copy.deepcopy(GOOD_RESOURCE)
        for path in RESOURCE_TEXT_FIELDS:
            put(front, path, text)
        resources[f"r-{i}.md"] = (dump(front), text)
    return make_hub(root, listings, resources, home="# Home\n\n<!-- hub:latest-resources -->\n")


def test_naughty_strings_are_rejected_clearly_or_rendered_inert(tmp_path):
    root = naughty_hub(tmp_path)
    hub = load_hub(root, HubSettings(), docs_dir=root / "content", today=TODAY)
    # Every rejection names a file, a real line and a field, and says what to do.
    for problem in hub.errors:
        assert problem.path.startswith(("directory/", "content/resources/")) and problem.line >= 1
        assert problem.message and "Traceback" not in problem.message
        assert "\x1b" not in problem.message and "\n" not in problem.message
    rejected = {p.path for p in hub.errors}
    accepted = {e.source for e in hub.services} | {r.source for r in hub.resources}
    everything = {f"directory/{p.name}" for p in (root / "directory").iterdir()} | \
                 {f"content/resources/{p.name}" for p in (root / "content/resources").iterdir()}
    assert rejected | accepted == everything, "a file was neither accepted nor rejected with an error"
    assert not rejected & accepted
    # Most of the list is ordinary (if odd) text that must be kept, not refused.
    assert len([s for s in accepted if "/text-" in s]) > 0.8 * len(BLNS)
    for path in rejected:
        (root / path).unlink()
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    reference = set(script_signature(inspect_html((site / "404.html").read_text(encoding="utf-8"))))
    assert assert_inert(site, reference) > len(accepted)
    # The payloads themselves arrive as text: the classic one is shown, escaped, on its listing page.
    index = BLNS.index("<script>alert(123)</script>")
    page = (site / "services" / f"text-{index}" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(123)&lt;/script&gt;" in page
