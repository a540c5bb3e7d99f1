"""The site's navigation: the footer and the edition switcher.

They live here, not in core, because they list what the layers below newsroom own (sectors and
editions in taxonomy, legal pages and contacts in core) and newsroom's own sections.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Site

from dateline.core.models import SiteSettings, StandardPage
from dateline.core.page_cache import shared_fragment
from dateline.taxonomy.editions import all_sectors, edition_table

from ..models import KIND_SECTIONS

register = template.Library()


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
