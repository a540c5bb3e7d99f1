"""Readers' shorts pages: the list, a short's own player page, its structured data."""

import json
import re

import pytest

from dateline.core import page_cache
from dateline.newsroom.factories import StoryFactory
from dateline.taxonomy.models import Sector
from dateline.video.factories import ShortFactory
from dateline.video.models import AI_VIDEO_DISCLAIMER, Short

pytestmark = pytest.mark.django_db


def make_short(title, status=Short.Status.READY, **fields):
    return ShortFactory(title=title, status=status, **fields)


@pytest.fixture(autouse=True)
def fresh_pages():
    page_cache._local.update(checked_at=0.0, purges_seen=None)


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))["@graph"][0]


def test_the_shorts_page_lists_ready_shorts_only(client, home):
    make_short("Sylhet floods recede")
    make_short("Broken upload", status=Short.Status.FAILED)
    make_short("Still processing", status=Short.Status.PROCESSING)
    page = client.get("/shorts/").content.decode()
    assert "Sylhet floods recede" in page
    assert "Broken upload" not in page and "Still processing" not in page
    assert 'width="720" height="1280"' in page  # the poster's box is sized before it loads


def test_a_short_has_a_player_that_works_without_javascript(client, home):
    short = make_short(
        "Sylhet floods recede",
        digital_source_type="trainedAlgorithmicMedia",
    )
    response = client.get(f"/shorts/{short.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    video = re.search(r"<video [^>]*>", page).group(0)
    for attribute in ("controls", 'width="720"', 'height="1280"', "poster="):
        assert attribute in video
    sources = re.findall(r'<source src="([^"]+)" type="([^"]+)"', page)
    assert [kind for _src, kind in sources] == [
        "application/vnd.apple.mpegurl",
        "video/mp4",
        "video/mp4",
    ]
    assert "Dateline video desk" in page and "12 seconds" in page
    assert AI_VIDEO_DISCLAIMER in page


def test_a_short_says_what_it_is_to_search_engines(client, home):
    short = make_short("Sylhet floods recede")
    video = json_ld(client.get(f"/shorts/{short.pk}/").content.decode())
    assert video["@type"] == "VideoObject"
    assert video["name"] == "Sylhet floods recede"
    assert video["description"].startswith("Sylhet floods recede: what")
    assert video["duration"] == "PT12S"
    assert video["uploadDate"] == short.created_at.isoformat()
    assert video["contentUrl"].endswith("/720p.mp4") and video["contentUrl"].startswith("http")
    assert video["embedUrl"].endswith(f"/shorts/{short.pk}/")
    assert [url.rsplit(".", 1)[1] for url in video["thumbnailUrl"]] == ["jpg", "webp"]


def test_a_short_links_stories_on_its_sectors(client, home):
    health = Sector.objects.get(slug="health")
    short = make_short("Cholera clinics open")
    short.sectors.add(health)
    StoryFactory(headline="Cholera vaccination reaches Sylhet", sectors=[health])
    StoryFactory(headline="Bridge opens in Dhaka", sectors=[Sector.objects.get(slug="transport")])
    page = client.get(f"/shorts/{short.pk}/").content.decode()
    assert "Cholera vaccination reaches Sylhet" in page
    assert "Bridge opens in Dhaka" not in page


@pytest.mark.parametrize("path", ["/shorts/999999/", "/shorts/?page=0", "/shorts/?page=x"])
def test_missing_shorts_and_bad_pages_are_404(client, home, path):
    assert client.get(path).status_code == 404


def test_a_failed_short_has_no_reader_page(client, home):
    short = make_short("Broken upload", status=Short.Status.FAILED)
    assert client.get(f"/shorts/{short.pk}/").status_code == 404


@pytest.mark.parametrize(("path", "queries"), [("/shorts/", 1), ("short", 5)])
def test_shorts_pages_queries_are_pinned(
    client, home, settings, django_assert_num_queries, path, queries
):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    shorts = [make_short(f"Short number {number}") for number in range(6)]
    health = Sector.objects.get(slug="health")
    for short in shorts:
        short.sectors.add(health)
    for number in range(5):
        StoryFactory(headline=f"Health story {number}", sectors=[health])
    url = f"/shorts/{shorts[0].pk}/" if path == "short" else path
    client.get(url)  # shared fragments (footer, trending) built once
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_fronts_show_the_newest_shorts(client, home):
    short = make_short("Sylhet floods recede")
    make_short("Broken upload", status=Short.Status.FAILED)
    for path in ("/", "/editions/south-asia/"):
        page = client.get(path).content.decode()
        assert 'id="shorts-strip-heading"' in page
        assert f'href="/shorts/{short.pk}/"' in page and "Broken upload" not in page
