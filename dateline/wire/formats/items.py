"""The normalised wire item every format module produces. Plain Python: no Django import."""

from dataclasses import dataclass, field
from datetime import datetime


class WireFormatError(ValueError):
    """A payload (or one item in it) that cannot be read; the message is shown on the desk."""


@dataclass(frozen=True)
class Subject:
    """A classification code, e.g. scheme "medtop" code "20000763", as the payload gives it."""

    scheme: str
    code: str
    name: str = ""


@dataclass(frozen=True)
class Link:
    url: str
    rel: str = ""
    title: str = ""


@dataclass(frozen=True)
class Image:
    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""
    width: int | None = None
    height: int | None = None
    media_type: str = ""


@dataclass
class WireItem:
    """One agency item, whatever format it came in.

    Times are timezone-aware (UTC when the payload gives no offset). `body_html` is already
    sanitised; `headline`, `summary` and `byline` are plain text. `raw` is this item's own
    slice of the payload (the whole payload when it holds one item).
    """

    format: str
    guid: str
    headline: str
    version: str = ""
    agency: str = ""
    summary: str = ""
    body_html: str = ""
    byline: str = ""
    dateline_place: str = ""
    language: str = ""
    urgency: int | None = None
    subjects: list[Subject] = field(default_factory=list)
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    raw: str = ""


@dataclass(frozen=True)
class ItemError:
    """One item of a batch that could not be read; the others still are."""

    index: int
    message: str
    guid: str = ""
    raw: str = ""


@dataclass
class ParseResult:
    items: list[WireItem] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
