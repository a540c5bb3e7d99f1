import hashlib

from django import template
from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dateline.core.page_cache import shared_fragment
from dateline.newsroom.models import KIND_SECTIONS, StoryPage
from dateline.video.models import Short

from ..front import VOICES, latest_headlines

register = template.Library()

RAIL_PER_KIND = 2
SHORTS_IN_STRIP = 6


@register.inclusion_tag("includes/latest.html")
def latest_news(edition, count=8):
    return {"latest": latest_headlines(edition, count), "edition": edition}


def voices_by_kind(edition, per_kind):
    """The newest opinion pieces, blog posts and interviews of an edition, a few of each, in one
    query; authors' names come from what the story keeps for readers, so no query per story."""
    ranked = (
        StoryPage.objects.published()
        .in_edition(edition)
        .filter(kind__in=VOICES)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("kind"),
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_kind)
        .only("title", "url_path", "kind", "first_published_at", "reader_meta")
        .order_by("-first_published_at", "-pk")
    )
    stories = {kind: [] for kind in VOICES}
    for story in ranked:
        authors = [author["name"] for author in story.reader_meta.get("authors", [])]
        stories[story.kind].append(
            {"pk": story.pk, "title": story.title, "url": story.url, "authors": authors}
        )
    return [
        {"slug": KIND_SECTIONS[kind][0], "title": KIND_SECTIONS[kind][1], "stories": found}
        for kind, found in stories.items()
        if found
    ]


@register.inclusion_tag("includes/voices_rail.html")
def voices_rail(edition, current_story_id=None):
    """The opinion, blog and interview rail beside every article. The stories are the same for
    every article of an edition until the next publish; the article itself is left out."""
    groups = shared_fragment(
        f"voices-rail:{edition.slug}", lambda: voices_by_kind(edition, RAIL_PER_KIND + 1)
    )
    shown = []
    for group in groups:
        others = [story for story in group["stories"] if story["pk"] != current_story_id]
        if others:
            shown.append({**group, "stories": others[:RAIL_PER_KIND]})
    return {"groups": shown}


def newest_shorts(sector_names=()):
    """The newest ready shorts; with sector names, those on any of them first."""
    shorts = Short.objects.ready()
    order = ["-processed_at", "-pk"]
    if sector_names:
        on_subject = Short.sectors.through.objects.filter(
            short_id=OuterRef("pk"), sector__name__in=sector_names
        )
        shorts = shorts.annotate(on_subject=Exists(on_subject))
        order.insert(0, "-on_subject")
    return list(shorts.order_by(*order)[:SHORTS_IN_STRIP])


@register.simple_tag
def shorts_strip(sectors=()):
    """The newest shorts, on every front and article: one query, rebuilt after the next publish.

    An article passes its sectors (names, from what the story keeps for readers, so no query) and
    gets shorts on its subjects first; articles on the same sectors share one fragment.
    """
    names = sorted({entry["name"] for entry in sectors})
    key = "shorts-strip"
    if names:
        key += ":" + hashlib.sha256("|".join(names).encode()).hexdigest()[:16]

    def build():
        shorts = newest_shorts(names)
        return render_to_string("includes/shorts_strip.html", {"shorts": shorts}) if shorts else ""

    return mark_safe(shared_fragment(key, build))
