"""API keys in the admin, under Settings: editors create, revoke and delete keys.

Creating a key shows its secret once, on the page that follows the form; afterwards only the
prefix is known, so a lost key is replaced, never recovered.
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ApiKey


class IssueApiKeyView(CreateView):
    def save_instance(self):
        self.secret = self.form.instance.issue_secret()
        return super().save_instance()

    def save_action(self):
        response = TemplateResponse(
            self.request,
            "syndication/api_key_created.html",
            {
                "api_key": self.object,
                "secret": self.secret,
                "index_url": reverse(self.index_url_name),
            },
        )
        add_never_cache_headers(response)
        return response


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    add_to_settings_menu = True
    menu_label = "Content API keys"
    add_view_class = IssueApiKeyView
    form_fields = ["name", "contact", "rate_limit_per_minute", "active"]
    list_display = ["name", "prefix", "contact", "rate_limit_per_minute", "active", "last_used_at"]
    list_filter = ["active"]
    search_fields = ["name", "contact", "prefix"]


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return ApiKeyViewSet("api_keys")
