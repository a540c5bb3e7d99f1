"""Which edition a reader sees: the one they chose (a cookie), else their country's, else Global.

This is the one place that decides it: pages ask `reader_edition`, the page cache asks
`edition_cache_key` (settings.DATELINE_READER_EDITION_KEY), and both follow the same rule.
"""

from django.conf import settings

from dateline.core.page_cache import shared_fragment

from .models import Edition, Sector


def edition_table():
    """Every edition by slug, and the regional edition of each country code."""

    def build():
        editions = list(Edition.objects.order_by("sort_order", "name"))
        by_id = {edition.pk: edition for edition in editions}
        memberships = Edition.countries.through.objects.filter(edition__is_global=False)
        return {
            "editions": editions,
            "by_slug": {edition.slug: edition for edition in editions},
            "by_country": {
                code: by_id[edition_id]
                for edition_id, code in memberships.values_list("edition_id", "country__code")
            },
        }

    return shared_fragment("editions", build, timeout=3600)


def all_sectors():
    return shared_fragment("sectors", lambda: list(Sector.objects.all()), timeout=3600)


def global_edition(table=None):
    table = table or edition_table()
    return next((e for e in table["editions"] if e.is_global), table["editions"][0])


def _chosen_slug(request):
    return request.COOKIES.get(settings.DATELINE_EDITION_COOKIE, "")


def _geo_country(request):
    if not settings.DATELINE_GEO_HEADER:
        return ""
    header = "HTTP_" + settings.DATELINE_GEO_HEADER.upper().replace("-", "_")
    return request.META.get(header, "")[:2].upper()


def reader_edition(request):
    """Decided once per request."""
    if not hasattr(request, "reader_edition"):
        request.reader_edition = _decide(request)
    return request.reader_edition


def _decide(request):
    table = edition_table()
    chosen = table["by_slug"].get(_chosen_slug(request))
    if chosen:
        return chosen
    from_geo = table["by_country"].get(_geo_country(request))
    if from_geo:
        return from_geo
    return global_edition(table)


def edition_cache_key(request):
    """What the page cache keys a page on: the reader's edition. A request that names neither an
    edition nor a country always gets the global edition; it is answered without a lookup, so
    most cache hits cost nothing here."""
    if not _chosen_slug(request) and not _geo_country(request):
        return ""
    return reader_edition(request).slug
