"""`hub-build review --letters DIR [--since REF|DATE]`: one ready-to-send .eml per organisation or owner,
read back with the standard library's email package."""

from __future__ import annotations

import datetime as dt
import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path

from hub_build.commands.letters import Letter, LetterSettings, build_message, header_text
from hub_build.pipeline import load_hub
from hub_build.commands.review import ReviewItem
from hub_build.core.settings import HubSettings

from hubs import GOOD_RESOURCE, hub_build, listing, make_hub

WELSH = "Teulu Cymru — Ŵyn a\u2019u Teuluoedd"
OPTIONS = "      report_email: editors@example.org\n"


def _hub(root: Path) -> Path:
    return make_hub(root, {
        "old.yaml": listing(name="Old Links", organisation={"name": WELSH}, last_reviewed="2025-06-01",
                            contact={"email": "teulu@example.org", "phone": "029 2018 0111"}),
        "soon.yaml": listing(name="Soon Links", organisation={"name": WELSH}, last_reviewed="2026-01-05",
                             contact={"phone": "029 2018 0112", "email": "help@teulu.example.org"}),
        "fresh.yaml": listing(name="Fresh Links", organisation={"name": "Fresh Trust"}, last_reviewed="2026-11-01",
                              contact={"phone": "029 2018 0113"}),
    }, {"guide.md": dict(GOOD_RESOURCE, publisher="Guide Press", last_reviewed="2025-01-05")}, plugin_options=OPTIONS)


def _read(path: Path):
    return BytesParser(policy=policy.default).parse(path.open("rb"))


def test_one_letter_per_organisation_with_links_and_what_to_do(tmp_path):
    root = _hub(tmp_path)
    done = hub_build("review", "--letters", "out", "--today", "2026-12-20", cwd=root)
    assert done.returncode == 0, done.stderr
    files = sorted((root / "out").glob("*.eml"))
    assert [f.name for f in files] == ["guide-press.eml", "teulu-cymru-wyn-au-teuluoedd.eml"]  # Fresh Trust: nothing due
    assert done.stdout.split() == [f"out/{f.name}" for f in files]
    assert "1 have no address to send to" in done.stderr  # the resource's publisher gives none

    letter = _read(root / "out" / "teulu-cymru-wyn-au-teuluoedd.eml")
    assert [(a.display_name, a.addr_spec) for a in letter["To"].addresses] == [
        (WELSH, "help@teulu.example.org"), ("", "teulu@example.org")]
    raw_headers = (root / "out" / "teulu-cymru-wyn-au-teuluoedd.eml").read_bytes().split(b"\r\n\r\n")[0]
    assert raw_headers.isascii() and b"=?utf-8?" in raw_headers  # the Welsh name is encoded, not sent raw
    assert letter["From"].addresses[0].addr_spec == "editors@example.org"
    assert letter["Subject"] == "Please check your entries on Test hub: 1 overdue, 1 due soon"
    assert letter["X-Unsent"] == "1" and letter["Date"].datetime.date() == dt.date(2026, 12, 20)
    body = letter.get_content()
    assert body.startswith(f"Dear {WELSH},")
    assert body.index("Overdue for checking (1):") < body.index("* Old Links") < body.index("Due for checking soon (1):") \
        < body.index("* Soon Links") < body.index("What to do:")
    assert "  Page: /services/old/\n  Report a problem: /services/old/#report-a-problem\n" \
           "  Edit: https://github.com/example/hub/edit/main/directory/old.yaml\n" in body
    assert "Service listing, last checked 2025-06-01: 202 days overdue" in body
    assert "reply to this e-mail (editors@example.org)" in body and "Fresh Links" not in body

    guide = _read(root / "out" / "guide-press.eml")
    assert guide["To"] is None and "* " + GOOD_RESOURCE["title"] in guide.get_content()


def test_owner_letters_and_absolute_links_with_site_url(tmp_path):
    root = _hub(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://hub.example.org/sub/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    done = hub_build("review", "--letters", "out", "--group-by", "owner", "--today", "2026-12-20", cwd=root)
    assert done.returncode == 0, done.stderr
    assert [f.name for f in sorted((root / "out").glob("*.eml"))] == ["directory-team.eml", "none-given.eml"]
    assert _read(root / "out" / "none-given.eml").get_content().startswith("Dear colleague,")  # the resource
    body = _read(root / "out" / "directory-team.eml").get_content()
    assert body.startswith("Dear Directory team,")
    assert "Report a problem: https://hub.example.org/sub/services/old/#report-a-problem" in body


def test_since_lists_what_changed_by_git_ref_and_date(tmp_path):
    root = _hub(tmp_path)
    env = {"GIT_AUTHOR_DATE": "2026-01-01T12:00:00", "GIT_COMMITTER_DATE": "2026-01-01T12:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    fresh = root / "directory" / "fresh.yaml"
    fresh.write_text(fresh.read_text(encoding="utf-8").replace("summary: ", "summary: Now "), encoding="utf-8")
    done = hub_build("review", "--letters", "out", "--since", "HEAD", "--today", "2026-12-20", cwd=root)
    assert done.returncode == 0, done.stderr
    letter = _read(root / "out" / "fresh-trust.eml")
    assert letter["Subject"] == "Please check your entries on Test hub: 1 changed"
    assert "Changed since HEAD:\n\n* Fresh Links: changed (summary)\n  Page: /services/fresh/\n" in letter.get_content()
    assert "Changed since" not in _read(root / "out" / "guide-press.eml").get_content()

    before = hub_build("review", "--letters", "out2", "--since", "2025-01-01", "--today", "2026-12-20", cwd=root)
    assert before.returncode == 0, before.stderr  # no commit that old: everything is new since then
    assert "Fresh Links: added" in _read(root / "out2" / "fresh-trust.eml").get_content()
    bad = hub_build("review", "--letters", "out3", "--since", "2025-02-30", cwd=root)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "not a real date" in bad.stderr
    alone = hub_build("review", "--since", "HEAD", cwd=root)
    assert alone.returncode == 2 and "--since goes with --letters" in alone.stderr


def test_no_content_can_add_a_header(tmp_path):
    hostile = "Evil Org\r\nBcc: victim@example.org\u2028Cc: x@example.org\x85X-Evil: 1"
    assert "\n" not in header_text(hostile) and "\r" not in header_text(hostile)
    root = make_hub(tmp_path)
    hub = load_hub(root, HubSettings(report_email="editors@example.org"), docs_dir=root / "content",
                   today=dt.date(2027, 6, 1))
    item = ReviewItem("service", "Title\r\nBcc: a@example.org", "directory/bristol-family-links.yaml", hostile, "",
                      dt.date(2025, 1, 1), dt.date(2026, 1, 1), "overdue")
    letter = Letter(hostile, [item], recipients=["links@example.org", "bad\r\nBcc: b@example.org", "c@example.org\n"])
    settings = LetterSettings(site_name="Hub\r\nBcc: c@example.org", sender="editors@example.org", today=dt.date(2027, 6, 1))
    parsed = BytesParser(policy=policy.default).parsebytes(build_message(letter, hub, settings).as_bytes())
    assert parsed["Bcc"] is None and parsed["Cc"] is None and parsed["X-Evil"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["links@example.org", "c@example.org"]
    assert parsed["To"].addresses[0].display_name == header_text(hostile)
    assert "\n" not in parsed["Subject"]
