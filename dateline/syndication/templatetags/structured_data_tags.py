from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from dateline.core.links import absolute
from dateline.core.page_cache import shared_fragment

from ..structured_data import (
    home_graph,
    open_graph,
    script_tag,
    short_graph,
    site_card,
    story_graph,
)

register = template.Library()


@register.simple_tag
def story_head(story):
    """JSON-LD and OpenGraph for a story, built once per publish."""

    def build():
        graph = story_graph(story)
        article = graph["@graph"][0]
        image = article["image"][0]
        return (
            script_tag(graph)
            + "\n"
            + open_graph(
                title=story.title,
                description=story.summary,
                url=article["url"],
                kind="article",
                image_url=image["url"],
                image_alt=story.hero_image.alt_text if story.hero_image else image["caption"],
            )
        )

    return mark_safe(shared_fragment(f"story-head:{story.pk}", build))


@register.simple_tag
def home_head(description):
    card = site_card()
    return mark_safe(
        script_tag(home_graph())
        + "\n"
        + open_graph(
            title=settings.WAGTAIL_SITE_NAME,
            description=description,
            url=absolute("/"),
            image_url=card["url"],
            image_alt=card["caption"],
        )
    )


@register.simple_tag
def short_head(short):
    """JSON-LD and OpenGraph for a short's own page."""
    video = short_graph(short)["@graph"][0]
    return mark_safe(
        script_tag(short_graph(short))
        + "\n"
        + open_graph(
            title=short.title,
            description=short.caption,
            url=video["url"],
            kind="video.other",
            image_url=video["thumbnailUrl"][0],
            image_alt=short.title,
        )
    )
