"""Alt text from a model that can see, in a real browser: a desk editor asks for it on an image's
edit screen, edits it and saves; the acceptance is recorded."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from dateline.assistant.models import AcceptedSuggestion
from dateline.media.factories import NewsImageFactory
from dateline.newsroom.roles import DESK_EDITOR
from tests.assistant.fake_model import FakeModel, completion

from .admin_steps import sign_in

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

PASSWORD = "a long and private password"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESCRIPTION = "Women carry jerrycans of water past a flooded market stall"


def test_a_desk_editor_takes_the_models_alt_text_for_a_picture(site, new_context, settings):
    image = NewsImageFactory(title="Flooded market in Garissa", alt_text="Picture")
    editor = User.objects.create_user("dara", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=DESK_EDITOR))
    with FakeModel() as model:
        model.answer = (200, completion(json.dumps({"alt_text": DESCRIPTION})))
        settings.DATELINE_ASSISTANT_BACKEND = "openai"
        settings.DATELINE_ASSISTANT_BASE_URL = model.base_url
        settings.DATELINE_ASSISTANT_MODEL = "test-vision-model"
        settings.DATELINE_ASSISTANT_VISION = True
        page = new_context().new_page()
        sign_in(page, "dara", PASSWORD)
        page.goto(f"/admin/images/{image.pk}/")
        page.get_by_role("button", name="Suggest alt text").click()
        alt_text = page.locator("input[name=alt_text]")
        expect(alt_text).to_have_value(DESCRIPTION)
        expect(page.get_by_text("Check it against the picture")).to_be_visible()
        alt_text.fill(DESCRIPTION + " in Garissa")
        SHOTS.mkdir(parents=True, exist_ok=True)
        alt_text.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "assistant-alt-text.png"))
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".messages")).to_contain_text("updated")

    image.refresh_from_db()
    assert image.alt_text == DESCRIPTION + " in Garissa"
    record = AcceptedSuggestion.objects.get()
    assert (record.image, record.editor, record.model) == (image, editor, "test-vision-model")
    assert record.text == image.alt_text
