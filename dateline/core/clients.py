"""The address a request came from, as far as the deployment can vouch for it."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The reader's IP address: REMOTE_ADDR, or what the site's own proxies say it was.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N trusted
    proxies in front of the site (DATELINE_TRUSTED_PROXIES) the Nth entry from the right was
    written by the outermost of them and is the client. Entries further left come from the
    client itself and can be anything, so they are never used.
    """
    proxies = settings.DATELINE_TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = [hop.strip() for hop in forwarded if hop.strip()]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")
