"""Which edition a reader sees: the one they chose (a cookie), else their country's, else Global.

This is the one place that decides it: pages ask `reader_edition`, the page cache asks
`edition_cache_key` (settings.DATELINE_READER_EDITION_KEY), and both follow the same rule.

Behind the shipped edge the reader's choice arrives normalised in the `Dateline-Edition` request
header, which the edge also keys its cache on; the page then varies on that header alone. Without
an edge the choice is read from the cookie, and the page varies on `Cookie`, the only header that
tells any shared cache where the choice came from. Either way the decision records which request
headers it read (`request.varies_on`), and the page cache sends them as `Vary`.
"""

from django.conf import settings

from dateline.core.page_cache import shared_fragment

from .models import Edition, Sector

# Set by the shipped edge (deploy/nginx) from the edition cookie, in place of anything a client sent.
EDGE_EDITION_HEADER = "HTTP_DATELINE_EDITION"


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


def edition_slugs():
    """Every edition's slug: the variants a shared cache may hold of each page."""
    return list(edition_table()["by_slug"])


def _edge_choice(request):
    """The choice as the edge normalised it, or None when no edge did."""
    return request.META.get(EDGE_EDITION_HEADER)


def _chosen_slug(request):
    from_edge = _edge_choice(request)
    if from_edge is not None:
        return from_edge
    return request.COOKIES.get(settings.DATELINE_EDITION_COOKIE, "")


def _geo_country(request):
    # Behind the edge its header is the whole decision: the edge keys its cache on that alone,
    # so a country the page read besides would hand one country's edition to another's readers.
    if not settings.DATELINE_GEO_HEADER or _edge_choice(request) is not None:
        return ""
    header = "HTTP_" + settings.DATELINE_GEO_HEADER.upper().replace("-", "_")
    return request.META.get(header, "")[:2].upper()


def _headers_read(request):
    if _edge_choice(request) is not None:
        return ["Dateline-Edition"]
    if settings.DATELINE_GEO_HEADER:
        return ["Cookie", settings.DATELINE_GEO_HEADER]
    return ["Cookie"]


def reader_edition(request):
    """Decided once per request."""
    if not hasattr(request, "reader_edition"):
        request.reader_edition = _decide(request)
        request.varies_on = [*getattr(request, "varies_on", ()), *_headers_read(request)]
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
    source = "edge" if _edge_choice(request) is not None else "cookie"
    if not _chosen_slug(request) and not _geo_country(request):
        return source
    return f"{source}:{reader_edition(request).slug}"
