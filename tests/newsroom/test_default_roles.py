"""Only the newsroom's roles and desk review: Wagtail's default groups and workflow are gone."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

from dateline.fronts.setup import ensure_site
from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.roles import (
    CHIEF_EDITOR,
    DESK_EDITOR,
    DESK_REVIEW,
    WAGTAIL_DEFAULT_WORKFLOW,
    WRITER,
)

pytestmark = pytest.mark.django_db

NEWSROOM_ROLES = {WRITER, DESK_EDITOR, CHIEF_EDITOR}


def recreate_wagtail_defaults():
    """What Wagtail's migrations make on a fresh database: two groups and an approval workflow
    on the root page whose task the Moderators carry out."""
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name=WAGTAIL_DEFAULT_WORKFLOW)
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=WAGTAIL_DEFAULT_WORKFLOW)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())


def test_a_migrated_database_has_none_of_wagtails_default_groups_or_workflow(db):
    assert not Group.objects.exclude(name__in=NEWSROOM_ROLES).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


def test_a_set_up_site_has_only_the_newsroom_roles_and_desk_review(home):
    assert set(Group.objects.values_list("name", flat=True)) == NEWSROOM_ROLES
    assert list(Workflow.objects.values_list("name", flat=True)) == [DESK_REVIEW]
    assert list(Task.objects.values_list("name", flat=True)) == [DESK_REVIEW]
    assert StoryFactory(publish=False).get_workflow().name == DESK_REVIEW


def test_set_up_removes_wagtails_defaults_and_keeps_desk_review(home):
    recreate_wagtail_defaults()
    ensure_site()
    assert set(Group.objects.values_list("name", flat=True)) == NEWSROOM_ROLES
    assert list(Workflow.objects.values_list("name", flat=True)) == [DESK_REVIEW]
    assert list(WorkflowPage.objects.values_list("workflow__name", flat=True)) == [DESK_REVIEW]
    assert StoryFactory(publish=False).get_workflow().name == DESK_REVIEW


def test_a_default_group_someone_still_belongs_to_is_kept(home):
    recreate_wagtail_defaults()
    StaffFactory(username="old-moderator", group="Moderators")
    ensure_site()
    assert set(Group.objects.values_list("name", flat=True)) == NEWSROOM_ROLES | {"Moderators"}
