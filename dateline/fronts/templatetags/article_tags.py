"""What an article shows about its authors and its agencies, beyond what the story keeps for
readers: built once per story and kept with the shared fragments, rebuilt after a publish."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dateline.core.page_cache import shared_fragment
from dateline.newsroom.models import Author, StoryKind

register = template.Library()

# Kinds that carry a personal view: the author is introduced, with a photo and a short bio, and
# the reader is told the view is theirs, not the site's.
SIGNED_KINDS = (StoryKind.OPINION, StoryKind.BLOG)


def is_preview(context):
    return getattr(context.get("request"), "is_preview", False)


def story_authors(page, preview):
    """A preview shows the authors being edited; a published story reads them with their photos."""
    if preview or not page.pk:
        return page.byline_authors
    return list(
        Author.objects.filter(story_links__page=page)
        .select_related("photo")
        .order_by("story_links__sort_order")
    )


@register.simple_tag(takes_context=True)
def author_box(context, page):
    """Who wrote an opinion piece or a blog post (photo, role and bio), and whose view it is."""
    if page.kind not in SIGNED_KINDS:
        return ""
    preview = is_preview(context)

    def build():
        authors = story_authors(page, preview)
        context = {"authors": authors, "site_name": settings.WAGTAIL_SITE_NAME}
        return render_to_string("includes/author_box.html", context)

    return mark_safe(build() if preview else shared_fragment(f"author-box:{page.pk}", build))


@register.simple_tag(takes_context=True)
def story_agencies(context, page):
    """The agencies a story drew on: the full name a reader can recognise, the credit line, and
    the agency's site when it has one."""

    def build():
        return [
            {"name": agency.name, "credit": agency.credit, "website": agency.website}
            for agency in page.agencies.all()
        ]

    if is_preview(context) or not page.pk:
        return build()
    return shared_fragment(f"story-agencies:{page.pk}", build)
