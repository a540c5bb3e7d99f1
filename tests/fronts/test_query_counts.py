"""Queries per page, pinned. A change that adds a query per story, per card or per relation fails
here before it reaches readers. "Cold" is a fresh deploy: every cache empty. "Warm" is the page
cache off but the shared fragments (footer, latest, trending, fronts, related) already built."""

import pytest
from django.core.cache import caches
from django.utils import timezone

from dateline.analytics.counting import add_views, hour_start
from dateline.core import page_cache
from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind, StoryNote
from dateline.syndication.structured_data import IMAGE_RATIOS
from dateline.taxonomy.models import Country

pytestmark = pytest.mark.django_db

STORIES_PER_KIND = 4


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="module")
def newsroom(module_transaction, django_db_blocker):
    """Built once for the module: every test only reads it (see module_transaction)."""
    with django_db_blocker.unblock():
        return newsroom_of_every_kind()


def newsroom_of_every_kind():
    image = NewsImageFactory()
    # Renditions are made once, when a picture is first used; pin the steady state.
    image.get_renditions(*[f"fill-{w}x{w * 9 // 16}|format-webp" for w in (400, 800, 1200)])
    image.get_renditions(*IMAGE_RATIOS)
    authors = [AuthorFactory(), AuthorFactory()]
    countries = [Country.objects.get(code="IN"), Country.objects.get(code="NP")]
    stories = [
        StoryFactory(
            kind=kind,
            hero_image=image,
            authors=authors,
            countries=countries,
            tags=["water", "monsoon"],
            notes=[(StoryNote.Kind.UPDATE, "Adds figures.", timezone.now())],
        )
        for kind in StoryKind
        for _ in range(STORIES_PER_KIND)
    ]
    for story in stories[:10]:
        add_views(story.pk, hour_start(timezone.now()), 10)
    return stories


def cold():
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()
    page_cache._local.update(checked_at=0.0, purges_seen=None)


# (url, queries with every cache cold, queries with shared fragments warm)
# A page with a live story's card costs one cold query more: the state of every live story's
# coverage (running, latest update), a shared fragment that is free when warm.
PAGES = [
    # Fronts: one cold query more for the shorts strip (a shared fragment, free when warm).
    ("/", 30, 4),
    ("/editions/south-asia/", 26, 0),
    ("/latest/", 16, 3),
    ("/sectors/wash/", 17, 4),
    ("/countries/india/", 17, 4),
    ("/news/", 20, 8),
    # Search has no sidebar: its trending list (a strip on narrow screens) costs two cold queries.
    ("/search/?q=water", 16, 4),
    ("/search/?q=watr", 21, 5),
]


@pytest.mark.parametrize(("url", "cold_queries", "warm_queries"), PAGES)
def test_page_queries(client, newsroom, django_assert_num_queries, url, cold_queries, warm_queries):
    cold()
    with django_assert_num_queries(cold_queries):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(warm_queries):
        assert client.get(url).status_code == 200


def test_article_queries(client, newsroom, django_assert_num_queries):
    story = newsroom[0]
    cold()
    # One of them builds the opinion, blog and interview rail, shared by every article; one the
    # live stories' states for the cards in its sidebar; one the shorts strip, shared by every
    # article on the same sectors (free when warm).
    with django_assert_num_queries(28):
        assert client.get(story.url).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(story.url).status_code == 200


def test_query_count_does_not_grow_with_stories_on_the_page(
    client, newsroom, django_assert_num_queries
):
    StoryFactory(kind=StoryKind.NEWS, hero_image=newsroom[0].hero_image, authors=[AuthorFactory()])
    cold()
    with django_assert_num_queries(17):
        client.get("/sectors/wash/")
