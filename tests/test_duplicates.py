"""The same service listed twice is a warning naming both files; different services are left alone."""

from __future__ import annotations

from hubs import GOOD_LISTING, dump, listing, make_hub
from test_validation import problems_of


def _warnings(root):
    return [p for p in problems_of(root) if ": warning: " in p]


def test_same_name_and_postcode(tmp_path):
    other = listing(contact={"email": "other@example.org"}, organisation={"name": "Another Trust"},
                    name="  bristol FAMILY links ")
    make_hub(tmp_path, {"a-links.yaml": GOOD_LISTING, "b-links.yaml": other})
    [warning] = _warnings(tmp_path)
    assert warning.startswith("directory/b-links.yaml:")
    assert "locations.postcode: this looks like the same service as directory/a-links.yaml: the same name and postcode" in warning
    assert warning.endswith("if it is, keep one listing and remove the other (directory/b-links.yaml or "
                            "directory/a-links.yaml); if they are different services, make their names say how")


def test_same_phone_and_organisation(tmp_path):
    other = listing(name="Another name", locations=[{"postcode": "LS1 1UR"}],
                    contact={"phone": "+44 117 496 0123"}, organisation={"name": GOOD_LISTING["organisation"]["name"].upper()})
    make_hub(tmp_path, {"a.yaml": GOOD_LISTING, "b.yaml": other})
    [warning] = _warnings(tmp_path)
    assert warning.startswith("directory/b.yaml:")
    assert "contact.phone: this looks like the same service as directory/a.yaml: the same phone number (0117 496 0123)" in warning
    lines = dump(other).split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.lstrip().startswith("phone:"))
    assert warning.startswith(f"directory/b.yaml:{line}:{lines[line - 1].index('phone:') + 8}: ")  # at the number itself


def test_different_services_are_not_warned_and_errors_fail_nothing_twice(tmp_path):
    same_phone_other_org = listing(name="Other", locations=[{"postcode": "LS1 1UR"}], organisation={"name": "Other Trust"})
    same_name_other_place = listing(locations=[{"postcode": "LS1 1UR"}], contact={"email": "x@example.org"},
                                    organisation={"name": "Third Trust"})
    make_hub(tmp_path, {"a.yaml": GOOD_LISTING, "b.yaml": same_phone_other_org, "c.yaml": same_name_other_place})
    assert _warnings(tmp_path) == []


def test_three_copies_warn_twice_and_the_only_problems_are_warnings(tmp_path):
    make_hub(tmp_path, {"a.yaml": GOOD_LISTING, "b.yaml": GOOD_LISTING, "c.yaml": GOOD_LISTING})
    problems = problems_of(tmp_path)
    assert all(": warning: " in p for p in problems)
    assert [p.split(":")[0] for p in problems] == ["directory/b.yaml", "directory/c.yaml"]
    assert all("directory/a.yaml" in p for p in problems)
