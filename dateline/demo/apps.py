from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dateline.demo"
    label = "demo"
