"""What a digest carries: the period's public stories, filtered by each reader's choices."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from dateline.audience.digests import latest_period
from dateline.audience.models import Delivery, Digest, Subscriber
from dateline.audience.sending import open_due_digest, send_queued
from dateline.newsroom.factories import StoryFactory
from dateline.taxonomy.models import Country, Edition, Sector

from .smtp import html_part, text_part

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "frequency", "start", "end"),
    [
        # Before the send hour the latest whole day ended yesterday at six.
        ("2025-05-12 05:59", "daily", "2025-05-10 06:00", "2025-05-11 06:00"),
        ("2025-05-12 06:00", "daily", "2025-05-11 06:00", "2025-05-12 06:00"),
        # 2025-05-12 is a Monday, the weekly send day.
        ("2025-05-12 06:30", "weekly", "2025-05-05 06:00", "2025-05-12 06:00"),
        ("2025-05-18 23:00", "weekly", "2025-05-05 06:00", "2025-05-12 06:00"),
    ],
)
def test_periods_end_at_the_send_hour(settings, now, frequency, start, end):
    settings.DATELINE_NEWSLETTER_SEND_HOUR = 6
    settings.DATELINE_NEWSLETTER_WEEKLY_DAY = 0
    assert latest_period(frequency, at(now)) == (at(start), at(end))


def test_periods_follow_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    settings.DATELINE_NEWSLETTER_SEND_HOUR = 6
    start, end = latest_period("daily", at("2025-05-12 01:00"))
    # 06:00 IST is 00:30 UTC.
    assert (start, end) == (at("2025-05-11 00:30"), at("2025-05-12 00:30"))


@pytest.fixture
def period():
    return latest_period("daily", timezone.now())


@pytest.fixture
def stories(home, period):
    start, end = period
    wash, health = Sector.objects.get(slug="wash"), Sector.objects.get(slug="health")
    india, kenya = Country.objects.get(code="IN"), Country.objects.get(code="KE")
    return {
        "wells": StoryFactory(
            headline="Wells & pumps: a district's repair plan",
            summary="A district repairs its wells before the monsoon.",
            takeaways=["Forty wells are repaired before June.", "The monsoon is due mid-June."],
            sectors=[wash],
            countries=[india],
            first_published_at=end - timedelta(hours=1),
        ),
        "clinics": StoryFactory(
            headline="Nairobi clinics extend opening hours",
            sectors=[health],
            countries=[kenya],
            first_published_at=end - timedelta(hours=2),
        ),
        "unfiled": StoryFactory(
            headline="A story with no sector",
            sectors=[],
            countries=[india],
            first_published_at=start + timedelta(minutes=1),
        ),
        "earlier": StoryFactory(
            headline="Published before the period", first_published_at=start - timedelta(minutes=1)
        ),
        "later": StoryFactory(headline="Published after the period", first_published_at=end),
        "draft": StoryFactory(
            headline="A draft nobody sees",
            first_published_at=end - timedelta(hours=3),
            publish=False,
        ),
    }


def send_daily_digest(period):
    digest = open_due_digest("daily", period[1] + timedelta(minutes=5))
    send_queued()
    return digest


def test_digest_carries_the_period_public_stories_grouped_by_sector(
    stories, period, mailbox, make_subscriber
):
    make_subscriber("all@example.org")
    digest = send_daily_digest(period)
    assert digest.story_count == 3
    [message] = mailbox.to("all@example.org")
    assert message["Subject"] == digest.subject
    assert message["Subject"].startswith("Dateline daily digest: ")

    text = text_part(message)
    html = html_part(message)
    for key in ("wells", "clinics", "unfiled"):
        assert stories[key].title in text
        assert f"{BASE}{stories[key].url}" in text
        assert f'href="{BASE}{stories[key].url}"' in html
    for key in ("earlier", "later", "draft"):
        assert stories[key].title not in text
    # Sectors in the site's order, stories without one last.
    assert text.index("== Health ==") < text.index("== WASH ==") < text.index("== More stories ==")
    assert "Wells &amp; pumps" in html
    assert "<table" in html and 'style="' in html
    preheader = html.split('<div style="display:none', 1)[1].split("</div>", 1)[0]
    assert stories["wells"].title.replace("&", "&amp;").replace("'", "&#x27;") in preheader


def test_choices_filter_the_stories_and_identical_choices_share_the_content(
    stories, period, mailbox, make_subscriber
):
    south_asia = Edition.objects.get(slug="south-asia")
    health = Sector.objects.get(slug="health")
    first = make_subscriber("asia1@example.org", editions=[south_asia])
    make_subscriber("asia2@example.org", editions=[south_asia])
    make_subscriber("health@example.org", sectors=[health])
    make_subscriber("global@example.org", editions=[Edition.objects.get(is_global=True)])
    send_daily_digest(period)

    asia_text = text_part(mailbox.to("asia1@example.org")[0])
    assert stories["wells"].title in asia_text
    assert stories["clinics"].title not in asia_text
    health_text = text_part(mailbox.to("health@example.org")[0])
    assert stories["clinics"].title in health_text
    assert stories["wells"].title not in health_text
    assert stories["unfiled"].title not in health_text
    assert stories["clinics"].title in text_part(mailbox.to("global@example.org")[0])

    # Only the subscriber's own links differ between two readers with the same choices.
    other_text = text_part(mailbox.to("asia2@example.org")[0])
    assert asia_text != other_text
    first_links = [line for line in asia_text.splitlines() if "/newsletter/" in line]
    assert all(first.token not in line for line in other_text.splitlines())
    assert len(first_links) == 2


def test_headers_and_footer_links_work_without_cookies(stories, period, mailbox, make_subscriber):
    subscriber = make_subscriber("headers@example.org")
    send_daily_digest(period)
    [message] = mailbox.to("headers@example.org")
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert message["Message-ID"] == delivery.message_id
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = str(message["List-Unsubscribe"]).strip()
    assert header.startswith(f"<{BASE}/newsletter/unsubscribe/") and header.endswith("/>")
    unsubscribe_url = header[1:-1]
    assert unsubscribe_url in text_part(message)
    assert f'href="{unsubscribe_url}"' in html_part(message)
    preferences_url = next(
        line.split(": ", 1)[1]
        for line in text_part(message).splitlines()
        if line.startswith("Change your preferences: ")
    )
    assert Client().get(urlsplit(preferences_url).path).status_code == 200

    response = Client(enforce_csrf_checks=True).post(
        urlsplit(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_reader_whose_choices_match_nothing_is_skipped_on_the_record(
    stories, period, mailbox, make_subscriber
):
    subscriber = make_subscriber("sports@example.org", sectors=[Sector.objects.get(slug="sports")])
    send_daily_digest(period)
    assert mailbox.messages == []
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert delivery.state == Delivery.State.SKIPPED
    assert "No story" in delivery.last_error


def test_a_period_without_stories_sends_nothing(home, period, mailbox, make_subscriber):
    make_subscriber("quiet@example.org")
    digest = send_daily_digest(period)
    assert digest.story_count == 0
    assert digest.finished_at is not None
    assert not Delivery.objects.exists()
    assert mailbox.messages == []
    assert Digest.objects.count() == 1


def test_the_digest_carries_a_storys_key_takeaways(stories, period, mailbox, make_subscriber):
    make_subscriber("all@example.org")
    send_daily_digest(period)
    [message] = mailbox.to("all@example.org")
    lines = text_part(message).splitlines()
    summary = lines.index("A district repairs its wells before the monsoon.")
    assert lines[summary + 1 : summary + 3] == [
        "- Forty wells are repaired before June.",
        "- The monsoon is due mid-June.",
    ]
    assert "<li>Forty wells are repaired before June.</li>" in html_part(message)
