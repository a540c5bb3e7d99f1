"""The reader's side of live coverage: the stream on a live story's page, and the badge cards
show beside a live story."""

from django import template

from dateline.core.page_cache import shared_fragment

from ..models import LiveCoverage
from ..reader import live_page

register = template.Library()


@register.simple_tag(takes_context=True)
def live_coverage(context, story):
    """The page of updates the reader asked for (wagtail_hooks.read_live_page read it)."""
    request = context.get("request")
    page = getattr(request, "live_page", None)
    if page is None:
        # A preview in the admin is served without the page hooks.
        page = live_page(story.pk, 1)
    return page


def _coverage_states():
    """{story id: (running, time of the latest update)} for every live story, shared by every
    card on every page until the next publish."""
    return {
        story_id: (ended_at is None, last_update_at)
        for story_id, ended_at, last_update_at in LiveCoverage.objects.values_list(
            "story_id", "ended_at", "last_update_at"
        )
    }


@register.simple_tag
def live_state(story):
    """(running, latest update time) of a live story, for its card."""
    running, last_update_at = shared_fragment("live-coverage-states", _coverage_states).get(
        story.pk, (True, None)
    )
    return {"running": running, "last_update_at": last_update_at}


@register.filter
def newer(first, second):
    """The later of two times, either of which may be missing."""
    times = [value for value in (first, second) if value]
    return max(times) if times else None
