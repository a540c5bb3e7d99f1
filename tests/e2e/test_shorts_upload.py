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
    page.locator("[name=caption]").fill("Residents return home as the water falls.")
    page.locator("input[type=file][name=original]").set_input_files(str(clip))
    captions = tmp_path / "sylhet.srt"
    captions.write_text("1\n00:00:00,200 --> 00:00:01,800\nThe water is falling.\n")
    page.locator("input[type=file][name=captions_file]").set_input_files(str(captions))
    page.get_by_role("textbox", name="Credit").fill("Dateline video desk")
    page.locator("[name=digital_source_type]").select_option("digitalCapture")
    page.get_by_label("Science & Environment").check()
    page.get_by_role("button", name="Create").click()

    # The suite's task backend processes the upload inside the request, before the redirect: on
    # a busy machine ffmpeg takes a while. The test must not end (and flush the database the
    # server thread shares) while that request is still running.
    expect(page).to_have_url(re.compile(r"/admin/shorts/$"), timeout=120_000)
    row = page.get_by_role("row", name=re.compile("Flood waters recede in Sylhet"))
    expect(row).to_contain_text("Ready (2 s)", timeout=30_000)
    short = Short.objects.get()
    assert short.uploaded_by.username == "wren"
    assert [sector.slug for sector in short.sectors.all()] == ["science-environment"]

    # A reader's player has the captions, on by default. (Playing the files needs them served:
    # the suite keeps uploads in memory; `make demo` plays them, HLS included.)
    reader = new_context().new_page()
    reader.goto(f"/shorts/{short.pk}/")
    video = reader.get_by_role("article").locator("video")
    assert video.evaluate("v => [...v.textTracks].map(t => [t.language, t.label, t.kind])") == [
        ["en", "English", "captions"]
    ]
    expect(video.locator("track")).to_have_attribute("default", "")
