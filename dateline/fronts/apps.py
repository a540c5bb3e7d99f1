from django.apps import AppConfig


class FrontsConfig(AppConfig):
    name = "dateline.fronts"
    label = "fronts"
