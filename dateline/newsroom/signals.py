"""Publishing, unpublishing and restricting a page change what readers may see: each drops the
cached pages and fragments in every process."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from dateline.core.signals import drop_cached_pages


def connect():
    page_published.connect(drop_cached_pages, dispatch_uid="newsroom-publish-invalidates")
    page_unpublished.connect(drop_cached_pages, dispatch_uid="newsroom-unpublish-invalidates")
    # StoryQuerySet.published() keeps the restricted sections in the shared cache.
    post_save.connect(
        drop_cached_pages, sender=PageViewRestriction, dispatch_uid="restriction-saved"
    )
    post_delete.connect(
        drop_cached_pages, sender=PageViewRestriction, dispatch_uid="restriction-deleted"
    )
