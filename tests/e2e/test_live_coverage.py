"""A desk editor posts to a live story while a reader has it open: the reader is told, and sees
the update, its edit and its deletion without reloading; a page without JavaScript shows it after
a reload; a writer can only draft."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.newsroom.models import StoryKind
from dateline.newsroom.roles import DESK_EDITOR, WRITER

from .admin_steps import sign_in, type_into_editor

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is needed", allow_module_level=True)

pytestmark = pytest.mark.e2e
# The reader's page asks every 1.5 s (DATELINE_LIVE_POLL_SECONDS); a busy machine may need more.
POLL_WAIT = 15_000
# A save in the admin renders the rich-text editor again; on a busy machine that takes a while.
SAVE_WAIT = 30_000


def type_update(page, text):
    type_into_editor(
        page.locator(".Draftail-Editor [role=textbox][contenteditable=true]").first, text
    )


def test_a_reader_sees_updates_arrive_change_and_go(site, new_context):
    from dateline.newsroom.factories import StoryFactory

    story = StoryFactory(
        kind=StoryKind.LIVE,
        headline="Cyclone Mira crosses the coast",
        summary="Live coverage of the landfall.",
    )
    User.objects.create_user("dana", password="a long password").groups.add(
        Group.objects.get(name=DESK_EDITOR)
    )
    reader = new_context().new_page()
    reader.goto(story.url)
    expect(reader.get_by_text("No updates yet.")).to_be_visible()
    reader_without_js = new_context(java_script_enabled=False).new_page()
    reader_without_js.goto(story.url)

    editor = new_context().new_page()
    sign_in(editor, "dana", "a long password")
    editor.get_by_role("link", name="Live coverage").click()
    editor.get_by_role("link", name="Cyclone Mira crosses the coast").click()
    type_update(editor, "Winds of 150 km/h reached Paradip at 14:10.")
    editor.get_by_role("button", name="Publish update").click()
    expect(editor.get_by_text("Update published.")).to_be_visible(timeout=SAVE_WAIT)

    # The reader is told, and the page does not move until they ask for it.
    new_updates = reader.get_by_role("button", name="1 new update")
    expect(new_updates).to_be_visible(timeout=POLL_WAIT)
    expect(reader.get_by_text("Winds of 150 km/h")).to_have_count(0)
    new_updates.click()
    arrived = reader.locator(".live__updates article").first
    expect(arrived).to_contain_text("Winds of 150 km/h reached Paradip at 14:10.")
    expect(arrived).to_be_focused()
    expect(new_updates).to_be_hidden()

    # Without JavaScript the page is complete as served: the update is there after a reload.
    expect(reader_without_js.get_by_text("Winds of 150 km/h")).to_have_count(0)
    reader_without_js.reload()
    expect(reader_without_js.get_by_text("Winds of 150 km/h reached Paradip")).to_be_visible()

    # An edit changes the update in place, marked as edited.
    editor.get_by_role("link", name=re.compile(r"Edit update \d+")).click()
    type_update(editor, "Winds of 160 km/h reached Paradip at 14:10.")
    editor.get_by_role("button", name="Save changes").click()
    expect(editor.get_by_text("Update saved.")).to_be_visible(timeout=SAVE_WAIT)
    expect(arrived).to_contain_text("160 km/h", timeout=POLL_WAIT)
    expect(arrived).to_contain_text("Edited")

    # A deletion takes it away.
    editor.get_by_role("link", name=re.compile(r"Delete update \d+")).click()
    editor.get_by_role("button", name="Yes, delete it").click()
    expect(editor.get_by_text("Update deleted.")).to_be_visible(timeout=SAVE_WAIT)
    expect(reader.get_by_text("160 km/h")).to_have_count(0, timeout=POLL_WAIT)

    # Ending coverage reaches the open page too, which then stops asking.
    editor.get_by_role("button", name="End coverage").click()
    expect(editor.get_by_text("Coverage ended:")).to_be_visible(timeout=SAVE_WAIT)
    expect(reader.locator(".live__status")).to_contain_text("Coverage ended", timeout=POLL_WAIT)


def test_a_writer_drafts_an_update_that_readers_do_not_see(site, new_context):
    from dateline.newsroom.factories import StoryFactory

    story = StoryFactory(kind=StoryKind.LIVE, headline="Budget day, live", summary="Live.")
    User.objects.create_user("wren", password="a long password").groups.add(
        Group.objects.get(name=WRITER)
    )
    editor = new_context().new_page()
    sign_in(editor, "wren", "a long password")
    editor.goto(f"/admin/live/{story.pk}/")
    expect(editor.get_by_role("button", name="Publish update")).to_have_count(0)
    type_update(editor, "The finance minister has arrived at parliament.")
    editor.get_by_role("button", name="Save as draft").click()
    expect(editor.get_by_text("Draft saved.")).to_be_visible(timeout=SAVE_WAIT)
    expect(editor.get_by_role("row", name=re.compile("Draft"))).to_contain_text(
        "The finance minister has arrived"
    )
    reader = new_context(java_script_enabled=False).new_page()
    reader.goto(story.url)
    expect(reader.get_by_text("No updates yet.")).to_be_visible()
