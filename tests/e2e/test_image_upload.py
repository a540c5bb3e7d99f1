"""Editors upload pictures through the real image library, as they do every morning."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.media.factories import jpeg_bytes
from dateline.media.models import AI_DISCLAIMER, DigitalSourceType, NewsImage
from dateline.newsroom.roles import DESK_EDITOR, WRITER

pytestmark = pytest.mark.e2e


def log_in(page, role):
    user = User.objects.create_user(role.lower().replace(" ", "-"), password="a long password")
    user.groups.add(Group.objects.get(name=role))
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a long password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("role", [WRITER, DESK_EDITOR])
def test_an_editor_uploads_an_ai_image_and_it_carries_the_disclaimer(
    site, new_context, tmp_path, role
):
    picture = tmp_path / "flooded-market.jpg"
    picture.write_bytes(jpeg_bytes())
    page = new_context().new_page()
    log_in(page, role)

    page.goto("/admin/images/add/")
    page.get_by_label("Title").fill("Flooded market, illustration")
    page.locator("input[type=file][name=file]").set_input_files(str(picture))
    page.locator("[name=alt_text]").fill("Stalls standing in brown floodwater")
    page.locator("[name=credit]").fill("Newsroom illustration")
    page.locator("[name=digital_source_type]").select_option(
        DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
    )
    page.get_by_role("button", name=re.compile("Save|Upload")).first.click()

    expect(page.get_by_text("Flooded market, illustration").first).to_be_visible()
    image = NewsImage.objects.get(title="Flooded market, illustration")
    assert image.digital_source_type == DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
    assert image.ai_disclaimer == AI_DISCLAIMER
