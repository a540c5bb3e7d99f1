"""Enrolling, checking and removing a person's second factor (django-otp's TOTP and static devices)."""

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
APP_CODE = re.compile(r"\d{6}")
# Every staff member when DATELINE_REQUIRE_TWO_FACTOR_FOR holds this instead of group names.
EVERY_ROLE = "*"


class TooManyWrongCodes(Exception):
    """The device takes no new try yet: django-otp doubles the wait after each wrong code."""

    def __init__(self, retry_at):
        super().__init__(retry_at)
        self.retry_at = retry_at

    @property
    def seconds_left(self):
        return max(1, round((self.retry_at - timezone.now()).total_seconds()))


def has_second_factor(user):
    # One query on every signed-in request (middleware.py): the app is what enrolment confirms,
    # and backup codes never exist without it (they are made and removed together with it).
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_required_for(user):
    """Whether user's role must sign in with a second factor (DATELINE_REQUIRE_TWO_FACTOR_FOR).

    Superusers hold every role's rights, so any requirement at all covers them.
    """
    required = settings.DATELINE_REQUIRE_TWO_FACTOR_FOR
    if not required:
        return False
    if EVERY_ROLE in required or user.is_superuser:
        return True
    return user.groups.filter(name__in=required).exists()


def enrolled_app(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_being_enrolled(user):
    """The authenticator app user is setting up. Its secret stays the same until it is confirmed,
    so reloading the page shows the QR code the person may already have scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def secret_for_typing(device):
    """The device's secret in the base32 form apps accept, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def _check_throttle(device):
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise TooManyWrongCodes(details["locked_until"])


def confirm_app(device, code):
    """Turn the app on when code is its current code: returns the new backup codes (to be shown
    once), or None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        _check_throttle(device)
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return _replace_backup_codes(device.user)


def _replace_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise_code(code):
    """Codes as people type them: spaces or dashes between groups, any letter case."""
    return re.sub(r"[\s-]", "", code).lower()


def verify(user, code):
    """The device of user's that accepts code (six digits: the app; otherwise a backup code, which
    is then used up), or None. Raises TooManyWrongCodes while that device makes people wait."""
    model = TOTPDevice if APP_CODE.fullmatch(code) else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            _check_throttle(device)
            if device.verify_token(code):
                return device
    return None


def remove_second_factor(user):
    """Remove user's app and backup codes: they sign in with their password alone again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
