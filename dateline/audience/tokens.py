"""Signed values for the links in newsletter mail: the confirmation link expires, the others last.

Every value carries the subscriber's random token, so one subscriber's link never opens another's
record, and a tampered or foreign value fails the signature check before any query.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "dateline.audience.confirm"
LINK_SALT = "dateline.audience.links"


class InvalidLink(Exception):
    """The link was altered, is not ours, or its subscriber is gone."""


class LinkExpired(InvalidLink):
    """A confirmation link older than DATELINE_NEWSLETTER_CONFIRM_DAYS."""


def confirmation_value(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.token)


def link_value(subscriber):
    """The value in preferences and unsubscribe links; it stays valid for the subscriber's life."""
    return signing.Signer(salt=LINK_SALT).sign(subscriber.token)


def _subscriber_with_token(token):
    try:
        return Subscriber.objects.get(token=token)
    except Subscriber.DoesNotExist:
        raise InvalidLink("No subscriber has this token.") from None


def subscriber_to_confirm(value):
    max_age = timedelta(days=settings.DATELINE_NEWSLETTER_CONFIRM_DAYS)
    try:
        token = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(value, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired("The confirmation link has expired.") from error
    except signing.BadSignature as error:
        raise InvalidLink("The confirmation link is not valid.") from error
    return _subscriber_with_token(token)


def subscriber_from_link(value):
    try:
        token = signing.Signer(salt=LINK_SALT).unsign(value)
    except signing.BadSignature as error:
        raise InvalidLink("The link is not valid.") from error
    return _subscriber_with_token(token)
