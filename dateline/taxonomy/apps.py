from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "dateline.taxonomy"
    label = "taxonomy"

    def ready(self):
        from . import signals

        signals.connect()
