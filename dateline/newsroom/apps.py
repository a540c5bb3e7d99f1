from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class NewsroomConfig(AppConfig):
    name = "dateline.newsroom"
    label = "newsroom"
    # This module holds the user admin's config too: this one is the app's own.
    default = True

    def ready(self):
        from . import signals

        signals.connect()


class UserAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the newsroom's user listing (see user_admin.py)."""

    user_viewset = "dateline.newsroom.user_admin.UserViewSet"
