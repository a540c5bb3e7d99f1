"""A desk editor gives a story without a hero image a picture from the library's suggestions."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.media.models import AI_DISCLAIMER
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import DESK_EDITOR
from tests.assistant.picture_library import cholera_story, clinic_and_illustration

from .admin_steps import sign_in

pytestmark = pytest.mark.e2e


def test_desk_editor_picks_a_suggested_ai_picture_and_readers_see_its_disclaimer(site, new_context):
    library = clinic_and_illustration()
    story = cholera_story(publish=False)
    editor = User.objects.create_user("dara", password="a long desk password")
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, "dara", "a long desk password")

    # A story not saved yet is asked to be saved first.
    news = StoryIndexPage.objects.get(kind=StoryKind.NEWS)
    page.goto(f"/admin/pages/add/newsroom/storypage/{news.pk}/")
    suggestions = page.get_by_role("region", name="Suggested pictures")
    expect(suggestions).to_contain_text("Save a draft to see pictures")

    page.goto(f"/admin/pages/{story.pk}/edit/")
    suggestions = page.get_by_role("region", name="Suggested pictures")
    items = suggestions.locator("[data-picture-suggestion]")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Nurses at a clinic in Kibera")
    expect(items.nth(0)).not_to_contain_text("AI-generated")
    ai_item = items.nth(1)
    expect(ai_item).to_contain_text("Cholera ward, illustration")
    expect(ai_item).to_contain_text("AI-generated")
    expect(ai_item).to_contain_text(AI_DISCLAIMER)

    ai_item.get_by_role("button", name="Use as hero image").click()
    hero = page.locator("#id_hero_image-chooser")
    expect(hero).to_contain_text("Cholera ward, illustration")
    expect(suggestions).to_be_hidden()
    page.locator("[name=hero_caption]").fill("Wards in Kibera are full, health workers say.")

    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been published")
    story = StoryPage.objects.get(pk=story.pk)
    assert story.hero_image == library["illustration"]
    # Now that it has a hero image, the story is offered no pictures.
    page.goto(f"/admin/pages/{story.pk}/edit/")
    expect(page.locator("#id_hero_image-chooser")).to_contain_text("Cholera ward, illustration")
    expect(page.get_by_role("region", name="Suggested pictures")).to_be_hidden()

    reader = new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(story.url)
    figure = reader.locator("figure.story__hero")
    expect(figure.locator("img")).to_be_visible()
    expect(figure).to_contain_text("Wards in Kibera are full, health workers say.")
    expect(figure).to_contain_text("Newsroom illustration")
    expect(figure).to_contain_text(AI_DISCLAIMER)
    expect(reader).to_have_title(re.compile("Cholera cases rise in Nairobi"))
