from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from .two_factor import views as two_factor_views

two_factor_urlpatterns = [
    path("", two_factor_views.overview, name="overview"),
    path("set-up/", two_factor_views.set_up, name="set_up"),
    path("reset/<int:user_id>/", two_factor_views.reset_for_user, name="reset"),
]


@hooks.register("insert_global_admin_js")
def rich_text_written_on_submit():
    return format_html('<script src="{}"></script>', static("core/rich_text_submit.js"))


@hooks.register("register_admin_urls")
def two_factor_admin_urls():
    return [path("account/two-factor/", include((two_factor_urlpatterns, "two_factor")))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:overview"),
        "label": "Two-factor authentication",
        "help_text": "Ask for a code from your phone after your password when you sign in.",
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if request_user.is_superuser:
        yield Button(
            "Two-factor authentication",
            reverse("two_factor:reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
