"""Names and slugs of sectors, editions and countries appear in every page's navigation: changing
them drops the cached pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from dateline.core.signals import drop_cached_pages

from .models import Agency, Country, Edition, Sector


def connect():
    for model in (Sector, Country, Edition, Agency):
        name = model.__name__
        post_save.connect(drop_cached_pages, sender=model, dispatch_uid=f"{name}-saved")
        post_delete.connect(drop_cached_pages, sender=model, dispatch_uid=f"{name}-deleted")
    m2m_changed.connect(
        drop_cached_pages,
        sender=Edition.countries.through,
        dispatch_uid="edition-countries-changed",
    )
