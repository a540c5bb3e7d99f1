"""Roles: a writer drafts and submits; a desk editor publishes; a chief editor also runs the site."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, WRITER

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home):
    return StoryIndexPage.objects.get(kind=StoryKind.NEWS)


def story_form(**fields):
    """The story editor's form as the admin posts it, with one paragraph of body."""
    return nested_form_data(
        {
            "body": streamfield([("paragraph", rich_text("<p>The river peaked overnight.</p>"))]),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": "staff",
            **fields,
        }
    )


def page_permissions(user, page):
    return page.permissions_for_user(user)


def test_writer_can_draft_but_not_publish(home, news):
    writer = StaffFactory(username="wanda", group=WRITER)
    assert page_permissions(writer, news).can_add_subpage()
    assert not page_permissions(writer, news).can_publish_subpage()
    story = StoryFactory(publish=False, user=writer)
    permissions = page_permissions(writer, Page.objects.get(pk=story.pk))
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_writer_cannot_publish_through_the_admin(client, home, news):
    writer = StaffFactory(username="wanda", group=WRITER)
    client.force_login(writer)
    story = StoryFactory(publish=False, user=writer)
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    data = story_form(
        title=story.title,
        slug=story.slug,
        summary="Edited by the writer.",
        **{"action-publish": "action-publish"},
    )
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert story.get_latest_revision_as_object().summary == "Edited by the writer."


def test_writer_submits_to_desk_review(home, news):
    writer = StaffFactory(username="wanda", group=WRITER)
    story = StoryFactory(publish=False, user=writer)
    workflow = story.get_workflow()
    assert workflow.name == "Desk review"
    workflow.start(story, writer)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = state.current_task_state.task.specific
    desk = StaffFactory(username="dara", group=DESK_EDITOR)
    assert task.user_can_access_editor(story, desk)
    assert {action[0] for action in task.get_actions(story, desk)} >= {"approve", "reject"}
    assert not task.get_actions(story, writer)


def test_desk_editor_publishes_and_unpublishes(home, news):
    desk = StaffFactory(username="dara", group=DESK_EDITOR)
    draft = StoryFactory(publish=False)
    assert page_permissions(desk, Page.objects.get(pk=draft.pk)).can_publish()
    live = StoryFactory()
    assert page_permissions(desk, Page.objects.get(pk=live.pk)).can_unpublish()
    assert not desk.has_perm("taxonomy.change_sector")


def test_chief_editor_also_runs_taxonomy_settings_and_users(home):
    chief = StaffFactory(username="chen", group=CHIEF_EDITOR)
    for permission in (
        "taxonomy.change_sector",
        "taxonomy.add_edition",
        "core.change_sitesettings",
        "auth.add_user",
        "newsroom.change_author",
    ):
        assert chief.has_perm(permission), permission
    assert page_permissions(chief, home).can_publish_subpage()


# The worker closes stale connections between ticks, so these run outside a test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scheduled_story_goes_live_when_the_worker_ticks(home, news):
    story = StoryFactory(publish=False)
    story.go_live_at = timezone.now() + timedelta(minutes=5)
    story.save_revision().publish()
    call_command("worker", once=True)
    story.refresh_from_db()
    assert not story.live
    with freeze_time(timezone.now() + timedelta(minutes=6)):
        call_command("worker", once=True)
    story.refresh_from_db()
    assert story.live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_expired_story_comes_down(home):
    story = StoryFactory()
    StoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() + timedelta(minutes=5))
    call_command("worker", once=True)
    story.refresh_from_db()
    assert story.live
    with freeze_time(timezone.now() + timedelta(minutes=6)):
        call_command("worker", once=True)
    story.refresh_from_db()
    assert not story.live and story.expired


def test_revisions_are_kept_and_compared(client, home):
    story = StoryFactory()
    story.summary = "A second version of the summary."
    story.save_revision()
    chief = StaffFactory(username="chen", group=CHIEF_EDITOR)
    client.force_login(chief)
    revisions = list(story.revisions.order_by("created_at"))
    assert len(revisions) == 2
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[story.pk, revisions[0].pk, revisions[1].pk]
    )
    response = client.get(compare)
    assert response.status_code == 200
    assert "A second version of the summary." in response.content.decode()


def test_preview_renders_unsaved_body(client, home):
    story = StoryFactory()
    chief = StaffFactory(username="chen", group=CHIEF_EDITOR)
    client.force_login(chief)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[story.pk]))
    assert response.status_code == 200
    assert story.title in response.content.decode()


def test_writer_cannot_add_pages_outside_the_story_sections(home, news):
    writer = StaffFactory(username="wanda", group=WRITER)
    assert not page_permissions(writer, home).can_add_subpage()
    assert page_permissions(writer, news).can_add_subpage()


def test_story_created_in_a_section_is_filed_in_the_year_folder(client, home, news):
    writer = StaffFactory(username="wanda", group=WRITER)
    client.force_login(writer)
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk])
    data = story_form(
        title="Flood defences hold in Assam",
        slug="flood-defences-hold-in-assam",
        summary="Embankments held as the river peaked.",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    story = StoryPage.objects.get(slug="flood-defences-hold-in-assam")
    folder = story.get_parent().specific
    assert folder.title == str(timezone.localdate().year)
    assert folder.get_parent().pk == news.pk
    assert not story.live
    assert story.kind == StoryKind.NEWS
