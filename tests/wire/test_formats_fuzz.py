"""Fuzzing every parser: whatever comes in, only a ParseResult or a WireFormatError comes out."""

import json
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.wire.formats import FORMATS, ParseResult, WireFormatError, parse_payload

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NINJS_PROPERTIES = [
    "uri", "guid", "type", "version", "versioncreated", "versionCreated", "firstcreated",
    "firstCreated", "embargoed", "embargoedUntil", "urgency", "language", "headline",
    "headline_main", "headlines", "body_html", "body_text", "body_xhtml", "bodies",
    "description_text", "descriptions", "byline", "by", "located", "subject", "subjects",
    "renditions", "associations", "copyrightholder", "copyrightHolder", "standard",
    "$standard", "$schema",
]  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["value", "role", "contentType", "href", "width",
                                       "name", "uri", "literal", "scheme", "code", "type",
                                       "renditions", "version"]) | st.text(max_size=5),
                      inner, max_size=5),
    max_leaves=12,
)  # fmt: skip
NINJS_OBJECTS = st.dictionaries(st.sampled_from(NINJS_PROPERTIES), JSON_VALUES, max_size=12)
XML_TEXT = st.text(max_size=40)
ELEMENT_NAMES = {
    "rss": ["channel", "item", "title", "guid", "link", "description", "pubDate", "enclosure",
            "category", "author", "language", "source"],
    "newsml-g2": ["itemMeta", "contentMeta", "contentSet", "headline", "versionCreated",
                  "firstCreated", "embargoed", "urgency", "subject", "by", "located",
                  "inlineXML", "remoteContent", "provider", "name", "description"],
    "nitf": ["head", "docdata", "doc-id", "urgency", "date.issue", "body", "body.head",
             "hedline", "hl1", "byline", "dateline", "abstract", "body.content", "p", "media",
             "media-reference"],
}  # fmt: skip
ATTRIBUTE_NAMES = ["guid", "version", "qcode", "href", "contenttype", "width", "id-string",
                   "ed-urg", "norm", "source", "role", "literal", "tag", "url", "type"]  # fmt: skip
ROOTS = {"rss": "rss", "newsml-g2": "newsItem", "nitf": "nitf"}


def assert_clean_outcome(parse, payload: bytes) -> None:
    try:
        result = parse(payload)
    except WireFormatError as error:
        assert str(error)
        return
    assert isinstance(result, ParseResult)
    for item in result.items:
        assert item.headline and item.guid
        item.raw.encode("utf-8")
        item.body_html.encode("utf-8")


def xml_elements(format_name: str):
    names = st.sampled_from(ELEMENT_NAMES[format_name])
    attributes = st.dictionaries(st.sampled_from(ATTRIBUTE_NAMES), XML_TEXT, max_size=3)

    def element(children):
        return st.tuples(names, attributes, XML_TEXT, children).map(
            lambda parts: "<{0}{1}>{2}{3}</{0}>".format(
                parts[0],
                "".join(f" {key}={quoteattr(value)}" for key, value in parts[1].items()),
                escape(parts[2]),
                "".join(parts[3]),
            )
        )

    return st.recursive(
        element(st.just([])), lambda inner: element(st.lists(inner, max_size=4)), max_leaves=15
    )


@FUZZ
@given(payload=st.binary(max_size=2000), format_name=st.sampled_from(["auto", *FORMATS]))
def test_arbitrary_bytes(payload, format_name):
    assert_clean_outcome(lambda data: parse_payload(data, format=format_name), payload)


@FUZZ
@given(
    prefix=st.sampled_from(
        [b"<rss>", b"<nitf>", b"<newsItem>", b"{", b"[", b"<?xml ", b"\xff\xfe"]
    ),
    payload=st.binary(max_size=500),
)
def test_bytes_that_start_like_a_format(prefix, payload):
    assert_clean_outcome(parse_payload, prefix + payload)


@FUZZ
@given(batch=st.lists(NINJS_OBJECTS | JSON_VALUES, max_size=4), single=NINJS_OBJECTS)
def test_ninjs_objects_with_random_types(batch, single):
    for document in (batch, single):
        payload = json.dumps(document).encode()
        assert_clean_outcome(FORMATS["ninjs"], payload)


@FUZZ
@given(data=st.data(), format_name=st.sampled_from(list(ROOTS)))
def test_xml_with_random_structure_text_and_attributes(data, format_name):
    children = data.draw(st.lists(xml_elements(format_name), max_size=4))
    root = ROOTS[format_name]
    attributes = ' guid="g" version="1"' if root == "newsItem" else ""
    payload = f"<{root}{attributes}>{''.join(children)}</{root}>".encode("utf-8", "surrogatepass")
    assert_clean_outcome(FORMATS[format_name], payload)
    assert_clean_outcome(parse_payload, payload)


@pytest.mark.parametrize("root", ["rss", "feed", "rdf:RDF"])
def test_a_nesting_that_breaks_feedparser_is_refused_cleanly(root):
    # Found by the fuzz test above: feedparser itself raised KeyError('links') on it.
    payload = f"<{root}><item><channel><link><item>\x1f</item></link></channel></item></{root}>"
    assert_clean_outcome(FORMATS["rss"], payload.encode())
    assert_clean_outcome(parse_payload, payload.encode())
