"""Pulling sources over real HTTP: conditional GET, failures, back-off, limits, isolation."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from dateline.wire import pull
from dateline.wire.formats import MAX_PAYLOAD_BYTES
from dateline.wire.models import Item, Payload, Source

from .conftest import ninjs_item, ninjs_payload

FEED = ninjs_payload(
    ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", ["Water rose in Assam."])
)
ETAG = '"feed-v1"'


class AgencyServer(BaseHTTPRequestHandler):
    """A tiny agency endpoint; each path behaves like one kind of real server."""

    seen = []

    def do_GET(self):
        self.seen.append((self.path, dict(self.headers)))
        if self.path == "/feed":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        elif self.path == "/broken":
            self.send_response(500)
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(MAX_PAYLOAD_BYTES * 2))
            self.end_headers()
        elif self.path == "/endless":
            # No Content-Length: the size cap must stop reading by itself.
            self.send_response(200)
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(MAX_PAYLOAD_BYTES // len(chunk) + 10):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def agency_server():
    AgencyServer.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), AgencyServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def pulled(agency, url, **fields):
    return Source.objects.create(
        name=url, slug=url.rsplit("/", 1)[-1], agency=agency, pull_url=url, **fields
    )


def test_a_feed_is_fetched_then_asked_for_only_if_changed(agency, agency_server):
    source = pulled(agency, f"{agency_server}/feed", pull_token="agency-token")
    payload = pull.poll(source)
    assert payload.status == Payload.Status.PARSED
    assert Item.objects.get().headline == "Floods displace 120,000 in Assam"
    source.refresh_from_db()
    assert source.etag == ETAG
    assert source.last_success_at is not None
    assert AgencyServer.seen[0][1]["Authorization"] == "Bearer agency-token"

    assert pull.poll(source) is None
    assert AgencyServer.seen[1][1]["If-None-Match"] == ETAG
    assert Payload.objects.count() == 1


def test_a_failing_source_backs_off_and_keeps_its_error(agency, agency_server):
    source = pulled(agency, f"{agency_server}/broken", poll_interval_minutes=5)
    before = timezone.now()
    assert pull.poll(source) is None
    source.refresh_from_db()
    assert "HTTP 500" in source.last_error
    assert source.consecutive_failures == 1
    assert source.next_poll_at >= before + timedelta(minutes=10)
    pull.poll(source)
    source.refresh_from_db()
    assert source.consecutive_failures == 2
    assert source.next_poll_at >= before + timedelta(minutes=20)


def test_back_off_is_capped():
    source = Source(poll_interval_minutes=60, consecutive_failures=30)
    assert pull.back_off(source) == pull.MAX_BACK_OFF


def test_one_failing_source_never_stops_the_others(agency, agency_server):
    broken = pulled(agency, f"{agency_server}/broken")
    unreachable = pulled(agency, "http://127.0.0.1:9/closed")
    working = pulled(agency, f"{agency_server}/feed")
    pull.poll_due_sources()
    assert Item.objects.filter(source=working).count() == 1
    for source in (broken, unreachable):
        source.refresh_from_db()
        assert source.last_error
        assert source.next_poll_at > timezone.now()


@pytest.mark.parametrize("path", ["/huge", "/endless"])
def test_an_oversized_feed_is_refused(agency, agency_server, path):
    source = pulled(agency, f"{agency_server}{path}")
    assert pull.poll(source) is None
    source.refresh_from_db()
    assert "limit" in source.last_error
    assert not Payload.objects.exists()


def test_sources_are_polled_only_when_due(agency, agency_server):
    source = pulled(agency, f"{agency_server}/feed")
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() + timedelta(hours=1))
    disabled = pulled(agency, f"{agency_server}/feed?disabled", enabled=False)
    pull.poll_due_sources()
    assert AgencyServer.seen == []
    assert disabled.payloads.count() == 0


def test_only_web_urls_are_fetched(agency):
    source = Source(name="local", agency=agency, pull_url="file:///etc/passwd")
    with pytest.raises(pull.FetchError):
        pull.fetch(source)
