from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.analytics.views import beacon
from dateline.core.health import healthz, worker_health
from dateline.core.two_factor import login as two_factor_login
from dateline.core.views import robots_txt

urlpatterns = [
    # Wagtail's login with a second step for people who enrolled an authenticator app; ahead of
    # the admin's own URLs so that it answers at the same address.
    path("admin/login/", two_factor_login.LoginView.as_view(), name="wagtailadmin_login"),
    path("admin/login/code/", two_factor_login.enter_code, name="two_factor_login_code"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("beacon/", beacon, name="beacon"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("healthz/worker", worker_health, name="worker_health"),
    path("wire/", include("dateline.wire.urls")),
    # Not under /live/: that is the section of live stories, whose year folders are numbers too.
    path("live-updates/", include("dateline.live.urls")),
    path("api/", include("dateline.syndication.api.urls")),
    path("", include("dateline.syndication.urls")),
    path("", include("dateline.audience.urls")),
    # The reader's listings: models name them "reader:…", not after the app that serves them.
    path("", include(("dateline.fronts.urls", "reader"))),
]

if settings.DATELINE_SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include(wagtail_urls)))
