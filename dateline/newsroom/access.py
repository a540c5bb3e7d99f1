"""Who may manage whom: nobody hands out, or takes over, more than they hold themselves.

Wagtail lets anyone with `auth.change_user` edit every account, superusers included, and put
anyone (themselves too) in any group. The rule here closes that: below superuser, a person may
manage an account, or grant a group, only when every right it carries is one they hold already:
model permissions, page and collection permissions (held on the same page or collection or one
above it) and the workflow tasks it may approve. Superusers are managed by superusers alone.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy


def _model_permissions(permissions):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename")
    }


def _covered(wanted, held):
    """Whether every (permission, tree path) wanted is held on that node or an ancestor of it."""
    return all(
        any(held_id == permission_id and path.startswith(held_path) for held_id, held_path in held)
        for permission_id, path in wanted
    )


def _page_rights(groups):
    return set(
        GroupPagePermission.objects.filter(group__in=groups).values_list(
            "permission_id", "page__path"
        )
    )


def _collection_rights(groups):
    return set(
        GroupCollectionPermission.objects.filter(group__in=groups).values_list(
            "permission_id", "collection__path"
        )
    )


def _approval_tasks(groups):
    return set(GroupApprovalTask.objects.filter(groups__in=groups).values_list("pk", flat=True))


def holds_all_rights_of(actor, groups, permissions=None):
    """Whether actor already holds every right that membership of groups (and permissions) gives."""
    if actor.is_superuser:
        return True
    groups = list(groups)
    own_groups = list(actor.groups.all())
    wanted = _model_permissions(Permission.objects.filter(group__in=groups))
    if permissions is not None:
        wanted |= _model_permissions(permissions)
    return (
        wanted <= actor.get_all_permissions()
        and _covered(_page_rights(groups), _page_rights(own_groups))
        and _covered(_collection_rights(groups), _collection_rights(own_groups))
        and _approval_tasks(groups) <= _approval_tasks(own_groups)
    )


def can_manage_user(actor, target):
    """Whether actor may edit, delete or take over target's account."""
    if actor.is_superuser:
        return True
    if target.is_superuser:
        return False
    return holds_all_rights_of(actor, target.groups.all(), target.user_permissions.all())


def check_user_form(request, target=None):
    """Refuse a user form post that would hand out rights the person posting lacks.

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
    if not holds_all_rights_of(actor, Group.objects.filter(pk__in=group_ids)):
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
