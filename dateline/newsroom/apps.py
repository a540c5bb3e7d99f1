from django.apps import AppConfig

from dateline.core.apps import drop_cached_pages


class NewsroomConfig(AppConfig):
    name = "dateline.newsroom"
    label = "newsroom"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        page_published.connect(drop_cached_pages, dispatch_uid="newsroom-publish-invalidates")
        page_unpublished.connect(drop_cached_pages, dispatch_uid="newsroom-unpublish-invalidates")
