from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind, StoryPage
from dateline.syndication import sitemaps
from dateline.taxonomy.models import Sector
from dateline.video.factories import ShortFactory
from dateline.video.models import AI_VIDEO_DISCLAIMER, Short

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "video": "http://www.google.com/schemas/sitemap-video/1.1",
}


@pytest.fixture
def stories(home):
    now = timezone.now()
    ravi = AuthorFactory(name="Ravi Menon", slug="ravi-menon")
    AuthorFactory(name="Never Published", slug="never-published")
    return {
        "fresh": StoryFactory(
            headline="Fresh story with a picture",
            authors=[ravi],
            hero_image=NewsImageFactory(),
            first_published_at=now - timedelta(hours=2),
        ),
        "opinion": StoryFactory(
            headline="Fresh opinion",
            kind=StoryKind.OPINION,
            first_published_at=now - timedelta(hours=47),
        ),
        "old": StoryFactory(headline="Three days old", first_published_at=now - timedelta(days=3)),
        "draft": StoryFactory(headline="Draft", publish=False),
    }


def fetch(client, schemas, url):
    """A sitemap file, checked against the XSD for its root element."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    kind = etree.QName(root).localname
    schema = schemas[kind]
    assert schema.validate(root), (url, [str(e) for e in schema.error_log])
    return root


def locs(root):
    return [loc.text for loc in root.iterfind("sm:*/sm:loc", NS)]


def test_every_sitemap_validates(client, stories, sitemap_schemas):
    index = fetch(client, sitemap_schemas, "/sitemap.xml")
    children = locs(index)
    assert children == [
        f"{BASE}/sitemaps/stories-1.xml",
        f"{BASE}/sitemaps/listings.xml",
        f"{BASE}/sitemaps/authors.xml",
        f"{BASE}/sitemap-news.xml",
    ]
    for child in children:
        root = fetch(client, sitemap_schemas, child.removeprefix(BASE))
        assert all(loc.startswith(f"{BASE}/") for loc in locs(root)), child


def test_story_sitemap_has_live_stories_with_images(client, stories, sitemap_schemas):
    root = fetch(client, sitemap_schemas, "/sitemaps/stories-1.xml")
    found = locs(root)
    fresh = stories["fresh"]
    assert f"{BASE}{fresh.url}" in found
    assert f"{BASE}{stories['old'].url}" in found
    assert len(found) == 3  # no draft
    entry = root.find(f"sm:url[sm:loc='{BASE}{fresh.url}']", NS)
    lastmod = timezone.datetime.fromisoformat(entry.findtext("sm:lastmod", namespaces=NS))
    assert abs(lastmod - fresh.last_published_at) < timedelta(seconds=1)
    image = entry.findtext("image:image/image:loc", namespaces=NS)
    assert image.startswith(f"{BASE}/media/original_images/")


def test_story_sitemaps_are_paged(client, stories, sitemap_schemas, monkeypatch):
    monkeypatch.setattr(sitemaps, "STORIES_PER_SITEMAP", 2)
    children = locs(fetch(client, sitemap_schemas, "/sitemap.xml"))
    assert f"{BASE}/sitemaps/stories-2.xml" in children
    assert f"{BASE}/sitemaps/stories-3.xml" not in children
    first = locs(fetch(client, sitemap_schemas, "/sitemaps/stories-1.xml"))
    second = locs(fetch(client, sitemap_schemas, "/sitemaps/stories-2.xml"))
    assert len(first) == 2 and len(second) == 1
    assert first[0] == f"{BASE}{stories['old'].url}"  # oldest first: pages stay put
    for page in (0, 3, 99):
        assert client.get(f"/sitemaps/stories-{page}.xml").status_code == 404


def test_listings_and_authors(client, stories, sitemap_schemas):
    listings = locs(fetch(client, sitemap_schemas, "/sitemaps/listings.xml"))
    for path in (
        "/",
        "/latest/",
        "/news/",
        "/opinion/",
        "/briefs/",
        "/sectors/wash/",
        "/sectors/sports/",
        "/editions/global/",
        "/editions/south-asia/",
        "/countries/india/",
    ):
        assert f"{BASE}{path}" in listings, path
    assert f"{BASE}/countries/kenya/" not in listings  # no stories there
    authors = locs(fetch(client, sitemap_schemas, "/sitemaps/authors.xml"))
    assert authors == [f"{BASE}/authors/", f"{BASE}/authors/ravi-menon/"]
    assert client.get("/authors/ravi-menon/").status_code == 200


def test_news_sitemap_holds_only_the_last_48_hours(client, stories, sitemap_schemas):
    root = fetch(client, sitemap_schemas, "/sitemap-news.xml")
    entries = root.findall("sm:url", NS)
    assert [e.findtext("sm:loc", namespaces=NS) for e in entries] == [
        f"{BASE}{stories['fresh'].url}",
        f"{BASE}{stories['opinion'].url}",
    ]
    news = entries[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Dateline"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh story with a picture"
    published = timezone.datetime.fromisoformat(
        news.findtext("news:publication_date", namespaces=NS)
    )
    assert abs(published - stories["fresh"].first_published_at) < timedelta(seconds=1)
    assert entries[1].findtext("news:news/news:genres", namespaces=NS) == "Opinion"


def test_news_sitemap_is_capped(client, home, monkeypatch, sitemap_schemas):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    for number in range(3):
        StoryFactory(headline=f"Recent {number}")
    root = fetch(client, sitemap_schemas, "/sitemap-news.xml")
    assert len(root.findall("sm:url/news:news", NS)) == 2


def test_empty_site_sitemaps_are_still_valid(client, home, sitemap_schemas):
    index = fetch(client, sitemap_schemas, "/sitemap.xml")
    assert f"{BASE}/sitemaps/stories-1.xml" not in locs(index)
    for child in locs(index):
        fetch(client, sitemap_schemas, child.removeprefix(BASE))
    news = fetch(client, sitemap_schemas, "/sitemap-news.xml")
    assert locs(news) == [f"{BASE}/"]
    assert client.get("/sitemaps/stories-1.xml").status_code == 404


def test_expired_stories_are_left_out(client, stories, sitemap_schemas):
    StoryPage.objects.filter(pk=stories["fresh"].pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    assert f"{BASE}{stories['fresh'].url}" not in locs(
        fetch(client, sitemap_schemas, "/sitemaps/stories-1.xml")
    )
    assert f"{BASE}{stories['fresh'].url}" not in locs(
        fetch(client, sitemap_schemas, "/sitemap-news.xml")
    )


def test_sitemap_queries_are_bounded(client, home, django_assert_max_num_queries):
    for number in range(15):
        StoryFactory(headline=f"Bounded {number}", hero_image=NewsImageFactory())
        ShortFactory(sectors=[Sector.objects.get(slug="health")])
    for url in (
        "/sitemap.xml",
        "/sitemaps/stories-1.xml",
        "/sitemaps/listings.xml",
        "/sitemaps/authors.xml",
        "/sitemap-news.xml",
        "/sitemaps/shorts.xml",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200, url


def test_robots_txt_names_the_sitemap(client, home):
    text = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text


def test_video_sitemap_lists_ready_shorts_with_their_video(client, home, sitemap_schemas):
    health = Sector.objects.get(slug="health")
    generated = ShortFactory(
        title="Cholera clinics open across Sylhet district " * 4,
        caption="Nurses at a clinic. " * 150,
        digital_source_type="trainedAlgorithmicMedia",
        sectors=[health],
    )
    filmed = ShortFactory(title="Bridge opens in Dhaka", duration=7.6)
    ShortFactory(title="Broken upload", status=Short.Status.FAILED)
    ShortFactory(title="Still processing", status=Short.Status.PROCESSING)

    assert f"{BASE}/sitemaps/shorts.xml" in locs(fetch(client, sitemap_schemas, "/sitemap.xml"))
    # Checked against sitemap.xsd with Google's video extension: the title and description are
    # clipped to the lengths it allows.
    root = fetch(client, sitemap_schemas, "/sitemaps/shorts.xml")
    assert locs(root) == [f"{BASE}/shorts/{filmed.pk}/", f"{BASE}/shorts/{generated.pk}/"]

    video = root.find(f"sm:url[sm:loc='{BASE}/shorts/{filmed.pk}/']/video:video", NS)
    assert video.findtext("video:title", namespaces=NS) == "Bridge opens in Dhaka"
    assert video.findtext("video:thumbnail_loc", namespaces=NS) == (
        f"{BASE}/media/shorts/bridge-opens-in-dhaka/poster.jpg"
    )
    assert video.findtext("video:content_loc", namespaces=NS) == (
        f"{BASE}/media/shorts/bridge-opens-in-dhaka/720p.mp4"
    )
    assert video.findtext("video:duration", namespaces=NS) == "8"
    published = timezone.datetime.fromisoformat(
        video.findtext("video:publication_date", namespaces=NS)
    )
    assert abs(published - filmed.processed_at) < timedelta(seconds=1)
    assert video.findtext("video:requires_subscription", namespaces=NS) == "no"

    video = root.find(f"sm:url[sm:loc='{BASE}/shorts/{generated.pk}/']/video:video", NS)
    assert len(video.findtext("video:title", namespaces=NS)) == 100
    description = video.findtext("video:description", namespaces=NS)
    assert len(description) <= 2048 and description.startswith("Nurses at a clinic.")
    # A long caption gives way to the disclaimer, never the other way round.
    assert description.endswith(f"… {AI_VIDEO_DISCLAIMER}")
    assert [tag.text for tag in video.iterfind("video:tag", NS)] == ["Health"]


def test_no_video_sitemap_without_a_ready_short(client, home, sitemap_schemas):
    ShortFactory(title="Broken upload", status=Short.Status.FAILED)
    children = locs(fetch(client, sitemap_schemas, "/sitemap.xml"))
    assert f"{BASE}/sitemaps/shorts.xml" not in children
    assert client.get("/sitemaps/shorts.xml").status_code == 404


def test_the_video_sitemap_costs_two_queries_whatever_its_length(
    client, home, django_assert_num_queries
):
    health, wash = Sector.objects.get(slug="health"), Sector.objects.get(slug="wash")
    for _ in range(12):
        ShortFactory(sectors=[health, wash])
    # The shorts, and the sectors of all of them.
    with django_assert_num_queries(2):
        assert client.get("/sitemaps/shorts.xml").status_code == 200
