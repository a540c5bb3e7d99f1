"""What a front shows: pinned and automatic top stories, sections by kind, one block per sector."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dateline.core.page_cache import shared_fragment
from dateline.newsroom.models import StoryKind, StoryPage, live_stories
from dateline.taxonomy.models import Sector

TOP_SLOTS = 5
LATEST_COUNT = 10
STRIP_COUNT = 4
BRIEF_COUNT = 6
PER_SECTOR = 3
HARD_NEWS = (StoryKind.NEWS, StoryKind.ANALYSIS)
VOICES = (StoryKind.OPINION, StoryKind.BLOG, StoryKind.INTERVIEW)


def stories_in(edition):
    stories = live_stories()
    return stories if edition.is_global else stories.filter(editions=edition)


def top_stories(edition):
    from .models import PinnedStory

    pins = (
        PinnedStory.objects.filter(edition=edition, story__live=True)
        .select_related("story", "story__hero_image")
        .prefetch_related("story__hero_image__renditions")
        .order_by("sort_order")[:TOP_SLOTS]
    )
    pinned = [pin.story for pin in pins]
    fill = stories_in(edition).filter(kind__in=HARD_NEWS).exclude(pk__in=[s.pk for s in pinned])
    return pinned + list(fill[: TOP_SLOTS - len(pinned)])


def latest_headlines(edition, count=LATEST_COUNT):
    """Headlines only, shared by every page that shows a 'Latest news' list."""

    def build():
        stories = StoryPage.objects.live().public().order_by("-first_published_at", "-pk")
        if not edition.is_global:
            stories = stories.filter(editions=edition)
        return [
            {"title": s.title, "url": s.url, "first_published_at": s.first_published_at}
            for s in stories.only("title", "url_path", "first_published_at")[:count]
        ]

    return shared_fragment(f"latest:{edition.slug}:{count}", build)


def sector_blocks(edition, exclude_ids):
    """The newest few stories of every sector, in two queries whatever the number of sectors."""
    links = StoryPage.sectors.through.objects.filter(storypage__live=True)
    if not edition.is_global:
        links = links.filter(storypage__editions=edition)
    ranked = (
        links.exclude(storypage_id__in=exclude_ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("sector_id"),
                order_by=[F("storypage__first_published_at").desc(), F("storypage_id").desc()],
            )
        )
        .filter(rank__lte=PER_SECTOR)
        .values_list("sector_id", "storypage_id")
    )
    ids_by_sector = {}
    for sector_id, story_id in ranked:
        ids_by_sector.setdefault(sector_id, []).append(story_id)
    wanted = {story_id for ids in ids_by_sector.values() for story_id in ids}
    stories = {s.pk: s for s in live_stories().filter(pk__in=wanted)}
    blocks = []
    for sector in sectors():
        picked = [stories[i] for i in ids_by_sector.get(sector.pk, []) if i in stories]
        picked.sort(key=lambda s: s.first_published_at, reverse=True)
        if picked:
            blocks.append({"sector": sector, "stories": picked})
    return blocks


def sectors():
    return shared_fragment("sectors", lambda: list(Sector.objects.all()), timeout=3600)


def build_front(edition):
    top = top_stories(edition)
    top_ids = [s.pk for s in top]
    voices = list(
        stories_in(edition)
        .filter(kind__in=VOICES)
        .prefetch_related("story_authors__author")[:STRIP_COUNT]
    )
    briefs = list(stories_in(edition).filter(kind=StoryKind.BRIEF)[:BRIEF_COUNT])
    return {
        "lead": top[0] if top else None,
        "top_stories": top[1:],
        "voices": voices,
        "briefs": briefs,
        "sector_blocks": sector_blocks(edition, top_ids),
    }


def front_html(edition):
    """A front's main column is the same for every reader of an edition until the next publish."""

    def build():
        return render_to_string("fronts/includes/front_main.html", build_front(edition))

    return mark_safe(shared_fragment(f"front:{edition.slug}", build))
