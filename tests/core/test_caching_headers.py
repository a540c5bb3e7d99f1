"""What Dateline tells every cache in front of it (an edge, a CDN, the reader's browser): who may
keep a page, for how long, how to revalidate it, and what it varies on."""

import gzip

import pytest
from django.contrib.auth.models import User

from dateline.newsroom.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home):
    return StoryFactory(headline="Dam release floods three villages")


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_may_be_kept_by_shared_caches_and_served_stale(client, story, settings):
    settings.DATELINE_CACHE_S_MAXAGE = 45
    for path in ["/", story.url, "/latest/", "/sectors/wash/", "/search/?q=dam", "/feed/"]:
        response = client.get(path)
        kept = directives(response)
        assert "public" in kept, path
        assert "s-maxage=45" in kept, path
        assert "stale-while-revalidate=30" in kept, path
        assert "stale-if-error=86400" in kept, path
        assert response["ETag"], path


def test_browsers_revalidate_and_get_304_for_the_version_they_hold(client, story, settings):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0  # straight from the view, not the page cache
    first = client.get(story.url)
    assert "max-age=0" in directives(first)
    assert client.get(story.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(story.url, HTTP_IF_NONE_MATCH='"another-version"').status_code == 200


def test_an_article_says_when_it_last_changed(client, story):
    response = client.get(story.url)
    assert response["Last-Modified"]
    again = client.get(story.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_pages_for_a_signed_in_editor_are_private_and_never_stored(client, story):
    editor = User.objects.create_user("editor", password="pass-for-tests", is_staff=True)
    client.force_login(editor)
    response = client.get(story.url)
    assert {"private", "no-store"} <= directives(response)
    assert "s-maxage" not in response["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_private(client, home):
    response = client.get("/editions/choose/", {"edition": "pacific"})
    assert response.cookies["edition"].value == "pacific"
    assert "private" in directives(response)


def test_without_an_edge_the_page_varies_on_the_cookie_that_holds_the_edition(client, home):
    response = client.get("/")
    assert "Cookie" in response["Vary"]
    assert "Dateline-Edition" not in response["Vary"]


def test_behind_the_edge_the_page_varies_on_the_edition_header_alone(client, home):
    """The edge normalised the reader's choice into one header and keys its cache on it; the
    rest of the Cookie header (analytics, consent, …) must not split the cache."""
    client.cookies["edition"] = "east-africa"
    response = client.get("/", HTTP_DATELINE_EDITION="pacific")
    assert "Pacific edition" in response.content.decode()
    assert "Dateline-Edition" in response["Vary"]
    assert "Cookie" not in response["Vary"]


def test_the_edges_no_choice_is_the_global_edition(client, home):
    response = client.get("/", HTTP_DATELINE_EDITION="none")
    assert "Global edition" in response.content.decode()
    pacific = client.get("/", HTTP_DATELINE_EDITION="pacific")
    assert pacific["X-Page-Cache"] == "miss"
    assert "Pacific edition" in pacific.content.decode()


def test_a_geo_header_in_use_is_named_in_vary(client, home, settings):
    settings.DATELINE_GEO_HEADER = "CF-IPCountry"
    response = client.get("/", HTTP_CF_IPCOUNTRY="FJ")
    assert "Pacific edition" in response.content.decode()
    assert "CF-IPCountry" in response["Vary"]


def test_health_checks_keep_their_own_no_store(client, home):
    assert "no-store" in directives(client.get("/healthz"))


def test_behind_the_edge_the_country_header_is_not_read(client, home, settings):
    """The edge keys on its edition header alone; a page that also read the reader's country
    would be stored under the key of readers from everywhere."""
    settings.DATELINE_GEO_HEADER = "CF-IPCountry"
    response = client.get("/", HTTP_DATELINE_EDITION="none", HTTP_CF_IPCOUNTRY="FJ")
    assert "Global edition" in response.content.decode()
    varies = {header.strip() for header in response["Vary"].split(",")}
    assert "Dateline-Edition" in varies
    assert not varies & {"CF-IPCountry", "Cookie"}


def test_a_public_page_is_compressed_once_and_served_compressed_from_memory(client, story):
    plain = client.get(story.url)
    first = client.get(story.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == plain.content
    assert "Accept-Encoding" in first["Vary"]
    again = client.get(story.url, HTTP_ACCEPT_ENCODING="gzip")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"
    # The same page in another encoding: a browser revalidating either copy gets its 304.
    assert again["ETag"] == "W/" + plain["ETag"]
    assert client.get(story.url, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    # A client that asks for nothing gets the page as it is.
    assert "Content-Encoding" not in client.get(story.url)


def test_a_personal_page_is_never_compressed_by_the_app(client, story):
    """A page with a secret in it (a CSRF token) compressed beside text the client chose leaks
    the secret byte by byte (BREACH); such pages are left to the edge's own policy."""
    editor = User.objects.create_user("desk", password="pass-for-tests", is_staff=True)
    client.force_login(editor)
    response = client.get(story.url, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in response
