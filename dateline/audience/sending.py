"""Sending digests: once per period, in batches, each message at most once unless an editor says so.

The send log (Delivery) is the source of truth. A row moves queued → sending when a sender claims
it, in a committed transaction, before anything goes out; it becomes sent or failed (or queued
again for a retry) once the batch is done. A row still "sending" when a worker starts up belongs
to a worker that died mid-batch: its message may or may not have been accepted, so it becomes
"in doubt" and waits for an editor, rather than being sent twice or silently dropped.
"""

import logging
import smtplib
import uuid
from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from dateline.core.links import absolute

from .digests import (
    Choices,
    DigestRenderer,
    latest_period,
    personalise,
    stories_in_period,
    subject_for,
)
from .models import Delivery, Digest, Frequency, Subscriber
from .tokens import link_value

logger = logging.getLogger(__name__)

DELIVERY_ROWS_PER_INSERT = 2000
_process = {"recovered": False}


def run_newsletter(now=None):
    """The worker's periodic job: recover after a crash, open due digests, send what is queued."""
    if not _process["recovered"]:
        recover_interrupted_sends()
        _process["recovered"] = True
    for frequency in Frequency:
        open_due_digest(frequency, now)
    send_queued(now=now)


def recover_interrupted_sends():
    """Rows a dead worker left "sending" become "in doubt". Run when a worker starts."""
    count = Delivery.objects.filter(state=Delivery.State.SENDING).update(
        state=Delivery.State.IN_DOUBT,
        last_error="The sender stopped after claiming this message; it may have been sent.",
    )
    if count:
        logger.warning("%d newsletter messages are in doubt after an interrupted send", count)
    return count


def message_domain():
    return urlsplit(absolute("/")).hostname or "localhost"


