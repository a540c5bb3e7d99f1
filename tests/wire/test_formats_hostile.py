"""Hostile payloads: entity bombs, external entities, oversized bodies, broken encodings and
script injection. Each must end in a clean WireFormatError or in harmless items."""

import json
import socket
import tracemalloc

import pytest

from dateline.wire.formats import (
    FORMATS,
    MAX_PAYLOAD_BYTES,
    WireFormatError,
    newsml_g2,
    nitf,
    parse_payload,
    rss,
)

XML_PARSERS = {"rss": rss.parse, "newsml-g2": newsml_g2.parse, "nitf": nitf.parse}
DOCUMENTS = {
    "rss": '<rss version="2.0"><channel><title>T</title><item><title>{text}</title>'
    "<guid>g1</guid><description>{text}</description></item></channel></rss>",
    "newsml-g2": '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g1" version="1">'
    "<contentMeta><headline>{text}</headline></contentMeta></newsItem>",
    "nitf": "<nitf><head><docdata><doc-id id-string='g1'/></docdata></head><body><body.head>"
    "<hedline><hl1>{text}</hl1></hedline></body.head>"
    "<body.content><p>{text}</p></body.content></body></nitf>",
}
ROOTS = {"rss": "rss", "newsml-g2": "newsItem", "nitf": "nitf"}
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE {root} [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def document(format_name: str, text: str, prolog: str = "") -> bytes:
    return (prolog + DOCUMENTS[format_name].format(text=text)).encode()


@pytest.fixture
def listening_socket():
    """A local port that records whether anything connected to it."""
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    yield server
    server.close()


def assert_nobody_connected(server: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        server.accept()


@pytest.mark.parametrize("format_name", XML_PARSERS)
def test_billion_laughs_is_refused(format_name):
    payload = document(format_name, "&lol9;", BILLION_LAUGHS.format(root=ROOTS[format_name]))
    for parse in (XML_PARSERS[format_name], parse_payload):
        with pytest.raises(WireFormatError, match="declares XML entities"):
            parse(payload)


@pytest.mark.parametrize("format_name", XML_PARSERS)
def test_billion_laughs_in_utf16_is_refused(format_name):
    prolog = BILLION_LAUGHS.format(root=ROOTS[format_name]).replace(
        '"1.0"', '"1.0" encoding="UTF-16"'
    )
    payload = (prolog + DOCUMENTS[format_name].format(text="&lol9;")).encode("utf-16")
    with pytest.raises(WireFormatError, match="declares XML entities"):
        XML_PARSERS[format_name](payload)


@pytest.mark.parametrize("format_name", XML_PARSERS)
def test_external_file_entity_is_refused_without_reading(format_name, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    for target in (f"file://{secret}", "file:///etc/passwd"):
        prolog = f'<!DOCTYPE {ROOTS[format_name]} [<!ENTITY xxe SYSTEM "{target}">]>'
        payload = document(format_name, "&xxe;", prolog)
        for parse in (XML_PARSERS[format_name], parse_payload):
            with pytest.raises(WireFormatError) as raised:
                parse(payload)
            assert "TOP-SECRET-MARKER" not in str(raised.value)
            assert "root:" not in str(raised.value)


@pytest.mark.parametrize("format_name", XML_PARSERS)
def test_external_http_entity_is_refused_without_connecting(format_name, listening_socket):
    port = listening_socket.getsockname()[1]
    prolog = (
        f'<!DOCTYPE {ROOTS[format_name]} [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/steal">]>'
    )
    with pytest.raises(WireFormatError, match="declares XML entities"):
        parse_payload(document(format_name, "&xxe;", prolog))
    assert_nobody_connected(listening_socket)


@pytest.mark.parametrize("format_name", XML_PARSERS)
def test_external_dtd_is_never_fetched(format_name, listening_socket):
    port = listening_socket.getsockname()[1]
    prolog = f'<!DOCTYPE {ROOTS[format_name]} SYSTEM "http://127.0.0.1:{port}/format.dtd">'
    result = parse_payload(document(format_name, "Quiet headline", prolog))
    assert [item.headline for item in result.items] == ["Quiet headline"]
    assert_nobody_connected(listening_socket)


@pytest.mark.parametrize("format_name", ["newsml-g2", "nitf"])
def test_local_external_dtd_is_never_loaded(format_name, tmp_path):
    dtd = tmp_path / "format.dtd"
    dtd.write_text('<!ENTITY marker "TOP-SECRET-MARKER">')
    prolog = f'<!DOCTYPE {ROOTS[format_name]} SYSTEM "file://{dtd}">'
    try:
        result = parse_payload(document(format_name, "Headline &marker;", prolog))
    except WireFormatError as error:
        assert "TOP-SECRET-MARKER" not in str(error)
        return
    assert "TOP-SECRET-MARKER" not in repr(result)


def test_feed_parser_never_opens_a_payload_as_a_file_name(tmp_path):
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes(document("rss", "Read from disk"))
    with pytest.raises(WireFormatError):
        rss.parse(str(feed_file).encode())


def test_oversized_payload_is_refused_before_any_copy():
    payload = bytes(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(WireFormatError) as raised:
            parse_payload(payload, format="rss")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(raised.value) == "payload is 104.9 MB; the limit is 10 MB"
    assert peak < 1024 * 1024


def test_payload_at_the_limit_is_read():
    paragraph = "<p>" + "x" * 993 + "</p>"
    payload = document("nitf", "Limit")
    paragraphs = paragraph * ((MAX_PAYLOAD_BYTES - len(payload)) // len(paragraph))
    payload = payload.replace(b"<p>Limit</p>", paragraphs.encode())
    assert MAX_PAYLOAD_BYTES - 1000 < len(payload) <= MAX_PAYLOAD_BYTES
    (item,) = parse_payload(payload).items
    assert item.headline == "Limit"
    with pytest.raises(WireFormatError, match="the limit is 10 MB"):
        parse_payload(payload + b" " * (MAX_PAYLOAD_BYTES - len(payload) + 1))


def test_invalid_utf8_in_json_becomes_replacement_characters():
    payload = b'{"uri": "urn:x", "headline": "Caf\xe9 \xff\xfe opens"}'
    (item,) = parse_payload(payload).items
    assert item.headline == "Caf\ufffd \ufffd\ufffd opens"


@pytest.mark.parametrize("format_name", XML_PARSERS)
def test_invalid_utf8_in_xml_is_an_error_or_a_clean_item(format_name):
    payload = document(format_name, "Caf").replace(b"Caf", b"Caf\xe9\xff", 1)
    try:
        result = parse_payload(payload)
    except WireFormatError as error:
        assert str(error)
        return
    for item in result.items:
        item.headline.encode("utf-8")


SCRIPT_HEADLINE = "<script>alert('headline')</script>Minister <b>resigns</b>"
HOSTILE_BODY = (
    '<p onclick="steal()">Kept <a href="javascript:alert(1)">link</a> '
    '<a href="https://example.org/">safe</a></p>'
    "<script>alert('body')</script><style>p{color:red}</style>"
    '<iframe src="https://evil.example/">framed words</iframe><img src=x onerror=alert(1)>'
)


def assert_harmless(item):
    assert item.headline == "Minister resigns"
    body = item.body_html
    assert "Kept" in body and '<a href="https://example.org/"' in body
    for trace in (
        "script",
        "alert",
        "onclick",
        "javascript:",
        "color:red",
        "framed words",
        "iframe",
        "onerror",
        "<img",
    ):
        assert trace not in body, trace


def test_script_in_ninjs_headline_and_body():
    payload = json.dumps(
        {
            "uri": "urn:x",
            "headlines": [{"value": SCRIPT_HEADLINE}],
            "bodies": [{"contentType": "text/html", "value": HOSTILE_BODY}],
        }
    ).encode()
    assert_harmless(parse_payload(payload).items[0])


def test_script_in_rss_title_and_description():
    escaped_headline = SCRIPT_HEADLINE.replace("&", "&amp;").replace("<", "&lt;")
    escaped_body = HOSTILE_BODY.replace("&", "&amp;").replace("<", "&lt;")
    payload = DOCUMENTS["rss"].replace(
        "<title>{text}</title>", f"<title>{escaped_headline}</title>"
    )
    payload = payload.replace("{text}", escaped_body).encode()
    assert_harmless(parse_payload(payload).items[0])


def test_script_in_g2_headline_and_xhtml_body():
    escaped_headline = SCRIPT_HEADLINE.replace("<", "&lt;")
    body = HOSTILE_BODY.replace("<img src=x onerror=alert(1)>", '<img src="x" onerror="alert(1)"/>')
    payload = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g1" version="1">'
        f"<contentMeta><headline>{escaped_headline}</headline></contentMeta><contentSet>"
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<body>{body}</body></html></inlineXML></contentSet></newsItem>"
    ).encode()
    assert_harmless(parse_payload(payload).items[0])


def test_script_in_nitf_headline_and_body():
    escaped_headline = SCRIPT_HEADLINE.replace("<", "&lt;")
    body = HOSTILE_BODY.replace("<img src=x onerror=alert(1)>", '<img src="x" onerror="alert(1)"/>')
    payload = document("nitf", "X").replace(
        b"<hl1>X</hl1>", f"<hl1>{escaped_headline}</hl1>".encode()
    )
    payload = payload.replace(b"<p>X</p>", body.encode())
    assert_harmless(parse_payload(payload).items[0])


def test_every_format_is_covered_by_the_hostile_documents():
    assert set(XML_PARSERS) | {"ninjs"} == set(FORMATS)
