from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "dateline.media"
    label = "media"
