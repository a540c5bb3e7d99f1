"""A newsroom's day, role by role, through the real admin in a real browser.

Each test logs in as a person with one role and does what that person does every day by
clicking through Wagtail's screens, then checks what readers (or the database) end up with. The
last test walks the screens each role may and may not open, both ways.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from dateline.media.factories import jpeg_bytes
from dateline.media.models import DigitalSourceType
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, DESK_REVIEW, WRITER
from dateline.syndication.models import ApiKey
from dateline.taxonomy.models import Country, Sector

from .admin_steps import fill_body_paragraph, tick

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long and private password"
DENIED = "Sorry, you do not have permission to access this area."


def log_in(new_context, role, username):
    user = User.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page, user


def messages(page):
    """Wagtail's flash messages after an action."""
    return page.locator(".messages")


def footer_actions(page):
    return page.get_by_role("navigation", name="Actions (footer)")


def open_more_actions(page):
    actions = footer_actions(page)
    actions.get_by_role("button", name="More actions").click()
    return actions


def submitted_story(writer, headline):
    """A writer's draft sent to desk review, as the writer's own submit would leave it."""
    from wagtail.models import Workflow

    story = StoryFactory(
        headline=headline,
        summary="Three districts report fewer cases after the spraying campaign.",
        body=[("paragraph", "<p>Health workers sprayed 40,000 homes in June.</p>")],
        sectors=[Sector.objects.get(slug="health")],
        countries=[Country.objects.get(code="KE")],
        publish=False,
        user=writer,
    )
    Workflow.objects.get(name=DESK_REVIEW).start(story, writer)
    return StoryPage.objects.get(pk=story.pk)


def test_writer_drafts_a_story_with_an_uploaded_picture_and_submits_it(site, new_context, tmp_path):
    picture = tmp_path / "clinic-queue.jpg"
    picture.write_bytes(jpeg_bytes())
    page, _writer = log_in(new_context, WRITER, "wanda")
    news = StoryIndexPage.objects.get(kind=StoryKind.NEWS)
    headline = "Clinics in Kisumu run out of malaria tests"

    page.goto(f"/admin/pages/add/newsroom/storypage/{news.pk}/")
    page.locator("[name=title]").fill(headline)
    page.locator("[name=summary]").fill("Two district clinics turned patients away on Monday.")
    fill_body_paragraph(page, "Nurses in Kisumu said the last test kits ran out on Friday.")
    tick(page, "sectors", "Health")
    page.locator("[data-contentpath=countries]").get_by_label("Filter countries").fill("keny")
    tick(page, "countries", "Kenya")

    # The hero image comes from the chooser's Upload tab, as a writer on deadline does it.
    page.locator("[data-contentpath=hero_image]").get_by_role(
        "button", name="Choose an image"
    ).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    modal.get_by_label("Title").fill("Queue outside a Kisumu clinic")
    modal.locator("input[type=file][name='image-chooser-upload-file']").set_input_files(
        str(picture)
    )
    modal.locator("[name='image-chooser-upload-alt_text']").fill("Patients queue at a clinic door")
    modal.locator("[name='image-chooser-upload-credit']").fill("Wanda Otieno")
    modal.locator("[name='image-chooser-upload-digital_source_type']").select_option(
        DigitalSourceType.DIGITAL_CAPTURE
    )
    modal.get_by_role("button", name="Upload").click()
    expect(page.locator("[data-contentpath=hero_image]")).to_contain_text(
        "Queue outside a Kisumu clinic"
    )

    open_more_actions(page).get_by_role("button", name=f"Submit to {DESK_REVIEW}").click()
    expect(messages(page)).to_contain_text(re.compile(f"'{headline}'.*submitted"))

    story = StoryPage.objects.get(title=headline)
    assert not story.live
    assert story.current_workflow_state.status == "in_progress"
    revision = story.get_latest_revision_as_object()
    assert revision.hero_image.title == "Queue outside a Kisumu clinic"
    assert revision.hero_image.credit == "Wanda Otieno"


