"""Where the wire may fetch from: public internet addresses, and what the operator allow-lists.

A pull URL is typed in the admin, so without this rule whoever edits a source could make the
worker fetch from our own network (the database, the cache, a cloud metadata service at
169.254.169.254) and read the answer on the payload page. The rule is applied to the address we
actually connect to: every address a host name resolves to is checked, then the connection is
made to one of those checked addresses, so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot swap in another. A redirect opens a new connection and is
checked the same way.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from requests import Session
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

SETTING = "DATELINE_WIRE_ALLOWED_NETWORKS"
# Named because the stdlib's is_private does not single them out.
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
PRIVATE = tuple(
    ipaddress.ip_network(network)
    # RFC 1918, unique local (RFC 4193) and the retired IPv6 site-local range.
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10")
)
# IETF protocol assignments (RFC 6890): Pythons without the CVE-2024-4032 fix count most as global.
PROTOCOL_ASSIGNMENTS = ipaddress.ip_network("192.0.0.0/24")
# NAT64 (RFC 6052): the gateway forwards to the IPv4 address in the last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class RefusedDestination(Exception):
    """A destination the wire will not fetch from; the message says why, for the desk."""


def allowed_networks():
    """The operator's allow-list; a ValueError names an entry that is not an address or network."""
    networks = []
    for entry in getattr(settings, SETTING):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise ValueError(f"{SETTING}: {entry!r} is not an IP address or network.") from error
    return tuple(networks)


def embedded_ipv4(address):
    """The IPv4 address an IPv4-mapped, 6to4 or NAT64 IPv6 address delivers to, or None."""
    if address.version == 6:
        if address.ipv4_mapped:
            return address.ipv4_mapped
        if address.sixtofour:
            return address.sixtofour
        if address in NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def kind_of(address):
    """None for an address on the public internet, else what kind of address it is.

    An IPv6 address carrying an IPv4 one is judged by the IPv4 address its packets go to.
    """
    embedded = embedded_ipv4(address)
    if embedded is not None:
        return kind_of(embedded)
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if address.is_multicast:
        return "a multicast address"
    if address in SHARED:
        return "a carrier-grade NAT address"
    if any(address in network for network in PRIVATE):
        return "a private network address"
    if not address.is_global or address.is_reserved or address in PROTOCOL_ASSIGNMENTS:
        return "a reserved or special-purpose address"
    return None


def refusal(address, allowed):
    """Why the wire may not connect to `address` (what kind of address it is), or None."""
    # ::ffff:a.b.c.d is a.b.c.d itself to a dual-stack socket, so the allow-list may name either.
    same = [address] + ([address.ipv4_mapped] if getattr(address, "ipv4_mapped", None) else [])
    if any(candidate in network for candidate in same for network in allowed):
        return None
    return kind_of(address)


def checked_addresses(host, port, allowed):
    """Every address `host` resolves to, if the wire may connect to all of them.

    One refused answer refuses the host: a name that resolves to both a public and an internal
    address is exactly what a rebinding attacker would publish.
    """
    host = host.strip("[]")
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(ipaddress.ip_address(answer[4][0]) for answer in answers))
    for address in addresses:
        kind = refusal(address, allowed)
        if kind:
            named = host if is_literal(host, address) else f"{host} resolves to {address}"
            raise RefusedDestination(
                f"{named}, {kind}: the wire fetches only from the public internet "
                f"and from networks an administrator names in {SETTING}."
            )
    return addresses


def is_literal(host, address):
    """Whether `host` is `address` written out (then the message need not say what it resolved to)."""
    try:
        return ipaddress.ip_address(host) == address
    except ValueError:
        return False


def check_url(url, allowed):
    """RefusedDestination if `url` names a destination the wire may not fetch from.

    A host name that does not resolve now is let through: it may be a temporary failure, and
    the fetch checks again anyway.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise RefusedDestination("Only http and https URLs can be fetched.")
    try:
        checked_addresses(parts.hostname, parts.port, allowed)
    except socket.gaierror:
        return


class CheckedConnection:
    """Connects only to checked addresses of its host (mixed into urllib3's connections)."""

    allowed = ()

    def _new_conn(self):
        try:
            addresses = checked_addresses(self.host, self.port, self.allowed)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        for address in addresses:
            try:
                # An address literal: nothing is looked up again between the check and here.
                return connection.create_connection(
                    (str(address), self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except OSError as error:
                failure = error
        if isinstance(failure, TimeoutError):
            raise ConnectTimeoutError(
                self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
            ) from failure
        raise NewConnectionError(
            self, f"Failed to establish a new connection: {failure}"
        ) from failure


class CheckedAdapter(HTTPAdapter):
    """A requests adapter whose every connection, redirects included, goes to a checked address."""

    def __init__(self, allowed):
        self.pool_classes = {
            "http": checked_pool(HTTPConnectionPool, HTTPConnection, allowed),
            "https": checked_pool(HTTPSConnectionPool, HTTPSConnection, allowed),
        }
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self.pool_classes


def checked_pool(pool_class, connection_class, allowed):
    # urllib3 builds connections from a pool's class attribute, so the allow-list travels there.
    checked = type(
        connection_class.__name__, (CheckedConnection, connection_class), {"allowed": allowed}
    )
    return type(pool_class.__name__, (pool_class,), {"ConnectionCls": checked})


def checked_session(allowed):
    """A requests session that fetches only from public addresses and the allowed networks."""
    session = Session()
    # No proxy from the environment: through one, the proxy would pick the address and the
    # check would see only the proxy's.
    session.trust_env = False
    adapter = CheckedAdapter(allowed)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
