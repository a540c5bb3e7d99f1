"""Holding signed-in sessions to the second factor. Needs django-otp's OTPMiddleware before it.

- A session of someone who has an app enrolled but never gave a code in it (it began before the
  app was enrolled, or by a way round the two-step login) is ended: they sign in again.
- Someone whose role must use a second factor (DATELINE_REQUIRE_TWO_FACTOR_FOR) and has none yet
  reaches only the set-up page in the admin until they enrol.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from .devices import has_second_factor, is_required_for

SET_UP = "two_factor:set_up"
# What someone who must enrol first may still reach: the set-up page, signing out, and what
# every admin page loads.
OPEN_BEFORE_ENROLMENT = {
    SET_UP,
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_second_factor(user):
            logout(request)
            return None
        if (
            request.path_info.startswith(settings.DATELINE_ADMIN_PATH_PREFIX)
            and request.resolver_match.view_name not in OPEN_BEFORE_ENROLMENT
            and user.has_perm("wagtailadmin.access_admin")
            and is_required_for(user)
        ):
            return redirect(SET_UP)
        return None
