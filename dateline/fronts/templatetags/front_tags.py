from django import template
from django.db.models import F, Window
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


@register.simple_tag
def shorts_strip():
    """The newest shorts, on every front: one query, rebuilt after the next publish."""

    def build():
        shorts = list(Short.objects.ready().order_by("-processed_at", "-pk")[:SHORTS_IN_STRIP])
        return render_to_string("includes/shorts_strip.html", {"shorts": shorts}) if shorts else ""

    return mark_safe(shared_fragment("shorts-strip", build))
