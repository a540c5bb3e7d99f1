"""Two-factor authentication for staff: enrolling an app, the code step at sign-in, wrong codes
locked out like wrong passwords, backup codes, turning it off, required roles and resets."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from dateline.core.two_factor.devices import app_being_enrolled, confirm_app, has_second_factor
from dateline.core.two_factor.login import PENDING_SECONDS
from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.roles import CHIEF_EDITOR, WRITER

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
CODE_STEP = "/admin/login/code/"
OVERVIEW = "/admin/account/two-factor/"
SET_UP = "/admin/account/two-factor/set-up/"
PASSWORD = "Right-horse-battery"
# One TOTP step (30 s) on: each test moves the clock on by this between codes, as a person's
# next sign-in would be, because a code once accepted is never accepted again.
NEXT_STEP = timedelta(seconds=30)


@pytest.fixture
def clock():
    with freeze_time(timezone.now()) as frozen:
        yield frozen


@pytest.fixture
def chief(home):
    return StaffFactory(username="chief", password=PASSWORD, group=CHIEF_EDITOR)


@pytest.fixture
def writer(home):
    return StaffFactory(username="wanda", password=PASSWORD, group=WRITER)


def current_code(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def a_wrong_code(device):
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


def enrol(user):
    """Enrol an app for user the way the set-up page does; returns it and the backup codes."""
    device = app_being_enrolled(user)
    backup_codes = confirm_app(device, current_code(device))
    device.refresh_from_db()
    return device, backup_codes


def signed_in(client):
    return "_auth_user_id" in client.session


def enter_password(username, password=PASSWORD, address="198.51.100.20", **extra):
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password, **extra})
    return client, response


def test_without_an_app_the_password_alone_signs_in(chief):
    client, response = enter_password("chief")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert signed_in(client)
    assert client.get("/admin/").status_code == 200


def test_with_an_app_the_password_leads_to_the_code_step_not_into_the_admin(chief, clock):
    enrol(chief)
    client, response = enter_password("chief")
    assert response.status_code == 302
    assert response["Location"] == CODE_STEP
    assert not signed_in(client)
    assert client.get("/admin/")["Location"].startswith(LOGIN)
    page = client.get(CODE_STEP)
    assert page.status_code == 200
    assert "Enter your code" in page.content.decode()


def test_the_right_code_signs_in_and_goes_where_the_person_was_going(chief, clock):
    device, _ = enrol(chief)
    clock.tick(NEXT_STEP)
    client, _ = enter_password("chief", next="/admin/pages/")
    response = client.post(CODE_STEP, {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert signed_in(client)
    # Without "Remember me", as with Wagtail's own login, the session ends with the browser.
    assert client.session.get_expire_at_browser_close()
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(chief, clock):
    device, _ = enrol(chief)
    clock.tick(NEXT_STEP)
    client, _ = enter_password("chief")
    response = client.post(CODE_STEP, {"code": a_wrong_code(device)})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not signed_in(client)


def test_text_that_is_no_code_gets_a_form_error(chief, clock):
    enrol(chief)
    client, _ = enter_password("chief")
    response = client.post(CODE_STEP, {"code": "<script>"})
    assert response.status_code == 200
    assert "A code has only digits" in response.content.decode()
    assert not signed_in(client)


def test_a_code_once_used_is_not_accepted_again(chief, clock):
    device, _ = enrol(chief)
    clock.tick(NEXT_STEP)
    code = current_code(device)
    first, _ = enter_password("chief")
    first.post(CODE_STEP, {"code": code})
    assert signed_in(first)
    second, _ = enter_password("chief", address="203.0.113.9")
    second.post(CODE_STEP, {"code": code})
    assert not signed_in(second)


def test_the_device_makes_people_wait_after_a_wrong_code(chief, clock):
    """django-otp's back-off: 1 s after one wrong code, doubling after each further one."""
    device, _ = enrol(chief)
    clock.tick(NEXT_STEP)
    client, _ = enter_password("chief")
    client.post(CODE_STEP, {"code": a_wrong_code(device)})
    response = client.post(CODE_STEP, {"code": current_code(device)})
    assert "Too many wrong codes: wait 1 s" in response.content.decode()
    assert not signed_in(client)
    clock.tick(timedelta(seconds=2))
    client.post(CODE_STEP, {"code": current_code(device)})
    assert signed_in(client)


def test_wrong_codes_lock_the_account_like_wrong_passwords(chief, clock):
    device, _ = enrol(chief)
    clock.tick(NEXT_STEP)
    client, _ = enter_password("chief")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # Past django-otp's own back-off (1, 2, 4, 8 s), so that each try is a real guess.
        clock.tick(timedelta(seconds=20))
        response = client.post(CODE_STEP, {"code": a_wrong_code(device)})
    assert response.status_code == 429
    assert settings.AXES_COOLOFF_MESSAGE in response.content.decode()
    clock.tick(NEXT_STEP)
    # Locked: the proven password is forgotten, so the right code no longer signs in, and the
    # right password from anywhere else does not either.
    response = client.post(CODE_STEP, {"code": current_code(device)})
    assert response["Location"] == LOGIN
    assert not signed_in(client)
    other, response = enter_password("chief", address="203.0.113.9")
    assert response.status_code == 429
    assert not signed_in(other)


def test_a_proven_password_waits_only_a_few_minutes_for_its_code(chief, clock):
    device, _ = enrol(chief)
    client, _ = enter_password("chief")
    clock.tick(timedelta(seconds=PENDING_SECONDS + 1))
    response = client.post(CODE_STEP, {"code": current_code(device)})
    assert response["Location"] == LOGIN
    assert not signed_in(client)


