"""What happens to a subscriber: asking, confirming, changing choices, leaving, being suppressed.

Every change a reader makes is recorded as a Consent row with the words they were shown.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Consent, Subscriber, Suppression
from .tasks import send_confirmation

# A pending address gets at most one confirmation mail in this time, whoever asks for it.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=5)


def consent_wording(frequency, editions, sectors):
    site = settings.WAGTAIL_SITE_NAME
    scope_editions = ", ".join(e.name for e in editions) or "all editions"
    scope_sectors = ", ".join(s.name for s in sectors) or "all sectors"
    return (
        f"Send me the {frequency} newsletter of {site} ({scope_editions}; {scope_sectors}). "
        "I can change my choices or unsubscribe at any time from the links in every message."
    )


def is_suppressed(email):
    return Suppression.objects.filter(email__iexact=email).exists()


def _set_choices(subscriber, frequency, editions, sectors):
    subscriber.frequency = frequency
    subscriber.editions.set(editions)
    subscriber.sectors.set(sectors)


def request_subscription(email, frequency, editions, sectors, source_url):
    """Start double opt-in for this address. Returns nothing on purpose: whatever the address's
    state, the reader is told the same thing, so the form reveals no one's subscription."""
    if is_suppressed(email):
        return
    now = timezone.now()
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is not None:
        if subscriber.status in (Subscriber.Status.ACTIVE, Subscriber.Status.SUPPRESSED):
            return
        sent_at = subscriber.confirmation_sent_at
        if sent_at and now - sent_at < CONFIRMATION_RESEND_AFTER:
            return
    try:
        with transaction.atomic():
            if subscriber is None:
                subscriber = Subscriber.objects.create(email=email, frequency=frequency)
            subscriber.status = Subscriber.Status.PENDING
            subscriber.confirmation_sent_at = now
            _set_choices(subscriber, frequency, editions, sectors)
            subscriber.save()
            Consent.objects.create(
                subscriber=subscriber,
                action=Consent.Action.REQUESTED,
                wording=consent_wording(frequency, editions, sectors),
                source_url=source_url[:500],
            )
    except IntegrityError:
        # The same address arrived twice at once; the other request carries on.
        return
    send_confirmation.enqueue(subscriber.pk)


def confirm(subscriber, source_url):
    """Pending becomes active; True if the subscriber is now active."""
    if subscriber.status == Subscriber.Status.ACTIVE:
        return True
    if subscriber.status != Subscriber.Status.PENDING:
        return False
    with transaction.atomic():
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
        Consent.objects.create(
            subscriber=subscriber,
            action=Consent.Action.CONFIRMED,
            wording=consent_wording(
                subscriber.frequency, subscriber.editions.all(), subscriber.sectors.all()
            ),
            source_url=source_url,
        )
    return True


def change_preferences(subscriber, frequency, editions, sectors, source_url, resubscribe=False):
    """New choices; `resubscribe` brings back a reader who had unsubscribed. The link they used
    reached them by mail, which proves the address is theirs as a confirmation would."""
    with transaction.atomic():
        _set_choices(subscriber, frequency, editions, sectors)
        action = Consent.Action.CHANGED
        if resubscribe and subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.confirmed_at = timezone.now()
            action = Consent.Action.CONFIRMED
        subscriber.save(update_fields=["frequency", "status", "confirmed_at"])
        Consent.objects.create(
            subscriber=subscriber,
            action=action,
            wording=consent_wording(frequency, editions, sectors),
            source_url=source_url,
        )


def unsubscribe(subscriber, source_url):
    """Idempotent: a second request, or one for a suppressed address, changes nothing."""
    if subscriber.status in (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.SUPPRESSED):
        return
    with transaction.atomic():
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        Consent.objects.create(
            subscriber=subscriber,
            action=Consent.Action.UNSUBSCRIBED,
            wording="Stop sending me the newsletter.",
            source_url=source_url,
        )


def suppress(email, reason, detail=""):
    """Never mail this address again: its mailbox bounced or its owner reported us as spam."""
    with transaction.atomic():
        if not is_suppressed(email):
            Suppression.objects.create(email=email, reason=reason, detail=detail[:2000])
        Subscriber.objects.filter(email__iexact=email).update(status=Subscriber.Status.SUPPRESSED)
