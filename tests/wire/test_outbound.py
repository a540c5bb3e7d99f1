"""The wire fetches only from the public internet and allow-listed networks (issue 12, point 10).

Real agency servers run on loopback addresses here; the allow-list in each test decides whether
they count as "our own network" (refused) or as an agency the operator named (allowed).
"""

import functools
import ipaddress
import socket

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR
from dateline.wire import outbound, pull
from dateline.wire.apps import check_allowed_networks
from dateline.wire.models import Item, Payload, Source
from dateline.wire.roles import grant_desk_permissions

from .conftest import ninjs_item, ninjs_payload

FEED = ninjs_payload(ninjs_item("urn:mpa:9", "Internal secrets", ["Only for our network."]))
ALLOW_NOTHING = []
ALLOW_127_0_0_1 = ["127.0.0.1/32"]


@pytest.fixture
def start_server(start_agency_server):
    return functools.partial(start_agency_server, body=FEED)


def pulled(agency, url):
    return Source.objects.create(
        name=url, slug=f"source-{Source.objects.count()}", agency=agency, pull_url=url
    )


def refused(source):
    """Polled, the source records a refusal and nothing is stored."""
    assert pull.poll(source) is None
    source.refresh_from_db()
    assert source.last_error.startswith(f"Refused to fetch {source.pull_url}: ")
    assert source.consecutive_failures == 1
    assert not Payload.objects.filter(source=source).exists()
    return source.last_error


# Fetch time -------------------------------------------------------------------------------------


def test_a_loopback_source_is_refused_unless_allow_listed(agency, start_server, settings):
    server = start_server()
    source = pulled(agency, f"{server.url()}/feed")

    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    assert "127.0.0.1, a loopback address" in refused(source)
    assert server.seen == []

    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    assert pull.poll(source).status == Payload.Status.PARSED
    assert Item.objects.get().headline == "Internal secrets"


@pytest.mark.parametrize("host", ["localhost", "2130706433", "0x7f.1"])
def test_a_host_name_is_judged_by_what_it_resolves_to(agency, start_server, settings, host):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    server = start_server()
    source = pulled(agency, f"{server.url(host)}/feed")
    assert f"{host} resolves to 127.0.0.1, a loopback address" in refused(source)
    assert server.seen == []


@pytest.mark.parametrize(
    ("server_host", "url_host"),
    [("::1", "::1"), ("127.0.0.1", "::ffff:127.0.0.1"), ("127.0.0.1", "::ffff:7f00:1")],
)
def test_ipv6_loopback_and_ipv4_mapped_addresses_are_refused(
    agency, start_server, settings, server_host, url_host
):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    server = start_server(server_host)
    source = pulled(agency, f"{server.url(url_host)}/feed")
    assert "a loopback address" in refused(source)
    assert server.seen == []


def test_an_ipv4_mapped_address_counts_as_its_ipv4_address_in_the_allow_list(
    agency, start_server, settings
):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_127_0_0_1
    server = start_server()
    source = pulled(agency, f"{server.url('::ffff:127.0.0.1')}/feed")
    assert pull.poll(source).status == Payload.Status.PARSED