def test_the_code_step_needs_the_password_step_first(chief, clock):
    device, _ = enrol(chief)
    client = Client()
    response = client.post(CODE_STEP, {"code": current_code(device)})
    assert response["Location"] == LOGIN
    assert not signed_in(client)


def test_a_backup_code_signs_in_once(chief, clock):
    _, backup_codes = enrol(chief)
    assert len(backup_codes) == 10
    code = backup_codes[0]
    client, _ = enter_password("chief")
    # Typed as people do: upper case, in two groups.
    response = client.post(CODE_STEP, {"code": f"{code[:4].upper()} {code[4:].upper()}"})
    assert response.status_code == 302
    assert signed_in(client)
    other, _ = enter_password("chief", address="203.0.113.9")
    other.post(CODE_STEP, {"code": code})
    assert not signed_in(other)


def test_a_session_from_before_the_app_was_enrolled_is_ended(chief, clock):
    """A password thief signed in before the owner enrolled loses that session."""
    thief = Client()
    thief.force_login(chief)
    assert thief.get("/admin/").status_code == 200
    enrol(chief)
    assert thief.get("/admin/")["Location"].startswith(LOGIN)
    assert not signed_in(thief)


def test_enrolling_through_the_account_pages(chief, clock):
    client = Client()
    client.force_login(chief)
    assert "Two-factor authentication is off" in client.get(OVERVIEW).content.decode()
    page = client.get(SET_UP).content.decode()
    device = TOTPDevice.objects.get(user=chief, confirmed=False)
    assert "<svg" in page
    assert device.config_url.split("secret=")[1].split("&")[0] in page.replace(" ", "")

    response = client.post(SET_UP, {"code": a_wrong_code(device)})
    assert "That code is not right" in response.content.decode()
    assert not has_second_factor(chief)

    clock.tick(timedelta(seconds=2))
    response = client.post(SET_UP, {"code": current_code(device)})
    assert response.status_code == 200
    assert "they are shown only this once" in response.content.decode()
    codes = StaticDevice.objects.get(user=chief).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert has_second_factor(chief)
    # The code just given counts for this session.
    assert client.get("/admin/").status_code == 200
    assert "Two-factor authentication is on" in client.get(OVERVIEW).content.decode()


def test_the_set_up_page_keeps_its_secret_until_confirmed(chief):
    client = Client()
    client.force_login(chief)
    client.get(SET_UP)
    client.get(SET_UP)
    assert TOTPDevice.objects.filter(user=chief).count() == 1


def test_turning_it_off_takes_a_current_code(chief, clock):
    device, _ = enrol(chief)
    clock.tick(NEXT_STEP)
    client, _ = enter_password("chief")
    client.post(CODE_STEP, {"code": current_code(device)})
    clock.tick(NEXT_STEP)
    response = client.post(OVERVIEW, {"code": a_wrong_code(device)})
    assert "That code is not right" in response.content.decode()
    assert has_second_factor(chief)
    clock.tick(NEXT_STEP)
    response = client.post(OVERVIEW, {"code": current_code(device)})
    assert response.status_code == 302
    assert not has_second_factor(chief)
    assert not StaticDevice.objects.filter(user=chief).exists()
    # From now on the password alone signs in again.
    again, _ = enter_password("chief", address="203.0.113.9")
    assert signed_in(again)


def test_a_required_role_must_enrol_before_anything_else(chief, writer, settings, clock):
    settings.DATELINE_REQUIRE_TWO_FACTOR_FOR = [CHIEF_EDITOR]
    client, _ = enter_password("chief")
    assert signed_in(client)
    assert client.get("/admin/")["Location"] == SET_UP
    assert client.get("/admin/pages/")["Location"] == SET_UP
    assert client.get(SET_UP).status_code == 200
    device = TOTPDevice.objects.get(user=chief)
    clock.tick(timedelta(seconds=2))
    client.post(SET_UP, {"code": current_code(device)})
    assert client.get("/admin/").status_code == 200
    # Roles not named sign in as before.
    other, _ = enter_password("wanda", address="203.0.113.9")
    assert other.get("/admin/").status_code == 200


def test_every_staff_member_must_enrol_with_a_star(writer, settings):
    settings.DATELINE_REQUIRE_TWO_FACTOR_FOR = ["*"]
    client, _ = enter_password("wanda")
    assert client.get("/admin/")["Location"] == SET_UP


def test_without_the_setting_nobody_is_sent_to_enrol(chief):
    client, _ = enter_password("chief")
    assert client.get("/admin/").status_code == 200


def test_a_superuser_resets_someones_app_in_the_admin(chief, clock):
    enrol(chief)
    root = StaffFactory(username="root", is_superuser=True)
    client = Client()
    client.force_login(root)
    reset_url = reverse("two_factor:reset", args=[chief.pk])
    assert reset_url in client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "has two-factor authentication on" in client.get(reset_url).content.decode()
    response = client.post(reset_url)
    assert response["Location"] == reverse("wagtailusers_users:index")
    assert not has_second_factor(chief)
    assert signed_in(enter_password("chief")[0])


def test_a_chief_cannot_reset_anyones_app(chief, writer, clock):
    enrol(writer)
    client = Client()
    client.force_login(chief)
    reset_url = reverse("two_factor:reset", args=[writer.pk])
    assert reset_url not in client.get(reverse("wagtailusers_users:index")).content.decode()
    client.post(reset_url)
    assert has_second_factor(writer)


def test_the_reset_command(chief, clock):
    enrol(chief)
    out = StringIO()
    call_command("reset_two_factor", "chief", stdout=out)
    assert "reset for chief" in out.getvalue()
    assert not has_second_factor(chief)
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        call_command("reset_two_factor", "nobody")
