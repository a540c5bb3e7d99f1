"""The live desk's place in the admin: its screens, a menu item, and a button on live stories."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as PageActionItem

from dateline.newsroom.models import StoryKind, page_number

from . import admin_views
from .reader import live_page

admin_urlpatterns = [
    path("", admin_views.live_stories, name="stories"),
    path("<int:story_id>/", admin_views.post_updates, name="post"),
    path("<int:story_id>/end/", admin_views.set_running, {"running": False}, name="end"),
    path("<int:story_id>/resume/", admin_views.set_running, {"running": True}, name="resume"),
    path("update/<int:pk>/", admin_views.edit_update, name="edit"),
    path("update/<int:pk>/delete/", admin_views.confirm_delete, name="delete"),
]


@hooks.register("register_admin_urls")
def live_admin_urls():
    return [path("live/", include((admin_urlpatterns, "live_admin")))]


class LiveMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.POST)


@hooks.register("register_admin_menu_item")
def live_menu():
    return LiveMenuItem("Live coverage", reverse("live_admin:stories"), icon_name="pick", order=305)


@hooks.register("register_page_header_buttons")
def live_header_button(page, user, view_name=None, next_url=None):
    """On a live story's own admin screens (not in listings, where telling a live story apart
    would cost a query per row; the Live coverage menu lists them)."""
    specific = page.specific_deferred
    if getattr(specific, "kind", None) == StoryKind.LIVE and user.has_perm(admin_views.POST):
        yield PageActionItem(
            "Post live updates", reverse("live_admin:post", args=[page.pk]), "pick", priority=5
        )


@hooks.register("before_serve_page")
def read_live_page(page, request, serve_args, serve_kwargs):
    """A live story's page of updates, read before its template runs so that a page number out
    of range is a 404 rather than an empty page."""
    if getattr(page, "kind", None) == StoryKind.LIVE:
        request.live_page = live_page(page.pk, page_number(request))
