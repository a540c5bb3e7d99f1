from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "dateline.analytics"
    label = "analytics"