def test_desk_editor_approves_a_submitted_story_and_readers_see_it(site, new_context):
    writer = User.objects.create_user("wanda", password=PASSWORD)
    writer.groups.add(Group.objects.get(name=WRITER))
    story = submitted_story(writer, "Malaria cases fall in Kisumu after spraying")
    page, _editor = log_in(new_context, DESK_EDITOR, "dara")

    page.goto(f"/admin/pages/{story.pk}/edit/")
    open_more_actions(page).get_by_role("button", name=re.compile("^Approve")).first.click()
    dialog = page.get_by_role("dialog")
    if dialog.count():
        dialog.get_by_role("button", name=re.compile("Approve")).click()
    expect(messages(page)).to_contain_text(f"'{story.title}' has been updated")

    story.refresh_from_db()
    assert story.live
    reader = new_context().new_page()
    reader.goto(story.url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(story.title)


def test_desk_editor_schedules_a_story_for_later(site, new_context):
    story = StoryFactory(
        headline="Budget session opens with a health levy",
        summary="The finance minister tables the levy on Tuesday.",
        body=[("paragraph", "<p>The levy would raise 2 per cent on tobacco.</p>")],
        sectors=[Sector.objects.get(slug="health")],
        countries=[Country.objects.get(code="KE")],
        publish=False,
    )
    page, _editor = log_in(new_context, DESK_EDITOR, "dara")
    go_live = timezone.localtime() + timedelta(days=1)

    page.goto(f"/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name=re.compile("Set schedule")).click()
    dialog = page.get_by_role("dialog")
    go_live_field = dialog.locator("[name=go_live_at]")
    go_live_field.fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The field's calendar stays open over the button, so the editor saves from the keyboard.
    dialog.get_by_role("button", name="Save schedule").press("Enter")
    open_more_actions(page).get_by_role("button", name="Schedule to publish").click()
    expect(messages(page)).to_contain_text("scheduled")

    story.refresh_from_db()
    assert not story.live
    assert story.scheduled_revision is not None
    assert story.scheduled_revision.approved_go_live_at.date() == go_live.date()


def test_desk_editor_publishes_then_corrects_and_readers_see_the_correction(site, new_context):
    story = StoryFactory(
        headline="Dam release floods farms near Kafue",
        summary="Water released from the dam covered 300 hectares.",
        body=[("paragraph", "<p>Farmers lost maize ready for harvest.</p>")],
        sectors=[Sector.objects.get(slug="agro-forestry")],
        countries=[Country.objects.get(code="ZM")],
        publish=False,
    )
    page, _editor = log_in(new_context, DESK_EDITOR, "dara")

    page.goto(f"/admin/pages/{story.pk}/edit/")
    open_more_actions(page).get_by_role("button", name="Publish", exact=True).click()
    expect(messages(page)).to_contain_text("has been published")
    story.refresh_from_db()
    assert story.live

    page.goto(f"/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Add Update or correction").click()
    notes = page.locator("[id^=inline_child_notes]")
    notes.locator("select[name$='-kind']").last.select_option("correction")
    notes.locator("textarea[name$='-text']").last.fill(
        "An earlier version gave the flooded area as 3,000 hectares."
    )
    open_more_actions(page).get_by_role("button", name="Publish", exact=True).click()
    expect(messages(page)).to_contain_text("has been published")

    reader = new_context().new_page()
    reader.goto(StoryPage.objects.get(pk=story.pk).url)
    expect(reader.get_by_text("An earlier version gave the flooded area")).to_be_visible()


def test_chief_editor_renames_a_sector_and_issues_an_api_key(site, new_context):
    page, _chief = log_in(new_context, CHIEF_EDITOR, "chidi")
    sector = Sector.objects.get(slug="agro-forestry")

    page.goto("/admin/snippets/taxonomy/sector/")
    page.get_by_role("link", name=sector.name, exact=True).click()
    page.locator("[name=name]").fill("Agriculture and Food")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text(re.compile("updated", re.I)).first).to_be_visible()
    sector.refresh_from_db()
    assert sector.name == "Agriculture and Food"

    page.goto("/admin/api_keys/new/")
    page.get_by_label("Name").fill("Partner portal")
    page.get_by_role("button", name=re.compile("Create|Save")).first.click()
    expect(page.get_by_role("heading", name="API key created")).to_be_visible()
    key = page.get_by_role("main").locator("code").first.inner_text()
    assert ApiKey.objects.get(name="Partner portal").active
    # The key shown once is the one a partner's client can use.
    partner = page.context.request
    assert partner.get("/api/v1/stories/", headers={"Authorization": f"Bearer {key}"}).ok
    assert (
        partner.get("/api/v1/stories/", headers={"Authorization": "Bearer dlk_wrong"}).status == 401
    )


# What each role finds on the screens of its day: True opens, False is refused.
SCREENS = {
    "/admin/images/add/": (True, True, True),
    "/admin/wire/": (False, True, True),
    "/admin/wire/sources/": (False, True, True),
    "/admin/snippets/newsroom/author/": (False, True, True),
    "/admin/snippets/taxonomy/sector/": (False, False, True),
    "/admin/api_keys/": (False, False, True),
    "/admin/users/": (False, False, True),
    "/admin/newsletter/": (False, False, True),
    "/admin/groups/": (False, False, False),
    "/admin/workflows/list/": (False, False, False),
}


@pytest.mark.parametrize(
    ("role", "column"), [(WRITER, 0), (DESK_EDITOR, 1), (CHIEF_EDITOR, 2)], ids=str
)
def test_each_role_opens_its_screens_and_is_refused_the_rest(site, new_context, role, column):
    page, _user = log_in(new_context, role, "someone")
    refused_where_allowed, opened_where_refused = [], []
    for url, allowed in SCREENS.items():
        page.goto(url)
        refused = page.get_by_text(DENIED).count() > 0 or "/admin/login/" in page.url
        if allowed[column] and refused:
            refused_where_allowed.append(url)
        if not allowed[column] and not refused:
            opened_where_refused.append(url)
    assert refused_where_allowed == []
    assert opened_where_refused == []
