"""The newsroom's roles as groups, and the desk review every story passes before it goes live."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import DeskReviewTask, StoryIndexPage

WRITER = "Writer"
DESK_EDITOR = "Desk editor"
CHIEF_EDITOR = "Chief editor"

PAGE_PERMISSIONS = {
    WRITER: ["add_page"],
    DESK_EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    CHIEF_EDITOR: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
# Wagtail checks images against its own Image model's permissions (wagtailimages.add_image, …)
# whatever the custom image model is: the media app's own add_newsimage grants nothing there.
IMAGE_PERMISSIONS = {
    WRITER: ["add_image", "choose_image"],
    DESK_EDITOR: ["add_image", "change_image", "choose_image"],
    CHIEF_EDITOR: ["add_image", "change_image", "delete_image", "choose_image"],
}
DOCUMENT_PERMISSIONS = {
    WRITER: ["add_document", "choose_document"],
    DESK_EDITOR: ["add_document", "change_document", "choose_document"],
    CHIEF_EDITOR: ["add_document", "change_document", "delete_document", "choose_document"],
}
# Model permissions by (app label, codename).
MODEL_PERMISSIONS = {
    WRITER: [("wagtailadmin", "access_admin")],
    DESK_EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("newsroom", "add_author"),
        ("newsroom", "change_author"),
    ],
    CHIEF_EDITOR: [
        ("wagtailadmin", "access_admin"),
        *[
            (app, f"{action}_{model}")
            for app, models in {
                "taxonomy": ["sector", "edition", "country", "agency"],
                "newsroom": ["author", "desk"],
                "auth": ["user"],
                "wagtailredirects": ["redirect"],
            }.items()
            for model in models
            for action in ("add", "change", "delete")
        ],
        ("core", "change_sitesettings"),
    ],
}

DESK_REVIEW = "Desk review"
# What Wagtail's own migrations set up for any site: two groups and an approval workflow on the
# root page. Beside the newsroom's roles and desk review they only confuse whoever assigns roles.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def _permissions(pairs):
    found = []
    for app_label, codename in pairs:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def ensure_roles(root_page):
    """Create or repair the three newsroom groups and the desk review workflow under root_page,
    with none of Wagtail's default groups and workflow beside them."""
    root_collection = Collection.get_first_root_node()
    sections = list(StoryIndexPage.objects.descendant_of(root_page))
    groups = {}
    for name in (WRITER, DESK_EDITOR, CHIEF_EDITOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*_permissions(MODEL_PERMISSIONS[name]))
        # Writers work inside the story sections; editors also look after the pages around them.
        pages = sections if name == WRITER else [root_page]
        for page in pages:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
        for app_label, table in (
            ("wagtailimages", IMAGE_PERMISSIONS),
            ("wagtaildocs", DOCUMENT_PERMISSIONS),
        ):
            for codename in table[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )

    task = GroupApprovalTask.objects.filter(name=DESK_REVIEW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=DESK_REVIEW)
    # A proxy's rows carry the proxy's content type only when told: Wagtail reads it to give the
    # task its desk review behaviour.
    task.content_type = ContentType.objects.get_for_model(DeskReviewTask, for_concrete_model=False)
    task.save(update_fields=["content_type"])
    task.groups.set([groups[DESK_EDITOR], groups[CHIEF_EDITOR]])
    workflow, _ = Workflow.objects.get_or_create(name=DESK_REVIEW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    remove_wagtail_default_roles(global_apps)
    return groups


def grant_permissions(app_label, codenames_by_group):
    """Give an app's permissions to newsroom groups that exist, e.g. {"Chief editor": [...]}.

    Apps that the newsroom knows nothing of (the wire desk, the newsletter, the API) call this
    when the site is set up, so the roles stay defined in one place.
    """
    for group_name, codenames in codenames_by_group.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def grant_permissions_in_migration(apps, app_label, codenames_by_group):
    """grant_permissions for a data migration: its app registry, and the app's permissions made
    first (Django makes them only after every migration has run)."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in codenames_by_group.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def remove_wagtail_default_roles(apps):
    """Delete Wagtail's default groups and "Moderators approval" workflow and task.

    `apps` is an app registry: a migration's, or the global one at set-up. What someone has
    used is kept: a group that still has members, a workflow or task with a review on record.
    """
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, workflow_states__isnull=True).delete()
    Task.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW, workflow_tasks__isnull=True, task_states__isnull=True
    ).delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
