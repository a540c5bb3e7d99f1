"""Bounces and complaints reported by the email provider (django-anymail webhooks) suppress the
address; an unsubscribe made at the provider unsubscribes the reader here too."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from .models import Subscriber, Suppression
from .subscriptions import suppress, unsubscribe

SUPPRESSING_EVENTS = {
    EventType.BOUNCED: Suppression.Reason.BOUNCED,
    EventType.COMPLAINED: Suppression.Reason.COMPLAINED,
    EventType.REJECTED: Suppression.Reason.REJECTED,
}


@receiver(tracking, dispatch_uid="dateline.audience.tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs):
    if not event.recipient:
        return
    if event.event_type in SUPPRESSING_EVENTS:
        detail = event.description or event.mta_response or event.reject_reason or ""
        suppress(event.recipient, SUPPRESSING_EVENTS[event.event_type], f"{esp_name}: {detail}")
    elif event.event_type == EventType.UNSUBSCRIBED:
        for subscriber in Subscriber.objects.filter(email__iexact=event.recipient):
            unsubscribe(subscriber, source_url=f"{esp_name} unsubscribe")
