"""Absolute URLs on the canonical host, for whatever leaves the site: feeds, sitemaps, mail, the API."""

from datetime import UTC

from django.conf import settings


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url):
    """An absolute URL on the canonical host; URLs that already name a host are left alone."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{base_url().split(':', 1)[0]}:{url}"
    return f"{base_url()}/{url.lstrip('/')}"


def story_url(story, request=None):
    """A story's absolute URL on the canonical host, or None if it is not routable."""
    parts = story.get_url_parts(request)
    if not parts or parts[2] is None:
        return None
    return absolute(parts[2])


def w3c_datetime(value):
    """A W3C datetime (what sitemaps want), in UTC with an explicit offset."""
    return value.astimezone(UTC).isoformat(timespec="seconds")
