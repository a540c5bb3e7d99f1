"""How the API tests call the content API and read its answers."""


def get(client, key, url, params=None):
    return client.get(url, params or {}, HTTP_AUTHORIZATION=f"Bearer {key}")


def headlines(response):
    """The main headline of each item of a 200 answer."""
    assert response.status_code == 200, response.content
    return [item["headlines"][0]["value"] for item in response.json()["items"]]


def error_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()["error"]
