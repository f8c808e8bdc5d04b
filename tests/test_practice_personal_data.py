"""Practice examples: validated front matter, and personal data in case studies caught at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubs import dump, make_hub
from hub_build.pipeline import load_hub
from hub_build.core.settings import HubSettings

PRACTICE = {
    "title": "Buddies at school",
    "kind": "case-study",
    "organisation": {"name": "Severn Families Trust", "website": "https://severn.example.org"},
    "sectors": ["schools"],
    "nations": ["england"],
    "summary": "A primary school pairs children with a trusted adult.",
    "approach": "Each child has a trusted adult.",
    "outcomes": "Attendance improved.",
    "contact": {"email": "info@severn.example.org", "phone": "0117 496 0123"},
    "last_reviewed": "2026-10-01",
}


def load(tmp_path: Path, body: str, **changes) -> list[str]:
    root = make_hub(tmp_path, listings={})
    folder = root / "content" / "practice"
    folder.mkdir(exist_ok=True)
    front = {**PRACTICE, **changes}
    (folder / "case.md").write_text(f"---\n{dump(front)}---\n{body}\n", encoding="utf-8")
    hub = load_hub(root, HubSettings())
    assert [e.slug for e in hub.practice] == ([] if hub.errors else ["case"])
    return [p.as_text().split("\n")[0] for p in hub.problems if p.path.startswith("content/practice")]


def body_line(tmp_path: Path) -> int:
    """Line number of the first body line: after the front matter and its two fences."""
    return len(dump(PRACTICE).splitlines()) + 3


@pytest.mark.parametrize("text, col, message", [
    ("She was born on 3 March 2017 in town.", 9, "a date of birth: 'born on 3 March 2017'"),
    ("DOB: 12/03/2015", 1, "a date of birth: 'DOB: 12/03/2015'"),
    ("The family lived at BS5 6XY until May.", 21, "a full postcode: 'BS5 6XY'"),
    ("Call mum on 07700 900123 any time.", 13, "a personal phone number: '07700 900123'"),
    ("Or ring +44 117 496 0999.", 9, "a personal phone number: '+44 117 496 0999'"),
    ("Write to jo.bloggs@mail.example.com please.", 10, "a personal e-mail address: 'jo.bloggs@mail.example.com'"),
    ("Jamie, aged 9, missed his dad.", 1, "a first name beside an age: 'Jamie, aged 9'"),
    ("We met Sam (7) at the centre.", 8, "a first name beside an age: 'Sam (7)'"),
    ("Her brother Leo, 12, helped.", 13, "a first name beside an age: 'Leo, 12,'"),
    ("A 10-year-old Mia joined.", 3, "a first name beside an age: '10-year-old Mia'"),
])
def test_each_pattern_is_an_error_at_its_position(tmp_path, text, col, message):
    line = body_line(tmp_path)
    assert load(tmp_path, text) == [f"content/practice/case.md:{line}:{col}: error: personal data: looks like {message}"]


@pytest.mark.parametrize("text", [
    "Children aged 5 to 11 took part, and Year (7) pupils helped.",
    "In March, 12 families came; the 2009 briefing (Barnardo's, 2009) found 65 per cent.",
    "Ring the helpline on 0808 157 0000 or the office on 0117 496 0123.",
    "E-mail info@severn.example.org, j.smith@severn.example.org or referrals@another.example.net.",
    "Postcodes like BS5 and outward codes are fine; so are 12 to 17 year olds.",
    "Born in prison? Some babies are: the unit opened on 3 March 2019.",
])
def test_ordinary_prose_passes(tmp_path, text):
    assert load(tmp_path, text) == []


def test_acknowledged_items_pass_and_the_rest_still_fail(tmp_path):
    text = "Jamie, aged 9, and Sam (7) live at BS5 6XY; call 07700 900123."
    acknowledgements = [{"kind": "name-with-age", "text": "Jamie, aged 9", "reason": "name changed"},
                        "postcode", {"kind": "phone", "reason": "drama number"}]
    problems = load(tmp_path, text, personal_data_reviewed=acknowledgements)
    line = body_line(tmp_path) + 7  # the acknowledgements add seven front-matter lines
    assert problems == [f"content/practice/case.md:{line}:20: error: personal data: looks like a first name beside an age: 'Sam (7)'"]
    acknowledgements.append({"kind": "name-with-age", "text": "Sam (7)", "reason": "invented"})
    assert load(tmp_path, text, personal_data_reviewed=acknowledgements) == []


def test_personal_data_in_front_matter_and_stale_acknowledgements(tmp_path):
    problems = load(tmp_path, "Nothing personal here.", contact={"email": "jo.bloggs@gmail.example.com"},
                    personal_data_reviewed=[{"kind": "postcode", "text": "BS5 6XY"}])
    assert problems[0].startswith("content/practice/case.md:") and "'jo.bloggs@gmail.example.com'" in problems[0]
    assert problems[1].endswith("warning: personal_data_reviewed: acknowledges postcode 'BS5 6XY', which the page no longer contains")
    front = dump({**PRACTICE, "contact": {"email": "jo.bloggs@gmail.example.com"},
                  "personal_data_reviewed": [{"kind": "postcode", "text": "BS5 6XY"}]}).split("\n")
    key_line = front.index("personal_data_reviewed:") + 2  # below the opening '---'
    assert problems[1].startswith(f"content/practice/case.md:{key_line}:1: ")  # at the acknowledgements' key


def test_practice_front_matter_is_validated(tmp_path):
    problems = load(tmp_path, "Text.", kind="story", personal_data_reviewed=["birthday"])
    assert any("kind: 'story' is not a kind of practice page" in p for p in problems)
    assert any("'birthday' is not a kind of personal data the build checks for" in p for p in problems)
    problems = load(tmp_path, "Text.", nations=[])
    assert len(problems) == 1 and "summary: says nothing about where the work happens" in problems[0]
