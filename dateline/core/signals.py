"""Site settings appear on every page (footer, contact): saving them drops the cached pages."""

from django.db.models.signals import post_save

from .models import SiteSettings
from .page_cache import invalidate_pages


def drop_cached_pages(sender, **kwargs):
    invalidate_pages()


def connect():
    post_save.connect(drop_cached_pages, sender=SiteSettings, dispatch_uid="site-settings-saved")
