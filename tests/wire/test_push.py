"""The push endpoint: authentication, limits and clear refusals; what it accepts is stored."""

import hashlib
import hmac

import pytest

from dateline.wire.formats import MAX_PAYLOAD_BYTES
from dateline.wire.models import Item, Payload, Source

from .conftest import ninjs_item, ninjs_payload

GOOD = ninjs_payload(
    ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", ["Water rose in Assam."])
)


def push(client, source, body, **headers):
    return client.post(
        f"/wire/push/{source.slug}/", body, content_type="application/json", headers=headers
    )


def bearer(source):
    return {"Authorization": f"Bearer {source.push_secret}"}


def signed(source, body):
    digest = hmac.new(source.push_secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Dateline-Signature": f"sha256={digest}"}


def test_a_bearer_token_is_accepted_and_the_stored_ids_returned(client, push_source):
    response = push(client, push_source, GOOD, **bearer(push_source))
    assert response.status_code == 202
    data = response.json()
    item = Item.objects.get()
    assert data["items"] == [{"id": item.pk, "guid": "urn:mpa:1", "status": "new"}]
    assert data["payload"] == Payload.objects.get().pk
    assert data["errors"] == []


def test_an_hmac_signed_body_is_accepted(client, push_source):
    assert push(client, push_source, GOOD, **signed(push_source, GOOD)).status_code == 202


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"X-Dateline-Signature": "sha256=" + "0" * 64},
        {"X-Dateline-Signature": "md5=abc"},
    ],
)
def test_unauthenticated_pushes_are_refused_and_nothing_is_stored(client, push_source, headers):
    response = push(client, push_source, GOOD, **headers)
    assert response.status_code == 401
    assert "Authorization" in response.json()["error"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Payload.objects.exists()


def test_a_signature_of_another_body_is_refused(client, push_source):
    other = ninjs_payload(ninjs_item("urn:mpa:9", "Another", ["Text."]))
    assert push(client, push_source, GOOD, **signed(push_source, other)).status_code == 401


def test_a_secret_in_the_query_string_is_refused(client, push_source):
    response = client.post(
        f"/wire/push/{push_source.slug}/?token={push_source.push_secret}",
        GOOD,
        content_type="application/json",
        headers=bearer(push_source),
    )
    assert response.status_code == 400
    assert "query string" in response.json()["error"]
    assert not Payload.objects.exists()


def test_an_oversized_body_is_refused_with_413(client, push_source):
    body = b'{"uri": "x", "headlines": [{"value": "' + b"a" * MAX_PAYLOAD_BYTES + b'"}]}'
    response = push(client, push_source, body, **bearer(push_source))
    assert response.status_code == 413
    assert "limit" in response.json()["error"]
    assert not Payload.objects.exists()


@pytest.mark.parametrize(
    "body", [b"{not json", b"<rss><channel><item>", b"\xff\xfe\x00garbage", b"[]", b"42"]
)
def test_a_malformed_payload_is_kept_and_refused_with_its_reason(client, push_source, body):
    response = push(client, push_source, body, **bearer(push_source))
    assert response.status_code == 422
    data = response.json()
    assert data["error"].startswith("The payload could not be read")
    stored = Payload.objects.get(pk=data["payload"])
    assert bytes(stored.body) == body


def test_a_batch_with_a_bad_item_stores_the_rest_and_names_the_bad_one(client, push_source):
    body = ninjs_payload(
        ninjs_item("urn:mpa:1", "Good item", ["Text."]),
        {"uri": "urn:mpa:2", "headlines": []},
    )
    response = push(client, push_source, body, **bearer(push_source))
    assert response.status_code == 202
    data = response.json()
    assert [item["guid"] for item in data["items"]] == ["urn:mpa:1"]
    assert data["errors"][0]["index"] == 2


def test_an_empty_body_is_refused(client, push_source):
    response = push(client, push_source, b"", **bearer(push_source))
    assert response.status_code == 400


def test_unknown_pulled_and_disabled_sources(client, push_source, agency):
    assert push(client, Source(slug="nobody"), GOOD).status_code == 404
    pulled = Source.objects.create(
        name="Pulled", slug="pulled", agency=agency, pull_url="https://wire.example/feed"
    )
    assert push(client, pulled, GOOD, **bearer(pulled)).status_code == 404
    push_source.enabled = False
    push_source.save()
    assert push(client, push_source, GOOD, **bearer(push_source)).status_code == 403


def test_only_post_is_allowed(client, push_source):
    assert client.get(f"/wire/push/{push_source.slug}/").status_code == 405
