from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "dateline.audience"
    label = "audience"
    verbose_name = "Newsletter and feedback"

    def ready(self):
        from . import tracking  # noqa: F401  (connects the anymail tracking receiver)
