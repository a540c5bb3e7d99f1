"""Guessing passwords at the admin login: a few wrong ones lock the account and the client out
for a while, whichever of the two the guesser changes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone
from freezegun import freeze_time

from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.roles import CHIEF_EDITOR, WRITER

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"


@pytest.fixture(autouse=True)
def login_policy(settings):
    """The lockout settings, spelled out so each test states what it relies on."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def staff(home):
    return {
        "chief": StaffFactory(username="chief", password="Right-horse-battery", group=CHIEF_EDITOR),
        "writer": StaffFactory(username="wanda", password="Writers-own-secret", group=WRITER),
    }


def log_in(username, password, address=ATTACKER, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def logged_in(client):
    return "_auth_user_id" in client.session


def guess_wrong(username, times, address=ATTACKER, **headers):
    for attempt in range(times):
        client = log_in(username, f"wrong-{attempt}", address, **headers)[1]
        assert not logged_in(client)


def assert_locked_out(response, client):
    assert response.status_code == 429
    assert settings.AXES_COOLOFF_MESSAGE in response.content.decode()
    assert not logged_in(client)


def test_wrong_passwords_lock_the_account_even_with_the_right_one(staff):
    guess_wrong("chief", settings.AXES_FAILURE_LIMIT)
    assert_locked_out(*log_in("chief", "Right-horse-battery"))


def test_a_locked_account_is_locked_from_every_client(staff):
    guess_wrong("chief", settings.AXES_FAILURE_LIMIT)
    assert_locked_out(*log_in("chief", "Right-horse-battery", address=OFFICE))


def test_a_client_that_guessed_is_locked_out_of_other_accounts(staff):
    guess_wrong("chief", settings.AXES_FAILURE_LIMIT)
    assert_locked_out(*log_in("wanda", "Writers-own-secret"))


def test_fewer_wrong_passwords_than_the_limit_do_not_lock(staff):
    guess_wrong("chief", settings.AXES_FAILURE_LIMIT - 1)
    response, client = log_in("chief", "Right-horse-battery")
    assert response.status_code == 302
    assert logged_in(client)


def test_a_forged_forwarded_for_does_not_make_a_new_client(staff):
    """Without proxies of our own, X-Forwarded-For is whatever the client wants it to be."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        guess_wrong("chief", 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert_locked_out(*log_in("wanda", "Writers-own-secret", HTTP_X_FORWARDED_FOR="192.0.2.99"))


@override_settings(DATELINE_TRUSTED_PROXIES=1)
def test_behind_our_proxy_the_reader_address_is_the_client(staff):
    """The proxy's own address is shared by every reader; the lock falls on the one it vouches for."""
    guess_wrong("chief", settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert_locked_out(*log_in("wanda", "Writers-own-secret", HTTP_X_FORWARDED_FOR=ATTACKER))
    client = log_in("wanda", "Writers-own-secret", HTTP_X_FORWARDED_FOR=OFFICE)[1]
    assert logged_in(client)


def test_the_lock_expires_after_the_cool_off(staff):
    locked_at = timezone.now()
    with freeze_time(locked_at):
        guess_wrong("chief", settings.AXES_FAILURE_LIMIT)
    with freeze_time(locked_at + settings.AXES_COOLOFF_TIME - timedelta(seconds=5)):
        assert_locked_out(*log_in("chief", "Right-horse-battery", address=OFFICE))
    with freeze_time(locked_at + settings.AXES_COOLOFF_TIME + timedelta(seconds=5)):
        response, client = log_in("chief", "Right-horse-battery", address=OFFICE)
        assert response.status_code == 302
        assert logged_in(client)
