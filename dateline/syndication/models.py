"""API keys for the content API.

A key is shown once, when it is issued; only its SHA-256 digest is stored. Keys are 256 random
bits, so a fast digest is enough: there is nothing to guess that a slow hash would protect.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

KEY_MARKER = "dlk_"
PREFIX_LENGTH = len(KEY_MARKER) + 8
LAST_USED_RESOLUTION = timedelta(minutes=1)


def default_rate_limit():
    return settings.DATELINE_API_RATE_LIMIT


def key_digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKey(models.Model):
    name = models.CharField(max_length=100, help_text="Who or what uses this key, e.g. a partner.")
    contact = models.CharField(
        max_length=200, blank=True, help_text="Whom to ask about this key: a person or an email."
    )
    prefix = models.CharField(
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text="The start of the key, to tell keys apart; the rest is never stored.",
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    rate_limit_per_minute = models.PositiveIntegerField(
        default=default_rate_limit,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text="Requests allowed per minute; more are refused until the next minute.",
    )
    active = models.BooleanField(default=True, help_text="Untick to revoke the key at once.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"
        verbose_name_plural = "API keys"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def issue_secret(self):
        """Give the key a new secret and return it; it cannot be read back later."""
        key = KEY_MARKER + secrets.token_urlsafe(32)
        self.prefix = key[:PREFIX_LENGTH]
        self.digest = key_digest(key)
        return key

    def note_use(self, now):
        """Record that the key was used, writing at most once a minute per key."""
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


def issue_api_key(name, *, contact="", rate_limit_per_minute=None):
    """Create a key; returns (ApiKey, the secret to hand over once)."""
    api_key = ApiKey(name=name, contact=contact)
    if rate_limit_per_minute is not None:
        api_key.rate_limit_per_minute = rate_limit_per_minute
    secret = api_key.issue_secret()
    api_key.full_clean()
    api_key.save()
    return api_key, secret


def active_key(secret):
    """The active key with this secret, or None."""
    if not secret.startswith(KEY_MARKER) or len(secret) > 100:
        return None
    return ApiKey.objects.filter(digest=key_digest(secret), active=True).first()
