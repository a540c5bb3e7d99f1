import pytest
from django.core.cache import caches

from dateline.newsroom.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_second_request_is_served_from_memory(client, home, django_assert_num_queries):
    StoryFactory(headline="First story")
    assert client.get("/latest/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/latest/")
    assert response["X-Page-Cache"] == "hit"
    assert "First story" in response.content.decode()


def test_publishing_drops_cached_pages(client, home):
    StoryFactory(headline="First story")
    client.get("/latest/")
    StoryFactory(headline="Breaking second story")
    response = client.get("/latest/")
    assert response["X-Page-Cache"] == "miss"
    assert "Breaking second story" in response.content.decode()


def test_edition_cookie_gets_its_own_cached_copy(client, home):
    client.get("/")
    client.cookies["edition"] = "pacific"
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Pacific edition" in response.content.decode()


def test_responses_setting_cookies_are_never_cached(client, home):
    response = client.get("/editions/choose/", {"edition": "pacific"})
    assert "X-Page-Cache" not in response


def test_cached_page_answers_conditional_requests_with_304(client, home, settings):
    StoryFactory(headline="First story")
    first = client.get("/feed/")
    assert first["ETag"]
    assert client.get("/feed/")["X-Page-Cache"] == "hit"
    assert client.get("/feed/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/feed/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_readers_from_two_countries_with_a_stale_cookie_get_their_own_editions(
    client, home, settings
):
    """A cookie naming no edition falls back to the reader's country: the cached copy must be
    keyed on that country's edition, not on the cookie."""
    settings.DATELINE_GEO_HEADER = "CF-IPCountry"
    client.cookies["edition"] = "an-edition-that-was-removed"
    kenya = client.get("/", HTTP_CF_IPCOUNTRY="KE")
    assert "East Africa edition" in kenya.content.decode()
    fiji = client.get("/", HTTP_CF_IPCOUNTRY="FJ")
    assert fiji["X-Page-Cache"] == "miss"
    assert "Pacific edition" in fiji.content.decode()
    assert client.get("/", HTTP_CF_IPCOUNTRY="FJ")["X-Page-Cache"] == "hit"


def test_tracking_parameters_share_the_page_entry(client, home):
    StoryFactory(headline="First story")
    assert client.get("/latest/?utm_source=newsletter")["X-Page-Cache"] == "miss"
    assert client.get("/latest/?fbclid=IwAR0abc")["X-Page-Cache"] == "hit"
    assert client.get("/latest/")["X-Page-Cache"] == "hit"
    # Parameters that do change the page keep their own entry, whatever their order.
    assert client.get("/search/?q=water&kind=news&utm_medium=x")["X-Page-Cache"] == "miss"
    assert client.get("/search/?kind=news&q=water")["X-Page-Cache"] == "hit"


def test_unique_urls_cannot_grow_the_page_cache_past_its_budget(client, home, settings):
    budget = 400_000
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "dateline.core.memory_cache.BoundedMemoryCache",
            "LOCATION": "small-page-cache",
            "OPTIONS": {"MAX_BYTES": budget},
        },
    }
    for number in range(60):
        assert client.get(f"/latest/?junk={number}").status_code == 200
    pages = caches["pages"]
    assert 0 < pages.size_in_bytes <= budget
    # The newest pages are the ones kept; the oldest went first.
    assert client.get("/latest/?junk=59")["X-Page-Cache"] == "hit"
    assert client.get("/latest/?junk=0")["X-Page-Cache"] == "miss"
