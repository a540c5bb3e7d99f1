"""The account's two-factor pages in the admin: its state and turning it off, setting up an app,
and a superuser's reset of someone else's."""

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .devices import (
    BACKUP_CODE_COUNT,
    TooManyWrongCodes,
    app_being_enrolled,
    backup_codes_left,
    confirm_app,
    enrolled_app,
    is_required_for,
    remove_second_factor,
    secret_for_typing,
    verify,
)
from .forms import WRONG_CODE, AppCodeForm, CodeForm, wait_message


def _posted(request):
    return request.POST if request.method == "POST" else None


@sensitive_post_parameters("code")
@never_cache
def overview(request):
    """Whether the account has a second factor; turning it off takes a current code, so that a
    session left open somewhere is not enough to remove it."""
    user = request.user
    app = enrolled_app(user)
    form = CodeForm(_posted(request))
    if app is not None and form.is_valid():
        try:
            device = verify(user, form.cleaned_data["code"])
        except TooManyWrongCodes as wait:
            form.add_error("code", wait_message(wait))
        else:
            if device is not None:
                remove_second_factor(user)
                messages.success(request, "Two-factor authentication is off for your account.")
                return redirect("two_factor:overview")
            form.add_error("code", WRONG_CODE)
    context = {
        "page_title": "Two-factor authentication",
        "header_icon": "key",
        "app": app,
        "backup_codes_left": backup_codes_left(user) if app else 0,
        "required": is_required_for(user),
        "form": form,
    }
    return render(request, "core/two_factor/overview.html", context)


def _qr_code(device):
    # segno writes the SVG itself from the device's otpauth:// URL: no user text goes into it
    # unescaped (the URL is percent-encoded into the QR matrix, not into the markup).
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title="QR code to scan with your authenticator app", dark="#000", light="#fff"
    )
    return mark_safe(svg)


@sensitive_post_parameters("code")
@never_cache
def set_up(request):
    user = request.user
    if enrolled_app(user) is not None:
        return redirect("two_factor:overview")
    device = app_being_enrolled(user)
    form = AppCodeForm(_posted(request))
    if form.is_valid():
        try:
            backup_codes = confirm_app(device, form.cleaned_data["code"])
        except TooManyWrongCodes as wait:
            form.add_error("code", wait_message(wait))
        else:
            if backup_codes is not None:
                # The code just given counts for this session: no need to sign in again.
                device.refresh_from_db()
                django_otp.login(request, device)
                context = {
                    "page_title": "Two-factor authentication is on",
                    "header_icon": "key",
                    "backup_codes": backup_codes,
                }
                return render(request, "core/two_factor/backup_codes.html", context)
            form.add_error("code", WRONG_CODE)
    context = {
        "page_title": "Set up two-factor authentication",
        "header_icon": "key",
        "qr_code": _qr_code(device),
        "secret": secret_for_typing(device),
        "required": is_required_for(user),
        "backup_code_count": BACKUP_CODE_COUNT,
        "form": form,
    }
    return render(request, "core/two_factor/set_up.html", context)


@never_cache
def reset_for_user(request, user_id):
    """A superuser turns off someone's second factor, e.g. when their phone is lost."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    app = enrolled_app(person)
    if request.method == "POST":
        remove_second_factor(person)
        messages.success(
            request,
            f"Two-factor authentication reset for {person.get_username()}: "
            + (
                "they set up an app again at their next sign-in."
                if is_required_for(person)
                else "they sign in with their password alone."
            ),
        )
        return redirect("wagtailusers_users:index")
    context = {
        "page_title": "Two-factor authentication",
        "page_subtitle": person.get_username(),
        "header_icon": "key",
        "person": person,
        "app": app,
    }
    return render(request, "core/two_factor/reset.html", context)
