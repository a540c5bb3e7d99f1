"""Any UTC offset ISO 8601 allows works in the API's date filters, on every database.

PostgreSQL refuses offsets beyond ±15:59 ("time zone displacement out of range"), which Python
reads up to ±23:59:59; run this file with DATABASE_URL set to a PostgreSQL database as well.
"""

from datetime import UTC, datetime

import pytest

from dateline.newsroom.factories import StoryFactory

pytestmark = pytest.mark.django_db

STORIES = "/api/v1/stories/"
# Every value below names 2025-01-01T12:00:00Z, between the two stories.
NOON_UTC = [
    "2025-01-01T12:00:00Z",
    "2025-01-02T04:00:00+16:00",
    "2024-12-31T16:00:00-20:00",
    "2025-01-02T11:59:00+23:59",
    "2024-12-31T12:00:01-23:59:59",
    "2025-01-01T17:30:30+05:30:30",
    # "+" unescaped in a query string arrives as a space.
    "2025-01-02T04:00:00 16:00",
    "2025-01-01T17:30:30 05:30:30",
]


@pytest.fixture
def stories(home):
    StoryFactory(headline="Before noon", first_published_at=datetime(2025, 1, 1, 11, 0, tzinfo=UTC))
    StoryFactory(headline="After noon", first_published_at=datetime(2025, 1, 1, 13, 0, tzinfo=UTC))


def headlines(client, key, params):
    response = client.get(STORIES, params, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, (params, response.content)
    return [item["headlines"][0]["value"] for item in response.json()["items"]]


@pytest.mark.parametrize("moment", NOON_UTC)
def test_any_valid_offset_filters_by_the_moment_it_names(client, key, stories, moment):
    assert headlines(client, key, {"published_after": moment}) == ["After noon"]
    assert headlines(client, key, {"published_before": moment}) == ["Before noon"]


@pytest.mark.parametrize(
    "moment",
    [
        "2025-01-01T12:00:00+24:00",
        "2025-01-01T12:00:00-25:00",
        # Valid where they are, outside the years 1 to 9999 in UTC.
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
    ],
)
def test_an_offset_or_moment_out_of_range_is_a_400_naming_the_parameter(
    client, key, stories, moment
):
    response = client.get(STORIES, {"published_after": moment}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["parameter"] == "published_after"
