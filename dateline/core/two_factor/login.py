"""Signing in to the admin in two steps for people who enrolled an authenticator app.

The password step is Wagtail's login view; for someone with an app it does not sign them in but
remembers, in the session, who proved their password and when. The code step then signs them in.
Until both steps pass the browser holds no signed-in session at all, so nothing anywhere on the
site treats a half-finished sign-in as a signed-in person.

A wrong code counts as a failed login with django-axes, exactly like a wrong password: the same
limit locks out the account and the client for the same time. django-otp adds its own back-off
on the device (1 s after a wrong code, doubling with each further one).
"""

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials, get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.account import LoginView as WagtailLoginView

from .devices import TooManyWrongCodes, has_second_factor, verify
from .forms import WRONG_CODE, CodeForm, wait_message

PENDING_KEY = "two_factor_pending"
# How long a proven password waits for its code: long enough to find the phone, short enough
# that a browser left at the code step does not keep a proven password for later.
PENDING_SECONDS = 300


class LoginView(WagtailLoginView):
    """Wagtail's login; after a right password, people with an app go on to the code step."""

    def form_valid(self, form):
        user = form.get_user()
        if not has_second_factor(user):
            return super().form_valid(form)
        # A new session key: a session id planted in this browser before the password was typed
        # must not carry the proven password.
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "auth_hash": user.get_session_auth_hash(),
            "backend": user.backend,
            "remember": bool(form.cleaned_data.get("remember")),
            "next": self.get_success_url(),
            "started": timezone.now().timestamp(),
        }
        return redirect("two_factor_login_code")


def _pending_login(request):
    """The person who proved their password in this session and the state of that step, or
    (None, None) when there is no such step, it is too old, or the account changed since."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None, None
    if timezone.now().timestamp() - pending["started"] > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is None or not constant_time_compare(
        user.get_session_auth_hash(), pending["auth_hash"]
    ):
        del request.session[PENDING_KEY]
        return None, None
    return user, pending


def _finish_login(request, user, pending, device):
    del request.session[PENDING_KEY]
    login(request, user, backend=pending["backend"])
    django_otp.login(request, device)
    # As Wagtail's login does with its "Remember me" box.
    request.session.set_expiry(settings.SESSION_COOKIE_AGE if pending["remember"] else 0)
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        messages.warning(
            request,
            f"You signed in with a backup code; {left} left. "
            "Set up your app again on your account page if it is lost.",
        )
    return redirect(pending["next"])


@sensitive_post_parameters("code")
@never_cache
def enter_code(request):
    user, pending = _pending_login(request)
    if user is None:
        messages.error(request, "Please sign in again: enter your password, then your code.")
        return redirect("wagtailadmin_login")
    credentials = get_credentials(user.get_username())
    if not AxesProxyHandler.is_allowed(request, credentials):
        del request.session[PENDING_KEY]
        return get_lockout_response(request, None, credentials)

    form = CodeForm(request.POST if request.method == "POST" else None)
    # The step asks for nothing else, so the cursor starts in the field.
    form.fields["code"].widget.attrs["autofocus"] = True
    if form.is_valid():
        try:
            device = verify(user, form.cleaned_data["code"])
        except TooManyWrongCodes as wait:
            form.add_error("code", wait_message(wait))
        else:
            if device is not None:
                return _finish_login(request, user, pending, device)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if request.axes_locked_out:
                # django-axes answers with its lockout page; the proven password goes too.
                del request.session[PENDING_KEY]
            form.add_error("code", WRONG_CODE)
    return render(request, "core/two_factor/enter_code.html", {"form": form})
