"""The feedback form: stored for editors, a notification by mail, and no reader's text ever lost."""

import pytest
from django.test import Client
from lxml import html as lxml_html

from dateline.audience.forms import FEEDBACK_MAX_LENGTH
from dateline.audience.models import Feedback

pytestmark = pytest.mark.django_db

MESSAGE = "The caption on the wells story names the wrong district.\nIt is Pune, not Nashik."


def send(client, **fields):
    data = {"message": MESSAGE, "email": "", "page_url": "", "website": "", **fields}
    return client.post("/feedback/", data)


def form_field(response, field_id):
    return lxml_html.fromstring(response.content).get_element_by_id(field_id)


def test_page_is_prefilled_from_the_link_or_an_on_site_referer(client, home):
    response = client.get("/feedback/?page=/news/2025/wells/")
    assert form_field(response, "id_page_url").get("value") == "/news/2025/wells/"
    assert form_field(response, "id_message").tag == "textarea"
    assert lxml_html.fromstring(response.content).xpath("//label[@for='id_message']")

    referred = client.get("/feedback/", HTTP_REFERER="http://testserver/sectors/wash/")
    assert form_field(referred, "id_page_url").get("value") == "/sectors/wash/"
    # Filled in from this reader's Referer, so kept out of the shared page cache.
    assert "private" in referred["Cache-Control"]
    assert "X-Page-Cache" not in referred

    elsewhere = client.get("/feedback/", HTTP_REFERER="https://evil.example/page/")
    assert form_field(elsewhere, "id_page_url").get("value") in (None, "")


def test_feedback_is_stored_and_the_desk_is_notified(client, home, mailbox, settings):
    settings.DATELINE_FEEDBACK_EMAIL = "desk@example.org"
    response = send(
        client, email="reader@example.org", page_url="http://127.0.0.1:8000/sectors/wash/"
    )
    assert response.status_code == 302
    assert response["Location"] == "/feedback/thanks/"
    assert "Thank you" in client.get("/feedback/thanks/").content.decode()

    feedback = Feedback.objects.get()
    assert feedback.message == MESSAGE
    assert feedback.page_url == "/sectors/wash/"
    assert not feedback.handled

    [notification] = mailbox.to("desk@example.org")
    assert notification["Reply-To"] == "reader@example.org"
    body = notification.get_content()
    assert "It is Pune, not Nashik." in body
    assert f"/admin/newsletter/feedback/{feedback.pk}/" in body


def test_no_notification_address_means_no_mail(client, home, mailbox, settings):
    settings.DATELINE_FEEDBACK_EMAIL = ""
    assert send(client).status_code == 302
    assert Feedback.objects.count() == 1
    assert mailbox.messages == []


def test_a_mail_server_that_is_down_does_not_fail_the_reader(client, home, settings, caplog):
    settings.DATELINE_FEEDBACK_EMAIL = "desk@example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    assert send(client).status_code == 302
    assert Feedback.objects.count() == 1
    assert "Could not send the notification" in caplog.text


@pytest.mark.parametrize(
    ("fields", "field_id", "error"),
    [
        ({"message": ""}, "id_message", "This field is required"),
        ({"message": "x" * (FEEDBACK_MAX_LENGTH + 1)}, "id_message", "at most"),
        ({"email": "not an address"}, "id_email", "valid email"),
        ({"page_url": "https://elsewhere.example/story/"}, "id_page_url", "page on this site"),
        ({"page_url": "javascript:alert(1)"}, "id_page_url", "page on this site"),
    ],
)
def test_errors_sit_next_to_the_field_and_the_text_is_kept(client, home, fields, field_id, error):
    response = send(client, **fields)
    assert response.status_code == 200
    field = form_field(response, field_id)
    assert field.get("aria-invalid") == "true"
    assert f"{field_id}_error" in field.get("aria-describedby")
    assert error in form_field(response, f"{field_id}_error").text_content()
    kept = form_field(response, "id_message").text_content().strip()
    assert kept == fields.get("message", MESSAGE).strip()
    assert not Feedback.objects.exists()


def test_honeypot_and_rate_limit(client, home, settings):
    assert send(client, website="http://spam.example").status_code == 302
    assert not Feedback.objects.exists()

    settings.DATELINE_FORM_RATE_LIMIT = 2
    limited_client = Client(REMOTE_ADDR="192.0.2.7")
    for _ in range(2):
        assert send(limited_client).status_code == 302
    limited = send(limited_client, message="A third message I do not want to lose.")
    assert limited.status_code == 429
    assert "A third message I do not want to lose." in limited.content.decode()
    assert Feedback.objects.count() == 2


def test_non_utf8_and_null_bytes_are_form_errors_not_crashes(client, home):
    response = client.post(
        "/feedback/",
        b"message=%FF%FEcaf%E9&email=",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert "caf" in Feedback.objects.get().message
    with_null = send(client, message="before\x00after")
    assert with_null.status_code == 200
    assert "id_message_error" in with_null.content.decode()
