"""A desk editor asks for a cluster's key takeaways on the desk, edits one, creates the story with
them and publishes it; readers see the points and how they were made."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.assistant.models import AcceptedSuggestion
from dateline.newsroom.models import StoryPage, TakeawaysMethod
from dateline.newsroom.roles import DESK_EDITOR
from dateline.wire.roles import grant_desk_permissions

from .admin_steps import click_more_action, sign_in
from .test_assisted_draft_e2e import HEADLINE, REPORTS, malawi_cluster

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long desk password"
EDITED = "Floods in southern Malawi have killed at least 14 people, officials say."
SCREENSHOTS = os.environ.get("DATELINE_SCREENSHOTS")


def test_a_desk_editor_creates_a_story_with_the_events_takeaways(site, new_context):
    grant_desk_permissions()
    editor = User.objects.create_user("dara", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))
    cluster = malawi_cluster()

    for width, height in [(1280, 900), (390, 844)]:
        page = new_context(viewport={"width": width, "height": height}).new_page()
        sign_in(page, "dara", PASSWORD)
        page.goto(f"/admin/wire/clusters/{cluster.pk}/")
        page.get_by_role("button", name="Suggest key takeaways").click()
        points = page.locator("[data-takeaway]")
        expect(points.nth(2)).not_to_have_value("")
        if SCREENSHOTS:
            page.locator(".wire-takeaways").screenshot(
                path=f"{SCREENSHOTS}/desk-takeaways-{width}.png"
            )
    # Every point is a sentence of a report (or its start), with the agency it comes from.
    reports = [" ".join([headline, *paragraphs]) for _agency, headline, paragraphs in REPORTS]
    kept = [points.nth(number).input_value() for number in range(points.count())]
    assert all(any(point.rstrip(".") in text for text in reports) for point in kept)
    expect(page.locator(".wire-takeaways")).to_contain_text("From Halyard Wire")

    points.nth(0).fill(EDITED)
    page.get_by_role("button", name="Create story from cluster", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    editor_points = page.locator("[data-takeaway]")
    expect(editor_points.nth(0)).to_have_value(EDITED)
    expect(editor_points.nth(1)).to_have_value(kept[1])

    click_more_action(page, "Publish")
    expect(page.locator(".messages")).to_contain_text("published")
    story = StoryPage.objects.get(title=HEADLINE)
    assert story.live and story.takeaways == [EDITED, *kept[1:]]
    assert story.takeaways_method == TakeawaysMethod.REPORTS
    accepted = AcceptedSuggestion.objects.get()
    assert (accepted.story, accepted.editor, accepted.kind) == (story, editor, "takeaways")

    reader = new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(story.url)
    takeaways = reader.get_by_role("region", name="Key takeaways")
    expect(takeaways).to_contain_text(EDITED)
    expect(takeaways).to_contain_text("from the agency reports this story is based on")
