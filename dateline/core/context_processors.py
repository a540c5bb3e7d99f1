from django.conf import settings


def site_context(request):
    return {"site_name": settings.WAGTAIL_SITE_NAME, "base_url": settings.WAGTAILADMIN_BASE_URL}
