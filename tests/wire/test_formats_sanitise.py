"""The cleaning rules every format shares, and how a payload's format is recognised."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.wire.formats import WireFormatError, detect_format, parse_payload
from dateline.wire.formats.sanitise import (
    clean_html,
    clean_text,
    parse_datetime,
    parse_urgency,
    subject_from_uri,
)


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("  Fed &amp; ECB <b>cut</b>\n rates ", "Fed & ECB cut rates"),
        ("AT&T buys <3 startups", "AT&T buys <3 startups"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Minister resigns", "Minister resigns"),
        ("<p>First.</p><p>Second.</p>", "First. Second."),
        ("Bell\x07 and\x00 null\x9b", "Bell and null"),
        ("lone \ud800 surrogate", "lone surrogate"),
        ("&lt;b&gt;double&lt;/b&gt; escaped", "double escaped"),
    ],
)
def test_clean_text(raw, plain):
    assert clean_text(raw) == plain


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_never_leaves_a_tag_or_control_character(text):
    plain = clean_text(text)
    assert "<script" not in plain.lower()
    assert not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in plain)
    assert plain == plain.strip()


def test_clean_html_keeps_structure_and_drops_danger():
    html = clean_html(
        '<h1>Top</h1><h2 class="x">Sub</h2><ul><li>one</li></ul><blockquote>q</blockquote>'
        '<table><tr><td colspan="2">cell</td></tr></table>'
        '<p>mail <a href="mailto:desk@example.org">desk</a> '
        '<a href="ftp://example.org/x">ftp</a><a href="JaVaScRiPt:alert(1)">js</a></p>'
        '<noscript>hidden</noscript><div onmouseover="x()">div text</div>'
    )
    assert html.startswith("<h2>Top</h2><h2>Sub</h2><ul><li>one</li></ul>")
    assert "<blockquote>q</blockquote>" in html
    assert '<td colspan="2">cell</td>' in html
    assert 'href="mailto:desk@example.org"' in html
    assert "ftp://" not in html and "alert" not in html and "hidden" not in html
    assert "onmouseover" not in html and "div text" in html


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        (
            "2018-10-21T16:25:32-05:00",
            datetime(2018, 10, 21, 16, 25, 32, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("2014-07-16T15:53:10.000Z", datetime(2014, 7, 16, 15, 53, 10, tzinfo=UTC)),
        (
            "20131020T192751+1100",
            datetime(2013, 10, 20, 19, 27, 51, tzinfo=timezone(timedelta(hours=11))),
        ),
        ("2021-05-16T09:00:04", datetime(2021, 5, 16, 9, 0, 4, tzinfo=UTC)),
        ("Wed, 31 Jan 2018 07:26:05 GMT", datetime(2018, 1, 31, 7, 26, 5, tzinfo=UTC)),
        (
            "Mon, 01 Feb 2016 17:22:00 +0100",
            datetime(2016, 2, 1, 17, 22, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("YYYYMMDD000000-HHMM", None),
        ("", None),
    ],
)
def test_parse_datetime(text, moment):
    parsed = parse_datetime(text)
    assert parsed == moment
    if moment is not None:
        assert parsed.utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    ("value", "urgency"),
    [
        (4, 4),
        ("5", 5),
        (3.0, 3),
        (0, None),
        (10, None),
        ("high", None),
        (True, None),
        (float("nan"), None),
        (None, None),
    ],
)
def test_parse_urgency(value, urgency):
    assert parse_urgency(value) == urgency


def test_iptc_newscodes_uris_become_catalogue_aliases():
    assert subject_from_uri("http://cv.iptc.org/newscodes/mediatopic/20000763") == (
        "medtop",
        "20000763",
    )
    assert subject_from_uri("https://cv.iptc.org/newscodes/subjectcode/04005000") == (
        "subj",
        "04005000",
    )
    assert subject_from_uri("http://cv.ap.org/id/86aad5207dac") == ("", "")


def test_ninjs_1_subject_scheme_and_code_become_medtop():
    payload = (
        b'{"uri": "urn:x", "headline": "H", "subject": [{"name": "labour market", '
        b'"scheme": "http://cv.iptc.org/newscodes/mediatopic/", "code": "20000523"}]}'
    )
    (item,) = parse_payload(payload).items
    assert [(s.scheme, s.code, s.name) for s in item.subjects] == [
        ("medtop", "20000523", "labour market")
    ]


@pytest.mark.parametrize(
    ("payload", "content_type", "format_name"),
    [
        (b'  {"uri": "x"}', "", "ninjs"),
        (b"\xef\xbb\xbf[]", "", "ninjs"),
        (b'<?xml version="1.0"?><!-- c --><rss version="2.0"/>', "", "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "", "rss"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "", "rss"),
        (b"<!DOCTYPE nitf SYSTEM 'nitf.dtd'><nitf/>", "", "nitf"),
        (b'<g2:newsMessage xmlns:g2="http://iptc.org/std/nar/2006-10-01/"/>', "", "newsml-g2"),
        (b"<newsItem/>", "application/json", "newsml-g2"),
        (b"garbage", "application/json; charset=utf-8", "ninjs"),
        (b"garbage", "application/rss+xml", "rss"),
    ],
)
def test_detect_format(payload, content_type, format_name):
    assert detect_format(payload, content_type) == format_name


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty"),
        (b"plain words", "neither JSON nor XML"),
        (b"<html><body>Not found</body></html>", "HTML page"),
        (b"<packageItem/>", "carries no story"),
        (b"<svg/>", "<svg>"),
        (b"\x1f\x8b\x08\x00", "gzip"),
    ],
)
def test_undetectable_payloads_say_why(payload, reason):
    with pytest.raises(WireFormatError, match=reason):
        detect_format(payload)


def test_unknown_format_name_is_an_error():
    with pytest.raises(WireFormatError, match="unknown format 'newsml-1'"):
        parse_payload(b"<NewsML/>", format="newsml-1")


def test_json_that_is_not_an_object_or_list():
    with pytest.raises(WireFormatError, match="not int"):
        parse_payload(b"42", format="ninjs")
    with pytest.raises(WireFormatError, match="not valid JSON"):
        parse_payload(b'{"uri": ', format="ninjs")
    with pytest.raises(WireFormatError, match="JSON"):
        parse_payload(b"[" * 100_000, format="ninjs")


def test_nitf_reads_the_same_with_and_without_namespace():
    plain = (
        b"<nitf><head><docdata><doc-id id-string='A1'/><urgency ed-urg='2'/>"
        b"<date.issue norm='20240102T030405+0530'/><date.release norm='20240102T120000+0530'/>"
        b"<du-key key='k' version='3'/><doc.copyright holder='Press Trust of India'/>"
        b"<identified-content><classifier type='idxSubject' idsrc='medtop' value='20000763'>"
        b"forest</classifier></identified-content></docdata></head><body><body.head>"
        b"<hedline><hl1>Monsoon arrives</hl1></hedline><byline>By A. Writer<byttl>Staff</byttl>"
        b"</byline><dateline><location><city>Kochi</city></location></dateline>"
        b"<abstract><p>Early rains.</p></abstract></body.head><body.content><p>Rain fell.</p>"
        b"<media media-type='image'><media-reference source='https://img.example/r.jpg' "
        b"mime-type='image/jpeg' width='800' height='600' alternate-text='Rain'/>"
        b"<media-caption>Clouds</media-caption><media-producer>PTI</media-producer></media>"
        b"</body.content></body></nitf>"
    )
    namespaced = plain.replace(b"<nitf>", b'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">')
    (without,) = parse_payload(plain).items
    (within,) = parse_payload(namespaced).items
    assert without.raw != within.raw
    without.raw = within.raw = ""
    assert without == within
    assert (without.guid, without.headline, without.version, without.urgency) == (
        "A1",
        "Monsoon arrives",
        "3",
        2,
    )
    assert without.agency == "Press Trust of India"
    assert without.byline == "By A. Writer, Staff"
    assert without.dateline_place == "Kochi"
    assert without.summary == "Early rains."
    assert without.body_html == "<p>Rain fell.</p>"
    assert without.version_created == datetime(2024, 1, 1, 21, 34, 5, tzinfo=UTC)
    assert without.embargoed_until == datetime(2024, 1, 2, 6, 30, tzinfo=UTC)
    assert [(s.scheme, s.code, s.name) for s in without.subjects] == [
        ("medtop", "20000763", "forest")
    ]
    (image,) = without.images
    assert (image.url, image.caption, image.credit, image.alt) == (
        "https://img.example/r.jpg",
        "Clouds",
        "PTI",
        "Rain",
    )
    assert (image.width, image.height, image.media_type) == (800, 600, "image/jpeg")


def test_rss_enclosure_image_and_feed_title_as_agency():
    payload = (
        b'<rss version="2.0"><channel><title>UN News</title><language>en</language>'
        b"<item><title>Aid reaches Gaza</title><link>https://news.un.org/a</link>"
        b"<pubDate>Tue, 02 Jan 2024 10:00:00 +0530</pubDate>"
        b'<enclosure url="https://news.un.org/a.jpg" type="image/jpeg" length="1"/>'
        b'<enclosure url="https://news.un.org/a.mp3" type="audio/mpeg" length="1"/>'
        b"<source url='https://reuters.com/'>Reuters</source></item>"
        b"<item><title>No source</title><description>Teaser</description></item>"
        b"<item><description>No title</description></item></channel></rss>"
    )
    result = parse_payload(payload)
    first, second = result.items
    assert first.guid == "https://news.un.org/a" and first.agency == "Reuters"
    assert [image.url for image in first.images] == ["https://news.un.org/a.jpg"]
    assert first.first_created.utcoffset() == timedelta(hours=5, minutes=30)
    assert second.agency == "UN News" and second.guid.startswith("urn:sha1:")
    assert second.body_html == "<p>Teaser</p>" and second.language == "en"
    assert [error.message for error in result.errors] == ["item 3 has no headline"]
    assert "No title" in result.errors[0].raw


def test_relative_links_in_a_feed_body_are_made_absolute_against_xml_base():
    payload = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://wire.example/news/">'
        b"<title>Wire</title><id>urn:wire</id><updated>2026-11-20T10:00:00Z</updated>"
        b"<entry><title>Port reopens</title><id>urn:wire:1</id>"
        b"<updated>2026-11-20T10:00:00Z</updated><content type='html'>"
        b"&lt;p&gt;See &lt;a href='port/1'&gt;the notice&lt;/a&gt; and "
        b"&lt;a href='javascript:alert(1)'&gt;this&lt;/a&gt;.&lt;/p&gt;</content></entry></feed>"
    )
    [item] = parse_payload(payload).items
    assert 'href="https://wire.example/news/port/1"' in item.body_html
    assert "javascript" not in item.body_html
