"""Which edition a reader sees: the one they chose (a cookie), else their country's, else Global."""

from django.conf import settings

from dateline.core.page_cache import shared_fragment
from dateline.taxonomy.models import Edition


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


def global_edition(table=None):
    table = table or edition_table()
    return next((e for e in table["editions"] if e.is_global), table["editions"][0])


def reader_edition(request):
    table = edition_table()
    chosen = table["by_slug"].get(request.COOKIES.get(settings.DATELINE_EDITION_COOKIE, ""))
    if chosen:
        return chosen
    if settings.DATELINE_GEO_HEADER:
        header = "HTTP_" + settings.DATELINE_GEO_HEADER.upper().replace("-", "_")
        from_geo = table["by_country"].get(request.META.get(header, "")[:2].upper())
        if from_geo:
            return from_geo
    return global_edition(table)
