"""The shipped nginx edge (deploy/nginx/, run by tools/edge.py) in front of the real app.

The app is a live server in this process, on the test database; the edge is a real nginx started
by each test with an empty cache. Readers get their own edition from the shared cache, a publish
or an unpublish reaches them through it at once (the app's purges arrive while the publish runs:
the test settings run tasks immediately), editors are never served from it, only the app may
purge, and when the app stops, readers still get the last pages.
"""

import gzip
import http.client
import re
import time
from typing import NamedTuple
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from dateline.fronts.setup import ensure_site
from dateline.newsroom.factories import StoryFactory

from .conftest import edge, free_port

UNAVAILABLE = edge.edge_unavailable()

pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))

# The site's host as ensure_site makes it: the app's purges name it, so readers must use it too.
HOST = "127.0.0.1"


class Response(NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def cache(self):
        return self.headers["X-Cache-Status"]


def request(port, path, *, method="GET", cookies=None, headers=None, source="127.0.0.1", body=None):
    """One request on a new connection from the given loopback address."""
    connection = http.client.HTTPConnection(HOST, port, source_address=(source, 0))
    sent = dict(headers or {})
    if cookies:
        sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def read(port, path, edition=None, **options):
    """A reader's GET, with the edition cookie when they chose one."""
    cookies = {"edition": edition} if edition else None
    return request(port, path, cookies=cookies, **options)


def purge(port, path, source="127.0.0.1"):
    """A PURGE as the app sends it, for readers who chose no edition."""
    return request(port, path, method="PURGE", cookies={"edition": "none"}, source=source)


def front_title(name):
    """How a front's heading ends for an edition (dateline/templates/front.html)."""
    return f"{name} edition</h1>"


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, settings):
    """The site as bootstrap makes it. Serialized rollback restores the taxonomy the migrations
    load, which a transactional test's flush would otherwise wipe for the tests after it."""
    settings.ALLOWED_HOSTS = [HOST]
    return ensure_site()


@pytest.fixture
def app(site):
    """The app on its own live server, which a test may stop."""
    server = LiveServer(f"{HOST}:0")
    yield server
    if server.thread.is_alive():
        server.stop()


def start_edge(tmp_path, app, settings, keepalive=32):
    port = free_port()
    process = edge.start_edge(
        tmp_path / "edge",
        port=port,
        app_addresses=[f"{HOST}:{app.thread.port}"],
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        keepalive=keepalive,
    )
    # The app purges this edge when pages change, as DATELINE_EDGE_PURGE_URL sets it up.
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "dateline.core.edge_purge.EditionVariantsPurgeBackend",
            "LOCATION": f"http://{HOST}:{port}",
        }
    }
    return process, port


@pytest.fixture
def edge_port(tmp_path, app, settings):
    process, port = start_edge(tmp_path, app, settings)
    yield port
    edge.stop(process)


def warm(port, paths, edition=None):
    """Fill the edge with these pages; return their text, checked to come from the edge now."""
    texts = {}
    for path in paths:
        read(port, path, edition)
        response = read(port, path, edition)
        assert response.status == 200, path
        assert response.cache == "HIT", path
        texts[path] = response.text
    return texts


def test_readers_share_cached_pages_only_within_their_edition(edge_port):
    readers = [("east-africa", "East Africa"), ("south-asia", "South Asia"), (None, "Global")]
    for turn in ("MISS", "HIT"):
        for slug, name in readers:
            # A header of the edge's own sent by a client is replaced by the edge: otherwise the
            # reader with no edition would get, and store for everyone, East Africa's page.
            response = read(edge_port, "/", slug, headers={"Dateline-Edition": "east-africa"})
            assert response.status == 200
            assert front_title(name) in response.text, (turn, slug)
            assert response.cache == turn, slug
            # A cache further down never sees the edge's header; it varies on the cookie.
            vary = ", ".join(response.headers.get_all("Vary", [])).lower()
            assert "dateline-edition" not in vary
            assert "cookie" in vary

    # Where a reader came from is not part of the page: a shared link gets the same entry.
    tracked = read(edge_port, "/?utm_source=newsletter&utm_medium=email&fbclid=x1", "south-asia")
    assert tracked.cache == "HIT"
    assert front_title("South Asia") in tracked.text
    assert read(edge_port, "/?utm_source=newsletter&page=2").cache == "MISS"


def test_a_signed_in_editor_is_never_served_from_nor_stored_in_the_edge(
    edge_port, client, django_user_model
):
    editor = django_user_model.objects.create_superuser("chief-editor", password="pw")
    client.force_login(editor)
    signed_in = {"sessionid": client.cookies["sessionid"].value}
    warm(edge_port, ["/"])

    assert request(edge_port, "/", cookies=signed_in).cache == "BYPASS"
    # Nor a reader pinned to the primary database after writing, who must see their own write.
    assert request(edge_port, "/", cookies={"dateline_primary": "1"}).cache == "BYPASS"

    latest = reverse("reader:latest")
    editors_view = request(edge_port, latest, cookies=signed_in)
    assert editors_view.status == 200
    assert editors_view.cache == "BYPASS"
    assert read(edge_port, latest).cache == "MISS"


