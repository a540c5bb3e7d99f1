"""Agency text keeps no character XML cannot carry: an auto-published wire headline goes
straight into the feeds and the Google News sitemap."""

import json

from hypothesis import given, settings

from dateline.core.text import xml_safe
from dateline.wire.formats import parse_payload
from tests.strategies import UNCARRIABLE, text_with

TEXT = text_with(UNCARRIABLE, max_size=40)


def ninjs_item(text):
    payload = {
        "uri": "urn:newsml:meridian.example:2025:floods",
        "type": "text",
        "headline": f"Floods {text}",
        "description_text": text,
        "body_html": f"<p>{text}</p>",
        "byline": text,
        "located": text,
    }
    (item,) = parse_payload(json.dumps(payload).encode(), format="ninjs").items
    return item


def test_noncharacters_leave_a_wire_headline():
    item = ninjs_item("hit\ufffe the\uffff coast\x0b")
    assert item.headline == "Floods hit the coast"
    assert item.summary == "hit the coast"
    assert item.body_html == "<p>hit the coast</p>"


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_no_text_from_the_wire_keeps_a_character_xml_cannot_carry(text):
    item = ninjs_item(text)
    for value in (item.headline, item.summary, item.body_html, item.byline, item.dateline_place):
        assert xml_safe(value) == value
