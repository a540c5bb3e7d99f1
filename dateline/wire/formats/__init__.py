"""The wire formats agencies send, each read into WireItems by its own module.

Plain Python with no Django import: `parse_payload(payload)` is all the wire desk needs.
"""

import codecs
import re
from collections.abc import Callable

from . import newsml_g2, ninjs, nitf, rss
from .items import (
    Image,
    ItemError,
    Link,
    ParseResult,
    Subject,
    WireFormatError,
    WireItem,
)

__all__ = [
    "FORMATS",
    "MAX_PAYLOAD_BYTES",
    "Image",
    "ItemError",
    "Link",
    "ParseResult",
    "Subject",
    "WireFormatError",
    "WireItem",
    "detect_format",
    "parse_payload",
]

MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
FORMATS: dict[str, Callable[[bytes], ParseResult]] = {
    "rss": rss.parse,
    "ninjs": ninjs.parse,
    "newsml-g2": newsml_g2.parse,
    "nitf": nitf.parse,
}
ROOT_ELEMENT_FORMATS = {
    "rss": "rss",
    "feed": "rss",
    "rdf": "rss",
    "newsmessage": "newsml-g2",
    "newsitem": "newsml-g2",
    "nitf": "nitf",
}
STORYLESS_G2_ROOTS = {"packageitem", "conceptitem", "knowledgeitem", "planningitem", "catalogitem"}
CONTENT_TYPE_HINTS = (
    ("json", "ninjs"),
    ("nitf", "nitf"),
    ("g2", "newsml-g2"),
    ("newsml", "newsml-g2"),
    ("rss", "rss"),
    ("atom", "rss"),
)
# Enough of the start of a document to get past its XML declaration, comments and DOCTYPE.
_SNIFF_BYTES = 64 * 1024
_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.DOTALL)
_FIRST_ELEMENT = re.compile(r"<([A-Za-z_][\w.:-]*)")
# Byte-order marks, then the XML declaration's first bytes in each wide encoding (XML 1.0
# appendix F), for documents that carry no byte-order mark.
_WIDE_ENCODING_STARTS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)


def parse_payload(payload: bytes, format: str = "auto", content_type: str = "") -> ParseResult:
    """Read a payload into items and per-item errors; WireFormatError when none can be read."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise WireFormatError(
            f"payload is {len(payload) / 1_000_000:.1f} MB; "
            f"the limit is {MAX_PAYLOAD_BYTES // (1024 * 1024)} MB"
        )
    if format == "auto":
        format = detect_format(payload, content_type)
    if format not in FORMATS:
        raise WireFormatError(f"unknown format {format!r}; expected auto or {', '.join(FORMATS)}")
    return FORMATS[format](bytes(payload))


def detect_format(payload: bytes, content_type: str = "") -> str:
    """The format name from the payload itself; the content type only when the payload is mute."""
    head = _sniffable_text(payload[:_SNIFF_BYTES])
    if head.startswith(("{", "[")):
        return "ninjs"
    if head.startswith("<"):
        return _format_of_root(_PROLOG.sub("", head))
    if payload.startswith(b"\x1f\x8b"):
        raise WireFormatError("payload is gzip-compressed; it must be decompressed before parsing")
    hinted = next((name for hint, name in CONTENT_TYPE_HINTS if hint in content_type.lower()), "")
    if hinted:
        return hinted
    if not head:
        raise WireFormatError("payload is empty")
    raise WireFormatError("unrecognised payload: neither JSON nor XML")


def _sniffable_text(head: bytes) -> str:
    for start, codec in _WIDE_ENCODING_STARTS:
        if head.startswith(start):
            return head.decode(codec, errors="replace").lstrip("\ufeff \t\r\n")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1").lstrip()


def _format_of_root(document: str) -> str:
    match = _FIRST_ELEMENT.search(document)
    if not match:
        raise WireFormatError("unrecognised XML: no root element found")
    name = match.group(1).rpartition(":")[2]
    if name.lower() in ROOT_ELEMENT_FORMATS:
        return ROOT_ELEMENT_FORMATS[name.lower()]
    if name.lower() in STORYLESS_G2_ROOTS:
        raise WireFormatError(
            f"a NewsML-G2 <{name}> carries no story; only <newsMessage> and <newsItem> are read"
        )
    if name.lower() == "html":
        raise WireFormatError("payload is an HTML page, not a feed or wire format")
    raise WireFormatError(
        f"unrecognised XML: the root element <{name}> is not RSS, Atom, NewsML-G2 or NITF"
    )
