"""A change to one story drops the pages it appears on, in every process and at the edge, and
leaves every other cached page alone."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from wagtail.models import Page

from dateline.core import page_cache
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.invalidation import story_paths
from dateline.newsroom.models import StoryPage
from dateline.taxonomy.models import Country, Edition, Sector

pytestmark = pytest.mark.django_db


def cache_state(client, path):
    return client.get(path)["X-Page-Cache"]


@pytest.fixture
def stories(home):
    health = Sector.objects.get(slug="health")
    return {
        "water": StoryFactory(headline="Water board cuts tariffs"),
        "clinic": StoryFactory(
            headline="Clinic opens in the hills",
            sectors=[health],
            countries=[Country.objects.get(code="NP")],
        ),
    }


def test_a_story_appears_on_its_listings_feeds_fronts_and_sitemaps(stories):
    clinic = stories["clinic"]
    paths = set(story_paths(clinic))
    expected = {
        clinic.url,
        "/",
        "/news/",
        "/latest/",
        "/feed/",
        "/sitemap-news.xml",
        "/sectors/health/",
        "/feeds/sector/health/",
        "/countries/nepal/",
        "/feeds/country/nepal/",
        "/tags/water/",
        "/editions/global/",
        "/editions/south-asia/",
        "/feeds/edition/south-asia/",
        "/feeds/kind/news/",
    }
    assert expected <= paths
    assert "/sectors/wash/" not in paths
    assert "/editions/pacific/" not in paths


def test_publishing_drops_only_the_pages_the_new_story_is_on(client, stories):
    water, clinic = stories["water"], stories["clinic"]
    for path in ["/sectors/health/", "/sectors/wash/", water.url, clinic.url, "/"]:
        client.get(path)
    StoryFactory(headline="Vaccination drive reaches the valley", sectors=[clinic.sectors.get()])
    assert cache_state(client, "/sectors/health/") == "miss"
    assert "Vaccination drive" in client.get("/sectors/health/").content.decode()
    assert cache_state(client, "/") == "miss"
    # Not on those pages: still served from memory.
    assert cache_state(client, "/sectors/wash/") == "hit"
    assert cache_state(client, water.url) == "hit"
    assert cache_state(client, clinic.url) == "hit"


def test_a_withdrawn_story_leaves_its_listings_and_feeds(client, stories):
    clinic = stories["clinic"]
    for path in ["/sectors/health/", "/feeds/sector/health/", "/latest/", "/feed/"]:
        assert "Clinic opens in the hills" in client.get(path).content.decode()
    clinic.unpublish()
    for path in ["/sectors/health/", "/feeds/sector/health/", "/latest/", "/feed/"]:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert "Clinic opens in the hills" not in response.content.decode(), path
    assert client.get(clinic.url).status_code == 404


def test_an_update_that_moves_a_story_to_another_sector_drops_both_listings(client, stories):
    clinic = StoryPage.objects.get(pk=stories["clinic"].pk)
    client.get("/feeds/sector/health/")
    client.get("/feeds/sector/education/")
    clinic.sectors = [Sector.objects.get(slug="education")]
    clinic.save_revision().publish()
    assert "Clinic opens" not in client.get("/feeds/sector/health/").content.decode()
    assert "Clinic opens" in client.get("/feeds/sector/education/").content.decode()


def test_a_purge_announced_by_another_process_reaches_this_one(client, stories):
    """Another web process published: it wrote the purge to the shared cache; this process
    reads it on its next look and drops its own copies of exactly those pages."""
    water = stories["water"]
    client.get("/sectors/health/")
    client.get(water.url)
    shared = caches["default"]
    number = (shared.get(page_cache.PURGE_SEQUENCE_KEY) or 0) + 1
    shared.set(page_cache.PURGE_ENTRY_KEY.format(number), ["/sectors/health/"], 60)
    shared.set(page_cache.PURGE_SEQUENCE_KEY, number, None)
    page_cache._local["checked_at"] = 0.0
    assert cache_state(client, "/sectors/health/") == "miss"
    assert cache_state(client, water.url) == "hit"


def test_a_process_too_far_behind_drops_every_page(client, stories):
    water = stories["water"]
    client.get(water.url)
    shared = caches["default"]
    number = (shared.get(page_cache.PURGE_SEQUENCE_KEY) or 0) + page_cache.MAX_PURGES_BEHIND + 5
    shared.set(page_cache.PURGE_SEQUENCE_KEY, number, None)
    page_cache._local["checked_at"] = 0.0
    assert cache_state(client, water.url) == "miss"


class PurgeRecorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        self.received.append((self.path, self.headers["Host"], self.headers["Cookie"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def edge(settings):
    """A stand-in for the edge that records the purges it is sent (tests/deploy/test_edge.py
    runs the real nginx)."""
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "dateline.core.edge_purge.EditionVariantsPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_the_edge_is_asked_to_purge_every_edition_variant_of_each_page(
    stories, edge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = StoryFactory(headline="Bridge reopens after repairs")
    purged = {(path, cookie) for path, _host, cookie in edge}
    site = Page.objects.get(depth=2).get_site()
    assert {host for _path, host, _cookie in edge} == {urlsplit(site.root_url).netloc}
    variants = {"edition=none"} | {
        f"edition={slug}" for slug in Edition.objects.values_list("slug", flat=True)
    }
    for path in [story.url, "/sectors/wash/", "/", "/feed/"]:
        assert {cookie for purged_path, cookie in purged if purged_path == path} == variants
    assert stories["clinic"].url not in {path for path, _cookie in purged}
