"""'Report a problem' on every listing, resource, practice and event page: no account, no server.

A short form says what is wrong, what it should say and (optionally) who is writing. It goes by the
routes a hub configures: a pre-filled e-mail to the editors (`report_email`) and/or a pre-filled
GitHub issue through the issue form the hub ships (.github/ISSUE_TEMPLATE/report-a-problem.yml).
Without JavaScript both routes are links that name the item and its file (the e-mail also asks the form's
questions); with it, report.js shows the form and pre-fills the e-mail or the issue with what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from hub_build.core.settings import HubSettings
from hub_build.render.languages import N_

ISSUE_TEMPLATE = "report-a-problem.yml"
ANCHOR = "report-a-problem"
# The GitHub issue form's field ids (the template must use the same; tests/test_report.py checks it).
ISSUE_FIELDS = ("item", "page", "file", "what-is-wrong", "should-say", "contact")

WHAT_IS_WRONG: dict[str, tuple[str, ...]] = {
    "service": (N_("The address"), N_("The phone number"), N_("The e-mail address"), N_("The website"), N_("The opening hours"),
                N_("The service has closed"), N_("Something else")),
    "resource": (N_("The link does not work"), N_("The information is out of date"), N_("The publisher or date"),
                 N_("Something else")),
    "practice": (N_("The contact details"), N_("The information is out of date"), N_("It identifies a person or family"),
                 N_("Something else")),
    "event": (N_("The date or time"), N_("The place"), N_("The booking link"), N_("The cost"), N_("The event is cancelled"),
              N_("Something else")),
}
NOUNS = {"service": N_("listing"), "resource": N_("resource"), "practice": N_("practice example"), "event": N_("event")}

def repository_url(settings: HubSettings) -> str:
    """The hub's GitHub repository (https://github.com/ORG/REPO), from `repository` or a GitHub edit_url; or ''."""
    if settings.repository:
        return settings.repository.rstrip("/")
    from hub_build.render.suggest import _GITHUB_EDIT  # the one reading of a GitHub edit_url

    match = _GITHUB_EDIT.match(settings.edit_url or "")
    return f"https://github.com/{match.group(1)}/{match.group(2)}" if match else ""


@dataclass(frozen=True)
class ReportRoutes:
    email: str
    issues: str  # the repository's new-issue page, or ''

    @classmethod
    def of(cls, settings: HubSettings) -> "ReportRoutes":
        repository = repository_url(settings) if settings.report_on_github else ""
        return cls(settings.report_email or "", f"{repository}/issues/new" if repository else "")

    def __bool__(self) -> bool:
        return bool(self.email or self.issues)


def subject(title: str) -> str:
    return f"Problem with: {' '.join(title.split())}"


def mail_link(routes: ReportRoutes, kind: str, title: str, page: str, source: str) -> str:
    """A mailto: link with the subject and a body naming the item and asking the form's questions.

    It is the route without JavaScript: browsers cannot put a form's answers into an e-mail reliably (Chromium
    turns '&' into line breaks and garbles accents), so the questions travel in the body instead.
    """
    choices = ", ".join(c[0].lower() + c[1:] for c in WHAT_IS_WRONG[kind][:-1]) + ", or something else"
    body = "\r\n".join([
        f"Problem with: {' '.join(title.split())}", f"Page: {page}", f"File: {source}", "",
        f"What is wrong? ({choices})", "", "",
        "What should it say?", "", "",
        "Your name and e-mail or phone (optional, if the editors may ask you about it):", "",
    ])
    return f"mailto:{routes.email}?subject={quote(subject(title), safe='')}&body={quote(body, safe='')}"


def issue_link(routes: ReportRoutes, title: str, page: str, source: str) -> str:
    """GitHub's new-issue page with the issue form chosen and the item, page and file filled in."""
    query = urlencode({"template": ISSUE_TEMPLATE, "title": subject(title), "item": title, "page": page,
                       "file": source}, quote_via=quote)
    return f"{routes.issues}?{query}"


def report_context(settings: HubSettings, *, kind: str, title: str, source: str, page_url: str,
                   site_url: str) -> dict | None:
    """What report.html needs for one page, or None when the hub configures no route."""
    routes = ReportRoutes.of(settings)
    if not routes:
        return None
    page = (site_url.rstrip("/") + "/" + page_url) if site_url else "/" + page_url
    return {
        "kind": kind, "noun": NOUNS[kind], "title": title, "source": source, "page": page,
        "choices": WHAT_IS_WRONG[kind], "email": routes.email, "issues": routes.issues,
        "mail_link": mail_link(routes, kind, title, page, source) if routes.email else "",
        "issue_link": issue_link(routes, title, page, source) if routes.issues else "",
        "subject": subject(title),
    }
