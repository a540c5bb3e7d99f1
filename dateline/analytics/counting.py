"""Counting story views without cookies and without keeping anyone's address.

A view is counted once per reader, story and hour: the reader is recognised by a hash of address,
user agent and a salt that changes every day and never leaves the cache, so the hash cannot be
traced back even by us, and is forgotten after the hour.
"""

import hashlib
import re
import secrets
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dateline.core.clients import client_address

from .models import HourlyViews

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|lighthouse|"
    r"python-requests|curl|wget|httpclient|monitor|pingdom|uptime",
    re.IGNORECASE,
)
REDIS_PREFIX = "dateline:views:"
REDIS_KEY = REDIS_PREFIX + "{hour}"


def is_countable(request):
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get("HTTP_PURPOSE", "")
    return bool(user_agent) and not BOT_PATTERN.search(user_agent) and "prefetch" not in purpose


def _daily_salt(day):
    return cache.get_or_set(f"view-salt:{day}", lambda: secrets.token_hex(16), 2 * 86400)


def is_first_view_this_hour(request, story_id, hour):
    address = client_address(request)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    salt = _daily_salt(hour.date().isoformat())
    digest = hashlib.blake2b(f"{salt}|{address}|{user_agent}|{story_id}".encode(), digest_size=12)
    return cache.add(f"seen:{hour:%Y%m%d%H}:{digest.hexdigest()}", 1, 3600)


def hour_start(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def record_view(story_id, moment=None):
    hour = hour_start(moment or timezone.now())
    if settings.REDIS_URL:
        from django_redis import get_redis_connection

        redis = get_redis_connection("default")
        key = REDIS_KEY.format(hour=hour.isoformat())
        with redis.pipeline() as pipe:
            pipe.hincrby(key, story_id, 1)
            pipe.expire(key, 3 * 86400)
            pipe.execute()
    else:
        add_views(story_id, hour, 1)


def add_views(story_id, hour, views):
    updated = HourlyViews.objects.filter(story_id=story_id, hour=hour).update(
        views=F("views") + views
    )
    if not updated:
        try:
            with transaction.atomic():
                HourlyViews.objects.create(story_id=story_id, hour=hour, views=views)
        except IntegrityError:
            HourlyViews.objects.filter(story_id=story_id, hour=hour).update(
                views=F("views") + views
            )


def flush_buffered_views():
    """Move counts buffered in Redis into the database; returns how many views moved."""
    if not settings.REDIS_URL:
        return 0
    from django_redis import get_redis_connection
    from redis.exceptions import ResponseError

    from dateline.newsroom.models import StoryPage

    redis = get_redis_connection("default")
    moved = 0
    for raw_key in redis.scan_iter(match=REDIS_KEY.format(hour="*")):
        key = raw_key.decode()
        if ":flushing:" in key:
            continue
        flushing = f"{key}:flushing:{secrets.token_hex(4)}"
        try:
            redis.rename(key, flushing)
        except ResponseError:  # the key vanished between scan and rename: nothing to move
            continue
        hour = datetime.fromisoformat(key.removeprefix(REDIS_PREFIX))
        counts = {int(k): int(v) for k, v in redis.hgetall(flushing).items()}
        existing = set(StoryPage.objects.filter(pk__in=counts).values_list("pk", flat=True))
        for story_id, views in counts.items():
            if story_id in existing:
                add_views(story_id, hour, views)
                moved += views
        redis.delete(flushing)
    return moved
