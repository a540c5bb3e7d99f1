"""The shorts strip under an article: the newest shorts, those on the story's subjects first,
sized before the posters load, and free of queries once built."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from dateline.newsroom.factories import StoryFactory
from dateline.taxonomy.models import Sector
from dateline.video.factories import ShortFactory
from dateline.video.models import Short

pytestmark = pytest.mark.django_db


def strip_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = lxml_html.fromstring(response.content).xpath("//section[@class='shorts-strip']")
    return found[0] if found else None


def titles(strip):
    return [title.text_content() for title in strip.xpath(".//*[@class='short-card__title']")]


def test_an_article_shows_ready_shorts_on_its_subjects_first(client, home):
    health = Sector.objects.get(slug="health")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    ShortFactory(title="Cholera clinics open", sectors=[health], processed_at=an_hour_ago)
    ShortFactory(title="Bridge opens in Dhaka")
    ShortFactory(title="Broken upload", status=Short.Status.FAILED)
    story = StoryFactory(headline="Cholera vaccination reaches Sylhet", sectors=[health])
    other = StoryFactory(headline="Port traffic rises")

    strip = strip_of(client, story.url)
    # Older, but on the story's subject: it leads.
    assert titles(strip) == ["Cholera clinics open", "Bridge opens in Dhaka"]
    assert titles(strip_of(client, other.url)) == ["Bridge opens in Dhaka", "Cholera clinics open"]

    heading = strip.xpath(".//h2")[0]
    assert strip.get("aria-labelledby") == heading.get("id") and heading.text == "Shorts"
    assert strip.xpath(".//a[text()='All shorts']/@href") == ["/shorts/"]
    for poster in strip.xpath(".//img"):
        # The box is reserved before the poster arrives, and lazily loaded below the story.
        assert (poster.get("width"), poster.get("height"), poster.get("loading")) == (
            "720",
            "1280",
            "lazy",
        )


def test_no_strip_without_ready_shorts(client, home):
    ShortFactory(title="Still processing", status=Short.Status.PROCESSING)
    assert strip_of(client, StoryFactory().url) is None


def test_the_strip_costs_no_query_once_built(client, home, settings, django_assert_num_queries):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    health = Sector.objects.get(slug="health")
    ShortFactory(title="Cholera clinics open", sectors=[health])
    story = StoryFactory(sectors=[health])
    neighbour = StoryFactory(sectors=[health])
    client.get(story.url)
    with CaptureQueriesContext(connection) as warm:
        client.get(story.url)
    warm_queries = len(warm)
    assert not [query for query in warm if "video_short" in query["sql"]]
    # An article on the same sectors shares the strip already built.
    client.get(neighbour.url)
    with django_assert_num_queries(warm_queries):
        assert "Cholera clinics open" in client.get(neighbour.url).content.decode()
