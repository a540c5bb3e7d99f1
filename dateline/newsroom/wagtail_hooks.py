from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .access import (
    UserPermissionPolicy,
    account_manager,
    can_manage_user,
    check_role_assignment,
    check_user_form,
)
from .models import Author, Desk, StoryIndexPage, StoryPage
from .stories import year_folder


@hooks.register("after_create_page")
def file_story_in_year_folder(request, page):
    """A story created straight in a section is moved into that section's folder for the year."""
    if not isinstance(page, StoryPage):
        return
    parent = page.get_parent().specific
    if isinstance(parent, StoryIndexPage):
        page.move(
            year_folder(parent, timezone.localdate().year), pos="last-child", user=request.user
        )


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role", "user"]


class DeskViewSet(SnippetViewSet):
    model = Desk
    icon = "group"


class PeopleGroup(SnippetViewSetGroup):
    menu_label = "Authors & desks"
    menu_icon = "user"
    menu_order = 250
    items = (AuthorViewSet, DeskViewSet)


register_snippet(PeopleGroup)


# No one below superuser edits, deletes or hands rights to an account at or above their own rank
# (see access.py); Wagtail's user views call these before they show or save anything. Registered
# here rather than in an AppConfig because wagtail.users registers its own policy in ready().
register_permission_policy(get_user_model(), UserPermissionPolicy(get_user_model()))


@hooks.register("before_create_user")
def refuse_escalating_new_user(request):
    check_user_form(request)


@hooks.register("before_edit_user")
def refuse_editing_a_peer_or_superior(request, user):
    check_user_form(request, user)


@hooks.register("before_delete_user")
def refuse_deleting_a_peer_or_superior(request, user):
    if not can_manage_user(request.user, user):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def refuse_bulk_escalation(request, action_type, objects, action_class_instance):
    if action_class_instance.model is not get_user_model() or request.user.is_superuser:
        return
    if not all(map(account_manager(request.user), objects)):
        raise PermissionDenied
    role = action_class_instance.cleaned_form.cleaned_data.get("role")
    if role is not None:
        check_role_assignment(request, objects, role)
