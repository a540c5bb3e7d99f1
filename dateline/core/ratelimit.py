"""Counting events in fixed windows in the shared cache: the rate limits' one counter."""

import time

from django.core.cache import cache


def count_in_window(name, window_seconds):
    """Count one more event under `name` in the current window and return the window's count."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{name}:{window}"
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): this is the window's first event.
        cache.set(key, 1, window_seconds)
        return 1
