"""The site's navigation: the footer, the edition switcher and the feed of the page in view.

They live here, not in core, because they list what the layers below newsroom own (sectors and
editions in taxonomy, legal pages and contacts in core) and newsroom's own sections.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Site

from dateline.core.models import SiteSettings, StandardPage
from dateline.core.page_cache import shared_fragment
from dateline.taxonomy.editions import all_sectors, edition_table

from ..models import KIND_SECTIONS, StoryIndexPage

register = template.Library()

# The reader's listings that have a feed of their own, by URL name; the feed is named after it.
LISTINGS_WITH_FEEDS = ("sector", "country", "tag", "author", "edition")


@register.simple_tag
def site_footer():
    """The footer is the same on every page: render it once per publish, not once per request."""

    def build():
        site = Site.objects.filter(is_default_site=True).first()
        context = {
            "sectors": all_sectors(),
            "editions": edition_table()["editions"],
            "site_settings": SiteSettings.for_site(site) if site else None,
            "standard_pages": list(
                StandardPage.objects.child_of(site.root_page).live().only("title", "url_path")
            )
            if site
            else [],
            "sections": [(slug, title) for slug, title in KIND_SECTIONS.values()],
            # Rendered without a request, so the context processors' names are not there.
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        return render_to_string("includes/footer.html", context)

    return mark_safe(shared_fragment("footer", build))


@register.inclusion_tag("includes/edition_switcher.html", takes_context=True)
def edition_switcher(context, current):
    return {
        "editions": edition_table()["editions"],
        "current": current,
        "request": context["request"],
    }


@register.simple_tag(takes_context=True)
def scoped_feed(context):
    """The RSS feed of what the page lists (a section, sector, country, tag, author or edition),
    as {"url", "title"}; None on pages that list nothing of their own."""
    page = context.get("page")
    title = context.get("listing_title") or context.get("page_title", "")
    if isinstance(page, StoryIndexPage):
        url = reverse("syndication:kind_feed", args=[KIND_SECTIONS[page.kind][0]])
        return {"url": url, "title": f"{page.title} | {settings.WAGTAIL_SITE_NAME}"}
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None or match.namespace != "reader" or match.url_name not in LISTINGS_WITH_FEEDS:
        return None
    url = reverse(f"syndication:{match.url_name}_feed", kwargs=match.kwargs)
    return {"url": url, "title": f"{title} | {settings.WAGTAIL_SITE_NAME}"}
