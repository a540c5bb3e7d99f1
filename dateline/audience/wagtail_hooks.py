from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views

admin_urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("preview/<str:frequency>/", admin_views.preview, name="preview"),
    path("preview/<str:frequency>/message/", admin_views.preview_html, name="preview_html"),
    path("history/", admin_views.history, name="history"),
    path("history/<int:pk>/", admin_views.digest_detail, name="digest_detail"),
    path("history/<int:pk>/resend/", admin_views.resend, name="resend"),
    path("feedback/", admin_views.feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/", admin_views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/handled/", admin_views.feedback_handled, name="feedback_handled"),
]


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    return [path("newsletter/", include((admin_urlpatterns, "newsletter_admin")))]


class PermittedMenuItem(MenuItem):
    def __init__(self, label, url_name, permission, **kwargs):
        super().__init__(label, reverse(url_name), **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def newsletter_menu():
    items = [
        PermittedMenuItem(
            "Subscribers and previews",
            "newsletter_admin:overview",
            admin_views.VIEW_NEWSLETTER,
            icon_name="mail",
            order=100,
        ),
        PermittedMenuItem(
            "Send history",
            "newsletter_admin:history",
            admin_views.VIEW_NEWSLETTER,
            icon_name="history",
            order=200,
        ),
        PermittedMenuItem(
            "Feedback",
            "newsletter_admin:feedback_list",
            admin_views.VIEW_FEEDBACK,
            icon_name="comment",
            order=300,
        ),
    ]
    return SubmenuMenuItem("Newsletter", Menu(items=items), icon_name="mail", order=350)
