"""The newsroom's checks as editors meet them in the real admin: a repeated headline is filed
under its own address, an incomplete story is held back with a clear message, and an uploaded
image says how it was made."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from dateline.media.factories import jpeg_bytes
from dateline.media.models import DigitalSourceType, NewsImage
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.forms import NEEDS_BODY, NEEDS_SECTOR
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import DESK_EDITOR, WRITER
from dateline.taxonomy.models import Sector

from .admin_steps import click_more_action, footer_actions, tick

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long and private password"
HEADLINE = "Floods cut off villages in Assam"


def log_in(new_context, role):
    user = User.objects.create_user(role.lower().replace(" ", "-"), password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def start_story(page, headline, summary):
    news = StoryIndexPage.objects.get(kind=StoryKind.NEWS)
    page.goto(f"/admin/pages/add/newsroom/storypage/{news.pk}/")
    page.locator("[name=title]").fill(headline)
    page.locator("[name=summary]").fill(summary)


def write_paragraph(page, text):
    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = body.locator("[role=textbox][contenteditable=true]").first
    editor.click()
    editor.type(text)
    # The rich-text editor writes what was typed into the form a moment later; saving earlier
    # would send an empty paragraph.
    expect(body.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(text)))


def test_a_repeated_headline_is_saved_and_published_under_its_own_address(site, new_context):
    earlier = StoryFactory(headline=HEADLINE)
    page = log_in(new_context, DESK_EDITOR)

    start_story(page, HEADLINE, "Roads and bridges were washed away overnight.")
    write_paragraph(page, "The river peaked overnight and cut the district road in two places.")
    tick(page, "sectors", Sector.objects.get(slug="wash").name)
    footer_actions(page).get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{HEADLINE}' created.")).to_be_visible()

    click_more_action(page, "Publish")
    expect(page.get_by_text(f"Page '{HEADLINE}' has been published.")).to_be_visible()

    second = StoryPage.objects.exclude(pk=earlier.pk).get(title=HEADLINE)
    assert second.live
    year = timezone.localdate().year
    assert second.url == f"/news/{year}/floods-cut-off-villages-in-assam-2/"
    assert second.url != earlier.url
    news = StoryIndexPage.objects.get(kind=StoryKind.NEWS)
    assert not StoryPage.objects.child_of(news).exists()

    reader = new_context().new_page()
    reader.goto(second.url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.get_by_text("cut the district road in two places")).to_be_visible()


def test_publishing_a_story_without_body_or_sector_shows_what_is_missing(site, new_context):
    headline = "Clinics in Kisumu run out of malaria tests"
    page = log_in(new_context, DESK_EDITOR)

    start_story(page, headline, "Two district clinics turned patients away on Monday.")
    click_more_action(page, "Publish")

    expect(page.get_by_text(NEEDS_BODY)).to_be_visible()
    expect(page.get_by_text(NEEDS_SECTOR)).to_be_visible()
    assert not StoryPage.objects.filter(title=headline).exists()

    # The writer's way of working still holds: an incomplete draft is saved.
    footer_actions(page).get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{headline}' created.")).to_be_visible()
    story = StoryPage.objects.get(title=headline)
    assert not story.live


def test_the_upload_form_makes_the_editor_choose_how_the_image_was_made(
    site, new_context, tmp_path
):
    picture = tmp_path / "queue.jpg"
    picture.write_bytes(jpeg_bytes())
    page = log_in(new_context, WRITER)

    page.goto("/admin/images/add/")
    source_type = page.locator("[name=digital_source_type]")
    expect(source_type).to_have_value("")
    expect(source_type.locator("option:checked")).to_have_text("Choose how the image was made")

    page.get_by_label("Title").fill("Queue outside a Kisumu clinic")
    page.locator("input[type=file][name=file]").set_input_files(str(picture))
    page.locator("[name=alt_text]").fill("Patients queue at a clinic door")
    page.locator("[name=credit]").fill("Wanda Otieno")
    upload = page.get_by_role("button", name=re.compile("Save|Upload")).first
    upload.click()

    # Nothing is stored until the editor says how the picture was made.
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert not NewsImage.objects.exists()

    page.locator("input[type=file][name=file]").set_input_files(str(picture))
    page.locator("[name=digital_source_type]").select_option(DigitalSourceType.DIGITAL_CAPTURE)
    page.get_by_role("button", name=re.compile("Save|Upload")).first.click()
    expect(page.get_by_text("Queue outside a Kisumu clinic").first).to_be_visible()
    image = NewsImage.objects.get()
    assert image.digital_source_type == DigitalSourceType.DIGITAL_CAPTURE
    assert image.credit == "Wanda Otieno"
