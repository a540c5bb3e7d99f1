"""Who may manage whom: nobody takes over a peer or a superior, or hands out rights they lack.

Wagtail lets anyone with `auth.change_user` edit every account, superusers included, set its
password (and so sign in as that person), and put anyone (themselves too) in any group. The rule
here closes that: below superuser, a person may manage an account only when they outrank it, that
is, they hold every right the account has and at least one more: model permissions, page and
collection permissions (held on the same page or collection or one above it) and the workflow
tasks it may approve. So a chief editor manages writers and desk editors, but not another chief
editor, not themselves (their own details are on the account page) and no superuser; and a group
may be given only when the account still ranks below the person giving it. Superusers are managed
by superusers alone.
"""

from typing import NamedTuple

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy


class Rights(NamedTuple):
    models: set  # "app_label.codename"
    pages: set  # (permission id, page tree path)
    collections: set  # (permission id, collection tree path)
    approval_tasks: set  # task ids


def _model_permissions(permissions):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename")
    }


def _tree_rights(model, tree_field, group_ids):
    return set(
        model.objects.filter(group__in=group_ids).values_list(
            "permission_id", f"{tree_field}__path"
        )
    )


def _rights(group_ids, models):
    return Rights(
        models=models,
        pages=_tree_rights(GroupPagePermission, "page", group_ids),
        collections=_tree_rights(GroupCollectionPermission, "collection", group_ids),
        approval_tasks=set(
            GroupApprovalTask.objects.filter(groups__in=group_ids).values_list("pk", flat=True)
        ),
    )


def _rights_of_membership(group_ids, permission_ids=()):
    """The rights an account has through these groups and these permissions of its own."""
    models = _model_permissions(Permission.objects.filter(group__in=group_ids))
    models |= _model_permissions(Permission.objects.filter(pk__in=permission_ids))
    return _rights(group_ids, models)


def _covered(wanted, held):
    """Whether every (permission, tree path) wanted is held on that node or an ancestor of it."""
    return all(
        any(held_id == permission_id and path.startswith(held_path) for held_id, held_path in held)
        for permission_id, path in wanted
    )


def _covers(held, wanted):
    return (
        wanted.models <= held.models
        and _covered(wanted.pages, held.pages)
        and _covered(wanted.collections, held.collections)
        and wanted.approval_tasks <= held.approval_tasks
    )


def _outranks(held, wanted):
    return _covers(held, wanted) and not _covers(wanted, held)


def _own_rights(actor):
    return _rights([group.pk for group in actor.groups.all()], actor.get_all_permissions())


def outranks(actor, groups, permissions=()):
    """Whether actor would outrank an account that had these groups and permissions."""
    if actor.is_superuser:
        return True
    wanted = _rights_of_membership(
        [group.pk for group in groups], [permission.pk for permission in permissions]
    )
    return _outranks(_own_rights(actor), wanted)


def account_manager(actor):
    """A test of which accounts actor may edit, delete or take over, for one actor over many
    accounts (a listing): the actor's rights, and those of each set of groups, are read once."""
    if actor.is_superuser:
        return lambda target: True
    held = _own_rights(actor)
    verdicts = {}

    def may_manage(target):
        if target.is_superuser:
            return False
        membership = (
            frozenset(group.pk for group in target.groups.all()),
            frozenset(permission.pk for permission in target.user_permissions.all()),
        )
        if membership not in verdicts:
            verdicts[membership] = _outranks(held, _rights_of_membership(*membership))
        return verdicts[membership]

    return may_manage


def can_manage_user(actor, target):
    """Whether actor may edit, delete or take over target's account."""
    return account_manager(actor)(target)


def check_user_form(request, target=None):
    """Refuse a user form that touches an account the person posting may not manage, or would
    leave an account at or above their own rank.

    Wagtail's user forms offer "Administrator" and every group to anyone who may change users;
    this is the check that they only take effect for someone entitled to them.
    """
    actor = request.user
    if target is not None and not can_manage_user(actor, target):
        raise PermissionDenied
    if request.method != "POST" or actor.is_superuser:
        return
    if request.POST.get("is_superuser"):
        raise PermissionDenied
    group_ids = [value for value in request.POST.getlist("groups") if value.isdigit()]
    own_permissions = target.user_permissions.all() if target is not None else ()
    if not outranks(actor, Group.objects.filter(pk__in=group_ids), own_permissions):
        raise PermissionDenied


def check_role_assignment(request, users, role):
    """Refuse adding role to any of users when one of them would then rank at or above the
    person assigning it (Wagtail's "Assign role" bulk action adds the group to each)."""
    actor = request.user
    if actor.is_superuser:
        return
    for user in users:
        if not outranks(actor, [*user.groups.all(), role], user.user_permissions.all()):
            raise PermissionDenied


class UserPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's policy for users, narrowed per account to the ones the person may manage.

    Views that look at one account (copying it into a new one, say) ask this for permission.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_manage_user(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )
