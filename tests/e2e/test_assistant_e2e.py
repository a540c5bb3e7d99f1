"""The desk assistant in a real browser: an editor asks for key takeaways, edits one, publishes,
and readers see the takeaways and how they were made."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.assistant.models import AcceptedSuggestion
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryPage
from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.models import Country, Sector
from tests.assistant.test_suggestions import PARAGRAPHS

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long and private password"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
EDITED = "Vaccination teams will reach 60,000 people within two weeks."


def test_an_editor_accepts_suggested_takeaways_and_readers_see_them(site, new_context):
    story = StoryFactory(
        headline="Kenya opens cholera centres in Garissa",
        summary="Cases rose for a fourth week in camps for people displaced by floods.",
        body=[("paragraph", "".join(f"<p>{text}</p>" for text in PARAGRAPHS))],
        sectors=[Sector.objects.get(slug="health")],
        countries=[Country.objects.get(code="KE")],
        publish=False,
    )
    editor = User.objects.create_user("dara", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("dara")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Suggest takeaways").click()
    points = page.locator("[data-takeaway]")
    # The first suggestion of a process loads the word lists: wait as long as a busy machine needs.
    expect(points.nth(2)).not_to_have_value("", timeout=60_000)
    expect(page.get_by_text("nothing is kept until you save")).to_be_visible()
    expect(page.locator("[name=takeaways_method]")).to_have_value("software")
    points.nth(1).fill(EDITED)
    page.get_by_role("button", name="Suggest tags").click()
    first_tag = page.locator("button.assistant-tag").first
    expect(first_tag).to_be_visible(timeout=60_000)
    tag = first_tag.text_content().removeprefix("+ ")
    first_tag.click()
    expect(first_tag).to_be_disabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-takeaway]").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "assistant-editor.png"))

    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been published")

    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    assert story.takeaways[1] == EDITED
    assert 3 <= len(story.takeaways) <= 5
    record = AcceptedSuggestion.objects.get(story=story, kind="takeaways")
    assert (record.backend, record.editor) == ("offline", editor)
    assert tag.lower() in [name.lower() for name in story.tags.names()]
    assert tag in AcceptedSuggestion.objects.get(story=story, kind="tags").text

    for width, height in ((1280, 900), (390, 844)):
        reader = new_context(viewport={"width": width, "height": height}).new_page()
        reader.goto(story.url)
        box = reader.get_by_role("region", name="Key takeaways")
        expect(box).to_be_visible()
        expect(box.get_by_text(EDITED)).to_be_visible()
        expect(box).to_contain_text(
            "Suggested by software from the story's own sentences and checked by an editor."
        )
        reader.screenshot(path=str(SHOTS / f"assistant-article-{width}.png"))
