"""Newsletter subscribers, what they agreed to, the digests sent to them, and readers' feedback."""

import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from dateline.taxonomy.models import Edition, Sector


def new_token():
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Active"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUPPRESSED = "suppressed", "Suppressed (bounced or complained)"

    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.DAILY)
    editions = models.ManyToManyField(
        Edition, blank=True, related_name="subscribers", help_text="None chosen: every edition."
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="subscribers", help_text="None chosen: every sector."
    )
    # The secret in every link a subscriber is sent; links carry it signed.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="audience_subscriber_email_ci_unique")
        ]
        indexes = [models.Index(fields=["status", "frequency"])]

    def __str__(self):
        return self.email


class Consent(models.Model):
    """What a subscriber agreed to, when and where: the proof double opt-in exists to give.

    No IP address is kept: the signed link that only the mailbox owner received is the proof.
    """

    class Action(models.TextChoices):
        REQUESTED = "requested", "Asked to subscribe"
        CONFIRMED = "confirmed", "Confirmed by the emailed link"
        CHANGED = "changed", "Changed preferences"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    action = models.CharField(max_length=12, choices=Action.choices)
    wording = models.TextField(help_text="The words the reader saw when they acted.")
    source_url = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} at {self.recorded_at:%Y-%m-%d %H:%M}"


class Digest(models.Model):
    """One issue of the daily or weekly newsletter: the stories published in its window."""

    frequency = models.CharField(max_length=6, choices=Frequency.choices)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    subject = models.CharField(max_length=200)
    story_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "frequency"]
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period_start"], name="audience_one_digest_per_period"
            )
        ]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """The send log: one row per digest and subscriber, whatever became of the message."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        IN_DOUBT = "in_doubt", "In doubt (the sender stopped mid-send)"
        SKIPPED = "skipped", "Skipped"

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # Which sender run holds the row: a late report from a run that lost it changes nothing.
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Kept across re-sends, so mailboxes that did receive an in-doubt message can fold the copy.
    message_id = models.CharField(max_length=200)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "subscriber"], name="audience_one_delivery_per_digest"
            )
        ]
        # The sender takes due rows in (next_attempt_at, id) order; the index gives them in that
        # order, so each batch reads its rows instead of sorting every queued one.
        indexes = [models.Index(fields=["state", "next_attempt_at", "id"])]

    def __str__(self):
        return f"{self.digest_id}/{self.subscriber_id}: {self.get_state_display()}"


class Suppression(models.Model):
    """An address the provider told us not to mail again: it bounced or its owner complained."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"
        REJECTED = "rejected", "Rejected by the provider"

    email = models.EmailField(max_length=254)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="audience_suppression_email_ci_unique")
        ]

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"


class Feedback(models.Model):
    message = models.TextField()
    email = models.EmailField(max_length=254, blank=True)
    page_url = models.CharField("page it is about", max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled = models.BooleanField(default=False)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return self.message[:60]
