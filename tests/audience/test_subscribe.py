"""Subscribing with double opt-in, preferences and one-click unsubscribe, as readers meet them."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time
from lxml import html as lxml_html

from dateline.audience.models import Consent, Subscriber
from dateline.audience.subscriptions import suppress
from dateline.audience.tokens import confirmation_value, link_value
from dateline.taxonomy.models import Edition, Sector

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://\S+/newsletter/confirm/\S+/")


def subscribe(client, email="reader@example.org", **extra):
    data = {"email": email, "frequency": "daily", **extra}
    return client.post("/newsletter/", data, HTTP_REFERER="http://testserver/sectors/wash/")


def confirmation_path(message):
    return urlsplit(CONFIRM_LINK.search(message.get_content()).group()).path


def test_subscribe_page_form_is_accessible(client, home, django_assert_num_queries):
    # Cold: the shared footer and editions fragments are built too, and the site's root paths
    # are read. Warm: editions and sectors.
    with django_assert_num_queries(10):
        client.get("/newsletter/")
    caches["pages"].clear()
    with django_assert_num_queries(2):
        response = client.get("/newsletter/")
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    form = page.xpath("//main//form[@action='/newsletter/']")[0]
    assert form.xpath(".//label[@for='id_email']")
    legends = [legend.text_content() for legend in form.xpath(".//fieldset/legend")]
    assert legends == ["How often", "Editions", "Sectors"]
    assert len(form.xpath(".//input[@name='sectors']")) == Sector.objects.count()
    assert len(form.xpath(".//input[@name='editions']")) == Edition.objects.count()
    trap = form.xpath(".//div[@class='form-trap']")[0]
    assert trap.get("aria-hidden") == "true"
    assert trap.xpath(".//input")[0].get("tabindex") == "-1"


def test_double_opt_in_from_request_to_active(client, home, mailbox):
    wash = Sector.objects.get(slug="wash")
    south_asia = Edition.objects.get(slug="south-asia")
    response = subscribe(client, "Reader@Example.org", sectors=[wash.pk], editions=[south_asia.pk])
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/check-your-inbox/"
    assert "Check your inbox" in client.get(response["Location"]).content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.sectors.all()) == [wash]
    requested = subscriber.consents.get()
    assert requested.action == Consent.Action.REQUESTED
    assert requested.source_url == "/sectors/wash/"
    assert "daily newsletter" in requested.wording and "WASH" in requested.wording

    [message] = mailbox.to("Reader@Example.org")
    assert "Confirm your subscription" in message["Subject"]
    path = confirmation_path(message)

    # Following the link only asks: a mail scanner opening it confirms nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    assert "Confirm my subscription" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    confirmed = Client(enforce_csrf_checks=True).post(path)
    assert confirmed.status_code == 200
    assert "Subscription confirmed" in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.confirmed_at is not None
    actions = list(subscriber.consents.values_list("action", flat=True))
    assert actions == [Consent.Action.REQUESTED, Consent.Action.CONFIRMED]
    # Confirming again is harmless.
    assert client.post(path).status_code == 200


def test_response_never_reveals_an_existing_subscription(client, home, mailbox, make_subscriber):
    make_subscriber("known@example.org")
    fresh = subscribe(client, "new@example.org")
    known = subscribe(client, "KNOWN@example.org")
    assert (fresh.status_code, fresh["Location"]) == (known.status_code, known["Location"])
    assert mailbox.recipients() == ["new@example.org"]
    assert Subscriber.objects.count() == 2


def test_pending_address_gets_the_confirmation_again_but_not_in_a_burst(client, home, mailbox):
    subscribe(client, "slow@example.org")
    subscribe(client, "slow@example.org")
    assert len(mailbox.to("slow@example.org")) == 1
    with freeze_time(timezone.now() + timedelta(minutes=6)):
        subscribe(Client(REMOTE_ADDR="10.0.0.2"), "slow@example.org")
    assert len(mailbox.to("slow@example.org")) == 2
    assert Subscriber.objects.count() == 1


def test_suppressed_address_is_not_mailed(client, home, mailbox):
    suppress("bounced@example.org", "bounced")
    assert subscribe(client, "Bounced@example.org").status_code == 302
    assert mailbox.messages == []
    assert not Subscriber.objects.exists()


def test_expired_tampered_and_bogus_confirmation_links(client, home, make_subscriber):
    subscriber = make_subscriber("late@example.org", status=Subscriber.Status.PENDING)
    value = confirmation_value(subscriber)
    with freeze_time(timezone.now() + timedelta(days=4)):
        expired = client.get(f"/newsletter/confirm/{value}/")
        assert expired.status_code == 410
        assert "expired" in expired.content.decode()
        assert client.post(f"/newsletter/confirm/{value}/").status_code == 410
    tampered = value[:-1] + ("A" if value[-1] != "A" else "B")
    assert client.get(f"/newsletter/confirm/{tampered}/").status_code == 404
    assert client.get("/newsletter/confirm/nonsense/").status_code == 404
    # A preferences link is not a confirmation link.
    assert client.post(f"/newsletter/confirm/{link_value(subscriber)}/").status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_invalid_address_is_shown_next_to_the_field_with_the_input_kept(client, home):
    response = subscribe(client, "not-an-address", sectors=[Sector.objects.get(slug="health").pk])
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    field = page.get_element_by_id("id_email")
    assert field.get("value") == "not-an-address"
    assert field.get("aria-invalid") == "true"
    assert "id_email_error" in field.get("aria-describedby")
    assert "valid email" in page.get_element_by_id("id_email_error").text_content()
    checked = page.xpath("//input[@name='sectors'][@checked]")
    assert [box.getparent().text_content().strip() for box in checked] == ["Health"]
    assert not Subscriber.objects.exists()


def test_honeypot_looks_like_success_but_stores_nothing(client, home, mailbox):
    response = subscribe(client, "robot@example.org", website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mailbox.messages == []


def test_rate_limit_per_client(client, home, settings, mailbox):
    settings.DATELINE_FORM_RATE_LIMIT = 2
    for number in range(2):
        assert subscribe(client, f"reader{number}@example.org").status_code == 302
    limited = subscribe(client, "third@example.org")
    assert limited.status_code == 429
    assert 'value="third@example.org"' in limited.content.decode()
    assert "wait a few minutes" in limited.content.decode()
    # The limit is the address's: a client picks its user agent, so a new one buys nothing.
    rotated_agent = Client(HTTP_USER_AGENT="Another browser")
    assert subscribe(rotated_agent, "third@example.org").status_code == 429
    other_reader = Client(REMOTE_ADDR="198.51.100.20")
    assert subscribe(other_reader, "third@example.org").status_code == 302


def test_behind_a_proxy_each_reader_has_their_own_limit(home, settings, mailbox):
    settings.DATELINE_FORM_RATE_LIMIT = 1
    settings.DATELINE_TRUSTED_PROXIES = 1
    first = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    second = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert subscribe(first, "one@example.org").status_code == 302
    assert subscribe(second, "two@example.org").status_code == 302
    # A forged entry in front of the proxy's own does not make the first reader someone else.
    forging = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")
    assert subscribe(forging, "three@example.org").status_code == 429


def test_non_utf8_and_oversized_input_are_form_errors(client, home):
    body = b"email=%FF%FE%FA@example.org&frequency=daily"
    response = client.post("/newsletter/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "id_email_error" in response.content.decode()
    long_address = "a" * 300 + "@example.org"
    assert "id_email_error" in subscribe(client, long_address).content.decode()
    assert subscribe(client, "ok@example.org", frequency="hourly").status_code == 200
    assert subscribe(client, "ok@example.org", sectors=["999999"]).status_code == 200
    assert not Subscriber.objects.exists()


def test_footer_form_on_a_cached_page_posts_without_a_csrf_cookie(home, mailbox):
    reader = Client(enforce_csrf_checks=True)
    reader.get("/")
    cached = reader.get("/")
    assert cached["X-Page-Cache"] == "hit"
    assert not reader.cookies
    footer = lxml_html.fromstring(cached.content).xpath("//footer[@class='site-footer']")[0]
    form = footer.xpath(".//form[@action='/newsletter/']")[0]
    assert form.get("method") == "post"
    assert form.xpath(".//label[@for='footer-newsletter-email']")
    assert form.xpath(".//fieldset/legend")[0].text_content() == "How often"
    assert footer.xpath(".//a[@href='/feedback/']")[0].text_content() == "Give feedback"

    response = reader.post(
        "/newsletter/",
        {"email": "footer@example.org", "frequency": "weekly", "website": ""},
        HTTP_REFERER="http://testserver/",
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="footer@example.org")
    assert subscriber.frequency == "weekly"
    assert subscriber.consents.get().source_url == "/"
    assert len(mailbox.to("footer@example.org")) == 1


def test_preferences_change_choices_and_record_consent(client, home, make_subscriber):
    subscriber = make_subscriber("prefs@example.org")
    url = f"/newsletter/preferences/{link_value(subscriber)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert 'value="daily"' in page.content.decode()

    health = Sector.objects.get(slug="health")
    response = Client(enforce_csrf_checks=True).post(
        url, {"frequency": "weekly", "sectors": [health.pk]}
    )
    assert "Your choices are saved" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"
    assert list(subscriber.sectors.all()) == [health]
    assert subscriber.consents.get().action == Consent.Action.CHANGED

    client.post(url, {"unsubscribe": "1"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    again = client.post(url, {"frequency": "daily", "resubscribe": "1"})
    assert "Your choices are saved" in again.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert client.get("/newsletter/preferences/bogus:value/").status_code == 404


def test_unsubscribe_get_asks_and_one_click_post_acts_without_cookies(home, make_subscriber):
    subscriber = make_subscriber("leaving@example.org")
    url = f"/newsletter/unsubscribe/{link_value(subscriber)}/"
    scanner = Client(enforce_csrf_checks=True)
    page = scanner.get(url)
    assert page.status_code == 200
    assert "Stop sending the newsletter to leaving@example.org?" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE

    mail_client = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = mail_client.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
    assert not mail_client.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.consents.filter(action=Consent.Action.UNSUBSCRIBED).count() == 1

    tampered = url.replace(subscriber.token[:4], "zzzz")
    assert scanner.post(tampered, {"List-Unsubscribe": "One-Click"}).status_code == 404
    assert scanner.put(url).status_code == 405
