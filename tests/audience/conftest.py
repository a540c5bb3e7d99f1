import pytest

from dateline.audience.models import Subscriber

from .smtp import Mailbox, start_server, use_server


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on a free local port; Django's SMTP backend sends to it."""
    box = Mailbox()
    controller = start_server(box)
    use_server(settings, controller)
    yield box
    controller.stop()


@pytest.fixture
def make_subscriber(db):
    def make(email, *, status=Subscriber.Status.ACTIVE, frequency="daily", editions=(), sectors=()):
        subscriber = Subscriber.objects.create(email=email, status=status, frequency=frequency)
        subscriber.editions.set(editions)
        subscriber.sectors.set(sectors)
        return subscriber

    return make
