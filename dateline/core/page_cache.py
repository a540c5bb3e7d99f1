"""A whole-page cache for anonymous readers, held in each process's memory, and the caching
headers that let any shared cache in front (the shipped nginx edge, a CDN) hold the same pages.

A hit costs no database query and no network round trip. What changes is announced in the shared
cache (Redis when configured), which each process reads at most every GENERATION_CHECK_SECONDS:

- a story published, updated or withdrawn names the paths it appears on (`invalidate_paths`);
  every process drops its copies of just those pages, whatever their query or edition, and the
  shared fragments (latest, fronts, trending) are rebuilt once;
- a change every page shows (site settings, the navigation's sectors and editions, restrictions)
  bumps the page generation (`invalidate_pages`), which drops every cached page.
"""

import hashlib
import threading
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe
from django.utils.module_loading import import_string
from django.utils.text import compress_string

GENERATION_KEY = "page-cache-generation"
FRAGMENT_GENERATION_KEY = "fragment-generation"
PURGE_SEQUENCE_KEY = "page-cache-purges"
PURGE_ENTRY_KEY = "page-cache-purge:{}"
# How long a purge stays readable in the shared cache; a process that missed more than that (or
# more than MAX_PURGES_BEHIND purges) drops all its pages instead.
PURGE_ENTRY_SECONDS = 600
MAX_PURGES_BEHIND = 200
GENERATION_CHECK_SECONDS = 0.25
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

_local = {
    "generation": None,
    "fragment_generation": None,
    "purges_seen": None,
    "checked_at": 0.0,
    "lock": threading.Lock(),
}


def _sync_with_shared_cache():
    """Read what other processes announced; drop the pages purged since the last look."""
    now = time.monotonic()
    if now - _local["checked_at"] <= GENERATION_CHECK_SECONDS:
        return
    with _local["lock"]:
        if now - _local["checked_at"] <= GENERATION_CHECK_SECONDS:
            return
        default = caches["default"]
        shared = default.get_many([GENERATION_KEY, FRAGMENT_GENERATION_KEY, PURGE_SEQUENCE_KEY])
        _local["generation"] = shared.get(GENERATION_KEY) or 1
        _local["fragment_generation"] = shared.get(FRAGMENT_GENERATION_KEY) or 1
        purges = shared.get(PURGE_SEQUENCE_KEY) or 0
        seen = _local["purges_seen"]
        if seen is not None and purges != seen:
            _drop_purged_pages(default, seen, purges)
        _local["purges_seen"] = purges
        _local["checked_at"] = now


def _drop_purged_pages(default, seen, purges):
    wanted = [PURGE_ENTRY_KEY.format(number) for number in range(seen + 1, purges + 1)]
    entries = default.get_many(wanted) if 0 < len(wanted) <= MAX_PURGES_BEHIND else {}
    if len(entries) != len(wanted) or not wanted:
        # Too far behind to know what changed (or the counter went back, as when Redis
        # restarted empty): every page goes.
        caches["pages"].clear()
        caches["fragments"].clear()
        return
    for paths in entries.values():
        _drop_local_paths(paths)


def current_generation():
    _sync_with_shared_cache()
    return _local["generation"]


def current_fragment_generation():
    _sync_with_shared_cache()
    return _local["fragment_generation"]


def _bump(key):
    default = caches["default"]
    try:
        return default.incr(key)
    except ValueError:
        default.set(key, 2, None)
        return 2


def invalidate_pages():
    """Make every process drop its cached pages: for a change that every page shows."""
    _bump(GENERATION_KEY)
    _bump(FRAGMENT_GENERATION_KEY)
    caches["pages"].clear()
    caches["fragments"].clear()
    _local["checked_at"] = 0.0


def invalidate_paths(paths):
    """Make every process drop its cached copies of these paths (every query and edition of
    each), and rebuild the shared fragments once; for a change to one story."""
    paths = sorted(set(paths))
    if not paths:
        return
    default = caches["default"]
    number = _bump(PURGE_SEQUENCE_KEY)
    default.set(PURGE_ENTRY_KEY.format(number), paths, PURGE_ENTRY_SECONDS)
    _bump(FRAGMENT_GENERATION_KEY)
    caches["fragments"].clear()
    _drop_local_paths(paths)
    _local["checked_at"] = 0.0


def _path_prefix(path):
    return f"page:{hashlib.sha256(path.encode()).hexdigest()[:32]}:"


def _drop_local_paths(paths):
    caches["pages"].delete_prefixes([_path_prefix(path) for path in paths])


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
        # A client that just wrote reads from the primary (core/db_router.py), not from a copy.
        and settings.DATELINE_REPLICA_PIN_COOKIE not in request.COOKIES
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


