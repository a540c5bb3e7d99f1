"""A per-client limit on form posts, counted in the shared cache.

The client is known only by a keyed hash of its address (trusted-proxy aware), kept for the
length of the window: no address is ever stored, in the cache or anywhere else. The user agent
is left out on purpose: a client chooses it, so rotating it must not buy more posts.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac

from dateline.core.clients import client_address
from dateline.core.ratelimit import count_in_window

WINDOW_SECONDS = 600


def client_fingerprint(request):
    return salted_hmac("dateline.audience.ratelimit", client_address(request)).hexdigest()[:32]


def allow_post(request, action):
    """Count this post; False once the client has made too many in the current window."""
    count = count_in_window(f"{action}:{client_fingerprint(request)}", WINDOW_SECONDS)
    return count <= settings.DATELINE_FORM_RATE_LIMIT
