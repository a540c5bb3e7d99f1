"""Who may use the content API and how often, the taxonomy endpoints, and how keys are issued."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.syndication.models import ApiKey, issue_api_key

from .api_calls import error_of

pytestmark = pytest.mark.django_db

STORIES = "/api/v1/stories/"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_key_in_either_header_is_accepted(client, key):
    StoryFactory(headline="Wells repaired")
    for headers in (bearer(key), {"HTTP_X_API_KEY": key}, {"HTTP_AUTHORIZATION": f"bearer  {key}"}):
        response = client.get(STORIES, **headers)
        assert response.status_code == 200, headers
        assert response.json()["items"][0]["headlines"][0]["value"] == "Wells repaired"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer "},
        {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"},
        {"HTTP_AUTHORIZATION": "Bearer dlk_not-a-real-key"},
        {"HTTP_X_API_KEY": "guess"},
    ],
)
def test_missing_or_wrong_keys_are_401_with_a_challenge(client, key, headers):
    error = error_of(client.get(STORIES, **headers), 401)
    assert error["code"] in {"missing_api_key", "invalid_api_key"}
    assert client.get(STORIES, **headers)["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_stops_working_at_once(client, key):
    assert client.get(STORIES, **bearer(key)).status_code == 200
    ApiKey.objects.update(active=False)
    assert error_of(client.get(STORIES, **bearer(key)), 401)["code"] == "invalid_api_key"


@pytest.mark.parametrize("name", ["api_key", "apikey", "API_KEY", "access_token"])
def test_a_key_in_the_query_string_is_refused_even_with_a_header(client, key, name):
    error = error_of(client.get(f"{STORIES}?{name}={key}", **bearer(key)), 400)
    assert error["code"] == "key_in_query_string"
    assert "header" in error["message"]


def test_keyed_responses_are_never_served_from_the_page_cache_to_others(client, key):
    story = StoryFactory()
    for url in (STORIES, f"{STORIES}{story.pk}/", "/api/v1/sectors/"):
        keyed = client.get(url, **bearer(key))
        assert "private" in keyed["Cache-Control"]
        assert "X-Page-Cache" not in keyed
        assert error_of(client.get(url), 401)["code"] == "missing_api_key"


def test_rate_limit_per_key(client, home):
    small = issue_api_key("Small partner", rate_limit_per_minute=3)[1]
    other = issue_api_key("Other partner")[1]
    remaining = []
    for _ in range(3):
        response = client.get("/api/v1/kinds/", **bearer(small))
        assert response.status_code == 200
        assert response["X-RateLimit-Limit"] == "3"
        remaining.append(response["X-RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]

    refused = client.get("/api/v1/kinds/", **bearer(small))
    assert error_of(refused, 429)["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["X-RateLimit-Limit"] == "3"
    assert refused["X-RateLimit-Remaining"] == "0"
    # Each key has its own allowance.
    assert client.get("/api/v1/kinds/", **bearer(other)).status_code == 200


def test_last_used_is_written_at_most_once_a_minute(client, key, django_assert_num_queries):
    api_key = ApiKey.objects.get()
    assert api_key.last_used_at is None
    client.get("/api/v1/kinds/", **bearer(key))
    first_use = ApiKey.objects.get().last_used_at
    assert first_use is not None
    with django_assert_num_queries(1):
        client.get("/api/v1/kinds/", **bearer(key))
    assert ApiKey.objects.get().last_used_at == first_use
    ApiKey.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    client.get("/api/v1/kinds/", **bearer(key))
    assert ApiKey.objects.get().last_used_at > first_use - timedelta(seconds=1)


def test_the_api_is_read_only(client, key):
    response = client.post(STORIES, {"headline": "x"}, **bearer(key))
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD"


def test_unknown_endpoints_are_json_404s(client, key):
    assert error_of(client.get("/api/v1/nothing-here/", **bearer(key)), 404)["code"] == "not_found"
    assert client.get("/api/v1/nothing-here").status_code == 301


def test_the_openapi_description_is_public(client, home):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    description = response.json()
    assert description["openapi"].startswith("3.1")
    assert description["servers"] == [{"url": "http://127.0.0.1:8000/api/v1"}]
    assert set(description["components"]["securitySchemes"]) == {"bearerKey", "headerKey"}


def test_taxonomy_endpoints(client, key):
    def items(path):
        response = client.get(f"/api/v1/{path}/", **bearer(key))
        assert response.status_code == 200
        return response.json()["items"]

    sectors = {sector["slug"]: sector for sector in items("sectors")}
    assert len(sectors) == 15
    assert sectors["wash"]["name"] == "WASH"
    assert sectors["wash"]["uri"] == "http://127.0.0.1:8000/sectors/wash/"
    editions = {edition["slug"]: edition for edition in items("editions")}
    assert len(editions) == 12
    assert {"IN", "NP"} <= set(editions["south-asia"]["countries"])
    assert editions["global"]["is_global"] is True
    countries = {country["code"]: country for country in items("countries")}
    assert countries["KE"]["slug"] == "kenya"
    assert [kind["slug"] for kind in items("kinds")] == StoryKind.values


def test_author_and_tag_listings_page_by_slug(client, key):
    for number in range(5):
        AuthorFactory(slug=f"writer-{number}", name=f"Writer {number}")
    StoryFactory(tags=["alpha", "beta", "gamma"])
    first = client.get("/api/v1/authors/?limit=3", **bearer(key)).json()
    assert [author["slug"] for author in first["items"]] == ["writer-0", "writer-1", "writer-2"]
    rest = client.get(first["next"].removeprefix("http://127.0.0.1:8000"), **bearer(key)).json()
    assert [author["slug"] for author in rest["items"]] == ["writer-3", "writer-4"]
    assert rest["next"] is None
    tags = client.get("/api/v1/tags/", **bearer(key)).json()["items"]
    assert [tag["slug"] for tag in tags] == ["alpha", "beta", "gamma"]
    bad = client.get("/api/v1/tags/?cursor=abc", **bearer(key))
    assert error_of(bad, 400)["parameter"] == "cursor"


def test_create_api_key_prints_a_working_key_once_and_stores_only_a_digest(client, home):
    out, err = StringIO(), StringIO()
    call_command("create_api_key", "Bench", "--rate-limit", "5000", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    stored = ApiKey.objects.get(name="Bench")
    assert stored.rate_limit_per_minute == 5000
    assert secret.startswith(stored.prefix)
    assert secret not in {stored.digest, stored.prefix, stored.name}
    assert stored.prefix in err.getvalue()
    assert client.get("/api/v1/kinds/", **bearer(secret)).status_code == 200


def test_editors_create_a_key_in_the_admin_and_see_it_once(client, home, django_user_model):
    editor = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(editor)
    response = client.post(
        reverse("api_keys:add"),
        {
            "name": "Partner portal",
            "contact": "ops@partner.example",
            "rate_limit_per_minute": 60,
            "active": "on",
        },
    )
    assert response.status_code == 200
    stored = ApiKey.objects.get(name="Partner portal")
    secret = response.context["secret"]
    assert secret.startswith(stored.prefix)
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    listing = client.get(reverse("api_keys:index")).content.decode()
    assert stored.prefix in listing
    assert secret not in listing
    client.logout()
    assert client.get("/api/v1/kinds/", **bearer(secret)).status_code == 200


def test_the_chief_editor_group_manages_api_keys(home, django_user_model):
    from django.contrib.auth.models import Group

    chief = django_user_model.objects.create_user("chief-editor")
    chief.groups.add(Group.objects.get(name="Chief editor"))
    writer = django_user_model.objects.create_user("writer-one")
    writer.groups.add(Group.objects.get(name="Writer"))
    assert chief.has_perm("syndication.add_apikey")
    assert chief.has_perm("syndication.delete_apikey")
    assert not writer.has_perm("syndication.view_apikey")
