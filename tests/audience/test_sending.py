"""Sending through a real SMTP server: once per period, retries, and no duplicate or silent loss
when a sender stops mid-send."""

import asyncio
import base64
import json
import threading
from datetime import timedelta

import pytest
from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.conf import settings as django_settings
from django.db import connections
from django.utils import timezone

from dateline.audience.digests import latest_period
from dateline.audience.models import Delivery, Digest, Subscriber, Suppression
from dateline.audience.sending import (
    claim_batch,
    open_due_digest,
    recover_interrupted_sends,
    resend_in_doubt,
    run_newsletter,
    send_queued,
)
from dateline.fronts.setup import ensure_site
from dateline.newsroom.factories import StoryFactory

from .smtp import Mailbox, start_server, use_server

pytestmark = pytest.mark.django_db


def story_in_latest_period():
    _, end = latest_period("daily", timezone.now())
    return StoryFactory(first_published_at=end - timedelta(hours=1))


@pytest.fixture
def due_story(home):
    return story_in_latest_period()


def open_daily():
    return open_due_digest("daily", timezone.now())


def test_the_worker_runs_the_newsletter_job():
    assert "dateline.audience.sending.run_newsletter" in django_settings.DATELINE_PERIODIC_JOBS


def test_job_sends_each_due_digest_once(due_story, mailbox, make_subscriber):
    make_subscriber("daily@example.org")
    make_subscriber("weekly@example.org", frequency="weekly")
    run_newsletter()
    run_newsletter()
    assert mailbox.recipients().count("daily@example.org") == 1
    assert Digest.objects.filter(frequency="daily").count() == 1
    daily = Digest.objects.get(frequency="daily")
    assert daily.finished_at is not None
    assert daily.deliveries.get().state == Delivery.State.SENT


