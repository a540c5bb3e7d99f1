"""What a reader's page of a live story shows, and what an open page asks for every few seconds.

A page costs three queries whatever the length of the coverage: the coverage row, the outline of
every visible update (ids, flags, times: what the key events list and the paging need) and the
bodies of the updates shown.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string

from .models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate

MAX_VERSION_DIGITS = 18
UPDATE_FIELDS = (
    "pk",
    "story_id",
    "body_html",
    "byline",
    "status",
    "published_at",
    "key_event",
    "key_event_title",
    "pinned",
    "version",
    "edited_at",
)


@dataclass
class KeyEvent:
    pk: int
    title: str
    published_at: object
    page: int

    @property
    def anchor(self):
        return f"update-{self.pk}"


@dataclass
class LivePage:
    coverage: LiveCoverage | None
    number: int
    pages: int
    updates: list
    pinned: LiveUpdate | None
    key_events: list = field(default_factory=list)

    @property
    def is_running(self):
        return self.coverage is None or self.coverage.is_running

    @property
    def version(self):
        return self.coverage.version if self.coverage else 0

    @property
    def last_update_at(self):
        return self.coverage.last_update_at if self.coverage else None

    @property
    def has_older(self):
        return self.number < self.pages

    @property
    def has_newer(self):
        return self.number > 1

    @property
    def poll_seconds(self):
        return settings.DATELINE_LIVE_POLL_SECONDS


def version_from(raw):
    """A `since` version as an open page or an API client sends it, or None if it is not one."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_VERSION_DIGITS:
        return None
    return int(raw)


def _outline(story_id):
    """Every visible update, newest first: (pk, pinned, key_event, key_event_title, time)."""
    return list(
        LiveUpdate.objects.filter(story_id=story_id)
        .published()
        .newest_first()
        .values_list("pk", "pinned", "key_event", "key_event_title", "published_at")
    )


def pinned_of(outline):
    return next((row[0] for row in outline if row[1]), None)


def key_events(outline):
    return [
        KeyEvent(pk, title, published_at, index // UPDATES_PER_PAGE + 1)
        for index, (pk, _pinned, key_event, title, published_at) in enumerate(outline)
        if key_event
    ]


def live_page(story_id, number):
    """Page `number` of a live story's updates; Http404 past the last page."""
    coverage = LiveCoverage.objects.filter(story_id=story_id).first()
    outline = _outline(story_id)
    pages = max(1, -(-len(outline) // UPDATES_PER_PAGE))
    if number > pages:
        raise Http404("No such page of updates.")
    start = (number - 1) * UPDATES_PER_PAGE
    shown = [row[0] for row in outline[start : start + UPDATES_PER_PAGE]]
    pinned_pk = pinned_of(outline)
    wanted = set(shown) | ({pinned_pk} if pinned_pk and number == 1 else set())
    found = LiveUpdate.objects.filter(pk__in=wanted).only(*UPDATE_FIELDS).in_bulk()
    return LivePage(
        coverage=coverage,
        number=number,
        pages=pages,
        updates=[found[pk] for pk in shown if pk in found],
        pinned=found.get(pinned_pk) if number == 1 else None,
        key_events=key_events(outline),
    )


def render_update(update, pinned_copy=False):
    return render_to_string(
        "includes/live_update.html", {"update": update, "pinned_copy": pinned_copy}
    )


def changes_since(story_id, since):
    """What an open page needs to catch up from `since`: the changed updates rendered, and the
    pinned update and key events list when anything changed."""
    coverage = LiveCoverage.objects.filter(story_id=story_id).first()
    version = coverage.version if coverage else 0
    answer = {
        "version": version,
        "ended": bool(coverage and not coverage.is_running),
        "poll_seconds": settings.DATELINE_LIVE_POLL_SECONDS,
        "updates": [],
    }
    if since >= version:
        return answer
    changed = list(
        LiveUpdate.objects.filter(story_id=story_id)
        .changed_since(since)
        .only(*UPDATE_FIELDS)
        .order_by("published_at", "pk")
    )
    answer["updates"] = [
        {
            "id": update.pk,
            "state": "published" if update.status == LiveUpdate.Status.PUBLISHED else "removed",
            "published_at": update.published_at.isoformat() if update.published_at else None,
            "html": render_update(update) if update.status == LiveUpdate.Status.PUBLISHED else "",
        }
        for update in changed
    ]
    outline = _outline(story_id)
    pinned_pk = pinned_of(outline)
    pinned = next((update for update in changed if update.pk == pinned_pk), None)
    if pinned_pk is not None and pinned is None:
        pinned = LiveUpdate.objects.only(*UPDATE_FIELDS).get(pk=pinned_pk)
    answer["pinned_html"] = render_update(pinned, pinned_copy=True) if pinned else ""
    answer["key_events_html"] = render_to_string(
        "includes/live_key_events.html", {"key_events": key_events(outline), "number": 1}
    )
    return answer
