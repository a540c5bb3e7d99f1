"""Readers' pages read from PostgreSQL read replicas; everything else uses the primary.

A request reads from a replica only when it is a reader's: a GET, HEAD or OPTIONS outside the
admin and the wire, from a client with no session (editors always read the primary, so their
session is never looked up on a replica that has not received it yet) and not pinned. Writes,
and every read outside a request (the worker, management commands, the shell, tests), use the
primary.

A request that writes reads from the primary from then on, and pins its client to the primary for
DATELINE_REPLICA_PIN_SECONDS with a cookie, so that whoever saved something sees it on the reader
site while the replicas catch up. The page cache serves no pinned request for the same reason.

A replica that does not answer is left out for DATELINE_REPLICA_RETRY_SECONDS; meanwhile its
readers read the primary.
"""

import logging
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA_PREFIX = "replica_"
READER_METHODS = ("GET", "HEAD", "OPTIONS")
# Editors' screens show what they are about to change; the wire's push endpoint checks for repeats.
PRIMARY_PATHS = ("/admin/", "/django-admin/", "/wire/")
# A page view's beacon stores a counted view that no reader reads back; pinning every reader after
# each page view would take them off the replicas and out of the page cache.
UNPINNED_PATHS = ("/beacon/",)
# Django starts every statement with its verb; a SELECT ... FOR UPDATE goes to the primary anyway.
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")

logger = logging.getLogger(__name__)

# The alias this request reads from; outside a request, the primary.
_reads_from = ContextVar("dateline_reads_from", default=DEFAULT_DB_ALIAS)
# Replica alias -> time.monotonic() before which it is not tried again.
_left_out_until = {}


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


def is_pinned(request):
    try:
        return float(request.COOKIES.get(settings.DATELINE_REPLICA_PIN_COOKIE, "")) > time.time()
    except ValueError:
        return False


def is_reader_request(request):
    return (
        request.method in READER_METHODS
        and not request.path.startswith(PRIMARY_PATHS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not is_pinned(request)
    )


def is_write(sql):
    return sql.lstrip()[:6].upper() in WRITE_VERBS


def answering_replica():
    """A replica chosen at random among those that answer, or None when none does."""
    now = time.monotonic()
    candidates = [alias for alias in replica_aliases() if _left_out_until.get(alias, 0.0) <= now]
    random.shuffle(candidates)
    for alias in candidates:
        connection = connections[alias]
        try:
            # The health check Django would run before this request's first query
            # (CONN_HEALTH_CHECKS), run now so that a replica gone since the last request is
            # found here, where the primary can still stand in, instead of failing the page.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DatabaseError as error:
            logger.warning("Read replica %s left out: %s", alias, error)
            _left_out_until[alias] = now + settings.DATELINE_REPLICA_RETRY_SECONDS
            continue
        return alias
    return None


def pin_to_primary(response):
    seconds = settings.DATELINE_REPLICA_PIN_SECONDS
    response.set_cookie(
        settings.DATELINE_REPLICA_PIN_COOKIE,
        str(int(time.time() + seconds)),
        max_age=seconds,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReplicaMiddleware:
    """Chooses the database each request reads from, and pins clients that wrote."""

    def __init__(self, get_response):
        if not replica_aliases():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        replica = answering_replica() if is_reader_request(request) else None
        token = _reads_from.set(replica or DEFAULT_DB_ALIAS)
        wrote = False

        def watch_for_writes(execute, sql, params, many, context):
            nonlocal wrote
            if not wrote and is_write(sql):
                wrote = True
                # What this request reads next may be what it just wrote.
                _reads_from.set(DEFAULT_DB_ALIAS)
            return execute(sql, params, many, context)

        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(watch_for_writes):
                response = self.get_response(request)
        finally:
            _reads_from.reset(token)
        if wrote and not request.path.startswith(UNPINNED_PATHS):
            pin_to_primary(response)
        return response


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return _reads_from.get()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the primary's rows: an object read from one relates to any other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
