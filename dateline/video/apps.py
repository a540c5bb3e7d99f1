from django.apps import AppConfig


class VideoConfig(AppConfig):
    name = "dateline.video"
    label = "video"
    verbose_name = "Shorts"
