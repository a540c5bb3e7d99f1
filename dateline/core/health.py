"""What a load balancer or monitor asks: can this process reach the database and the cache, and is
the background worker alive?

The worker records a heartbeat while its loop turns, in the shared cache (Redis) so that every web
host sees it. Without a shared cache Dateline runs on one machine (the page cache's generation
needs Redis to span hosts), so the heartbeat then goes to a file in the var directory, which the
worker and the web processes of that machine share.
"""

import logging
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "worker-heartbeat"
HEARTBEAT_FILE_NAME = "worker-heartbeat"
HEALTH_PROBE_KEY_PREFIX = "healthz-probe"


def _cache_is_shared():
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def _heartbeat_file():
    return Path(settings.VAR_DIR) / HEARTBEAT_FILE_NAME


def record_heartbeat():
    """Note that the worker is alive now. Never raises: a heartbeat must not stop the worker."""
    now = time.time()
    try:
        if _cache_is_shared():
            caches["default"].set(HEARTBEAT_KEY, now, None)
        else:
            path = _heartbeat_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(repr(now))
    except Exception:
        logger.exception("Could not record the worker's heartbeat")


def last_heartbeat():
    """The time (seconds since the epoch) of the worker's last heartbeat, or None."""
    if _cache_is_shared():
        return caches["default"].get(HEARTBEAT_KEY)
    try:
        return float(_heartbeat_file().read_text())
    except (OSError, ValueError):
        return None


def check_database():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": str(error).strip().splitlines()[0]}
    return {"ok": True}


def check_cache():
    # The Redis cache is configured to ignore connection errors (the site keeps serving without
    # it), so an outage shows only as a value that does not come back.
    cache = caches["default"]
    key = f"{HEALTH_PROBE_KEY_PREFIX}:{uuid.uuid4().hex}"
    try:
        cache.set(key, 1, 10)
        answered = cache.get(key) == 1
        cache.delete(key)
    except Exception as error:
        return {"ok": False, "error": str(error)}
    if not answered:
        return {"ok": False, "error": "the cache did not return a value just written to it"}
    return {"ok": True}


def check_worker():
    beat = last_heartbeat()
    if beat is None:
        return {"ok": False, "last_heartbeat": None, "error": "no heartbeat from the worker"}
    age = max(0.0, time.time() - beat)
    result = {
        "ok": age <= settings.DATELINE_WORKER_HEARTBEAT_MAX_AGE,
        "last_heartbeat": datetime.fromtimestamp(beat, UTC).isoformat(timespec="seconds"),
        "age_seconds": round(age, 1),
    }
    if not result["ok"]:
        result["error"] = "the worker's last heartbeat is too old"
    return result


def health_report():
    """Whether this process can serve (database and cache), with the worker's state beside it.

    The worker is one process for every web host: if its death failed each host's check, a load
    balancer would take the whole site out of service for a background job.
    """
    checks = {"database": check_database(), "cache": check_cache(), "worker": check_worker()}
    serving = checks["database"]["ok"] and checks["cache"]["ok"]
    return {"ok": serving, "checks": checks}


def _json_answer(report, ok):
    return JsonResponse(report, status=200 if ok else 503)


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when this process can serve, 503 otherwise; JSON either way."""
    report = health_report()
    return _json_answer(report, report["ok"])


@require_safe
@never_cache
def worker_health(request):
    """For monitoring: 200 while the worker's heartbeat is fresh, 503 when it is stale or absent."""
    report = check_worker()
    return _json_answer(report, report["ok"])
