"""A tag's page and feeds exist for readers only while a published story carries the tag: its
name alone would give away a draft, scheduled, embargoed, private or expired story."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage

pytestmark = pytest.mark.django_db


def tag_urls(slug):
    return [f"/tags/{slug}/", f"/feeds/tag/{slug}/", f"/feeds/tag/{slug}/atom/"]


def draft(tag):
    StoryFactory(publish=False, tags=[tag])


def scheduled(tag):
    story = StoryFactory(publish=False, tags=[tag])
    story.go_live_at = timezone.now() + timedelta(days=1)
    story.save_revision().publish()


def embargoed(tag):
    StoryFactory(embargoed_until=timezone.now() + timedelta(days=1), tags=[tag])


def private(tag):
    StoryFactory(kind=StoryKind.OPINION, tags=[tag])
    PageViewRestriction.objects.create(
        page=StoryIndexPage.objects.get(kind=StoryKind.OPINION),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )


def expired(tag):
    story = StoryFactory(tags=[tag])
    StoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(minutes=1))


@pytest.mark.parametrize("hidden", [draft, scheduled, embargoed, private, expired])
def test_a_tag_only_unpublished_stories_carry_is_not_found(client, home, hidden):
    hidden("Merger talks")
    assert not StoryPage.objects.published().filter(tags__slug="merger-talks").exists()
    for url in tag_urls("merger-talks"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Merger talks" not in response.content.decode(), url


def test_a_tag_is_found_once_a_published_story_carries_it(client, home):
    draft("Merger talks")
    assert client.get("/tags/merger-talks/").status_code == 404
    StoryFactory(headline="Talks open in public", tags=["Merger talks"])
    for url in tag_urls("merger-talks"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Talks open in public" in response.content.decode(), url
