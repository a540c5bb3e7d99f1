"""The shorts feed: RSS and Atom, each short with its MP4 as the enclosure, found from /shorts/."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from dateline.taxonomy.models import Sector
from dateline.video.factories import ShortFactory
from dateline.video.models import AI_VIDEO_DISCLAIMER, Short

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
FEEDS = ["/feeds/shorts/", "/feeds/shorts/atom/"]


@pytest.fixture
def shorts(home):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    return {
        "filmed": ShortFactory(
            title="Bridge opens in Dhaka & Narayanganj",
            folder="shorts/bridge",
            credit="Jane Doe / Test Agency",
            sectors=[Sector.objects.get(slug="transport")],
            processed_at=an_hour_ago,
        ),
        "generated": ShortFactory(
            title="How a monsoon forms",
            digital_source_type="trainedAlgorithmicMedia",
            mp4_720_bytes=None,
        ),
        "failed": ShortFactory(title="Broken upload", status=Short.Status.FAILED),
    }


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


@pytest.mark.parametrize("url", FEEDS)
def test_the_feeds_parse_cleanly_and_hold_ready_shorts_only(client, shorts, atom_schema, url):
    response, parsed = parse(client, url)
    atom = url.endswith("/atom/")
    assert parsed.version == ("atom10" if atom else "rss20")
    assert response["Content-Type"].startswith(
        "application/atom+xml" if atom else "application/rss+xml"
    )
    if atom:
        root = etree.fromstring(response.content)
        assert atom_schema.validate(root), atom_schema.error_log
    assert parsed.feed.title == "Shorts | Dateline"
    assert parsed.feed.link == f"{BASE}/shorts/"
    assert [entry.title for entry in parsed.entries] == [
        "How a monsoon forms",
        "Bridge opens in Dhaka & Narayanganj",
    ]


@pytest.mark.parametrize("url", FEEDS)
def test_each_short_carries_its_video_as_an_enclosure(client, shorts, url):
    _response, parsed = parse(client, url)
    filmed = shorts["filmed"]
    entry = parsed.entries[1]
    assert entry.link == f"{BASE}/shorts/{filmed.pk}/"
    assert entry.id == f"tag:127.0.0.1,{filmed.created_at.date().isoformat()}:short:{filmed.pk}"
    (enclosure,) = entry.enclosures
    mp4 = f"{BASE}/media/shorts/bridge/720p.mp4"
    assert (enclosure.href, enclosure.type, enclosure.length) == (mp4, "video/mp4", "2400000")
    video = entry.media_content[0]
    assert (video["url"], video["medium"], video["duration"]) == (mp4, "video", "12")
    assert (video["width"], video["height"], video["filesize"]) == ("720", "1280", "2400000")
    assert entry.media_thumbnail[0]["url"].endswith("/poster.jpg")
    assert entry.media_credit[0]["content"] == "Jane Doe / Test Agency"
    assert {tag.term for tag in entry.tags} == {"Transport"}

    generated = parsed.entries[0]
    assert generated.summary.endswith(AI_VIDEO_DISCLAIMER)
    # A size nobody measured is 0, "unknown", as RSS readers expect, never a guess.
    assert generated.enclosures[0].length == "0"
    assert "filesize" not in generated.media_content[0]


def test_the_shorts_page_links_its_feeds(client, shorts):
    page = lxml_html.fromstring(client.get("/shorts/").content)
    advertised = {
        link.get("type"): link.get("href") for link in page.xpath("//link[@rel='alternate']")
    }
    assert advertised["application/rss+xml"] == f"{BASE}/feeds/shorts/"
    assert advertised["application/atom+xml"] == f"{BASE}/feeds/shorts/atom/"
    assert page.xpath("//a[@class='feed-link']/@href") == ["/feeds/shorts/"]


def test_conditional_get_follows_what_the_feed_says(client, shorts, settings):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    first = client.get("/feeds/shorts/")
    etag = first["ETag"]
    assert "max-age=300" in first["Cache-Control"]
    assert client.get("/feeds/shorts/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    # A retitled short changes no date, but it changes the feed.
    Short.objects.filter(pk=shorts["filmed"].pk).update(title="Bridge opens at last")
    fresh = client.get("/feeds/shorts/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and b"Bridge opens at last" in fresh.content


@pytest.mark.parametrize("url", FEEDS)
def test_an_empty_feed_is_valid(client, home, url):
    _response, parsed = parse(client, url)
    assert parsed.entries == []


def test_the_feed_costs_two_queries_whatever_its_length(client, home, django_assert_num_queries):
    transport = Sector.objects.get(slug="transport")
    for _ in range(12):
        ShortFactory(sectors=[transport])
    # The shorts, and their sectors in one more.
    for url in FEEDS:
        with django_assert_num_queries(2):
            assert client.get(url).status_code == 200


def test_post_is_refused(client, home):
    assert client.post("/feeds/shorts/").status_code == 405
