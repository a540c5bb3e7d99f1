"""Cleaning of untrusted agency text: body HTML, plain-text fields, dates and codes."""

import email.utils
import html
import re
import urllib.parse
from datetime import UTC, datetime

import nh3

from dateline.core.text import xml_safe

BODY_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "strong", "em", "b", "i",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
LINK_SCHEMES = {"http", "https", "mailto"}
# Dropped with everything inside them: their text is code or page furniture, never copy.
HIDDEN_CONTENT_TAGS = {"script", "style", "iframe", "noscript", "template", "head", "title"}

# DEL and the C1 controls: XML can carry them, but in agency copy they are always debris of a
# wrong encoding. xml_safe removes the rest: C0 controls (but tab and newlines, which whitespace
# handling covers), U+FFFE, U+FFFF and lone surrogates, which JSON can carry and which neither
# nh3, a UTF-8 database column nor a feed accepts.
_UNWANTED_CHARACTERS = re.compile(r"[\x7f-\x9f]")
_TOP_HEADING = re.compile(r"<(/?)h1\b", re.IGNORECASE)
# Where a block ends or a line breaks, words on either side must not run together.
_BLOCK_BOUNDARY = re.compile(r"<(?:/(?:p|div|h[1-6]|li|blockquote|tr|td|th)\s*|br\s*/?)>", re.I)
_WHITESPACE = re.compile(r"\s+")
_LOOKS_LIKE_MARKUP = re.compile(r"<(?:/?[A-Za-z]|!)")
# Feeds double-escape markup in titles; unwrap a few layers, never loop without end.
_MAX_UNESCAPE_ROUNDS = 3
_IPTC_CV_URI = re.compile(r"^https?://cv\.iptc\.org/newscodes/([^/]+)/(.*)$")
# The G2 catalogue aliases of the IPTC vocabularies agencies use most.
_IPTC_CV_ALIASES = {"mediatopic": "medtop", "subjectcode": "subj"}


def drop_unwanted_characters(text: str) -> str:
    return _UNWANTED_CHARACTERS.sub("", xml_safe(text))


def clean_html(markup: str, base_url: str = "") -> str:
    """Sanitise an agency body to the small set of tags a story body may hold.

    With a web base_url (an Atom xml:base, say), relative links are made absolute against it:
    on the site they would point at the wrong host.
    """
    if not markup:
        return ""
    # Agency bodies repeat the headline as <h1>; a story body's top level is <h2>.
    markup = _TOP_HEADING.sub(r"<\1h2", drop_unwanted_characters(markup))
    base_url = web_url(base_url)
    return nh3.clean(
        markup,
        tags=BODY_TAGS,
        clean_content_tags=HIDDEN_CONTENT_TAGS,
        attributes=BODY_ATTRIBUTES,
        attribute_filter=_absolute_links(base_url) if base_url else None,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def _absolute_links(base_url: str):
    def absolute(_tag: str, attribute: str, value: str) -> str:
        return urllib.parse.urljoin(base_url, value) if attribute == "href" else value

    return absolute


def clean_text(value: str) -> str:
    """Plain text from a headline, summary or byline that may carry tags or entities."""
    text = drop_unwanted_characters(value or "")
    for _ in range(_MAX_UNESCAPE_ROUNDS):
        if "<" not in text and "&" not in text:
            break
        text = _BLOCK_BOUNDARY.sub(r" \g<0>", text)
        text = html.unescape(
            nh3.clean(text, tags=set(), clean_content_tags=HIDDEN_CONTENT_TAGS, attributes={})
        )
        text = drop_unwanted_characters(text)
        if not _LOOKS_LIKE_MARKUP.search(text):
            break
    return _WHITESPACE.sub(" ", text).strip()


def text_to_html(text: str) -> str:
    """Paragraphs of HTML from plain text, one per blank-line (or line) separated block."""
    blocks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.splitlines()
    paragraphs = (clean_text(block) for block in blocks)
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def parse_datetime(value: str) -> datetime | None:
    """An aware datetime from ISO 8601 (extended or basic) or RFC 822; None when unreadable."""
    text = drop_unwanted_characters(str(value or "")).strip()
    if not text:
        return None
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_urgency(value: object) -> int | None:
    """Urgency 1 (highest) to 9 (lowest), or None when absent or out of range."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.isdigit() and len(value) <= 2):
            return None
        value = int(value)
    if isinstance(value, int) and 1 <= value <= 9:
        return value
    return None


def parse_pixels(value: object) -> int | None:
    """A width or height in pixels: a positive whole number below 100,000, else None."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip()[:6])
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 100_000:
        return value
    return None


def subject_from_uri(uri: str) -> tuple[str, str]:
    """(scheme, code) from an IPTC NewsCodes URI, e.g. ".../mediatopic/20000763" → medtop."""
    match = _IPTC_CV_URI.match(uri.strip())
    if not match:
        return "", ""
    vocabulary, code = match.groups()
    return _IPTC_CV_ALIASES.get(vocabulary, vocabulary), code


def web_url(value: str) -> str:
    """The URL when it is an absolute http(s) address, else "": nothing else may be fetched, or
    linked to from the desk."""
    url = drop_unwanted_characters(str(value or "")).strip()
    return url if re.match(r"^https?://[^\s/]", url, re.IGNORECASE) else ""
