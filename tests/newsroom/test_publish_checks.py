"""A story goes to readers complete: a body, a sector, and a hero image whose making is known.
A writer may still save a draft as they go; what they submit to the desk is complete."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.forms import NEEDS_BODY, NEEDS_SECTOR, NEEDS_SOURCE_TYPE
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, DESK_REVIEW, WRITER
from dateline.taxonomy.models import Sector

pytestmark = pytest.mark.django_db

HEADLINE = "Clinics in Kisumu run out of malaria tests"
PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


@pytest.fixture
def news(home):
    return StoryIndexPage.objects.get(kind=StoryKind.NEWS)


def story_form(body=True, sector=True, hero_image=None, **fields):
    data = nested_form_data(
        {
            "title": HEADLINE,
            "slug": "clinics-in-kisumu-run-out-of-malaria-tests",
            "summary": "Two district clinics turned patients away on Monday.",
            "body": streamfield(
                [("paragraph", rich_text("<p>The last kits ran out on Friday.</p>"))]
                if body
                else []
            ),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": "staff",
            **({"hero_image": hero_image.pk} if hero_image else {}),
            **fields,
        }
    )
    if sector:
        data["sectors"] = [Sector.objects.get(slug="health").pk]
    return data


def create(client, news, user, data):
    client.force_login(user)
    return client.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk]), data
    )


def errors_of(response):
    assert response.status_code == 200, "the form was accepted"
    return response.context["form"].errors


@pytest.mark.parametrize("role", [DESK_EDITOR, CHIEF_EDITOR])
def test_a_story_without_body_or_sector_is_not_published(client, news, role):
    response = create(
        client, news, StaffFactory(group=role), story_form(body=False, sector=False, **PUBLISH)
    )
    errors = errors_of(response)
    assert errors["body"] == [NEEDS_BODY]
    assert errors["sectors"] == [NEEDS_SECTOR]
    assert NEEDS_BODY in response.content.decode()
    assert not StoryPage.objects.filter(title=HEADLINE).exists()


def test_a_story_without_body_is_not_scheduled(client, news):
    go_live = timezone.localtime(timezone.now() + timedelta(hours=3))
    data = story_form(body=False, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), **PUBLISH)
    errors = errors_of(create(client, news, StaffFactory(group=DESK_EDITOR), data))
    assert errors["body"] == [NEEDS_BODY]
    assert not StoryPage.objects.filter(title=HEADLINE).exists()


def test_a_writer_cannot_submit_an_incomplete_story(client, news):
    """Desk review ends in publishing, even when the desk approves from the dashboard without
    opening the story, so what goes to the desk must already be complete."""
    response = create(
        client, news, StaffFactory(group=WRITER), story_form(body=False, sector=False, **SUBMIT)
    )
    errors = errors_of(response)
    assert errors["body"] == [NEEDS_BODY]
    assert errors["sectors"] == [NEEDS_SECTOR]
    assert not StoryPage.objects.filter(title=HEADLINE).exists()


def test_a_writer_submits_a_complete_story(client, news):
    response = create(client, news, StaffFactory(group=WRITER), story_form(**SUBMIT))
    assert response.status_code == 302
    story = StoryPage.objects.get(title=HEADLINE)
    assert not story.live
    assert story.current_workflow_state.status == "in_progress"


def test_a_writer_saves_an_incomplete_draft(client, news):
    response = create(
        client, news, StaffFactory(group=WRITER), story_form(body=False, sector=False)
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title=HEADLINE)
    assert not story.live


def test_a_hero_image_nobody_has_described_holds_the_story_back(client, news):
    undescribed = NewsImageFactory(digital_source_type="")
    data = story_form(hero_image=undescribed, **PUBLISH)
    errors = errors_of(create(client, news, StaffFactory(group=DESK_EDITOR), data))
    assert errors["hero_image"] == [NEEDS_SOURCE_TYPE]
    assert not StoryPage.objects.filter(title=HEADLINE).exists()


def test_a_complete_story_with_a_described_hero_image_is_published(client, news):
    data = story_form(hero_image=NewsImageFactory(), **PUBLISH)
    response = create(client, news, StaffFactory(group=DESK_EDITOR), data)
    assert response.status_code == 302
    assert StoryPage.objects.get(title=HEADLINE).live


def test_the_desk_finishes_a_submitted_story_before_approving_it(client, news):
    writer = StaffFactory(group=WRITER)
    story = StoryFactory(headline=HEADLINE, body=[], sectors=[], publish=False, user=writer)
    Workflow.objects.get(name=DESK_REVIEW).start(story, writer)
    client.force_login(StaffFactory(group=DESK_EDITOR))
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    approve = {"action-workflow-action": "true", "workflow-action-name": "approve"}

    errors = errors_of(client.post(url, story_form(body=False, sector=False, **approve)))
    assert errors["body"] == [NEEDS_BODY]
    assert errors["sectors"] == [NEEDS_SECTOR]
    assert not StoryPage.objects.get(pk=story.pk).live

    assert client.post(url, story_form(**approve)).status_code == 302
    assert StoryPage.objects.get(pk=story.pk).live
