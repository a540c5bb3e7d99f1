import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.factories import AgencyFactory
from dateline.taxonomy.models import Agency
from dateline.wire.clustering import reset_index
from dateline.wire.factories import ClusterFactory, ItemFactory, SourceFactory
from dateline.wire.models import Source
from dateline.wire.roles import grant_desk_permissions
from tests.wire.malawi import MALAWI


@pytest.fixture(autouse=True)
def fresh_cluster_index():
    """The index lives in the worker's memory; each test starts as a freshly started worker."""
    reset_index()
    yield
    reset_index()


@pytest.fixture
def agency(db):
    return Agency.objects.get_or_create(
        slug="meridian-press-agency", defaults={"name": "Meridian Press Agency", "credit": "MPA"}
    )[0]


@pytest.fixture
def push_source(agency):
    return Source.objects.create(
        name="Meridian push", slug="meridian-push", agency=agency, delivery=Source.Delivery.PUSH
    )


def ninjs_item(guid, headline, paragraphs, *, version="1", urgency=4, **extra):
    """One ninjs 2.x item as an agency would send it."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return {
        "uri": guid,
        "type": "text",
        "version": version,
        "versioncreated": extra.pop("versioncreated", "2026-11-20T08:00:00Z"),
        "firstcreated": "2026-11-20T08:00:00Z",
        "language": "en",
        "urgency": urgency,
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
        **extra,
    }


def ninjs_payload(*items):
    return json.dumps(list(items) if len(items) > 1 else items[0]).encode()


class AgencyServer(ThreadingHTTPServer):
    """A real HTTP server on one address; `/feed` answers the feed, `/moved` redirects."""

    def __init__(self, host, port, redirect_to, body):
        self.seen = []
        self.redirect_to = redirect_to
        self.body = body
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), AgencyHandler)

    def url(self, host=None):
        host = host or self.server_address[0]
        return f"http://{f'[{host}]' if ':' in host else host}:{self.server_address[1]}"


class AgencyHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append(self.path)
        if self.path == "/moved" and self.server.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def start_agency_server():
    """Start real agency servers on loopback addresses; each is shut down after the test."""
    started = []

    def start(host="127.0.0.1", port=0, redirect_to="", *, body):
        server = AgencyServer(host, port, redirect_to, body)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture
def desk(home):
    grant_desk_permissions()
    return home


@pytest.fixture
def editor(desk):
    return StaffFactory(username="dara", group=DESK_EDITOR)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def mpa(db):
    return AgencyFactory(name="Meridian Press Agency", credit="MPA")


@pytest.fixture
def sources(db):
    """Three push sources: an international wire, a UN agency and a national agency."""
    made = []
    for slug in ("wire-agency", "unicef", "national"):
        agency = Agency.objects.create(slug=slug, name=slug.title(), credit=slug[:3].upper())
        made.append(
            Source.objects.create(
                name=slug, slug=slug, agency=agency, delivery=Source.Delivery.PUSH
            )
        )
    return made


@pytest.fixture
def malawi_cluster(mpa, hns):
    """The three Malawi reports (tests/wire/malawi.py) in one cluster."""
    agencies = [mpa, hns, AgencyFactory(name="Food and Agriculture Organization", credit="FAO")]
    items = [
        ItemFactory(
            source=SourceFactory(agency=agency, name=f"{agency.credit} push"),
            headline=headline,
            body_html="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        )
        for agency, (headline, paragraphs) in zip(agencies, MALAWI, strict=True)
    ]
    return ClusterFactory(items=items)


@pytest.fixture
def hns(db):
    return AgencyFactory(name="Harbourline News Service", credit="HNS")
