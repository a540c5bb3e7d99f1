"""What readers and editors notice in a real browser: fronts, articles, editions, search, admin."""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import StoryFactory
from dateline.newsroom.models import Provenance, StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import DESK_REVIEW, WRITER
from dateline.taxonomy.models import Country

from .admin_steps import fill_body_paragraph, tick

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

# "Updated: 08-04-2025 11:16 UTC | Created: 08-04-2025 09:02 UTC"
NEWSROOM_TIME = r"\d{2}-\d{2}-\d{4} \d{2}:\d{2} \S+"
TIMES_LINE = re.compile(rf"^Updated: {NEWSROOM_TIME} \| Created: {NEWSROOM_TIME}$")


def is_beacon(request):
    return request.method == "POST" and request.url.endswith("/beacon/")


def edition_switcher(page):
    return page.get_by_role("combobox", name="Edition")


def switch_edition(page, name):
    edition_switcher(page).select_option(label=name)
    page.get_by_role("button", name="Go").click()


def story_in(country_code, headline, **overrides):
    return StoryFactory(
        headline=headline, countries=[Country.objects.get(code=country_code)], **overrides
    )


def test_reader_follows_the_lead_story_to_its_article(site, context, page):
    now = timezone.now()
    StoryFactory(
        headline="Older story about village wells", first_published_at=now - timedelta(hours=3)
    )
    lead = StoryFactory(
        headline="Monsoon rains refill reservoirs across Gujarat",
        summary="Water levels in the state's reservoirs are the highest in a decade.",
        provenance=Provenance.AGENCY_REWRITE,
        hero_image=NewsImageFactory(),
        first_published_at=now,
    )

    page.goto("/")
    top_stories = page.get_by_role("region", name="Top stories")
    lead_link = top_stories.get_by_role("heading", name=lead.title).get_by_role("link")
    expect(lead_link).to_be_visible()

    with page.expect_request(is_beacon) as beacon:
        lead_link.click()
    expect(page).to_have_url(re.compile(re.escape(lead.url) + "$"))

    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(lead.title)
    expect(page.get_by_text(lead.summary, exact=True)).to_be_visible()
    expect(page.get_by_text(TIMES_LINE)).to_be_visible()
    expect(page.get_by_text("(With inputs from agencies.)", exact=True)).to_be_visible()

    assert beacon.value.post_data == f"story={lead.pk}"
    assert beacon.value.response().status == 204
    assert context.cookies() == []


def test_reader_switches_to_the_south_asia_edition(site, context, page):
    india = story_in("IN", "Delhi opens its first solar-powered water plant")
    kenya = story_in("KE", "Nairobi commuters welcome new bus lanes")

    page.goto("/")
    switch_edition(page, "South Asia")

    expect(page).to_have_url(re.compile(r"/editions/south-asia/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("South Asia edition")
    expect(page.get_by_role("link", name=india.title).first).to_be_visible()
    expect(page.get_by_role("link", name=kenya.title)).to_have_count(0)
    edition_cookies = [c["value"] for c in context.cookies() if c["name"] == "edition"]
    assert edition_cookies == ["south-asia"]

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("South Asia edition")
    expect(edition_switcher(page)).to_have_value("south-asia")
    expect(page.get_by_role("link", name=india.title).first).to_be_visible()
    expect(page.get_by_role("link", name=kenya.title)).to_have_count(0)


def test_reader_searches_from_the_header(site, page):
    wanted = StoryFactory(headline="Drip irrigation doubles harvests in Rajasthan")
    unrelated = StoryFactory(headline="Teachers train for new science curriculum")

    page.goto("/")
    search_box = page.get_by_role("banner").get_by_role("searchbox", name="Search stories")
    search_box.fill("irrigation")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=irrigation$"))
    expect(page.get_by_role("status")).to_have_text("1 story for “irrigation”.")
    results = page.get_by_role("main")
    expect(results.get_by_role("link", name=wanted.title)).to_be_visible()
    expect(results.get_by_role("link", name=unrelated.title)).to_have_count(0)


def test_empty_and_very_long_searches_render(site, page):
    StoryFactory(headline="Drip irrigation doubles harvests in Rajasthan")

    response = page.goto("/search/?q=")
    assert response.status == 200
    expect(
        page.get_by_text("Type a few words from a headline, a place or a topic.")
    ).to_be_visible()

    long_query = ("drip irrigation harvests " * 50)[:1000]
    response = page.goto("/search/?" + urlencode({"q": long_query}))
    assert response.status == 200
    expect(
        page.get_by_text("Your search was long, so we used its first 200 characters.")
    ).to_be_visible()
    expect(page.get_by_role("status")).to_be_visible()


def test_reading_and_switching_edition_work_without_javascript(site, new_context):
    india = story_in("IN", "Delhi opens its first solar-powered water plant")
    kenya = story_in(
        "KE", "Nairobi commuters welcome new bus lanes", first_published_at=timezone.now()
    )
    page = new_context(java_script_enabled=False).new_page()

    page.goto("/")
    page.get_by_role("region", name="Top stories").get_by_role("link", name=kenya.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kenya.title)

    switch_edition(page, "South Asia")
    expect(page).to_have_url(re.compile(r"/editions/south-asia/$"))
    expect(page.get_by_role("link", name=india.title).first).to_be_visible()
    expect(page.get_by_role("link", name=kenya.title)).to_have_count(0)


def test_writer_submits_a_draft_to_desk_review(site, new_context):
    writer = User.objects.create_user("writer", password="a long writer password")
    writer.groups.add(Group.objects.get(name=WRITER))
    news = StoryIndexPage.objects.get(kind=StoryKind.NEWS)
    headline = "Flood defences hold as river peaks in Assam"
    page = new_context().new_page()

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("writer")
    page.get_by_label("Password").fill("a long writer password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk]))
    title = page.locator("[name=title]")
    title.fill(headline)
    title.blur()
    # The slug is required but lives on the Promote tab: Wagtail's title panel fills it from the
    # headline, so a writer never has to go there.
    expect(page.locator("[name=slug]")).to_have_value("flood-defences-hold-as-river-peaks-in-assam")
    page.locator("[name=summary]").fill("Embankments built after the 2022 floods held overnight.")
    fill_body_paragraph(page, "The Brahmaputra crested at Dhubri just below the danger mark.")
    tick(page, "sectors", "Urban Development")

    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    submit = actions.get_by_role("button", name=f"Submit to {DESK_REVIEW}")
    expect(submit).to_be_visible()
    expect(
        actions.get_by_role("button", name="Publish", exact=True, include_hidden=True)
    ).to_have_count(0)
    submit.click()

    expect(page.get_by_text(f"'{headline}' created and submitted")).to_be_visible(
        # Creating, then submitting to the workflow, is two saves; on a busy CI machine it takes
        # longer than the default five seconds.
        timeout=20_000
    )
    story = StoryPage.objects.get(title=headline)
    assert not story.live
    state = story.current_workflow_state
    assert state is not None
    assert state.status == "in_progress"
    assert state.workflow.name == DESK_REVIEW

    page.goto(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    actions = page.get_by_role("navigation", name="Actions (footer)")
    expect(actions).to_be_visible()
    expect(
        page.get_by_role("button", name="Publish", exact=True, include_hidden=True)
    ).to_have_count(0)
    expect(page.get_by_role("link", name="Publish", exact=True, include_hidden=True)).to_have_count(
        0
    )
