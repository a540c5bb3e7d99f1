from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "dateline.syndication"
    label = "syndication"
    verbose_name = "Feeds and sitemaps"
