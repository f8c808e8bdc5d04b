"""Hub settings: the options of the `hub` plugin in mkdocs.yml, defined once.

The MkDocs plugin and the `hub-build` CLI both read them through this model,
so the core pipeline never has to import MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from hub_build.model.fields import EMAIL_PATTERN

# Static files a contributor may publish from the content folder (the 'static_files' option, by extension).
DEFAULT_STATIC_FILES = (
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "ico",  # documents and images
    "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "rtf", "txt", "csv", "epub",  # office, e-books
    "mp3", "mp4", "m4a", "ogg", "webm", "vtt",  # audio, video and its captions
)
# Types a browser runs script in, or that restyle or replace the site's own files: never allowed.
REFUSED_STATIC = frozenset({
    "svg", "svgz", "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "js", "mjs", "cjs", "css", "xml", "xsl",
    "xslt", "json", "map", "wasm", "swf", "php", "py", "sh", "exe", "jar", "hta", "appcache", "manifest",
    "webmanifest", "ics", "atom", "rss", "md", "markdown", "yaml", "yml",
})



class HubSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    directory: str = Field("directory", description="Folder of service listings (YAML), relative to mkdocs.yml")
    resources: str = Field("resources", description="Folder of resources inside the docs folder")
    vocabulary: Optional[str] = Field(None, description="The hub's own vocabulary file, extending the packaged one")
    review_interval_days: int = Field(365, ge=1, description="How long a listing may go unchecked before it is overdue")
    edit_url: Optional[str] = Field(
        None, description="Where 'suggest a change' leads; '{path}' is replaced by the file's path in the repository, "
        "e.g. https://github.com/org/hub/edit/main/{path}",
    )
    repository: Optional[str] = Field(
        None, pattern=r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/?$",
        description="The hub's GitHub repository, e.g. https://github.com/org/hub: the suggest form opens its "
        "'create new file' page. Without it, a GitHub edit_url gives the same; otherwise contributors copy or download",
    )
    repository_branch: str = Field("main", description="The branch the suggest form proposes new listings to")
    practice: str = Field("practice", description="Folder of practice examples and case studies inside the docs folder")
    events: str = Field("events", description="Folder of events and training inside the docs folder")
    review_due_soon_days: int = Field(30, ge=0, description="How many days before its review is due an item counts as due soon")
    feed_size: int = Field(50, ge=1, le=1000, description="How many recent changes the Atom feed and updates page hold")
    page_size: int = Field(50, ge=5, le=500, description="Items on each page of a browse list")
    northern_ireland_precision: Literal["postcode", "outward"] = Field(
        "outward", description="How precisely the site publishes Northern Ireland (BT) postcodes to the browser",
    )
    static_files: list[str] = Field(
        list(DEFAULT_STATIC_FILES), description="File types (extensions) contributors may publish from the content "
        "folder as they are; SVG, HTML, JavaScript, CSS and XML are never allowed",
    )
    open_data_licence: str = Field(
        "Open Government Licence v3.0", min_length=1, max_length=200,
        description="The licence of the hub's open data (ORUK feed, CSV), stated in the feed, the CSV note and the footer",
    )
    open_data_licence_url: str = Field(
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", pattern=r"^https?://[^\s<>\"']+$",
        description="The licence's web address",
    )
    open_data_id_base: str = Field(
        "hub-build", min_length=1, max_length=200,
        description="Seed of the open data's stable ids (UUIDv5 of the slug): set it once to the hub's address so two "
        "hubs' ids never collide; changing it changes every id",
    )

    report_email: Optional[str] = Field(
        None, pattern=EMAIL_PATTERN.pattern,
        description="The editors' address: 'Report a problem' on every page opens a pre-filled e-mail to it, and "
        "review letters come from it. No account is needed to use it",
    )
    report_on_github: bool = Field(
        True, description="Offer a pre-filled GitHub issue (.github/ISSUE_TEMPLATE/report-a-problem.yml) from "
        "'Report a problem', when the hub's repository is known (repository, or a GitHub edit_url)",
    )

    fast_pages: bool = Field(
        True, description="Write listing and browse pages straight into the theme's page frame, captured once per "
        "folder, instead of rendering each through MkDocs (same pages, several times faster); false renders every "
        "page through MkDocs",
    )

    languages: list[Literal["en", "cy"]] = Field(
        ["en"], description="The languages the site is built in: English alone by default; [en, cy] also builds "
        "the whole site in Welsh under /cy/, every page linking its other version",
    )

    @field_validator("languages")
    @classmethod
    def _english_first(cls, value: list[str]) -> list[str]:
        if not value or value[0] != "en" or len(set(value)) != len(value):
            raise ValueError("list English first and each language once, e.g. [en, cy]: the English site is the "
                             "one at the root of the address, the others are built under /<language>/")
        return value

    @field_validator("static_files")
    @classmethod
    def _safe_types(cls, value: list[str]) -> list[str]:
        types = [item.strip().lower().lstrip(".") for item in value]
        for item in types:
            if item in REFUSED_STATIC or not item.isalnum():
                raise ValueError(f"'{item}' files cannot be published as they are: browsers may run script in them, "
                                 "or they would replace the site's own files")
        return types


def today() -> dt.date:
    """The build's idea of today: SOURCE_DATE_EPOCH when set, so builds and tests are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: unknown tags such as !ENV or !!python/name become None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(config_file: Path) -> dict[str, Any]:
    with open(config_file, "rb") as handle:
        data = yaml.load(handle, Loader=_LenientLoader)  # noqa: S506 - SafeLoader subclass
    return data if isinstance(data, dict) else {}


def hub_options(mkdocs_config: dict[str, Any]) -> dict[str, Any]:
    """The raw options given to the `hub` plugin, or {} when it is listed without options."""
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if entry == "hub":
            return {}
        if isinstance(entry, dict) and "hub" in entry:
            return dict(entry["hub"] or {})
    return {}
