"""A desk editor turns a cluster of agency copy into a draft story, in a real browser."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.factories import AgencyFactory
from dateline.taxonomy.models import Country
from dateline.wire.factories import ClusterFactory, ItemFactory, SourceFactory
from dateline.wire.roles import grant_desk_permissions

from .admin_steps import sign_in

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

HEADLINE = "Floods displace 120,000 in Assam"
PASSWORD = "a long desk password"


def desk_editor():
    grant_desk_permissions()
    editor = User.objects.create_user("dara", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))


def test_desk_editor_creates_a_story_from_a_cluster(site, new_context):
    desk_editor()
    india = Country.objects.get(code="IN")
    lead = ItemFactory(
        source=SourceFactory(agency=AgencyFactory(name="Meridian Press Agency", credit="MPA")),
        headline=HEADLINE,
        body_html="<p>The Brahmaputra breached embankments in Dhubri on Sunday.</p>",
        countries=[india],
    )
    follow = ItemFactory(
        source=SourceFactory(agency=AgencyFactory(name="Harbourline News Service", credit="HNS")),
        headline="Army sends boats to flooded Assam",
        body_html="<p>The army deployed 14 boats to Dhubri on Monday.</p>",
        countries=[india],
    )
    ClusterFactory(items=[lead, follow])
    page = new_context().new_page()

    sign_in(page, "dara", PASSWORD)

    page.goto("/admin/wire/")
    expect(page.get_by_role("heading", name="Wire queue")).to_be_visible()
    expect(page.get_by_role("link", name="Army sends boats to flooded Assam")).to_have_count(0)
    page.get_by_role("link", name=HEADLINE).click()

    expect(page.get_by_role("heading", name=re.compile("Army sends boats"))).to_be_visible()
    page.get_by_role("button", name="Create story from cluster").click()

    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("[name=title]")).to_have_value(HEADLINE)
    expect(page.get_by_text(f'Draft story "{HEADLINE}" created from 2 items.')).to_be_visible()


def test_desk_editor_moves_an_item_out_and_merges_it_back(site, new_context):
    desk_editor()
    india = Country.objects.get(code="IN")
    source = SourceFactory(agency=AgencyFactory(name="Meridian Press Agency", credit="MPA"))
    lead = ItemFactory(
        source=source,
        headline=HEADLINE,
        body_html="<p>The Brahmaputra breached embankments in Dhubri on Sunday.</p>",
        countries=[india],
    )
    other = ItemFactory(
        source=source,
        headline="Dhubri embankment breach: army boats reach Brahmaputra villages",
        body_html="<p>The army deployed 14 boats to Dhubri after the Brahmaputra breach.</p>",
        countries=[india],
    )
    ClusterFactory(items=[lead, other])
    page = new_context().new_page()
    sign_in(page, "dara", PASSWORD)

    page.goto(f"/admin/wire/clusters/{lead.pk}/")
    page.get_by_role("button", name=f"Move out: {other.headline}").click()
    expect(page).to_have_url(re.compile(rf"/admin/wire/clusters/{other.pk}/$"))
    expect(page.get_by_text("The item has a cluster of its own now")).to_be_visible()
    expect(page.get_by_text(f"kept apart from cluster {lead.pk}")).to_be_visible()

    # The cluster it left is suggested, with what the two share; the editor merges it back.
    page.get_by_role("radio", name=HEADLINE).check()
    page.get_by_role("button", name="Merge into this cluster").click()
    expect(
        page.get_by_text(f"Merged cluster {lead.pk} into this one: 1 item joined.")
    ).to_be_visible()
    expect(page.get_by_role("link", name=HEADLINE)).to_be_visible()
    expect(page.get_by_role("heading", name="Desk corrections")).to_be_visible()


def test_every_column_of_the_queue_can_be_reached_on_a_phone(site, new_context):
    desk_editor()
    ItemFactory(headline=HEADLINE)
    page = new_context(viewport={"width": 390, "height": 844}).new_page()

    sign_in(page, "dara", PASSWORD)
    page.goto("/admin/wire/")

    desk_column = page.get_by_role("columnheader", name="Desk")
    assert desk_column.bounding_box()["x"] > 390  # eight columns are wider than a phone
    # The editor swipes the table sideways, as on a touch screen or a trackpad.
    page.get_by_role("table").hover()
    page.mouse.wheel(1000, 0)
    expect(desk_column).to_be_in_viewport()
    box = desk_column.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_the_queue_filters_fit_a_phone_whatever_the_sources_are_called(site, new_context):
    desk_editor()
    long_name = "Agence de presse nationale, service international du soir et de la nuit"
    ItemFactory(source=SourceFactory(name=long_name), headline=HEADLINE)
    page = new_context(viewport={"width": 390, "height": 844}).new_page()

    sign_in(page, "dara", PASSWORD)
    page.goto("/admin/wire/")

    expect(page.get_by_role("heading", name="Wire queue")).to_be_visible()
    for name in ("source", "agency", "sector", "edition", "urgency", "window", "status"):
        box = page.locator(f"select[name={name}]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, name
