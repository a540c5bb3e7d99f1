"""A desk editor starts a story from the assistant's draft of a cluster, sees where its added
facts came from, adds a figure no agency gave, and publishes only after deciding to."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.newsroom.models import StoryPage
from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.factories import AgencyFactory
from dateline.taxonomy.models import Country, Sector
from dateline.wire.factories import ClusterFactory, ItemFactory, SourceFactory
from dateline.wire.roles import grant_desk_permissions

from .admin_steps import click_more_action, sign_in

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long desk password"
HEADLINE = "Floods in southern Malawi kill 14, wash away crops"
REPORTS = [
    (
        "Halyard Wire",
        HEADLINE,
        [
            "At least 14 people have died in floods in southern Malawi after days of torrential "
            "rain, the country's disaster management department said on Tuesday.",
            "The worst-hit districts are Nsanje and Chikwawa in the Lower Shire valley. "
            "Officials estimate 9,000 hectares of crops were lost.",
        ],
    ),
    (
        "Shire Valley News Agency",
        "Nsanje farmers lose harvest as Shire overflows",
        [
            "NSANJE -- Smallholder farmers in Nsanje and Chikwawa say the floods that hit the "
            "Lower Shire this week have wiped out the season's maize.",
            "The Department of Disaster Management Affairs (DoDMA) put the death toll at "
            "fourteen and said 6,200 households were sheltering in schools and churches.",
        ],
    ),
    (
        "Food and Agriculture Organization",
        "FAO to support flood-hit farmers in Malawi's Lower Shire",
        [
            "The Food and Agriculture Organization of the United Nations (FAO) will provide "
            "seed and tools to flood-hit farmers in Nsanje and Chikwawa districts in Malawi, "
            "around 8,000 farming households in all.",
        ],
    ),
]
UNKNOWN = " Some 4,700 cattle drowned."


def screenshot(page, name):
    """Kept for a person to look at when DATELINE_SCREENSHOTS names a folder."""
    folder = os.environ.get("DATELINE_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def malawi_cluster():
    malawi = Country.objects.get(code="MW")
    farming = Sector.objects.get(slug="agro-forestry")
    items = [
        ItemFactory(
            source=SourceFactory(agency=AgencyFactory(name=agency, credit=agency.split()[0])),
            headline=headline,
            body_html="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            countries=[malawi],
            sectors=[farming],
        )
        for agency, headline, paragraphs in REPORTS
    ]
    return ClusterFactory(items=items)


def test_a_desk_editor_publishes_an_assisted_draft_after_deciding_on_a_new_figure(
    site, new_context
):
    grant_desk_permissions()
    User.objects.create_user("dara", password=PASSWORD).groups.add(
        Group.objects.get(name=DESK_EDITOR)
    )
    cluster = malawi_cluster()
    page = new_context().new_page()
    sign_in(page, "dara", PASSWORD)

    page.goto(f"/admin/wire/clusters/{cluster.pk}/")
    page.get_by_role("button", name="Create story from an assisted draft").click()

    # The editor: the draft's body is the lead's copy plus what the other agency adds.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("[name=title]")).to_have_value(HEADLINE)
    body = page.locator("[data-contentpath=body] [role=textbox][contenteditable=true]").first
    expect(body).to_contain_text("At least 14 people have died")
    expect(body).to_contain_text("6,200 households were sheltering")
    expect(page.get_by_text("Drafted by the assistant from agency reports")).to_be_visible()
    screenshot(page, "1-editor-with-assisted-draft")

    # Where each added fact came from, on the desk.
    page.get_by_role("link", name="See where each added fact came from").click()
    added = page.get_by_role("table").get_by_role("row").filter(has_text="6,200")
    expect(added).to_contain_text("Shire Valley News Agency")
    expect(added.get_by_role("link", name=REPORTS[1][1])).to_be_visible()
    screenshot(page, "2-sources-of-added-facts")
    page.get_by_role("link", name="Back to the editor").click()

    # The editor adds a figure no agency gave and publishes: the story waits for a decision.
    expect(body).to_be_editable()
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(UNKNOWN)
    expect(body).to_contain_text(UNKNOWN.strip())
    # Draftail's value, as the form will post it, has the new sentence.
    draftail_value = page.locator("input[name=body-0-value]")
    expect(draftail_value).to_have_value(re.compile("4,700 cattle"))
    click_more_action(page, "Publish")
    expect(page).to_have_url(re.compile(r"/admin/wire/drafts/\d+/publish/$"))
    expect(page.get_by_text("Figure: “4,700”")).to_be_visible()
    expect(
        page.get_by_text("Not published yet: your changes are saved as a draft.")
    ).to_be_visible()
    screenshot(page, "3-publish-asks-for-a-decision")
    story = StoryPage.objects.get()
    assert not story.live
    assert "4,700 cattle" in story.get_latest_revision_as_object().body[0].value.source

    # Publishing without ticking the box does nothing; with it, the story goes live.
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(re.compile(r"/admin/wire/drafts/\d+/publish/$"))
    story.refresh_from_db()
    assert not story.live
    page.get_by_label("I have checked these facts against another source").check()
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_text(f'Story "{HEADLINE}" published.')).to_be_visible()
    screenshot(page, "4-published")
    story.refresh_from_db()
    assert story.live and "4,700 cattle" in story.body_html

    # Readers see the story, and nothing of the desk's tracing (agencies are credited as
    # for every desk rewrite).
    page.goto(story.url)
    expect(page.get_by_text("Some 4,700 cattle drowned.")).to_be_visible()
    expect(page.get_by_text("6,200 households were sheltering")).to_be_visible()
    expect(page.locator("a[href*='/admin/']")).to_have_count(0)
    expect(page.get_by_text("Drafted by the assistant")).to_have_count(0)
    screenshot(page, "5-reader")
