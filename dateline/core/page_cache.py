"""A whole-page cache for anonymous readers, held in each process's memory.

A hit costs no database query and no network round trip. Publishing bumps a generation number in
the shared cache (Redis when configured); each process looks at it at most once a second, so a
publish reaches every process within a second without a round trip on every hit.
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.module_loading import import_string

GENERATION_KEY = "page-cache-generation"
GENERATION_CHECK_SECONDS = 1.0
UNCACHEABLE_PREFIXES = ("/admin/", "/django-admin/", "/beacon/", "/static/", "/media/", "/healthz")

# Parameters that say where a reader came from, never what the page shows. A page reached with
# them is the page without them, so they share one cache entry.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "twclid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
    }
)

_local_generation = {"value": None, "checked_at": 0.0}


def current_generation():
    now = time.monotonic()
    if now - _local_generation["checked_at"] > GENERATION_CHECK_SECONDS:
        _local_generation["value"] = caches["default"].get_or_set(GENERATION_KEY, 1, None)
        _local_generation["checked_at"] = now
    return _local_generation["value"]


def invalidate_pages():
    """Make every process drop its cached pages; called when something is published."""
    default = caches["default"]
    try:
        default.incr(GENERATION_KEY)
    except ValueError:
        default.set(GENERATION_KEY, 2, None)
    caches["pages"].clear()
    caches["fragments"].clear()
    _local_generation["checked_at"] = 0.0


def page_address(request):
    """The path and query that decide the page: tracking parameters dropped, the rest in order."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return request.path
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    )
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def _is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHEABLE_PREFIXES)
    )


def _is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in (200, 301, 404)
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.pages = caches["pages"]
        # Besides its URL, what an anonymous reader sees depends only on their edition. The page
        # cache asks the module that decides it for the page, so the two never disagree.
        self.edition_key = import_string(settings.DATELINE_READER_EDITION_KEY)

    def __call__(self, request):
        timeout = settings.DATELINE_PAGE_CACHE_SECONDS
        if not timeout or not _is_cacheable_request(request):
            return self.get_response(request)
        url = f"{request.get_host()}|{page_address(request)}|{self.edition_key(request)}"
        key = f"page:{current_generation()}:{hashlib.sha256(url.encode()).hexdigest()}"
        response = self.pages.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            # A reader or feed reader that already holds this version gets a 304 from memory too.
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if _is_cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            response["X-Page-Cache"] = "miss"
            self.pages.set(key, response, timeout)
        return response


def cached_locally(key, build, timeout):
    """A value from this process's memory, else from the shared cache, else built and kept in both.

    Each Redis round trip costs a fraction of a millisecond; a page reads several of these values.
    """
    local = caches["fragments"]
    value = local.get(key)
    if value is None:
        value = caches["default"].get_or_set(key, build, timeout)
        local.set(key, value, timeout)
    return value


def shared_fragment(name, build, timeout=300):
    """A value many pages share (latest news, the footer), rebuilt after the next publish."""
    return cached_locally(f"fragment:{name}:{current_generation()}", build, timeout)