def open_due_digest(frequency, now=None):
    """Create the digest for the latest ended period and its send log, unless it exists.

    Only the latest period is considered: a worker that was down for days sends one digest,
    not a backlog of stale ones.
    """
    start, end = latest_period(frequency, now)
    if Digest.objects.filter(frequency=frequency, period_start=start).exists():
        return None
    stories = stories_in_period(start, end)
    domain = message_domain()
    try:
        with transaction.atomic():
            digest = Digest.objects.create(
                frequency=frequency,
                period_start=start,
                period_end=end,
                subject=subject_for(frequency, end),
                story_count=len(stories),
            )
            if not stories:
                digest.finished_at = timezone.now()
                digest.save(update_fields=["finished_at"])
                return digest
            recipients = (
                Subscriber.objects.filter(status=Subscriber.Status.ACTIVE, frequency=frequency)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            chunk = []
            for subscriber_id in recipients.iterator(chunk_size=DELIVERY_ROWS_PER_INSERT):
                chunk.append(
                    Delivery(
                        digest=digest,
                        subscriber_id=subscriber_id,
                        message_id=make_msgid(idstring="digest", domain=domain),
                    )
                )
                if len(chunk) == DELIVERY_ROWS_PER_INSERT:
                    Delivery.objects.bulk_create(chunk)
                    chunk = []
            Delivery.objects.bulk_create(chunk)
    except IntegrityError:
        # Another worker opened this digest first.
        return None
    return digest


def claim_batch(claim_id, size, now=None):
    """Mark up to `size` due rows as being sent by `claim_id`, and commit before any is sent."""
    now = now or timezone.now()
    with transaction.atomic():
        due = (
            Delivery.objects.filter(state=Delivery.State.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        ids = list(due)
        if ids:
            Delivery.objects.filter(pk__in=ids, state=Delivery.State.QUEUED).update(
                state=Delivery.State.SENDING, claimed_by=claim_id, claimed_at=now
            )
    return ids


def send_queued(now=None, batch_size=None):
    """Send every due queued message, a batch per SMTP connection. Returns the number sent."""
    batch_size = batch_size or settings.DATELINE_NEWSLETTER_BATCH_SIZE
    claim_id = uuid.uuid4().hex
    renderers = {}
    sent = 0
    while ids := claim_batch(claim_id, batch_size, now):
        sent += send_batch(ids, claim_id, renderers, now)
    finish_digests()
    return sent


def _choices_by_subscriber(subscriber_ids):
    editions = {pk: set() for pk in subscriber_ids}
    sectors = {pk: set() for pk in subscriber_ids}
    links = Subscriber.editions.through.objects.filter(subscriber_id__in=subscriber_ids)
    for subscriber_id, edition_id in links.values_list("subscriber_id", "edition_id"):
        editions[subscriber_id].add(edition_id)
    links = Subscriber.sectors.through.objects.filter(subscriber_id__in=subscriber_ids)
    for subscriber_id, sector_id in links.values_list("subscriber_id", "sector_id"):
        sectors[subscriber_id].add(sector_id)
    return {pk: Choices(frozenset(editions[pk]), frozenset(sectors[pk])) for pk in subscriber_ids}


def _renderer_for(digest, renderers):
    if digest.pk not in renderers:
        frequency = Frequency(digest.frequency)
        stories = stories_in_period(digest.period_start, digest.period_end)
        renderers[digest.pk] = DigestRenderer(frequency, digest.subject, stories)
    return renderers[digest.pk]


def build_message(delivery, html, text):
    link = link_value(delivery.subscriber)
    unsubscribe_url = absolute(reverse("audience:unsubscribe", args=[link]))
    preferences_url = absolute(reverse("audience:preferences", args=[link]))
    message = EmailMultiAlternatives(
        subject=delivery.digest.subject,
        body=personalise(text, unsubscribe_url, preferences_url),
        from_email=settings.DATELINE_NEWSLETTER_FROM_EMAIL,
        to=[delivery.subscriber.email],
        headers={
            "Message-ID": delivery.message_id,
            "List-Id": f"{settings.WAGTAIL_SITE_NAME} digest <digest.{message_domain()}>",
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(personalise(html, unsubscribe_url, preferences_url), "text/html")
    return message


def _is_temporary(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # Connection trouble and anything an email provider's API raises are worth another try.
    return True


def _breaks_connection(error):
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == 421
    # Every smtplib error is an OSError; the others (refused, reset, timed out) end the session.
    return isinstance(error, smtplib.SMTPServerDisconnected) or (
        isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)
    )


def send_batch(ids, claim_id, renderers, now=None):
    """Send the claimed rows on one connection, then record what became of each."""
    deliveries = list(
        Delivery.objects.filter(pk__in=ids, claimed_by=claim_id)
        .select_related("digest", "subscriber")
        .order_by("pk")
    )
    choices = _choices_by_subscriber([delivery.subscriber_id for delivery in deliveries])
    sent, skipped, failures = [], [], []
    unattempted = []
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:
        logger.warning("Could not reach the mail server: %s", error)
        failures = [(delivery, error) for delivery in deliveries]
        deliveries = []
    try:
        for index, delivery in enumerate(deliveries):
            if delivery.subscriber.status != Subscriber.Status.ACTIVE:
                skipped.append((delivery, "The subscriber left before the digest was sent."))
                continue
            rendered = _renderer_for(delivery.digest, renderers).render(
                choices[delivery.subscriber_id]
            )
            if rendered is None:
                skipped.append((delivery, "No story in this digest matched their choices."))
                continue
            try:
                if connection.send_messages([build_message(delivery, *rendered)]):
                    sent.append(delivery)
                else:
                    failures.append((delivery, ValueError("The mail backend sent nothing.")))
            except Exception as error:
                failures.append((delivery, error))
                if _breaks_connection(error):
                    unattempted = deliveries[index + 1 :]
                    break
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the mail connection failed", exc_info=True)
    record_outcomes(claim_id, sent, skipped, failures, unattempted, now)
    return len(sent)


def record_outcomes(claim_id, sent, skipped, failures, unattempted, now=None):
    """Write what became of a batch. Only rows this claim still holds are touched: a row an editor
    or a restarted worker has taken over keeps their verdict. Retries are timed from `now`."""
    now = now or timezone.now()
    held = Delivery.objects.filter(
        claimed_by=claim_id, state__in=[Delivery.State.SENDING, Delivery.State.IN_DOUBT]
    )
    with transaction.atomic():
        if sent:
            held.filter(pk__in=[d.pk for d in sent]).update(
                state=Delivery.State.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
                claimed_by="",
            )
        for delivery, reason in skipped:
            held.filter(pk=delivery.pk).update(
                state=Delivery.State.SKIPPED, last_error=reason, claimed_by=""
            )
        if unattempted:
            held.filter(pk__in=[d.pk for d in unattempted]).update(
                state=Delivery.State.QUEUED, claimed_by=""
            )
        for delivery, error in failures:
            attempts = delivery.attempts + 1
            retry = _is_temporary(error) and attempts < settings.DATELINE_NEWSLETTER_MAX_ATTEMPTS
            delay = settings.DATELINE_NEWSLETTER_RETRY_SECONDS * 2 ** (attempts - 1)
            held.filter(pk=delivery.pk).update(
                state=Delivery.State.QUEUED if retry else Delivery.State.FAILED,
                attempts=attempts,
                next_attempt_at=now + timedelta(seconds=delay),
                last_error=f"{type(error).__name__}: {error}"[:2000],
                claimed_by="",
            )


def finish_digests():
    """Stamp digests whose every row has reached an end state."""
    open_digests = Digest.objects.filter(finished_at__isnull=True, story_count__gt=0)
    unfinished = [Delivery.State.QUEUED, Delivery.State.SENDING]
    open_digests.exclude(deliveries__state__in=unfinished).update(finished_at=timezone.now())


def resend_in_doubt(digest):
    """An editor's decision to send the in-doubt messages of a digest again."""
    return Delivery.objects.filter(digest=digest, state=Delivery.State.IN_DOUBT).update(
        state=Delivery.State.QUEUED,
        claimed_by="",
        next_attempt_at=timezone.now(),
        last_error="Re-sent by an editor after an interrupted send.",
    )
