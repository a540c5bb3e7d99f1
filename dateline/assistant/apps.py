from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "dateline.assistant"
    label = "assistant"
