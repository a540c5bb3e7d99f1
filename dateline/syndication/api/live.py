"""A live story's updates in the content API: newest first by page, or the changes after a
version (new, edited and removed updates), which is how a partner mirrors the coverage."""

from datetime import datetime

from django.db.models import Q

from dateline.core.links import absolute, story_url
from dateline.live.models import LiveCoverage, LiveUpdate
from dateline.live.reader import version_from
from dateline.newsroom.models import StoryKind, StoryPage

from ..feeds import absolute_html
from ..live_feed import update_tag_uri
from . import params
from .errors import bad_parameter, not_found
from .ninjs import language_tag
from .views import api_endpoint, paged


def update_ninjs(story, update, page_url):
    removed = update.status != LiveUpdate.Status.PUBLISHED
    item = {
        "uri": update_tag_uri(story, update),
        "type": "text",
        "pubstatus": "canceled" if removed else "usable",
        "language": language_tag(),
    }
    if update.published_at:
        item["firstcreated"] = update.published_at.isoformat()
        item["versioncreated"] = (update.edited_at or update.published_at).isoformat()
    if not removed:
        if update.key_event_title:
            item["headlines"] = [{"role": "main", "value": update.key_event_title}]
        item["bodies"] = [
            {"role": "main", "contenttype": "text/html", "value": absolute_html(update.body_html)}
        ]
        if update.byline:
            item["by"] = ", ".join(author["name"] for author in update.byline)
    return {
        "id": update.pk,
        "url": f"{page_url}#update-{update.pk}",
        "key_event": update.key_event and not removed,
        "pinned": update.pinned and not removed,
        "ninjs": item,
    }


def update_position(position):
    published, pk = position
    return datetime.fromisoformat(published), int(pk)


@api_endpoint(frozenset({"since", "limit", "cursor"}))
def live_updates(request, query, story_id):
    story_id = params.id_from(story_id, "A story")
    story = (
        StoryPage.objects.published()
        .filter(pk=story_id, kind=StoryKind.LIVE)
        .defer("body", "body_html")
        .first()
    )
    if story is None:
        raise not_found(f"No published live story has the id {story_id}.")
    coverage = LiveCoverage.objects.filter(story=story).first()
    page_url = story_url(story) or absolute("/")
    state = {
        "version": coverage.version if coverage else 0,
        "ended": bool(coverage and coverage.ended_at),
    }
    updates = LiveUpdate.objects.filter(story=story)
    if "since" in query:
        since = version_from(query["since"])
        if since is None:
            raise bad_parameter("since", "'since' must be a version number a previous answer gave.")
        changed = updates.changed_since(since).order_by("version", "pk")
        items = [update_ninjs(story, update, page_url) for update in changed]
        return {**state, "items": items, "next": None}, {}
    limit = params.limit_from(query)
    visible = updates.published().newest_first()
    after = params.position_from(query, update_position)
    if after:
        published, pk = after
        visible = visible.filter(
            Q(published_at__lt=published) | Q(published_at=published, pk__lt=pk)
        )
    page = list(visible[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    cursor = params.make_cursor([page[-1].published_at.isoformat(), page[-1].pk]) if more else None
    payload, headers = paged(
        request, query, [update_ninjs(story, update, page_url) for update in page], cursor
    )
    return {**state, **payload}, headers
