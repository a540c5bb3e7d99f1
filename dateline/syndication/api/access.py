"""Who may call the API and how often: keys from request headers and a per-key rate limit.

The limit is a fixed window per minute counted with an atomic increment in the default cache, so
all processes share it when the cache is Redis. When the cache is unreachable requests are let
through: readers of the API should not suffer for a cache outage.
"""

import time

from django.core.cache import cache
from django.utils import timezone

from dateline.syndication.models import active_key

from .errors import ApiError

# Names a client might put a key under in the query string, where it would end up in logs.
QUERY_KEY_NAMES = frozenset({"api_key", "apikey", "key", "access_token", "token"})
WINDOW_SECONDS = 60
AUTHENTICATE = 'Bearer realm="api", charset="UTF-8"'


def refuse_key_in_query(request):
    for name in request.GET:
        if name.lower() in QUERY_KEY_NAMES:
            raise ApiError(
                400,
                "key_in_query_string",
                "API keys are never accepted in the query string, where they end up in logs and "
                "browser history. Send it in an 'Authorization: Bearer <key>' or "
                "'X-API-Key: <key>' header, and replace this key: it has been exposed.",
                parameter=name,
            )


def presented_key(request):
    authorization = request.headers.get("Authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-API-Key", "").strip()


def unauthorised(code, message):
    return ApiError(401, code, message, headers={"WWW-Authenticate": AUTHENTICATE})


def authenticate(request):
    """The active ApiKey this request presents; a 401 ApiError otherwise."""
    secret = presented_key(request)
    if not secret:
        raise unauthorised(
            "missing_api_key",
            "This API needs a key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
        )
    api_key = active_key(secret)
    if api_key is None:
        raise unauthorised("invalid_api_key", "This API key is not valid or has been revoked.")
    api_key.note_use(timezone.now())
    return api_key


def count_request(api_key, now=None):
    """Count one request against the key's limit; returns the headers that describe the limit.

    Raises a 429 ApiError once the limit for the current minute is used up.
    """
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    counter = f"api-rate:{api_key.pk}:{window}"
    # add() is a no-op when the counter exists, so concurrent first requests cannot reset it.
    cache.add(counter, 0, WINDOW_SECONDS * 2)
    try:
        used = cache.incr(counter)
    except ValueError:
        # The counter expired between add() and incr(): this is the window's first request.
        cache.set(counter, 1, WINDOW_SECONDS * 2)
        used = 1
    limit = api_key.rate_limit_per_minute
    resets_in = WINDOW_SECONDS - int(now % WINDOW_SECONDS)
    headers = {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(max(limit - (used or 0), 0)),
        "X-RateLimit-Reset": str(resets_in),
    }
    if used is not None and used > limit:
        raise ApiError(
            429,
            "rate_limited",
            f"This key may make {limit} requests a minute; try again in {resets_in} seconds.",
            headers={**headers, "Retry-After": str(resets_in)},
        )
    return headers
