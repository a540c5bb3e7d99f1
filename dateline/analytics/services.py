from datetime import timedelta

from django.utils import timezone

from dateline.core.page_cache import cached_locally
from dateline.newsroom.models import StoryPage

from .models import HourlyViews
from .trending import WINDOW_HOURS, top_stories, trending_scores

TRENDING_COUNT = 10
TRENDING_SECONDS = 120


def compute_trending(edition, limit=TRENDING_COUNT):
    now = timezone.now()
    counts = HourlyViews.objects.filter(
        hour__gte=now - timedelta(hours=WINDOW_HOURS),
        story__live=True,
        story__sponsored=False,
    ).values_list("story_id", "hour", "views")
    scores = trending_scores(counts, now)
    candidates = (
        StoryPage.objects.published()
        .in_edition(edition)
        .filter(pk__in=list(scores))
        .only("title", "url_path", "region_label")
    )
    stories = {story.pk: story for story in candidates}
    ids = top_stories(scores, limit, allowed=set(stories))
    return [
        {"title": stories[i].title, "url": stories[i].url, "region": stories[i].region_label}
        for i in ids
    ]


def trending_for(edition, limit=TRENDING_COUNT):
    """The trending list for an edition, recomputed at most every two minutes."""
    return cached_locally(
        f"trending:{edition.slug}:{limit}",
        lambda: compute_trending(edition, limit),
        TRENDING_SECONDS,
    )
