"""A repeated headline is routine: the second story of the year gets its own address."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import DESK_EDITOR, WRITER
from dateline.taxonomy.models import Sector

pytestmark = pytest.mark.django_db

HEADLINE = "Floods cut off villages in Assam"


@pytest.fixture
def news(home):
    return StoryIndexPage.objects.get(kind=StoryKind.NEWS)


def story_form(**fields):
    """The story editor's form as the admin posts it: headline, slug as Wagtail's script writes
    it from the headline, summary, one paragraph and a sector."""
    data = nested_form_data(
        {
            "title": HEADLINE,
            "slug": "floods-cut-off-villages-in-assam",
            "summary": "Roads and bridges were washed away overnight.",
            "body": streamfield([("paragraph", rich_text("<p>The river peaked overnight.</p>"))]),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": "staff",
            **fields,
        }
    )
    data["sectors"] = [Sector.objects.get(slug="wash").pk]
    return data


def stories_directly_under(section):
    return StoryPage.objects.child_of(section)


@pytest.mark.parametrize(
    ("role", "action"),
    [(WRITER, {}), (DESK_EDITOR, {}), (DESK_EDITOR, {"action-publish": "action-publish"})],
    ids=["writer saves a draft", "desk editor saves a draft", "desk editor publishes"],
)
def test_a_headline_used_earlier_this_year_is_filed_under_its_own_address(
    client, news, role, action
):
    earlier = StoryFactory(headline=HEADLINE)
    client.force_login(StaffFactory(group=role))

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk]),
        story_form(**action),
    )

    assert response.status_code == 302, response.context["form"].errors
    second = StoryPage.objects.exclude(pk=earlier.pk).get(title=HEADLINE)
    assert second.slug == "floods-cut-off-villages-in-assam-2"
    assert second.get_parent().pk == earlier.get_parent().pk
    assert second.live == bool(action)
    assert not stories_directly_under(news).exists()
    if action:
        year = timezone.localdate().year
        assert second.url == f"/news/{year}/floods-cut-off-villages-in-assam-2/"
        assert client.get(second.url).status_code == 200
        assert client.get(earlier.url).status_code == 200


def test_wagtails_autosave_files_a_repeated_headline_too(client, news):
    """The editor saves the form by itself once typing pauses, asking for JSON back."""
    earlier = StoryFactory(headline=HEADLINE)
    client.force_login(StaffFactory(group=WRITER))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk]),
        story_form(),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["success"]
    second = StoryPage.objects.get(pk=response.json()["pk"])
    assert second.slug == "floods-cut-off-villages-in-assam-2"
    assert second.get_parent().pk == earlier.get_parent().pk


def test_a_third_story_with_the_headline_takes_the_next_number(client, news):
    StoryFactory(headline=HEADLINE)
    StoryFactory(headline=HEADLINE)
    client.force_login(StaffFactory(group=DESK_EDITOR))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk]),
        story_form(),
    )
    assert response.status_code == 302
    assert StoryPage.objects.filter(title=HEADLINE).latest("pk").slug.endswith("-3")


def test_a_draft_whose_headline_is_edited_to_a_used_one_is_saved(client, news):
    """Wagtail rewrites a draft's slug from its edited headline; a clash is not the editor's doing."""
    StoryFactory(headline=HEADLINE)
    draft = StoryFactory(headline="Rain expected in Assam", publish=False)
    client.force_login(StaffFactory(group=DESK_EDITOR))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), story_form())
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().slug == "floods-cut-off-villages-in-assam-2"


def test_create_story_files_repeated_headlines_and_slugs_apart(news):
    first = StoryFactory(headline=HEADLINE)
    second = StoryFactory(headline=HEADLINE)
    named = StoryFactory(headline="Another flood story", slug=first.slug)
    assert len({first.url, second.url, named.url}) == 3
    assert named.slug == f"{first.slug}-3"
    assert not stories_directly_under(news).exists()


def test_a_slug_is_only_repeated_across_years(news):
    last_year = StoryFactory(
        headline=HEADLINE,
        first_published_at=datetime(timezone.localdate().year - 1, 7, 1, 9, 0, tzinfo=UTC),
    )
    this_year = StoryFactory(headline=HEADLINE)
    assert last_year.slug == this_year.slug
    assert last_year.url != this_year.url
