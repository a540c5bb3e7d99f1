"""Security headers on every response: the Content-Security-Policy and the Permissions-Policy.

django-csp builds the policy and the per-response nonce; this subclass only picks the admin's
policy under the admin's path, because the Wagtail admin runs inline scripts and styles that the
reader's pages never need. The middleware sits inside the page cache, so a cached page is served
with the header (and nonce) it was rendered with.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.DATELINE_ADMIN_PATH_PREFIX)
        ):
            parts.config = settings.DATELINE_ADMIN_CSP
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
