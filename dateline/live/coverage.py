"""Posting, editing and deleting live updates, ending coverage, and telling the caches.

Every change readers can see takes the story's next version (models.next_version) and drops only
this live story's pages: its page and older-updates pages, its updates endpoint and its feed. The
fronts that show the story's latest update time catch up when their cache expires.
"""

import math

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dateline.core.edge_purge import schedule_edge_purge
from dateline.core.page_cache import invalidate_paths
from dateline.newsroom.invalidation import drop_story_pages, story_paths

from .models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate, LiveUpdateChange, next_version


def updates_endpoint(story_id):
    return reverse("live:updates", args=[story_id])


def reader_path(story):
    """The live story's path on the site, or None while it has none (never published)."""
    parts = story.get_url_parts()
    return parts[2] if parts else None


def live_story_paths(story, previous_version):
    """What to drop for a change to this live story's updates.

    The page cache drops every query of a path; the edge holds each query as its own entry, so it
    is told the older-updates pages and the endpoint's answer to readers who were up to date (the
    one every open page is asking for); answers for older versions expire within seconds.
    """
    own, for_the_edge = [], []
    path = reader_path(story)
    if path is not None:
        own.append(path)
        for_the_edge.append(path)
        published = LiveUpdate.objects.filter(story=story).published().count()
        # One page more than there are: the page an update just pushed out of the last one.
        pages = max(1, math.ceil(published / UPDATES_PER_PAGE))
        for_the_edge += [f"{path}?page={number}" for number in range(2, pages + 2)]
    endpoint = updates_endpoint(story.pk)
    feed = reverse("syndication:live_feed", args=[story.pk])
    own += [endpoint, feed]
    for_the_edge += [f"{endpoint}?since={previous_version}", endpoint, feed]
    return own, for_the_edge


def _announce(story, previous_version):
    own, for_the_edge = live_story_paths(story, previous_version)
    invalidate_paths(own)

    def after_commit():
        invalidate_paths(own)
        schedule_edge_purge(for_the_edge)

    transaction.on_commit(after_commit)


def _record(update, action, user):
    LiveUpdateChange.objects.create(update=update, action=action, user=user)


@transaction.atomic
def save_update(update, user, *, publish, authors):
    """Store a new or edited update. `publish` makes it (or keeps it) visible to readers."""
    creating = update.pk is None
    was_visible = not creating and (
        LiveUpdate.objects.filter(pk=update.pk, status=LiveUpdate.Status.PUBLISHED).exists()
    )
    now = timezone.now()
    if creating:
        update.created_by = user
        update.created_at = now
    elif was_visible:
        # "Edited" is shown to readers only for what they may have read before.
        update.edited_at = now
    newly_published = publish and (
        update.status != LiveUpdate.Status.PUBLISHED or update.published_at is None
    )
    if publish:
        update.status = LiveUpdate.Status.PUBLISHED
    visible = update.status == LiveUpdate.Status.PUBLISHED
    # Rendered before anything is written, so that the update is complete from its first write.
    update.render(authors)
    previous_version = None
    if visible or was_visible:
        update.version = next_version(update.story_id)
        previous_version = update.version - 1
        if newly_published:
            # Timed after the story's version is taken (and locked until commit): two editors
            # publishing at once get times in the order readers receive their updates, and an
            # open page can tell a new update from an older one by its time.
            update.published_at = timezone.now()
        if update.pinned and visible:
            # At most one pinned update: pinning this one unpins the other, which readers then
            # see change too.
            LiveUpdate.objects.filter(story_id=update.story_id, pinned=True).exclude(
                pk=update.pk
            ).update(pinned=False, version=update.version)
    update.save()
    update.authors.set(authors)
    if creating:
        action = LiveUpdateChange.Action.PUBLISHED if visible else LiveUpdateChange.Action.DRAFTED
    elif visible and not was_visible:
        action = LiveUpdateChange.Action.PUBLISHED
    else:
        action = LiveUpdateChange.Action.EDITED
    _record(update, action, user)
    if previous_version is not None:
        coverage = LiveCoverage.objects.get(story_id=update.story_id)
        _touch(coverage, update.published_at)
        _announce(update.story, previous_version)
    return update


def _touch(coverage, published_at):
    """The time fronts show beside a live story: its newest visible update."""
    newest = (
        LiveUpdate.objects.filter(story_id=coverage.story_id)
        .published()
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    LiveCoverage.objects.filter(pk=coverage.pk).update(last_update_at=newest)


@transaction.atomic
def delete_update(update, user):
    """Take an update away from readers; the row stays, with who deleted it and when, so that
    open pages remove it and the record of the coverage is complete."""
    was_visible = update.status == LiveUpdate.Status.PUBLISHED
    update.status = LiveUpdate.Status.DELETED
    update.pinned = False
    update.edited_at = timezone.now()
    if was_visible:
        update.version = next_version(update.story_id)
    update.save(update_fields=["status", "pinned", "edited_at", "version"])
    _record(update, LiveUpdateChange.Action.DELETED, user)
    if was_visible:
        _touch(LiveCoverage.objects.get(story_id=update.story_id), None)
        _announce(update.story, update.version - 1)


@transaction.atomic
def set_coverage_running(story, user, running):
    """End coverage (the page says so and stops asking for updates) or resume it. The badge
    comes and goes on every card of the story, so all the story's pages are dropped."""
    coverage, _ = LiveCoverage.objects.get_or_create(story=story)
    if coverage.is_running == running:
        return coverage
    previous_version = coverage.version
    LiveCoverage.objects.filter(pk=coverage.pk).update(
        ended_at=None if running else timezone.now(),
        ended_by=None if running else user,
        version=next_version(story.pk),
    )
    own, for_the_edge = live_story_paths(story, previous_version)
    drop_story_pages([*own, *for_the_edge, *story_paths(story)])
    coverage.refresh_from_db()
    return coverage
