"""A per-client limit on form posts, counted in the shared cache.

The client is known only by a keyed hash of its address (trusted-proxy aware), kept for the
length of the window: no address is ever stored, in the cache or anywhere else. The user agent
is left out on purpose: a client chooses it, so rotating it must not buy more posts.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from dateline.core.clients import client_address

WINDOW_SECONDS = 600


def client_fingerprint(request):
    return salted_hmac("dateline.audience.ratelimit", client_address(request)).hexdigest()[:32]


def allow_post(request, action):
    """Count this post; False once the client has made too many in the current window."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"ratelimit:{action}:{client_fingerprint(request)}:{window}"
    if cache.add(key, 1, WINDOW_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            # The entry expired between add() and incr(): this is the window's first post.
            cache.set(key, 1, WINDOW_SECONDS)
            count = 1
    return count <= settings.DATELINE_FORM_RATE_LIMIT
