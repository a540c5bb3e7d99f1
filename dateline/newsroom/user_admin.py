"""The user listing links only to the accounts the viewer may manage (see access.py).

Wagtail's listing offers Edit, Copy and Delete on every row to anyone who may change users; the
views behind them refuse a peer or a superior, and the listing no longer offers what would be
refused.
"""

from django.utils.functional import cached_property
from wagtail.users.views import users

from .access import account_manager


class UserIndexView(users.IndexView):
    @cached_property
    def may_manage(self):
        return account_manager(self.request.user)

    def get_base_queryset(self):
        # Each row's rank is read from its groups and own permissions.
        return super().get_base_queryset().prefetch_related("groups", "user_permissions")

    def get_edit_url(self, instance):
        if self.may_manage(instance):
            return super().get_edit_url(instance)
        return None

    def get_copy_url(self, instance):
        if self.may_manage(instance):
            return super().get_copy_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.may_manage(instance):
            return super().get_delete_url(instance)
        return None


class UserViewSet(users.UserViewSet):
    index_view_class = UserIndexView
