"""A chief editor turns on two-factor authentication in the real admin, then signs in with it."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from playwright.sync_api import expect

from dateline.newsroom.roles import CHIEF_EDITOR

pytestmark = pytest.mark.e2e

PASSWORD = "a long password"
STEP_SECONDS = 30


class AuthenticatorApp:
    """What a phone app does with the key it was given: the code of a time step."""

    def __init__(self, secret):
        self.key = b32decode(secret.replace(" ", ""))

    def code_at(self, step):
        totp = TOTP(self.key)
        totp.time = step * STEP_SECONDS
        return f"{totp.token():06d}"


def current_step():
    return int(time.time()) // STEP_SECONDS


def sign_in_with_password(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_chief_enrols_an_app_and_signs_in_with_its_code(site, new_context):
    user = User.objects.create_user("chief", password=PASSWORD)
    user.groups.add(Group.objects.get(name=CHIEF_EDITOR))
    page = new_context().new_page()
    policy_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and policy_violations.append(message.text)
        ),
    )

    # Without an app, the password alone signs in.
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Account page → "More actions" → two-factor authentication → set up.
    page.goto("/admin/account/")
    page.get_by_role("tab", name="More actions").click()
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_role("heading", name="Two-factor authentication is off")).to_be_visible()
    page.get_by_role("link", name="Set up two-factor authentication").click()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    app = AuthenticatorApp(page.locator("[data-two-factor-secret]").inner_text())
    page.get_by_label("Code from the app").fill(app.code_at(current_step()))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_text("they are shown only this once")).to_be_visible()
    enrolled_at = current_step()
    backup_codes = page.locator("[data-two-factor-backup-codes] li").all_inner_texts()
    assert len(backup_codes) == 10

    # Log out from the sidebar's account menu.
    page.get_by_role("link", name="Done").click()
    page.locator("#wagtail-sidebar").get_by_role("button", name="chief").click()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))

    # The password now leads to the code step, not into the admin.
    sign_in_with_password(page)
    expect(page).to_have_url(re.compile(r"/admin/login/code/$"))
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()

    # A code used once is never taken again: the app's code is of a later step than the one
    # that turned the app on (one step ahead of the clock is within what the site accepts).
    step = max(current_step(), enrolled_at + 1)
    accepted = {app.code_at(near) for near in (step - 1, step, step + 1)}
    wrong = next(code for code in (f"{n:06d}" for n in range(10)) if code not in accepted)
    page.get_by_label("Code").fill(wrong)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status").get_by_text("That code is not right")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/login/code/$"))

    # After a wrong code the site takes no new one for a second, as a person retyping would wait.
    page.wait_for_timeout(1_100)
    page.get_by_label("Code").fill(app.code_at(max(current_step(), enrolled_at + 1)))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("link", name=re.compile("Pages created in"))).to_be_visible()
    assert policy_violations == []
