from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Site

from dateline.core.models import SiteSettings, StandardPage
from dateline.core.page_cache import shared_fragment
from dateline.newsroom.models import KIND_SECTIONS

from ..editions import edition_table
from ..front import latest_headlines, sectors

register = template.Library()


@register.simple_tag
def site_footer():
    """The footer is the same on every page: render it once per publish, not once per request."""

    def build():
        site = Site.objects.filter(is_default_site=True).first()
        context = {
            "sectors": sectors(),
            "editions": edition_table()["editions"],
            "site_settings": SiteSettings.for_site(site) if site else None,
            "standard_pages": list(
                StandardPage.objects.child_of(site.root_page).live().only("title", "url_path")
            )
            if site
            else [],
            "sections": [(slug, title) for slug, title in KIND_SECTIONS.values()],
        }
        return render_to_string("fronts/includes/footer.html", context)

    return mark_safe(shared_fragment("footer", build))


@register.inclusion_tag("fronts/includes/latest.html")
def latest_news(edition, count=8):
    return {"latest": latest_headlines(edition, count), "edition": edition}


@register.inclusion_tag("fronts/includes/edition_switcher.html", takes_context=True)
def edition_switcher(context, current):
    return {
        "editions": edition_table()["editions"],
        "current": current,
        "request": context["request"],
    }