def test_only_active_subscribers_are_mailed(due_story, mailbox, make_subscriber):
    make_subscriber("active@example.org")
    make_subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    make_subscriber("gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    make_subscriber("bounced@example.org", status=Subscriber.Status.SUPPRESSED)
    leaving = make_subscriber("leaving@example.org")
    open_daily()
    # Unsubscribed after the digest was opened, before it was sent.
    leaving.status = Subscriber.Status.UNSUBSCRIBED
    leaving.save()
    send_queued()
    assert mailbox.recipients() == ["active@example.org"]
    skipped = Delivery.objects.get(subscriber=leaving)
    assert skipped.state == Delivery.State.SKIPPED
    assert "left" in skipped.last_error


class RefusingMailbox(Mailbox):
    """Answers RCPT TO for some addresses with a given SMTP reply."""

    def __init__(self, refusals):
        super().__init__()
        self.refusals = refusals

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refusals:
            return self.refusals[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_mailbox(settings):
    box = RefusingMailbox(
        {
            "busy@example.org": "451 4.2.0 Mailbox busy, try later",
            "nobody@example.org": "550 5.1.1 No such user",
        }
    )
    controller = start_server(box)
    use_server(settings, controller)
    yield box
    controller.stop()


def test_temporary_failures_retry_with_back_off_and_permanent_ones_fail(
    due_story, refusing_mailbox, make_subscriber, settings
):
    settings.DATELINE_NEWSLETTER_MAX_ATTEMPTS = 3
    settings.DATELINE_NEWSLETTER_RETRY_SECONDS = 60
    busy = make_subscriber("busy@example.org")
    nobody = make_subscriber("nobody@example.org")
    make_subscriber("fine@example.org")
    open_daily()
    send_queued()
    assert refusing_mailbox.recipients() == ["fine@example.org"]

    failed = Delivery.objects.get(subscriber=nobody)
    assert (failed.state, failed.attempts) == (Delivery.State.FAILED, 1)
    assert "550" in failed.last_error
    retrying = Delivery.objects.get(subscriber=busy)
    assert (retrying.state, retrying.attempts) == (Delivery.State.QUEUED, 1)
    assert "451" in retrying.last_error
    first_retry = retrying.next_attempt_at

    # Not due yet: nothing is sent early.
    assert send_queued() == 0
    send_queued(now=first_retry)
    retrying.refresh_from_db()
    assert retrying.attempts == 2
    assert retrying.next_attempt_at - first_retry >= timedelta(seconds=120)

    send_queued(now=retrying.next_attempt_at)
    retrying.refresh_from_db()
    assert (retrying.state, retrying.attempts) == (Delivery.State.FAILED, 3)

    # The mailbox recovers; a retry that is due is sent.
    del refusing_mailbox.refusals["busy@example.org"]
    Delivery.objects.filter(pk=retrying.pk).update(state=Delivery.State.QUEUED)
    assert send_queued(now=retrying.next_attempt_at) == 1
    assert refusing_mailbox.recipients().count("busy@example.org") == 1


def test_an_unreachable_mail_server_loses_nothing(due_story, make_subscriber, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # the discard port: nothing listens there
    for number in range(3):
        make_subscriber(f"reader{number}@example.org")
    open_daily()
    assert send_queued() == 0
    rows = list(Delivery.objects.all())
    assert {row.state for row in rows} == {Delivery.State.QUEUED}
    assert {row.attempts for row in rows} == {1}
    assert all(row.last_error for row in rows)

    box = Mailbox()
    controller = start_server(box)
    use_server(settings, controller)
    try:
        assert send_queued(now=rows[0].next_attempt_at) == 3
    finally:
        controller.stop()
    assert sorted(box.recipients()) == [f"reader{n}@example.org" for n in range(3)]


def test_a_batch_takes_the_rows_due_longest_first(due_story, make_subscriber):
    for number in range(3):
        make_subscriber(f"reader{number}@example.org")
    open_daily()
    waiting_for_retry, first_due, second_due = Delivery.objects.order_by("pk")
    now = timezone.now()
    Delivery.objects.filter(pk=waiting_for_retry.pk).update(
        next_attempt_at=now - timedelta(minutes=1)
    )
    Delivery.objects.filter(pk=first_due.pk).update(next_attempt_at=now - timedelta(hours=2))
    Delivery.objects.filter(pk=second_due.pk).update(next_attempt_at=now - timedelta(hours=1))
    assert claim_batch("worker", 2, now) == [first_due.pk, second_due.pk]


def test_rows_claimed_by_a_dead_worker_are_in_doubt_until_an_editor_resends(
    due_story, mailbox, make_subscriber
):
    for number in range(4):
        make_subscriber(f"reader{number}@example.org")
    digest = open_daily()
    # A worker claims two rows and dies before reporting what became of them.
    claimed = claim_batch("worker-that-died", 2)

    assert recover_interrupted_sends() == 2
    send_queued()
    assert len(mailbox.messages) == 2
    in_doubt = Delivery.objects.filter(state=Delivery.State.IN_DOUBT)
    assert sorted(in_doubt.values_list("pk", flat=True)) == sorted(claimed)
    assert "may have been sent" in in_doubt.first().last_error
    # Running again does not touch them: only an editor decides.
    run_newsletter()
    assert len(mailbox.messages) == 2

    assert resend_in_doubt(digest) == 2
    send_queued()
    assert sorted(mailbox.recipients()) == [f"reader{n}@example.org" for n in range(4)]
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


class StallingMailbox(Mailbox):
    """Accepts messages until the `stall_at`th, then stops answering until released, and then
    closes the session (421), like a sender whose process froze or died mid-batch."""

    def __init__(self, stall_at):
        super().__init__()
        self.stall_at = stall_at
        self.received = 0
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.received == self.stall_at:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            return "421 4.3.2 Shutting down"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    return ensure_site()


def test_restart_after_a_sender_stops_mid_batch_neither_duplicates_nor_drops(
    site, settings, make_subscriber
):
    box = StallingMailbox(stall_at=4)
    controller = start_server(box)
    use_server(settings, controller)
    addresses = [f"reader{number:02d}@example.org" for number in range(12)]
    for address in addresses:
        make_subscriber(address)
    story_in_latest_period()
    open_daily()

    def first_worker():
        try:
            send_queued(batch_size=5)
        finally:
            connections.close_all()

    worker = threading.Thread(target=first_worker)
    worker.start()
    try:
        assert box.stalled.wait(timeout=60)
        # The server accepted three messages of the first batch; the sender is stuck on the fourth.
        accepted = box.recipients()
        assert accepted == addresses[:3]

        # Restart: the first batch is in doubt, the rest goes out.
        assert recover_interrupted_sends() == 5
        send_queued(batch_size=5)
        states = dict(Delivery.objects.values_list("subscriber__email", "state"))
        assert {states[a] for a in addresses[:5]} == {Delivery.State.IN_DOUBT}
        assert {states[a] for a in addresses[5:]} == {Delivery.State.SENT}
        assert sorted(box.recipients()) == sorted(addresses[:3] + addresses[5:])
    finally:
        box.release.set()
        worker.join()
        controller.stop()

    # The first worker, unstuck, reports what it knows: three were accepted, the fourth was not,
    # the fifth was never tried and goes out now; the fourth waits for its retry.
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert {states[a] for a in addresses[:3]} == {Delivery.State.SENT}
    assert states[addresses[3]] == Delivery.State.QUEUED
    assert "421" in Delivery.objects.get(subscriber__email=addresses[3]).last_error
    assert states[addresses[4]] == Delivery.State.SENT
    received = box.recipients()
    assert len(received) == len(set(received)) == 11
    assert addresses[3] not in received


def tracking_event(event_type, recipient):
    return AnymailTrackingEvent(
        event_type=event_type,
        recipient=recipient,
        timestamp=timezone.now(),
        description="Mailbox does not exist",
    )


@pytest.mark.parametrize(
    ("event_type", "reason"),
    [(EventType.BOUNCED, "bounced"), (EventType.COMPLAINED, "complained")],
)
def test_bounces_and_complaints_suppress_the_address(
    event_type, reason, due_story, mailbox, make_subscriber
):
    subscriber = make_subscriber("Trouble@Example.org")
    make_subscriber("fine@example.org")
    tracking.send(
        sender=object, event=tracking_event(event_type, "trouble@example.org"), esp_name="Test"
    )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUPPRESSED
    assert Suppression.objects.get().reason == reason
    run_newsletter()
    assert mailbox.recipients() == ["fine@example.org"]


def test_deliveries_and_opens_change_nothing(make_subscriber):
    subscriber = make_subscriber("reader@example.org")
    for event_type in (EventType.DELIVERED, EventType.OPENED, EventType.DEFERRED):
        tracking.send(
            sender=object, event=tracking_event(event_type, "reader@example.org"), esp_name="Test"
        )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert not Suppression.objects.exists()


def test_postmark_bounce_webhook_suppresses_with_basic_auth_only(client, make_subscriber):
    subscriber = make_subscriber("hard@example.org")
    payload = json.dumps(
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "ID": 42,
            "Email": "hard@example.org",
            "BouncedAt": "2025-05-12T10:00:00Z",
            "Description": "The server was unable to deliver your message",
            "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        }
    )
    no_auth = client.post("/anymail/postmark/tracking/", payload, content_type="application/json")
    assert no_auth.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE

    credentials = base64.b64encode(b"anymail-tests:webhook-secret").decode()
    response = client.post(
        "/anymail/postmark/tracking/",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUPPRESSED
    assert "Postmark" in Suppression.objects.get(email="hard@example.org").detail


def test_two_workers_opening_the_same_digest_create_it_once(due_story, make_subscriber):
    make_subscriber("reader@example.org")
    first = open_daily()
    assert first is not None
    assert open_daily() is None
    assert Digest.objects.filter(frequency="daily").count() == 1
    assert Delivery.objects.count() == 1