def test_a_publish_reaches_readers_through_the_edge(edge_port):
    paths = ["/", reverse("reader:sector", kwargs={"slug": "wash"})]
    # The story is in India: South Asia's readers get it on their front too.
    for edition in (None, "south-asia"):
        warm(edge_port, paths, edition)

    story = StoryFactory(headline="Edge check: wells reopen across the district")

    for edition in (None, "south-asia"):
        for path in paths:
            response = read(edge_port, path, edition)
            assert story.title in response.text, (path, edition)


def test_an_unpublished_story_is_gone_from_every_listing_and_feed_at_the_edge(edge_port):
    story = StoryFactory(headline="Edge check: a story withdrawn after publishing")
    story_path = story.get_url()
    listings = [
        "/",
        reverse("reader:sector", kwargs={"slug": "wash"}),
        reverse("reader:latest"),
        reverse("syndication:feed"),
        reverse("syndication:sector_feed", kwargs={"slug": "wash"}),
    ]
    for path, text in warm(edge_port, [*listings, story_path]).items():
        assert story.title in text, path

    story.unpublish()

    for path in listings:
        response = read(edge_port, path)
        assert response.status == 200, path
        assert story.title not in response.text, path
    assert read(edge_port, story_path).status == 404


def test_a_purge_from_any_other_address_is_refused(edge_port):
    warm(edge_port, ["/"])

    assert purge(edge_port, "/", source="127.0.0.2").status == 403
    assert read(edge_port, "/").cache == "HIT"

    # From the app's address the same request drops the page readers were served.
    assert purge(edge_port, "/").status == 200
    assert read(edge_port, "/").cache == "MISS"


def test_with_the_app_stopped_readers_still_get_the_last_pages(tmp_path, app, settings):
    settings.DATELINE_CACHE_S_MAXAGE = 1
    # The live server is a thread of this process: stopping it closes its listening socket but
    # not connections it already accepted, as an exiting process would. This edge keeps none
    # open to it, so the app is unreachable once stopped.
    process, port = start_edge(tmp_path, app, settings, keepalive=0)
    try:
        first = read(port, "/")
        assert first.cache == "MISS"
        app.stop()
        # Fresh for a second; then the edge asks the app, gets no answer, and keeps serving the
        # page it has.
        while True:
            response = read(port, "/")
            assert response.status == 200
            assert response.text == first.text
            if response.cache == "STALE":
                break
            assert response.cache in ("HIT", "UPDATING")
            time.sleep(0.05)
    finally:
        edge.stop(process)


def test_an_editor_signs_in_through_the_edge(edge_port, django_user_model):
    """The admin's forms check that they were posted from the page's own origin, port included;
    through an edge on another port than the app's, signing in must still work."""
    django_user_model.objects.create_superuser("desk-editor", password="a-long-pass-phrase")
    login = reverse("wagtailadmin_login")
    page = request(edge_port, login)
    assert page.cache == "BYPASS" or page.cache is None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"]).group(1)
    origin = f"http://{HOST}:{edge_port}"
    form = urlencode(
        {"csrfmiddlewaretoken": token, "username": "desk-editor", "password": "a-long-pass-phrase"}
    )
    signed_in = request(
        edge_port,
        login,
        method="POST",
        cookies={"csrftoken": cookie},
        headers={
            "Origin": origin,
            "Referer": origin + login,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=form,
    )
    assert signed_in.status == 302, signed_in.text[:300]
    assert any(c.startswith("sessionid=") for c in signed_in.headers.get_all("Set-Cookie"))


def test_the_edge_keeps_the_compressed_page_and_unpacks_it_for_clients_without_gzip(edge_port):
    story = StoryFactory(headline="Edge check: one compressed copy for every reader")
    path = story.get_url()
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    request_bytes(edge_port, path, headers=browser)
    hit = request_bytes(edge_port, path, headers=browser)
    assert hit.headers["X-Cache-Status"] == "HIT"
    assert hit.headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(hit.body).decode()
    assert story.title in page
    # The same cached entry, unpacked by the edge for a client that asked for no compression.
    plain = request(edge_port, path)
    assert plain.cache == "HIT"
    assert "Content-Encoding" not in plain.headers
    assert plain.text == page


class RawResponse(NamedTuple):
    headers: http.client.HTTPMessage
    body: bytes


def request_bytes(port, path, *, headers):
    connection = http.client.HTTPConnection(HOST, port)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return RawResponse(response.headers, response.read())
    finally:
        connection.close()
