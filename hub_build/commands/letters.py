"""`hub-build review --letters DIR`: one ready-to-send e-mail (.eml) per organisation or review owner.

Keeping listings current should not mean chasing by hand: each letter lists what is overdue or due
soon for checking, with each item's page, its "Report a problem" form and its edit link, and says
what to do. With `--since REF|DATE` a letter also lists the group's items that changed since then.

Letters are built with the standard library's `email` package. Everything from content that reaches a
header (organisation names, titles) has line breaks and control characters removed first, so no
content can add a header or a recipient; non-ASCII names are encoded by the package (RFC 2047).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from hub_build.commands.changes import ChangeSet, FileChange, GitError, change_set, git
from hub_build.model.fields import EMAIL_PATTERN, suggest_slug
from hub_build.core.hub import Hub
from hub_build.render.report import ANCHOR, ReportRoutes
from hub_build.core.urls import SiteUrls
from hub_build.commands.review import NO_GROUP, ReviewItem, _grouped, _when

KIND_NAMES = {"service": "Service listing", "resource": "Resource", "practice": "Practice example", "event": "Event"}


def header_text(text: str) -> str:
    """Text safe in a header: line breaks (CR, LF, NEL, U+2028/9...) and control characters become spaces."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cf") else ch for ch in text)
    return " ".join(cleaned.split())


