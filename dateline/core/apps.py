from django.apps import AppConfig
from django.db.models.signals import post_save


def drop_cached_pages(sender, **kwargs):
    from .page_cache import invalidate_pages

    invalidate_pages()


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"

    def ready(self):
        post_save.connect(
            drop_cached_pages,
            sender=self.get_model("SiteSettings"),
            dispatch_uid="site-settings-saved",
        )
