from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

from dateline.core.apps import drop_cached_pages


class TaxonomyConfig(AppConfig):
    name = "dateline.taxonomy"
    label = "taxonomy"

    def ready(self):
        # Names and slugs of sectors, editions and countries appear on every page's navigation.
        for model_name in ("Sector", "Country", "Edition", "Agency"):
            model = self.get_model(model_name)
            post_save.connect(drop_cached_pages, sender=model, dispatch_uid=f"{model_name}-saved")
            post_delete.connect(
                drop_cached_pages, sender=model, dispatch_uid=f"{model_name}-deleted"
            )
        m2m_changed.connect(
            drop_cached_pages,
            sender=self.get_model("Edition").countries.through,
            dispatch_uid="edition-countries-changed",
        )
