"""The desk assistant end to end, as a desk editor uses it: a story from a cluster's assisted
draft, suggested takeaways accepted, a suggested library picture chosen, published; readers see
the takeaways with how they were made and the picture with its disclaimer."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.assistant.models import AcceptedSuggestion, SuggestionKind
from dateline.media.factories import NewsImageFactory
from dateline.media.models import AI_DISCLAIMER, DigitalSourceType
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import StoryPage
from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.models import Country, Sector
from dateline.wire.roles import grant_desk_permissions

from .admin_steps import click_more_action, sign_in
from .test_assisted_draft_e2e import HEADLINE, malawi_cluster

pytestmark = pytest.mark.e2e

PASSWORD = "a long desk password"


def test_a_desk_editor_publishes_an_assisted_story_with_takeaways_and_a_suggested_picture(
    site, new_context
):
    grant_desk_permissions()
    editor = User.objects.create_user("dara", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))
    cluster = malawi_cluster()
    picture = NewsImageFactory(
        title="Flooded maize fields in the Lower Shire, Malawi",
        alt_text="Maize stalks standing in brown floodwater",
        credit="Newsroom illustration",
        digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
    )
    picture.tags.add("floods")
    # The library knows what a picture is about from the stories it was used on.
    StoryFactory(
        headline="Malawi's maize harvest falls after the rains fail",
        sectors=[Sector.objects.get(slug="agro-forestry")],
        countries=[Country.objects.get(code="MW")],
        hero_image=picture,
    )
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, "dara", PASSWORD)

    page.goto(f"/admin/wire/clusters/{cluster.pk}/")
    page.get_by_role("button", name="Create story from an assisted draft").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("[name=title]")).to_have_value(HEADLINE)

    page.get_by_role("button", name="Suggest takeaways").click()
    points = page.locator("[data-takeaway]")
    expect(points.nth(2)).not_to_have_value("")
    first_point = points.nth(0).input_value()

    suggestions = page.get_by_role("region", name="Suggested pictures")
    offered = suggestions.locator("[data-picture-suggestion]").filter(has_text=picture.title)
    expect(offered).to_contain_text("AI-generated")
    offered.get_by_role("button", name="Use as hero image").click()
    expect(page.locator("#id_hero_image-chooser")).to_contain_text(picture.title)
    page.locator("[name=hero_caption]").fill("Fields near Nsanje after the Shire burst its banks.")

    click_more_action(page, "Publish")
    expect(page.locator(".messages")).to_contain_text("published")
    story = StoryPage.objects.get(title=HEADLINE)
    assert story.live and story.hero_image == picture
    # Offline takeaways are the story's own sentences, at most shortened.
    assert story.takeaways[0] == first_point
    assert all(point.rstrip(".")[:40] in story.body_html for point in story.takeaways)
    accepted = AcceptedSuggestion.objects.get(kind=SuggestionKind.TAKEAWAYS)
    assert (accepted.story, accepted.editor, accepted.backend) == (story, editor, "offline")
    chosen = AcceptedSuggestion.objects.get(kind=SuggestionKind.PICTURE)
    assert (chosen.story, chosen.image, chosen.editor) == (story, picture, editor)

    reader = new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(story.url)
    takeaways = reader.get_by_role("region", name="Key takeaways")
    expect(takeaways).to_contain_text(first_point)
    expect(takeaways).to_contain_text("Suggested by software from the story's own sentences")
    figure = reader.locator("figure.story__hero")
    expect(figure).to_contain_text("Fields near Nsanje")
    expect(figure).to_contain_text(AI_DISCLAIMER)
    expect(reader.get_by_text("(With inputs from agencies.)")).to_be_visible()
