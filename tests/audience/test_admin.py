"""What editors see: counts, previews, the send history with in-doubt re-sends, feedback."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from dateline.audience.digests import latest_period
from dateline.audience.models import Delivery, Feedback, Subscriber
from dateline.audience.sending import claim_batch, open_due_digest, recover_interrupted_sends
from dateline.newsroom.factories import StoryFactory
from dateline.taxonomy.models import Edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, home):
    user = User.objects.create_superuser("chief", password="pw")
    client.force_login(user)
    return user


def staff_with(client, *codenames):
    user = User.objects.create_user("desk", password="pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *[Permission.objects.get(codename=codename) for codename in codenames],
    )
    client.force_login(user)
    return user


def assert_refused(response):
    """Wagtail turns a permission error in the admin into a redirect to the dashboard."""
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_overview_counts_subscribers(client, editor, make_subscriber):
    south_asia = Edition.objects.get(slug="south-asia")
    make_subscriber("a@example.org", editions=[south_asia])
    make_subscriber("b@example.org", frequency="weekly")
    make_subscriber("c@example.org", status=Subscriber.Status.PENDING)
    html = client.get("/admin/newsletter/").content.decode()
    assert "<td>Active</td><td>2</td>" in html
    assert "<td>Waiting for confirmation</td><td>1</td>" in html
    assert "<td>Weekly</td><td>1</td>" in html
    assert "<td>South Asia</td><td>1</td>" in html
    assert "<td>Every edition (none chosen)</td><td>1</td>" in html
    # The sidebar menu, which Wagtail renders as JSON for its script.
    assert '"/admin/newsletter/history/"' in client.get("/admin/").content.decode()


def test_preview_of_the_next_digest(client, editor):
    _, last_end = latest_period("daily")
    story = StoryFactory(headline="Fresh since the last digest", first_published_at=last_end)
    page = client.get("/admin/newsletter/preview/daily/")
    assert page.status_code == 200
    assert 'sandbox=""' in page.content.decode()
    message = client.get("/admin/newsletter/preview/daily/message/")
    assert message.status_code == 200
    assert story.title in message.content.decode()
    assert message["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get("/admin/newsletter/preview/hourly/").status_code == 404


def test_history_shows_in_doubt_messages_and_resends_them(client, editor, make_subscriber):
    _, end = latest_period("daily")
    StoryFactory(first_published_at=end - timedelta(hours=1))
    for number in range(3):
        make_subscriber(f"r{number}@example.org")
    digest = open_due_digest("daily", timezone.now())
    claim_batch("a-worker-that-died", 2)
    recover_interrupted_sends()

    history = client.get("/admin/newsletter/history/").content.decode()
    assert digest.subject in history
    assert "<strong>2</strong>" in history
    detail = client.get(f"/admin/newsletter/history/{digest.pk}/?state=in_doubt")
    html = detail.content.decode()
    assert "2 messages are in doubt" in html
    assert html.count("In doubt (the sender stopped mid-send)</td>") == 2
    assert "Send the 2 in-doubt messages again" in html

    response = client.post(f"/admin/newsletter/history/{digest.pk}/resend/")
    assert response.status_code == 302
    assert not Delivery.objects.filter(state=Delivery.State.IN_DOUBT).exists()
    assert Delivery.objects.filter(state=Delivery.State.QUEUED).count() == 3


def test_feedback_list_detail_and_mark_handled(client, editor):
    item = Feedback.objects.create(message="Typo in the headline.", page_url="/news/x/")
    listing = client.get("/admin/newsletter/feedback/").content.decode()
    assert "Typo in the headline." in listing
    detail = client.get(f"/admin/newsletter/feedback/{item.pk}/").content.decode()
    assert "Mark as handled" in detail
    client.post(f"/admin/newsletter/feedback/{item.pk}/handled/", {"handled": "1"})
    item.refresh_from_db()
    assert item.handled and item.handled_at
    assert "Typo in the headline." not in client.get("/admin/newsletter/feedback/").content.decode()
    assert "Typo" in client.get("/admin/newsletter/feedback/?show=all").content.decode()


def test_staff_without_permission_see_nothing(client, home):
    staff_with(client)
    assert "/admin/newsletter/" not in client.get("/admin/").content.decode()
    for url in ("/admin/newsletter/", "/admin/newsletter/history/", "/admin/newsletter/feedback/"):
        assert_refused(client.get(url))


def test_viewing_the_newsletter_does_not_allow_resending(client, home, make_subscriber):
    staff_with(client, "view_subscriber")
    assert client.get("/admin/newsletter/").status_code == 200
    assert_refused(client.get("/admin/newsletter/feedback/"))
    _, end = latest_period("daily")
    StoryFactory(first_published_at=end - timedelta(hours=1))
    make_subscriber("r@example.org")
    digest = open_due_digest("daily", timezone.now())
    assert_refused(client.post(f"/admin/newsletter/history/{digest.pk}/resend/"))
    assert Delivery.objects.get().state == Delivery.State.QUEUED


def test_the_chief_editor_group_sees_the_newsletter_and_desk_editors_the_feedback(home):
    from django.contrib.auth.models import Group, User

    chief = User.objects.create_user("chief-editor")
    chief.groups.add(Group.objects.get(name="Chief editor"))
    desk = User.objects.create_user("desk-editor")
    desk.groups.add(Group.objects.get(name="Desk editor"))
    assert chief.has_perm("audience.view_subscriber")
    assert chief.has_perm("audience.change_delivery")
    assert desk.has_perm("audience.view_feedback")
    assert not desk.has_perm("audience.view_subscriber")