def shared_cache_control():
    return (
        f"public, max-age=0, s-maxage={settings.DATELINE_CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.DATELINE_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.DATELINE_CACHE_STALE_IF_ERROR}"
    )


def add_caching_headers(request, response):
    """Tell every cache on the way what it may do with this response.

    A page any anonymous reader may see is public for shared caches (`s-maxage`, served stale
    while one request refreshes it or while the app is down) and revalidated by browsers with its
    ETag; a page for a signed-in person, or one that sets a cookie, is private and never stored.
    A view that decided for itself (the admin, the API, health checks, feeds) is left alone.
    """
    if getattr(request, "varies_on", None):
        patch_vary_headers(response, request.varies_on)
    if request.method not in ("GET", "HEAD") or request.path.startswith(UNCACHEABLE_PREFIXES):
        return
    if response.has_header("Cache-Control"):
        # A feed or sitemap says how long its readers may keep it; shared caches get the
        # site's rule on top, so they too serve it stale and keep it no longer than a page.
        if "public" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]:
            patch_cache_control(
                response,
                s_maxage=settings.DATELINE_CACHE_S_MAXAGE,
                stale_while_revalidate=settings.DATELINE_CACHE_STALE_WHILE_REVALIDATE,
                stale_if_error=settings.DATELINE_CACHE_STALE_IF_ERROR,
            )
        return
    if _is_cacheable_request(request) and _is_cacheable_response(response):
        response["Cache-Control"] = shared_cache_control()
        if not response.has_header("ETag"):
            set_response_etag(response)
        _vary_only_on_what_was_read(request, response)
    else:
        response["Cache-Control"] = "private, no-store"


def _vary_only_on_what_was_read(request, response):
    """Sessions add `Vary: Cookie` whenever a template looks for a signed-in user (the editors'
    userbar). A public page is the page for no one signed in, and whoever is signed in gets a
    private one from the app; so `Cookie` stays only if the page read a cookie for its content
    (the edition chosen without an edge in front)."""
    if "Cookie" in getattr(request, "varies_on", ()) or not response.has_header("Vary"):
        return
    kept = [
        header.strip()
        for header in response["Vary"].split(",")
        if header.strip() and header.strip().lower() != "cookie"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _conditional(request, response):
    """A reader or feed reader that already holds this version gets a 304."""
    if request.method not in ("GET", "HEAD"):
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


# Public pages are compressed once, when they are cached, not on every hit: by this process for
# readers who ask for gzip, and for the edge, which asks for gzip, keeps the compressed bytes and
# unpacks them for the rare client that cannot take them. Only public pages: a page with a
# secret in it (a CSRF token) is never compressed beside text a client chose (BREACH).
GZIP_SUFFIX = ":gzip"
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
MIN_COMPRESSED_BYTES = 512


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def gzipped(response):
    """A gzip copy of a public response, or None when compressing would not help."""
    if (
        response.streaming
        or response.has_header("Content-Encoding")
        or len(response.content) < MIN_COMPRESSED_BYTES
        or not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
    ):
        return None
    patch_vary_headers(response, ["Accept-Encoding"])
    compressed = HttpResponse(compress_string(response.content), status=response.status_code)
    for name, value in response.items():
        compressed[name] = value
    compressed["Content-Encoding"] = "gzip"
    compressed["Content-Length"] = str(len(compressed.content))
    # Another representation of the same page: the ETag stays, marked weak, as Django's gzip
    # middleware does, so a browser revalidating either copy gets its 304.
    if response.has_header("ETag") and not response["ETag"].startswith("W/"):
        compressed["ETag"] = "W/" + response["ETag"]
    return compressed


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
            response = self.get_response(request)
            add_caching_headers(request, response)
            if response.streaming:
                return response
            if _accepts_gzip(request) and "public" in response.get("Cache-Control", ""):
                response = gzipped(response) or response
            return _conditional(request, response)
        variant = f"{request.get_host()}|{page_address(request)}|{self.edition_key(request)}"
        key = (
            f"{_path_prefix(request.path)}{current_generation()}:"
            f"{hashlib.sha256(variant.encode()).hexdigest()}"
        )
        wants_gzip = _accepts_gzip(request)
        response = (wants_gzip and self.pages.get(key + GZIP_SUFFIX)) or self.pages.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return _conditional(request, response)
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        add_caching_headers(request, response)
        if not _is_cacheable_response(response):
            return response if response.streaming else _conditional(request, response)
        response["X-Page-Cache"] = "miss"
        compressed = gzipped(response)
        self.pages.set(key, response, timeout)
        if compressed is not None:
            self.pages.set(key + GZIP_SUFFIX, compressed, timeout)
            if wants_gzip:
                response = compressed
        return _conditional(request, response)


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
    return cached_locally(f"fragment:{name}:{current_fragment_generation()}", build, timeout)
