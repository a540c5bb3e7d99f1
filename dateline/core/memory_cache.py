"""A cache backend for whole pages in this process's memory, bounded by bytes, not entries.

Django's local-memory cache bounds the number of entries; pages differ a hundredfold in size,
so a count says nothing about the memory a worker ends up using. Here every entry is counted by
its pickled size and the least recently used go first once the budget (OPTIONS["MAX_BYTES"]) is
reached.

Like Django's local-memory cache, instances with the same LOCATION share one store: Django makes
a cache object per thread, and a worker's threads must see one page cache, not one each.
"""

import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class _Store:
    def __init__(self):
        self.entries = OrderedDict()  # key -> (expires_at, pickled value), oldest use first
        self.bytes = 0
        self.lock = threading.Lock()


_stores = {}
_stores_lock = threading.Lock()


class BoundedMemoryCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", DEFAULT_MAX_BYTES))
        with _stores_lock:
            self._store = _stores.setdefault(location, _Store())
        self._entries = self._store.entries
        self._lock = self._store.lock

    @property
    def size_in_bytes(self):
        return self._store.bytes

    def _expires_at(self, timeout):
        timeout = self.get_backend_timeout(timeout)
        return float("inf") if timeout is None else timeout

    def _forget(self, key):
        _expires_at, blob = self._entries.pop(key)
        self._store.bytes -= len(blob)

    def _live_entry(self, key):
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= time.time():
            self._forget(key)
            return None
        return entry

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            entry = self._live_entry(key)
            if entry is None:
                return default
            self._entries.move_to_end(key)
            blob = entry[1]
        return pickle.loads(blob)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if key in self._entries:
                self._forget(key)
            if len(blob) > self.max_bytes:
                return
            self._entries[key] = (self._expires_at(timeout), blob)
            self._store.bytes += len(blob)
            while self._store.bytes > self.max_bytes:
                self._forget(next(iter(self._entries)))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._lock:
            if self._live_entry(self.make_and_validate_key(key, version=version)):
                return False
        self.set(key, value, timeout, version)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            entry = self._live_entry(key)
            if entry is None:
                return False
            self._entries[key] = (self._expires_at(timeout), entry[1])
            return True

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key not in self._entries:
                return False
            self._forget(key)
            return True

    def has_key(self, key, version=None):
        with self._lock:
            return self._live_entry(self.make_and_validate_key(key, version=version)) is not None

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._store.bytes = 0

    def delete_prefixes(self, prefixes):
        """Drop every entry whose key starts with one of `prefixes`: all the variants (query,
        edition) of the purged pages. A scan, done only when a story changes."""
        made = tuple(self.make_key(prefix) for prefix in prefixes)
        with self._lock:
            for key in [key for key in self._entries if key.startswith(made)]:
                self._forget(key)
