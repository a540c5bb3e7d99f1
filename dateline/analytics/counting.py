"""Counting story views without cookies and without keeping anyone's address.

A view is counted once per reader, story and hour: the reader is recognised by a hash of their
address and a salt that changes every day and never leaves the cache, so the hash cannot be
traced back even by us, and is forgotten after the hour. A counted view is stored in the
database before the beacon answers; when it cannot be, the beacon says it was not counted.
"""

import hashlib
import re
import secrets
from collections import Counter

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dateline.core.clients import client_address
from dateline.newsroom.models import StoryPage

from .models import HourlyViews, PendingView

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|lighthouse|"
    r"python-requests|curl|wget|httpclient|monitor|pingdom|uptime",
    re.IGNORECASE,
)
FLUSH_BATCH = 5000


def is_countable(request):
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get("HTTP_PURPOSE", "")
    return bool(user_agent) and not BOT_PATTERN.search(user_agent) and "prefetch" not in purpose


def _daily_salt(day):
    return cache.get_or_set(f"view-salt:{day}", lambda: secrets.token_hex(16), 2 * 86400)


def is_first_view_this_hour(request, story_id, hour):
    """True for the first view of a story from this address in this hour, False for a repeat,
    None when the shared cache cannot say (it is down).

    The reader is the client address alone (trusted-proxy aware): a client chooses its user
    agent, and rotating it must not count one address many times.
    """
    salt = _daily_salt(hour.date().isoformat())
    if salt is None:
        return None
    digest = hashlib.blake2b(
        f"{salt}|{client_address(request)}|{story_id}".encode(), digest_size=12
    )
    return cache.add(f"seen:{hour:%Y%m%d%H}:{digest.hexdigest()}", 1, 3600)


def hour_start(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def record_view(story_id, moment=None):
    """Store one counted view durably; raises DatabaseError when it could not be stored."""
    PendingView.objects.create(story_id=story_id, hour=hour_start(moment or timezone.now()))


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


def flush_buffered_views(batch_size=FLUSH_BATCH):
    """Fold stored views into the hourly totals; returns how many views moved.

    Each batch is claimed, added and deleted in one transaction, so a crash half-way moves
    nothing twice and loses nothing; on PostgreSQL two workers skip each other's rows.
    """
    moved = 0
    while True:
        with transaction.atomic():
            rows = list(
                PendingView.objects.select_for_update(skip_locked=True)
                .order_by("id")
                .values_list("id", "story_id", "hour")[:batch_size]
            )
            if not rows:
                return moved
            counts = Counter((story_id, hour) for _id, story_id, hour in rows)
            existing = set(
                StoryPage.objects.filter(
                    pk__in={story_id for story_id, _hour in counts}
                ).values_list("pk", flat=True)
            )
            for (story_id, hour), views in counts.items():
                if story_id in existing:
                    add_views(story_id, hour, views)
                    moved += views
            PendingView.objects.filter(id__in=[row[0] for row in rows]).delete()
