from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "dateline.audience"
    label = "audience"
    verbose_name = "Newsletter and feedback"
