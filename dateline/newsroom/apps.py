from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "dateline.newsroom"
    label = "newsroom"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from dateline.core.page_cache import invalidate_pages

        def drop_cached_pages(sender, **kwargs):
            invalidate_pages()

        page_published.connect(drop_cached_pages, dispatch_uid="newsroom-publish-invalidates")
        page_unpublished.connect(drop_cached_pages, dispatch_uid="newsroom-unpublish-invalidates")
