"""A desk editor's morning in a real browser: the queues on the dashboard, tags corrected with the
tag picker, and the sources list readable."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Workflow

from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.roles import DESK_EDITOR, DESK_REVIEW
from dateline.taxonomy.factories import AgencyFactory
from dateline.taxonomy.models import Country
from dateline.wire.factories import ClusterFactory, ItemFactory, SourceFactory
from dateline.wire.models import TagCorrection
from dateline.wire.roles import grant_desk_permissions

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long desk password"


@pytest.fixture
def desk_editor(site):
    grant_desk_permissions()
    editor = User.objects.create_user("dara", password=PASSWORD, first_name="Dara")
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))
    return editor


def sign_in(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("dara")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_desk_editor_sees_the_queues_and_corrects_tags_with_the_picker(desk_editor, new_context):
    agency = AgencyFactory(name="Meridian Press Agency", credit="MPA")
    item = ItemFactory(
        source=SourceFactory(agency=agency, name="Meridian push"),
        headline="Drought leaves 2.1 million hungry in Kenya",
        countries=[Country.objects.get(code="IN"), Country.objects.get(code="BD")],
    )
    ClusterFactory(items=[item, ItemFactory(source=item.source, headline="Kenya drought deepens")])
    Workflow.objects.get(name=DESK_REVIEW).start(
        StoryFactory(headline="Clinic opens in Kisumu", publish=False, user=desk_editor),
        desk_editor,
    )
    scheduled = StoryFactory(headline="Budget speech", publish=False, user=desk_editor)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision(user=desk_editor).publish(user=desk_editor)
    StoryFactory(
        headline="Census results",
        publish=False,
        embargoed_until=timezone.now() + timedelta(hours=6),
    )
    page = new_context().new_page()
    sign_in(page)

    queues = page.get_by_role("region", name="Desk queues")
    for label in (
        "1 new wire clusters waiting",
        "1 stories awaiting desk review",
        "1 stories scheduled",
        "1 stories under embargo",
    ):
        expect(queues.get_by_role("link", name=label)).to_be_visible()
    queues.get_by_role("link", name="1 stories scheduled").click()
    expect(page.get_by_role("link", name="Budget speech")).to_be_visible()
    page.go_back()
    queues.get_by_role("link", name="1 new wire clusters waiting").click()
    expect(page.get_by_role("heading", name="Wire queue")).to_be_visible()
    page.get_by_role("link", name="Drought leaves 2.1 million hungry in Kenya").click()
    page.get_by_role("link", name="Drought leaves 2.1 million hungry in Kenya").first.click()

    countries = page.locator(".tag-picker").first
    expect(countries.get_by_role("button", name="Remove India")).to_be_visible()
    expect(countries.get_by_role("button", name="Remove Bangladesh")).to_be_visible()
    countries.get_by_label("Filter countries").fill("keny")
    expect(countries.get_by_label("Kenya", exact=True)).to_be_visible()
    expect(countries.get_by_label("Kenya", exact=True)).not_to_be_checked()
    expect(countries.get_by_label("India", exact=True)).to_be_hidden()
    countries.get_by_label("Kenya", exact=True).check()
    expect(countries.get_by_role("button", name="Remove Kenya")).to_be_visible()
    countries.get_by_role("button", name="Remove Bangladesh").click()
    expect(countries.get_by_role("button", name="Remove Bangladesh")).to_have_count(0)
    expect(countries.get_by_role("button", name="Remove India")).to_be_visible()
    page.get_by_role("button", name="Save tags").click()

    expect(
        page.get_by_text("Tags corrected. New versions of this item keep your tags.")
    ).to_be_visible()
    item.refresh_from_db()
    assert sorted(item.countries.values_list("code", flat=True)) == ["IN", "KE"]
    correction = TagCorrection.objects.get()
    assert (correction.countries_before, correction.countries_after) == (["BD", "IN"], ["IN", "KE"])
    expect(
        page.locator(".tag-picker").first.get_by_role("button", name="Remove Kenya")
    ).to_be_visible()


def test_source_names_keep_their_words_whole_in_the_sources_list(desk_editor, new_context):
    for name in ("Kestrel Development Wire (demo feed)", "Harbourline News Service (demo feed)"):
        SourceFactory(
            name=name,
            agency=AgencyFactory(name=name.removesuffix(" (demo feed)")),
            last_error="not well-formed XML: Premature end of data in tag body.head line 14",
            last_error_at=timezone.now(),
        )
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page)
    page.goto("/admin/wire/sources/")
    expect(page.get_by_text("Kestrel Development Wire (demo feed)")).to_be_visible()
    # Each name cell is at least as wide as the longest word in it: no word is broken.
    too_narrow = page.evaluate(
        """() => [...document.querySelectorAll("table.listing tbody td.title")].filter(cell => {
            const text = cell.querySelector(".title-wrapper");
            const canvas = document.createElement("canvas").getContext("2d");
            canvas.font = getComputedStyle(text).font;
            const widest = Math.max(...text.textContent.trim().split(/\\s+/)
                .map(word => canvas.measureText(word).width));
            return text.getBoundingClientRect().width + 0.5 < widest;
        }).map(cell => cell.textContent.trim())"""
    )
    assert too_narrow == []
    table = page.locator("table.listing").bounding_box()
    assert table["x"] + table["width"] <= 1280
