from django.apps import AppConfig
from django.core import checks


class WireConfig(AppConfig):
    name = "dateline.wire"
    label = "wire"
    verbose_name = "Wire desk"

    def ready(self):
        checks.register(check_allowed_networks)


def check_allowed_networks(**kwargs):
    """A mistyped allow-list entry is reported at start-up, not at the first fetch."""
    from .outbound import allowed_networks  # imports requests; only once apps are ready

    try:
        allowed_networks()
    except ValueError as error:
        return [checks.Error(str(error), id="wire.E001")]
    return []
