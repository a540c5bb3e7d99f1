"""The assistant's place in the admin: its screens and its help in the page editor."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks

from . import picture_views

admin_urlpatterns = [
    path("pictures/", picture_views.suggested_pictures, name="suggested_pictures"),
]


@hooks.register("register_admin_urls")
def assistant_admin_urls():
    return [path("assistant/", include((admin_urlpatterns, "assistant_admin")))]


@hooks.register("insert_editor_js")
def picture_suggestions_in_the_editor():
    """Beside a story's hero image field: the library's pictures that fit the story."""
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" data-suggestions-url="{}"></script>',
        static("assistant/picture_suggestions.css"),
        static("assistant/picture_suggestions.js"),
        reverse("assistant_admin:suggested_pictures"),
    )
