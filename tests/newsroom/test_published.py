"""StoryPage.objects.published(): the one answer to "may a reader see this story?"."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage

pytestmark = pytest.mark.django_db


def test_a_story_past_its_expiry_is_gone_from_pages_and_feeds_alike(client, home):
    """Before the scheduler unpublishes it, an expired story is still live; no surface shows it."""
    StoryFactory(headline="Still running story")
    expired = StoryFactory(headline="Expired offer story")
    StoryPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    for url in ("/latest/", "/news/", "/feed/", "/sitemap-news.xml"):
        body = client.get(url).content.decode()
        assert "Still running story" in body, url
        assert "Expired offer story" not in body, url


def test_restricting_a_section_hides_its_stories_at_once(client, home):
    StoryFactory(kind=StoryKind.OPINION, headline="An opinion behind a password")
    assert "An opinion behind a password" in client.get("/latest/").content.decode()
    section = StoryIndexPage.objects.get(kind=StoryKind.OPINION)
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert "An opinion behind a password" not in client.get("/latest/").content.decode()
    assert not StoryPage.objects.published().filter(kind=StoryKind.OPINION).exists()
    restriction.delete()
    assert "An opinion behind a password" in client.get("/latest/").content.decode()
