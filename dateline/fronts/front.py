"""What a front shows: pinned and automatic top stories, sections by kind, one block per sector."""

from django.db.models import Case, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dateline.core.page_cache import shared_fragment
from dateline.newsroom.models import StoryKind, StoryPage, in_edition_q
from dateline.taxonomy.editions import all_sectors

TOP_SLOTS = 5
LATEST_COUNT = 10
STRIP_COUNT = 4
BRIEF_COUNT = 6
PER_SECTOR = 3
HARD_NEWS = (StoryKind.NEWS, StoryKind.ANALYSIS)
VOICES = (StoryKind.OPINION, StoryKind.BLOG, StoryKind.INTERVIEW)


def top_stories(edition):
    from .models import PinnedStory

    pins = (
        PinnedStory.objects.filter(edition=edition, story__live=True)
        .select_related("story", "story__hero_image")
        .prefetch_related("story__hero_image__renditions")
        .order_by("sort_order")[:TOP_SLOTS]
    )
    pinned = [pin.story for pin in pins]
    # Live stories whose coverage runs lead the automatic fill, newest first; once coverage
    # ends they leave the top for their section and listings.
    running_live = Q(kind=StoryKind.LIVE, coverage__ended_at=None)
    fill = (
        StoryPage.objects.published()
        .in_edition(edition)
        .for_cards()
        .filter(Q(kind__in=HARD_NEWS) | running_live)
        .exclude(pk__in=[s.pk for s in pinned])
        .annotate(
            live_first=Case(
                When(kind=StoryKind.LIVE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("live_first", "-first_published_at", "-pk")
    )
    return pinned + list(fill[: TOP_SLOTS - len(pinned)])


def latest_headlines(edition, count=LATEST_COUNT):
    """Headlines only, shared by every page that shows a 'Latest news' list."""

    def build():
        stories = StoryPage.objects.published().in_edition(edition).newest_first()
        return [
            {"title": s.title, "url": s.url, "first_published_at": s.first_published_at}
            for s in stories.only("title", "url_path", "first_published_at")[:count]
        ]

    return shared_fragment(f"latest:{edition.slug}:{count}", build)


def sector_blocks(edition, shown_ids):
    """The newest few stories of every sector that the front has not shown yet, in two queries
    whatever the number of sectors.

    A story filed under two sectors goes to the first of its blocks in display order; the
    next block takes its next newest story instead. Each sector's candidates are ranked in the
    database, enough of them that earlier blocks cannot use them all up.
    """
    sectors = all_sectors()
    links = StoryPage.sectors.through.objects.filter(
        in_edition_q(edition, prefix="storypage__"),
        storypage_id__in=StoryPage.objects.published().values("pk"),
    )
    ranked = (
        links.exclude(storypage_id__in=shown_ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("sector_id"),
                order_by=[F("storypage__first_published_at").desc(), F("storypage_id").desc()],
            )
        )
        .filter(rank__lte=PER_SECTOR * len(sectors))
        .values_list("sector_id", "rank", "storypage_id")
    )
    candidates = {}
    for sector_id, _rank, story_id in sorted(ranked):
        candidates.setdefault(sector_id, []).append(story_id)
    taken = set()
    picks = []
    for sector in sectors:
        ids = [i for i in candidates.get(sector.pk, []) if i not in taken][:PER_SECTOR]
        taken.update(ids)
        if ids:
            picks.append((sector, ids))
    stories = StoryPage.objects.published().for_cards().in_bulk(taken)
    # A story can expire between the two queries; its block is then one short until next time.
    blocks = [(sector, [stories[i] for i in ids if i in stories]) for sector, ids in picks]
    return [{"sector": sector, "stories": found} for sector, found in blocks if found]


def build_front(edition):
    """Each story once: the lead and top stories first, then the opinion strip and the briefs,
    then the sector blocks with what is left."""
    top = top_stories(edition)
    shown = {s.pk for s in top}
    voices = list(
        StoryPage.objects.published()
        .in_edition(edition)
        .for_cards()
        .newest_first()
        .filter(kind__in=VOICES)
        .exclude(pk__in=shown)
        .prefetch_related("story_authors__author")[:STRIP_COUNT]
    )
    shown.update(s.pk for s in voices)
    briefs = list(
        StoryPage.objects.published()
        .in_edition(edition)
        .for_cards()
        .newest_first()
        .filter(kind=StoryKind.BRIEF)
        .exclude(pk__in=shown)[:BRIEF_COUNT]
    )
    shown.update(s.pk for s in briefs)
    return {
        "lead": top[0] if top else None,
        "top_stories": top[1:],
        "voices": voices,
        "briefs": briefs,
        "sector_blocks": sector_blocks(edition, shown),
    }


def front_html(edition):
    """A front's main column is the same for every reader of an edition until the next publish."""

    def build():
        return render_to_string("includes/front_main.html", build_front(edition))

    return mark_safe(shared_fragment(f"front:{edition.slug}", build))
