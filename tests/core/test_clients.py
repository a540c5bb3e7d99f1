"""Which address a request counts as: the reader's, never one a client can forge."""

import pytest
from django.test import RequestFactory

from dateline.core.clients import client_address


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.DATELINE_TRUSTED_PROXIES = 0
    assert client_address(request_from("10.0.0.5", "203.0.113.9")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # A client that sends its own header cannot choose the address: ours is appended last.
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        # A CDN and a load balancer: the CDN's entry names the client, the last one the CDN.
        (2, "198.51.100.1, 203.0.113.9, 192.0.2.44", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Fewer entries than proxies, or garbage where the address should be: the peer address.
        (2, "203.0.113.9", "10.0.0.5"),
        (1, "not-an-address", "10.0.0.5"),
        (1, "", "10.0.0.5"),
    ],
)
def test_the_address_our_outermost_proxy_saw(settings, proxies, forwarded, expected):
    settings.DATELINE_TRUSTED_PROXIES = proxies
    assert client_address(request_from("10.0.0.5", forwarded)) == expected
