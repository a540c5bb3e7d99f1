"""Fetch pulled sources on their interval: conditional GET, timeouts, a size cap, back-off.

Run by the worker every tick (DATELINE_PERIODIC_JOBS). Each source is fetched on its own; an
error is written to that source's health and pushes its next try back, and the next source is
fetched as usual. Only public internet addresses and allow-listed networks are fetched from,
redirects included (`outbound.py`): a refusal is such an error, and nothing is stored.
"""

import logging
from datetime import timedelta

import requests
from django.db.models import Q
from django.utils import timezone

from . import outbound
from .formats import MAX_PAYLOAD_BYTES
from .ingest import receive
from .models import Payload, Source

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
MAX_BACK_OFF = timedelta(hours=6)
USER_AGENT = "Dateline wire desk"


class FetchError(Exception):
    pass


def poll_due_sources():
    """Fetch every enabled pulled source whose time has come."""
    now = timezone.now()
    due = Source.objects.filter(enabled=True, delivery=Source.Delivery.PULL).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    for source in due:
        poll(source)


def poll(source):
    """Fetch one source now; returns the stored payload, or None (not modified or failed)."""
    now = timezone.now()
    source.last_polled_at = now
    try:
        body, content_type, etag, last_modified = fetch(source)
    except FetchError as error:
        source.consecutive_failures += 1
        source.last_error_at = now
        source.last_error = str(error)
        source.next_poll_at = now + back_off(source)
        source.save(
            update_fields=[
                "last_polled_at",
                "consecutive_failures",
                "last_error_at",
                "last_error",
                "next_poll_at",
            ]
        )
        logger.warning("Fetching %s failed: %s", source, error)
        return None
    source.consecutive_failures = 0
    source.last_success_at = now
    source.next_poll_at = now + timedelta(minutes=source.poll_interval_minutes)
    if body is not None:
        source.etag, source.last_modified = etag[:300], last_modified[:100]
    source.save(
        update_fields=[
            "last_polled_at",
            "consecutive_failures",
            "last_success_at",
            "next_poll_at",
            "etag",
            "last_modified",
        ]
    )
    if body is None:
        return None
    payload, _ = receive(source, body, via=Payload.Via.PULL, content_type=content_type)
    return payload


def back_off(source):
    """The interval, doubled for each failure in a row, up to MAX_BACK_OFF."""
    interval = timedelta(minutes=source.poll_interval_minutes)
    return min(interval * 2 ** min(source.consecutive_failures, 16), MAX_BACK_OFF)


def fetch(source):
    """(body or None when not modified, content type, ETag, Last-Modified) or FetchError."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    if source.pull_token:
        headers["Authorization"] = f"Bearer {source.pull_token}"
    auth = (source.pull_username, source.pull_password) if source.pull_username else None
    if not source.pull_url.lower().startswith(("http://", "https://")):
        raise FetchError("Only http and https URLs can be fetched.")
    try:
        allowed = outbound.allowed_networks()
    except ValueError as error:
        raise FetchError(str(error)) from error
    try:
        with (
            outbound.checked_session(allowed) as session,
            session.get(
                source.pull_url,
                headers=headers,
                auth=auth,
                timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                stream=True,
                allow_redirects=True,
            ) as response,
        ):
            if response.status_code == 304:
                return None, "", source.etag, source.last_modified
            if response.status_code != 200:
                raise FetchError(f"The server answered HTTP {response.status_code}.")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_PAYLOAD_BYTES:
                raise FetchError(too_big(int(declared)))
            body = bytearray()
            for chunk in response.iter_content(chunk_size=65536):
                body += chunk
                if len(body) > MAX_PAYLOAD_BYTES:
                    raise FetchError(too_big(len(body), more=True))
            return (
                bytes(body),
                response.headers.get("Content-Type", ""),
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            )
    except outbound.RefusedDestination as error:
        raise FetchError(f"Refused to fetch {source.pull_url}: {error}") from error
    except requests.RequestException as error:
        raise FetchError(f"Could not fetch {source.pull_url}: {error}") from error


def too_big(size, more=False):
    limit_mb = MAX_PAYLOAD_BYTES / 1_048_576
    return f"The payload is {'over ' if more else ''}{size / 1_048_576:.1f} MB; the limit is {limit_mb:g} MB."
