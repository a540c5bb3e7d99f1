"""Names and slugs of sectors, editions and countries appear in every page's navigation: changing
them drops the cached pages in every process, and purges the site-wide pages and the changed
one's own listing and feeds at the edge (other pages there follow within `s-maxage`)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from dateline.core.edge_purge import schedule_edge_purge
from dateline.core.page_cache import invalidate_pages

from .models import Agency, Country, Edition, Sector
from .reader_paths import listing_and_feed_paths, site_wide_paths

# The feed scope and listing of each kind of term; agencies have neither.
TERM_PAGES = {
    Sector: ("sector", "reader:sector"),
    Country: ("country", "reader:country"),
    Edition: ("edition", "reader:edition"),
}


def term_changed(sender, instance=None, **kwargs):
    invalidate_pages()
    paths = site_wide_paths()
    if sender in TERM_PAGES and instance is not None:
        scope, listing = TERM_PAGES[sender]
        paths += listing_and_feed_paths(scope, instance.slug, listing)
    schedule_edge_purge(paths)


def connect():
    for model in (Sector, Country, Edition, Agency):
        name = model.__name__
        post_save.connect(term_changed, sender=model, dispatch_uid=f"{name}-saved")
        post_delete.connect(term_changed, sender=model, dispatch_uid=f"{name}-deleted")
    m2m_changed.connect(
        term_changed,
        sender=Edition.countries.through,
        dispatch_uid="edition-countries-changed",
    )
