import socket
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from dateline.analytics.counting import add_views, flush_buffered_views, hour_start
from dateline.analytics.models import HourlyViews
from dateline.analytics.services import compute_trending
from dateline.analytics.trending import top_stories, trending_scores
from dateline.newsroom.factories import StoryFactory
from dateline.taxonomy.models import Country, Edition

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def test_recent_views_outweigh_old_ones():
    scores = trending_scores(
        [(1, NOW - timedelta(hours=1), 100), (2, NOW - timedelta(hours=20), 300)], NOW
    )
    assert scores[1] > scores[2]
    assert top_stories(scores, 10) == [1, 2]


def test_a_half_life_halves_the_weight():
    scores = trending_scores([(1, NOW - timedelta(hours=6), 100)], NOW, half_life_hours=6)
    assert scores[1] == pytest.approx(50)


@given(
    st.lists(
        st.tuples(st.integers(1, 50), st.integers(0, 72), st.integers(0, 10_000)), max_size=200
    ),
    st.integers(1, 20),
)
def test_ranking_is_ordered_and_bounded(rows, limit):
    counts = [(story, NOW - timedelta(hours=age), views) for story, age, views in rows]
    scores = trending_scores(counts, NOW)
    ranked = top_stories(scores, limit)
    assert len(ranked) == min(limit, len(scores))
    assert [scores[i] for i in ranked] == sorted((scores[i] for i in ranked), reverse=True)
    assert all(score >= 0 for score in scores.values())


@pytest.mark.django_db
def test_trending_per_edition_leaves_out_sponsored_stories(home):
    india, japan = Country.objects.get(code="IN"), Country.objects.get(code="JP")
    hour = hour_start(timezone.now())
    popular = StoryFactory(headline="Popular in India", countries=[india])
    quieter = StoryFactory(headline="Quieter in Japan", countries=[japan])
    paid = StoryFactory(headline="Paid and popular", countries=[india], sponsored=True)
    add_views(popular.pk, hour, 500)
    add_views(quieter.pk, hour, 50)
    add_views(paid.pk, hour, 5000)

    global_list = compute_trending(Edition.objects.get(slug="global"))
    assert [item["title"] for item in global_list] == ["Popular in India", "Quieter in Japan"]
    assert global_list[0]["region"] == "India"
    south_asia = compute_trending(Edition.objects.get(slug="south-asia"))
    assert [item["title"] for item in south_asia] == ["Popular in India"]


@pytest.mark.django_db
class TestBeacon:
    def test_counts_a_reader_once_per_hour_and_sets_no_cookie(self, client, home):
        story = StoryFactory()
        for _ in range(3):
            response = client.post("/beacon/", {"story": story.pk}, HTTP_USER_AGENT=BROWSER)
            assert response.status_code == 204
            assert not response.cookies
        flush_buffered_views()
        assert HourlyViews.objects.get(story=story).views == 1
        other_reader = client.post(
            "/beacon/", {"story": story.pk}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.1.1.9"
        )
        assert other_reader.status_code == 204
        flush_buffered_views()
        assert HourlyViews.objects.get(story=story).views == 2

    def test_no_address_is_stored(self, client, home):
        story = StoryFactory()
        client.post(
            "/beacon/", {"story": story.pk}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.77"
        )
        flush_buffered_views()
        row = HourlyViews.objects.values().get(story=story)
        assert "203.0.113.77" not in str(row)
        assert set(row) == {"id", "story_id", "hour", "views"}

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
            {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0)"},
            {"HTTP_USER_AGENT": ""},
            {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
            {"HTTP_USER_AGENT": BROWSER, "HTTP_PURPOSE": "prefetch"},
        ],
    )
    def test_bots_and_prefetches_are_not_counted(self, client, home, headers):
        story = StoryFactory()
        assert client.post("/beacon/", {"story": story.pk}, **headers).status_code == 204
        flush_buffered_views()
        assert not HourlyViews.objects.filter(story=story).exists()

    @pytest.mark.parametrize("value", ["", "abc", "-1", "1" * 40, "999999"])
    def test_bad_ids_are_rejected(self, client, home, value):
        assert client.post("/beacon/", {"story": value}, HTTP_USER_AGENT=BROWSER).status_code == 400

    def test_only_post(self, client, home):
        assert client.get("/beacon/").status_code == 405


@pytest.mark.django_db
def test_acknowledged_views_are_stored_before_the_answer_and_reach_the_totals(client, home):
    story = StoryFactory()
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        response = client.post(
            "/beacon/", {"story": story.pk}, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address
        )
        assert response.status_code == 204
    # The cache (Redis in production) restarts empty: nothing acknowledged was kept only there.
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()
    assert not HourlyViews.objects.filter(story=story).exists()
    assert flush_buffered_views() == 3
    assert HourlyViews.objects.get(story=story).views == 3
    assert flush_buffered_views() == 0


@pytest.mark.django_db
def test_one_address_rotating_its_user_agent_counts_once(client, home):
    story = StoryFactory()
    for number in range(20):
        agent = f"Mozilla/5.0 (X11; Linux x86_64) Firefox/{100 + number}.0"
        client.post("/beacon/", {"story": story.pk}, HTTP_USER_AGENT=agent, REMOTE_ADDR="10.9.9.9")
    flush_buffered_views()
    assert HourlyViews.objects.get(story=story).views == 1


@pytest.mark.django_db
def test_with_the_cache_down_the_beacon_says_it_did_not_count(client, home, settings):
    """Redis unreachable (a closed port): the view is not acknowledged as counted."""
    story = StoryFactory()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        },
    }
    response = client.post("/beacon/", {"story": story.pk}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert flush_buffered_views() == 0


@pytest.mark.django_db
def test_with_the_database_down_the_beacon_says_it_did_not_count(client, home):
    """A database restart under way: the beacon answers 503, never a 500 the page would log."""
    from django.db import OperationalError, connection

    story = StoryFactory()

    def database_restarting(execute, sql, params, many, context):
        raise OperationalError("terminating connection due to administrator command")

    with connection.execute_wrapper(database_restarting):
        response = client.post("/beacon/", {"story": story.pk}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 503
    assert flush_buffered_views() == 0