def test_a_redirect_to_a_refused_address_is_refused(agency, start_server, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_127_0_0_1
    internal = start_server("127.0.0.2")
    agency_server = start_server(redirect_to=f"{internal.url()}/feed")
    source = pulled(agency, f"{agency_server.url()}/moved")
    assert "127.0.0.2, a loopback address" in refused(source)
    assert agency_server.seen == ["/moved"]
    assert internal.seen == []


def test_a_redirect_within_allowed_addresses_is_followed(agency, start_server, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ["127.0.0.1", "127.0.0.2"]
    moved_to = start_server("127.0.0.2")
    agency_server = start_server(redirect_to=f"{moved_to.url()}/feed")
    source = pulled(agency, f"{agency_server.url()}/moved")
    assert pull.poll(source).status == Payload.Status.PARSED
    assert moved_to.seen == ["/feed"]


@pytest.fixture
def rebinding_dns(monkeypatch):
    """A name server for `agency.rebind.example` whose answers change from one lookup to the next.

    No name server can run inside the tests, so the system resolver is the one thing replaced;
    every other name and every address literal still goes to the real one.
    """
    real = socket.getaddrinfo
    answers = []
    lookups = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "agency.rebind.example":
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


def test_dns_rebinding_after_the_form_check_is_caught_at_fetch_time(
    agency, start_server, settings, rebinding_dns
):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    answers, _ = rebinding_dns
    answers.extend(["93.184.215.14", "127.0.0.1"])
    server = start_server()
    source = Source(
        name="Rebinder",
        slug="rebinder",
        agency=agency,
        pull_url=f"http://agency.rebind.example:{server.server_address[1]}/feed",
    )
    source.full_clean()  # public when the chief editor saves it
    source.save()
    assert "agency.rebind.example resolves to 127.0.0.1" in refused(source)
    assert server.seen == []


def test_the_connection_goes_to_the_address_that_was_checked(
    agency, start_server, settings, rebinding_dns
):
    # Checked as 127.0.0.1 (allowed); a second lookup would say 127.0.0.2, which is not.
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_127_0_0_1
    answers, lookups = rebinding_dns
    checked = start_server()
    port = checked.server_address[1]
    swapped_in = start_server("127.0.0.2", port=port)
    answers.extend(["127.0.0.1", "127.0.0.2"])
    source = pulled(agency, f"http://agency.rebind.example:{port}/feed")
    assert pull.poll(source).status == Payload.Status.PARSED
    assert lookups == ["agency.rebind.example"]
    assert checked.seen == ["/feed"]
    assert swapped_in.seen == []


def test_a_refused_source_never_stops_the_others(agency, start_server, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_127_0_0_1
    internal, agency_server = start_server("127.0.0.2"), start_server()
    metadata = pulled(agency, "http://169.254.169.254/latest/meta-data/")
    private = pulled(agency, f"{internal.url()}/feed")
    working = pulled(agency, f"{agency_server.url()}/feed")
    pull.poll_due_sources()
    assert Item.objects.filter(source=working).count() == 1
    for source in (metadata, private):
        source.refresh_from_db()
        assert source.last_error.startswith("Refused to fetch")
        assert not source.payloads.exists()
    assert "link-local" in metadata.last_error
    assert internal.seen == []


def test_a_mistyped_allow_list_is_reported_not_crashed_on(agency, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ["10.0.0.0/8", "intranet"]
    [error] = check_allowed_networks()
    assert error.id == "wire.E001" and "'intranet'" in error.msg
    source = pulled(agency, "https://wire.example/feed")
    assert pull.poll(source) is None
    source.refresh_from_db()
    assert "'intranet' is not an IP address or network" in source.last_error


# Save time --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8080/feed", "127.0.0.1, a loopback address"),
        ("http://localhost/feed", "localhost resolves to 127.0.0.1, a loopback address"),
        ("http://[::1]/feed", "::1, a loopback address"),
        ("http://[::ffff:127.0.0.1]/feed", "::ffff:127.0.0.1, a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "a link-local address"),
        ("http://10.0.0.5/feed", "a private network address"),
        ("https://[fd12:3456::1]/feed", "a private network address"),
        ("http://100.64.1.1/feed", "a carrier-grade NAT address"),
        ("http://0.0.0.0/feed", "the unspecified address"),
        ("http://239.1.2.3/feed", "a multicast address"),
    ],
)
def test_the_source_form_refuses_internal_addresses(agency, settings, url, message):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    source = Source(name="Internal", slug="internal", agency=agency, pull_url=url)
    with pytest.raises(ValidationError) as raised:
        source.full_clean()
    [error] = raised.value.message_dict["pull_url"]
    assert message in error
    assert "DATELINE_WIRE_ALLOWED_NETWORKS" in error


def test_the_source_form_accepts_public_and_allow_listed_addresses(agency, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    for url in ("http://10.20.3.4/feed", "https://8.8.8.8/feed", "https://wire.example/feed"):
        Source(name="Agency", slug="agency", agency=agency, pull_url=url).full_clean()


@pytest.fixture
def desk(home):
    grant_desk_permissions()
    return home


def test_the_chief_editor_sees_why_a_loopback_url_is_refused(client, desk, agency, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    client.force_login(StaffFactory(username="chen", group=CHIEF_EDITOR))
    response = client.post(
        reverse("wire_sources:add"),
        {
            "name": "Internal",
            "slug": "internal",
            "agency": agency.pk,
            "format": "auto",
            "delivery": "pull",
            "pull_url": "http://127.0.0.1:6379/",
            "poll_interval_minutes": 5,
            "push_secret": "s3cret",
            "story_kind": "news",
            "enabled": "on",
        },
    )
    assert response.status_code == 200
    assert "127.0.0.1, a loopback address" in response.content.decode()
    assert not Source.objects.exists()


def test_poll_now_tells_the_desk_the_fetch_was_refused(client, desk, agency, settings):
    settings.DATELINE_WIRE_ALLOWED_NETWORKS = ALLOW_NOTHING
    client.force_login(StaffFactory(username="dara", group=DESK_EDITOR))
    source = pulled(agency, "http://127.0.0.1:9/")
    response = client.post(reverse("wire_desk:poll", args=[source.pk]))
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message.startswith(f'Fetching "{source.name}" failed: Refused to fetch')
    assert not Payload.objects.exists()


# The classifier ---------------------------------------------------------------------------------

REFUSED_NETWORKS = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
    "fec0::/10",
    "ff00::/8",
    "2001:db8::/32",
]


@pytest.mark.parametrize(
    "address",
    ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::"],
)
def test_public_addresses_are_fetched_from(address):
    assert outbound.refusal(ipaddress.ip_address(address), ()) is None


@given(st.sampled_from(REFUSED_NETWORKS).flatmap(lambda network: st.ip_addresses(network=network)))
def test_every_address_of_an_internal_range_is_refused(address):
    assert outbound.refusal(address, ()) is not None


@given(st.ip_addresses(v=4))
def test_ipv4_inside_ipv6_is_judged_as_the_ipv4_address(address):
    as_ipv4 = outbound.refusal(address, ()) is None
    for wrapped in (
        f"::ffff:{address}",  # IPv4-mapped
        f"64:ff9b::{address}",  # NAT64
        f"2002:{int(address) >> 16:x}:{int(address) & 0xFFFF:x}::",  # 6to4
    ):
        assert (outbound.refusal(ipaddress.ip_address(wrapped), ()) is None) == as_ipv4


@given(st.ip_addresses(), st.integers(min_value=0, max_value=128))
def test_an_allow_listed_network_is_always_allowed(address, prefix):
    network = ipaddress.ip_network(f"{address}/{min(prefix, address.max_prefixlen)}", strict=False)
    assert outbound.refusal(address, (network,)) is None
