"""A reader subscribes from the footer of the home page and confirms from the mail they receive."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from dateline.audience.models import Subscriber
from tests.audience.smtp import Mailbox, start_server, use_server

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

CONFIRM_LINK = re.compile(r"https?://\S+/newsletter/confirm/\S+/")


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = start_server(box)
    use_server(settings, controller)
    yield box
    controller.stop()


def test_reader_subscribes_from_the_footer_and_confirms(site, page, context, mailbox):
    page.goto("/")
    footer_form = page.get_by_role("region", name="Newsletter")
    footer_form.get_by_label("Your email address").fill("reader@example.org")
    footer_form.get_by_role("radio", name="Weekly").check()
    footer_form.get_by_role("button", name="Subscribe").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    [message] = mailbox.to("reader@example.org")
    confirm_path = urlsplit(CONFIRM_LINK.search(message.get_content()).group()).path

    page.goto(confirm_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    expect(page.get_by_text("will receive the weekly newsletter")).to_be_visible()

    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.frequency == "weekly"
    assert context.cookies() == []