@dataclass
class Letter:
    group: str
    items: list[ReviewItem]
    changed: list[tuple[ReviewItem, FileChange]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LetterSettings:
    site_name: str
    site_url: str = ""  # ends with '/' or is ''
    directory_urls: bool = True
    sender: str = ""  # report_email
    today: dt.date = field(default_factory=dt.date.today)


def since_ref(root: Path, since: str) -> str | None:
    """A git ref for `since`: the ref itself, or for a YYYY-MM-DD date the last commit before that day.

    None when the repository has no commit that old (everything is new since then).
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        dt.date.fromisoformat(since)  # a real date, or ValueError
        found = git(root, "rev-list", "-1", f"--before={since} 00:00:00", "HEAD").strip()
        return found or None
    return since


def _pages(hub: Hub, urls: SiteUrls) -> dict[str, str]:
    """Item source file -> its page's site-relative URL."""
    pages = {s.source: urls.url(f"services/{s.slug}.md") for s in hub.services}
    pages.update({r.source: urls.url(r.src_uri) for r in hub.resources})
    pages.update({p.source: urls.url(p.src_uri) for p in hub.practice})
    pages.update({e.source: urls.url(e.src_uri) for e in hub.events})
    return pages


def _contacts(hub: Hub) -> dict[str, str]:
    """Item source file -> the e-mail address it gives (services and practice examples have one)."""
    found = {s.source: s.service.contact.email for s in hub.services if s.service.contact.email}
    found.update({p.source: p.practice.contact.email for p in hub.practice if p.practice.contact.email})
    return found


def plan_letters(hub: Hub, items: list[ReviewItem], *, by: str, changes: ChangeSet | None = None,
                 changed_all: bool = False) -> list[Letter]:
    """One letter per group with something overdue or due soon, or (with --since) something changed."""
    contacts = _contacts(hub)
    changed_by_path = {c.path: c for c in changes.files} if changes else {}
    letters: dict[str, Letter] = {name: Letter(name, group) for name, group in _grouped(items, by, include_fresh=False)}
    if changes is not None or changed_all:
        for item in sorted(items, key=lambda i: (i.kind, i.title.casefold(), i.source)):
            change = FileChange("added", item.source, kind=item.kind) if changed_all else changed_by_path.get(item.source)
            if change is not None and change.status != "removed":
                letters.setdefault(item.group(by), Letter(item.group(by), [])).changed.append((item, change))
    for letter in letters.values():
        sources = [i.source for i in letter.items] + [i.source for i, _ in letter.changed]
        letter.recipients = sorted({contacts[s] for s in sources if s in contacts})
    return sorted(letters.values(), key=lambda one: (one.group == NO_GROUP, one.group.casefold()))


def _absolute(settings: LetterSettings, url: str) -> str:
    return settings.site_url + url if settings.site_url else "/" + url


def _item_lines(item: ReviewItem, hub: Hub, settings: LetterSettings, pages: dict[str, str]) -> list[str]:
    page = _absolute(settings, pages.get(item.source, ""))
    lines = [f"* {item.title}", f"  {KIND_NAMES.get(item.kind, item.kind)}, last checked {item.last_reviewed.isoformat()}"
             + (f": {_when(item, settings.today)}" if item.status != "fresh" else "")]
    lines.append(f"  Page: {page}")
    if ReportRoutes.of(hub.settings):
        lines.append(f"  Report a problem: {page}#{ANCHOR}")
    if hub.settings.edit_url:
        lines.append(f"  Edit: {hub.settings.edit_url.replace('{path}', item.source)}")
    lines.append(f"  File: {item.source}")
    return lines


def letter_text(letter: Letter, hub: Hub, settings: LetterSettings, since: str = "") -> str:
    """The plain-text body of one letter."""
    pages = _pages(hub, SiteUrls(settings.directory_urls))
    who = letter.group if letter.group != NO_GROUP else "colleague"
    lines = [f"Dear {who},", ""]
    overdue = [i for i in letter.items if i.status == "overdue"]
    soon = [i for i in letter.items if i.status == "due-soon"]
    if letter.items:
        lines += [f"{settings.site_name} lists the details below for professionals supporting children and families "
                  "of prisoners. To keep them right, we ask you to check them once a year.", ""]
    for heading, chosen in (("Overdue for checking", overdue), ("Due for checking soon", soon)):
        if chosen:
            lines += [f"{heading} ({len(chosen)}):", ""]
            for item in chosen:
                lines += _item_lines(item, hub, settings, pages) + [""]
    if letter.items:
        reply = f"reply to this e-mail ({settings.sender})" if settings.sender else "reply to this e-mail"
        lines += ["What to do:",
                  "1. Open each page and check every detail: address, phone, e-mail, website, opening hours, "
                  "who the service is for.",
                  f"2. If anything is wrong or the service has closed, use 'Report a problem' on the page, or {reply} "
                  "with the corrections.",
                  f"3. If everything is still right, {reply} to say so: we will mark it as checked today.",
                  "Editors with access to the hub's repository can use the Edit link instead.", ""]
    if letter.changed:
        lines += [f"Changed since {since}:" if since else "Changed recently:", ""]
        for item, change in letter.changed:
            what = f" ({', '.join(change.fields)})" if change.fields else ""
            lines += [f"* {item.title}: {change.status}{what}", f"  Page: {_absolute(settings, pages.get(item.source, ''))}", ""]
        lines += ["If any of these changes is not right, please tell us.", ""]
    lines += ["Thank you,", f"The editors of {settings.site_name}"]
    return "\n".join(lines) + "\n"


def _address(text: str) -> Address | None:
    text = text.strip()
    if not EMAIL_PATTERN.fullmatch(text):
        return None
    local, _, domain = text.rpartition("@")
    return Address(addr_spec=f"{local}@{domain}")


def build_message(letter: Letter, hub: Hub, settings: LetterSettings, since: str = "") -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    counts = [f"{n} {label}" for n, label in ((sum(i.status == "overdue" for i in letter.items), "overdue"),
                                              (sum(i.status == "due-soon" for i in letter.items), "due soon"),
                                              (len(letter.changed), "changed")) if n]
    message["Subject"] = header_text(f"Please check your entries on {settings.site_name}: {', '.join(counts)}")
    if settings.sender:
        sender = _address(settings.sender)
        if sender is not None:
            message["From"] = Address(header_text(f"{settings.site_name} editors"), addr_spec=sender.addr_spec)
    recipients = [a for a in (_address(r) for r in letter.recipients) if a is not None]
    if recipients:
        name = header_text(letter.group) if letter.group != NO_GROUP else ""
        message["To"] = [Address(name, addr_spec=recipients[0].addr_spec)] + recipients[1:]
    message["Date"] = format_datetime(dt.datetime.combine(settings.today, dt.time(9, 0), tzinfo=dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain=(settings.sender.rpartition("@")[2] if settings.sender else None))
    message["X-Unsent"] = "1"  # mail programs open the file as a draft, ready to send
    message.set_content(letter_text(letter, hub, settings, since))
    return message


def write_letters(letters: list[Letter], hub: Hub, settings: LetterSettings, folder: Path, since: str = "") -> list[Path]:
    """Write one .eml per letter into `folder`, named after its group; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written, used = [], set()
    for letter in letters:
        base = suggest_slug(letter.group) or "letter"
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        path = folder / f"{name}.eml"
        path.write_bytes(build_message(letter, hub, settings, since).as_bytes())
        written.append(path)
    return written


__all__ = ["GitError", "LetterSettings", "change_set", "header_text", "plan_letters", "since_ref", "write_letters"]
