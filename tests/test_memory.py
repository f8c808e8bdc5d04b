"""Memory decisions of the loader (issue 11: peak memory at 10,000 listings), guarded with the real pipeline.

A valid listing keeps no position tables once its checks are done (they were about 15 KB a listing, all
alive at the end of loading); a problem found later, by geo-tagging, still names its file, line and field.
"""

from __future__ import annotations

from hub_build.core.settings import HubSettings
from hub_build.pipeline import load_hub

from hubs import GOOD_LISTING, dump, listing, make_hub


def test_valid_listings_keep_no_position_tables_and_later_problems_still_name_their_line(tmp_path):
    unknown = listing(coverage={"local_authorities": ["Bristol, City of", "Nowhereshire Council"]})
    make_hub(tmp_path, {"good.yaml": GOOD_LISTING, "unknown-area.yaml": unknown})
    hub = load_hub(tmp_path, HubSettings(), docs_dir=tmp_path / "content")

    [good] = hub.services  # the other one has an error and is left out
    assert good.slug == "good"
    assert good.positions.tables is None and not good.positions.text  # read without tables, and none made since
    assert good.positions.packed  # kept compressed, for a problem a later stage finds

    [problem] = [p for p in hub.errors if p.path == "directory/unknown-area.yaml"]
    lines = dump(unknown).split("\n")
    assert lines[problem.line - 1].strip() == "- Nowhereshire Council"  # found after loading, at its own line
    assert problem.field == "coverage.local_authorities[1]"


def test_models_with_the_same_given_fields_share_one_frozen_set_of_them(tmp_path):
    """pydantic's per-model set of given fields (about 300 bytes each, 25 MB at 10,000 listings) is shared."""
    other = listing(name="Leeds Family Links", contact={"phone": "0113 496 0000"})
    make_hub(tmp_path, {"a.yaml": GOOD_LISTING, "b.yaml": other})
    a, b = (entry.service for entry in load_hub(tmp_path, HubSettings(), docs_dir=tmp_path / "content").services)
    assert a.model_fields_set == set(GOOD_LISTING) and a.model_fields_set is b.model_fields_set
    assert a.organisation.model_fields_set is b.organisation.model_fields_set
    assert a.contact.model_fields_set == {"phone", "email", "website"} and b.contact.model_fields_set == {"phone"}
    assert isinstance(a.model_fields_set, frozenset)  # a change would fail loudly, never reach the other listing
