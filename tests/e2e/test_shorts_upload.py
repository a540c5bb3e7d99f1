"""A writer uploads a short video through the real admin, and sees it processed."""

import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.newsroom.roles import WRITER
from dateline.video.models import Short

from .admin_steps import sign_in

if not Path("/usr/bin/chromium").exists() or not shutil.which("ffmpeg"):
    pytest.skip("Debian's chromium and ffmpeg are needed", allow_module_level=True)

pytestmark = pytest.mark.e2e


def test_a_writer_uploads_a_short_and_sees_it_ready(site, new_context, tmp_path):
    from tests.video.conftest import make_clip

    clip = make_clip(tmp_path / "sylhet.mp4", 360, 640, 2)
    User.objects.create_user("wren", password="a long password").groups.add(
        Group.objects.get(name=WRITER)
    )
    page = new_context().new_page()
    sign_in(page, "wren", "a long password")

    page.get_by_role("link", name="Shorts").click()
    page.get_by_role("link", name=re.compile("Add short")).first.click()
    page.get_by_role("textbox", name="Title").fill("Flood waters recede in Sylhet")
    page.get_by_role("textbox", name="Caption").fill("Residents return home as the water falls.")
    page.locator("input[type=file][name=original]").set_input_files(str(clip))
    page.get_by_role("textbox", name="Credit").fill("Dateline video desk")
    page.locator("[name=digital_source_type]").select_option("digitalCapture")
    page.get_by_label("Science & Environment").check()
    page.get_by_role("button", name="Create").click()

    expect(page).to_have_url(re.compile(r"/admin/shorts/$"))
    row = page.get_by_role("row", name=re.compile("Flood waters recede in Sylhet"))
    expect(row).to_contain_text("Ready (2 s)")
    short = Short.objects.get()
    assert short.uploaded_by.username == "wren"
    assert [sector.slug for sector in short.sectors.all()] == ["science-environment"]
