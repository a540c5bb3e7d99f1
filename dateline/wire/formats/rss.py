"""RSS 0.9x/1.0/2.0 and Atom feeds, read by feedparser.

feedparser is only ever handed a stream of the payload: given bytes or a string it would
treat them as a file name or URL and read or fetch it.
"""

import hashlib
import io
import time
import urllib.parse
from datetime import UTC, datetime

import feedparser

from .items import Image, ItemError, Link, ParseResult, Subject, WireFormatError, WireItem
from .safexml import local_name, parse_xml, refuse_entity_declarations, serialise
from .sanitise import clean_html, clean_text, parse_datetime, parse_pixels, text_to_html, web_url

FORMAT = "rss"
ENTRY_ELEMENT_NAMES = ("item", "entry")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


def parse(payload: bytes) -> ParseResult:
    refuse_entity_declarations(payload)
    # Bodies are sanitised and their links made absolute by clean_html; feedparser's own passes
    # over the same markup would double the parse time.
    try:
        feed = feedparser.parse(
            io.BytesIO(payload), sanitize_html=False, resolve_relative_uris=False
        )
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as error:
        # feedparser's own state breaks on some odd nestings (a <link> inside a <channel>
        # inside an <item>): the payload is refused as unreadable, not the batch crashed.
        raise WireFormatError(f"not a readable RSS or Atom feed: {error!r}") from error
    if not feed.entries and not feed.get("version"):
        reason = feed.get("bozo_exception") or "no RSS channel or Atom feed found"
        raise WireFormatError(f"not a readable RSS or Atom feed: {reason}")
    channel = feed.get("feed", {})
    raws = _entry_slices(payload, len(feed.entries))
    result = ParseResult()
    for index, (entry, raw) in enumerate(zip(feed.entries, raws, strict=True), start=1):
        try:
            result.items.append(read_entry(entry, channel, raw))
        except WireFormatError as error:
            guid = clean_text(entry.get("id", "")) or web_url(entry.get("link", ""))
            result.errors.append(ItemError(index, f"item {index} {error}", guid, raw))
    return result


def read_entry(entry: dict, channel: dict, raw: str) -> WireItem:
    headline = clean_text(entry.get("title", ""))
    if not headline:
        raise WireFormatError("has no headline")
    summary_html = _html_of(entry.get("summary_detail"), entry.get("summary", ""))
    content = next((part for part in entry.get("content", []) if part.get("value")), None)
    published = _entry_time(entry, "published")
    updated = _entry_time(entry, "updated")
    return WireItem(
        format=FORMAT,
        guid=_guid(entry, headline),
        headline=headline,
        agency=clean_text(entry.get("source", {}).get("title", "") or channel.get("title", "")),
        summary=clean_text(entry.get("summary", "")),
        body_html=_html_of(content, content.get("value", "")) if content else summary_html,
        byline=_byline(entry),
        language=clean_text(
            entry.get("title_detail", {}).get("language") or channel.get("language") or ""
        ),
        subjects=[
            Subject(
                clean_text(tag.get("scheme") or ""),
                clean_text(tag.get("term") or ""),
                clean_text(tag.get("label") or ""),
            )
            for tag in entry.get("tags", [])
            if clean_text(tag.get("term") or "")
        ],
        first_created=published or updated,
        version_created=updated or published,
        links=_links(entry),
        images=_images(entry),
        raw=raw,
    )


def _guid(entry: dict, headline: str) -> str:
    guid = clean_text(entry.get("id", "")) or web_url(entry.get("link", ""))
    if guid:
        return guid
    # guid and link are optional in RSS; the same item must still map to the same guid.
    fingerprint = "\n".join((headline, entry.get("summary", ""), entry.get("published", "")))
    return "urn:sha1:" + hashlib.sha1(fingerprint.encode("utf-8", "replace")).hexdigest()


def _html_of(detail: dict | None, value: str) -> str:
    """Body HTML from a feed text construct; markup-free text still gets its paragraphs."""
    if "html" in (detail or {}).get("type", "html") and "<" in value:
        return clean_html(value, base_url=(detail or {}).get("base", ""))
    return text_to_html(value)


def _entry_time(entry: dict, name: str) -> datetime | None:
    """The entry's time with its own offset when readable, else feedparser's UTC reading."""
    # dict.get, because feedparser's own get() quietly answers "updated" with "published".
    moment = parse_datetime(dict.get(entry, name, ""))
    parsed = dict.get(entry, f"{name}_parsed")
    if moment is None and isinstance(parsed, time.struct_time):
        moment = datetime(*parsed[:6], tzinfo=UTC)
    return moment


def _byline(entry: dict) -> str:
    names = [clean_text(author.get("name", "")) for author in entry.get("authors", [])]
    names = [name for name in names if name] or [clean_text(entry.get("author", ""))]
    return ", ".join(name for name in names if name)


def _links(entry: dict) -> list[Link]:
    links = []
    for link in entry.get("links", []):
        url = web_url(link.get("href", ""))
        if url and link.get("rel") != "enclosure":
            links.append(
                Link(url, clean_text(link.get("rel", "")), clean_text(link.get("title", "")))
            )
    return links


def _images(entry: dict) -> list[Image]:
    """Pictures from enclosures and media:content, each address once."""
    candidates = [
        (enclosure.get("href", ""), enclosure.get("type", ""), "", None, None)
        for enclosure in entry.get("enclosures", [])
    ]
    candidates += [
        (media.get("url", ""), media.get("type", ""), media.get("medium", ""),
         media.get("width"), media.get("height"))
        for media in entry.get("media_content", [])
    ]  # fmt: skip
    images, seen = [], set()
    for address, media_type, medium, width, height in candidates:
        url = web_url(address)
        if url and url not in seen and _is_picture(url, media_type, medium):
            seen.add(url)
            images.append(
                Image(
                    url,
                    width=parse_pixels(width),
                    height=parse_pixels(height),
                    media_type=clean_text(media_type),
                )
            )
    return images


def _is_picture(url: str, media_type: str, medium: str) -> bool:
    if media_type or medium:
        return media_type.startswith("image/") or medium == "image"
    # Many feeds (the Guardian's among them) give media:content a bare URL.
    return urllib.parse.urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)


def _entry_slices(payload: bytes, count: int) -> list[str]:
    """Each entry's own XML, when the feed is well-formed enough to find exactly `count` of
    them; otherwise every entry gets the whole payload, which at least contains it."""
    try:
        root = parse_xml(payload)
    except WireFormatError:
        root = None
    if root is not None:
        elements = [node for node in root.iter() if local_name(node) in ENTRY_ELEMENT_NAMES]
        if len(elements) == count:
            return [serialise(element) for element in elements]
    whole = payload.decode("utf-8", errors="replace")
    return [whole] * count
