"""No image is assumed to be a photograph: the editor says how each was made, and who to credit.

Until someone has said, an image is labelled nothing at all: not in the library, not in the
content API, not in structured data.
"""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dateline.media.factories import NewsImageFactory, jpeg_bytes
from dateline.media.models import AI_DISCLAIMER, DigitalSourceType, NewsImage
from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.roles import DESK_EDITOR, WRITER
from dateline.syndication.models import issue_api_key

pytestmark = pytest.mark.django_db

REQUIRED = "This field is required."


@pytest.fixture
def writer_client(client, home):
    client.force_login(StaffFactory(group=WRITER))
    return client


def picture(name="market.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def upload_form(**fields):
    return {
        "title": "Flooded market",
        "file": picture(),
        "alt_text": "Stalls standing in brown floodwater",
        "credit": "Asha Rao / Photo Desk",
        "digital_source_type": DigitalSourceType.DIGITAL_CAPTURE,
        **fields,
    }


def selected_source_type(html, name="digital_source_type"):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


def test_the_upload_form_starts_with_no_source_type_chosen(writer_client):
    html = writer_client.get(reverse("wagtailimages:add")).content.decode()
    assert selected_source_type(html) == [""]
    assert "Choose how the image was made" in html


@pytest.mark.parametrize("missing", ["digital_source_type", "credit"])
def test_an_upload_without_source_type_or_credit_is_refused(writer_client, missing):
    response = writer_client.post(reverse("wagtailimages:add"), upload_form(**{missing: ""}))
    assert response.status_code == 200
    assert response.context["form"].errors[missing] == [REQUIRED]
    assert not NewsImage.objects.exists()


def test_an_upload_with_its_source_type_is_stored_as_chosen(writer_client):
    form = upload_form(digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
    response = writer_client.post(reverse("wagtailimages:add"), form)
    assert response.status_code == 302
    image = NewsImage.objects.get()
    assert image.digital_source_type == DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
    assert image.ai_disclaimer == AI_DISCLAIMER


@pytest.mark.parametrize("missing", ["digital_source_type", "credit"])
def test_editing_an_image_keeps_source_type_and_credit(client, home, missing):
    image = NewsImageFactory(title="Clinic queue")
    client.force_login(StaffFactory(group=DESK_EDITOR))
    form = upload_form(title="Clinic queue", **{missing: ""})
    del form["file"]
    response = client.post(reverse("wagtailimages:edit", args=[image.pk]), form)
    assert response.context["form"].errors[missing] == [REQUIRED]
    image.refresh_from_db()
    assert image.digital_source_type == DigitalSourceType.DIGITAL_CAPTURE
    assert image.credit == "Test Photographer / Test Agency"


def test_an_image_made_before_anyone_chose_shows_no_choice_when_edited(client, home):
    image = NewsImageFactory(digital_source_type="")
    client.force_login(StaffFactory(group=DESK_EDITOR))
    html = client.get(reverse("wagtailimages:edit", args=[image.pk])).content.decode()
    assert selected_source_type(html) == [""]


def test_a_multiple_upload_stores_no_image_until_its_details_are_given(writer_client):
    """Wagtail's multiple upload keeps the file aside while a required detail is missing; the
    image only exists once the editor has chosen its source type and credit."""
    response = writer_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": picture("queue.jpg")}
    )
    uploaded = response.json()
    assert uploaded["success"]
    assert "image_id" not in uploaded
    assert not NewsImage.objects.exists()

    upload_id = uploaded["uploaded_file_id"]
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    prefix = f"uploaded-image-{upload_id}"
    details = {
        f"{prefix}-title": "Queue outside a clinic",
        f"{prefix}-alt_text": "Patients queue at a clinic door",
        f"{prefix}-credit": "Wanda Otieno",
        f"{prefix}-digital_source_type": "",
    }
    refused = writer_client.post(url, details).json()
    assert not refused["success"]
    assert not NewsImage.objects.exists()

    details[f"{prefix}-digital_source_type"] = DigitalSourceType.DIGITAL_CAPTURE
    assert writer_client.post(url, details).json()["success"]
    image = NewsImage.objects.get()
    assert image.digital_source_type == DigitalSourceType.DIGITAL_CAPTURE
    assert image.credit == "Wanda Otieno"


@pytest.fixture
def story_with_undescribed_image(home):
    """A story published by code with an image code made, before anyone said how it was made."""
    image = NewsImageFactory(
        digital_source_type="", alt_text="Boats on a flooded street", credit="Desk archive"
    )
    return StoryFactory(headline="Boats replace buses in Sylhet", hero_image=image)


def test_the_content_api_does_not_guess_the_source_type(client, story_with_undescribed_image):
    key = issue_api_key("Provenance tests")[1]
    response = client.get(
        f"/api/v1/stories/{story_with_undescribed_image.pk}/",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200
    (picture_association,) = response.json()["associations"]
    assert "digitalsourcetype" not in picture_association
    assert "digitalCapture" not in response.content.decode()
    assert "Photograph" not in response.content.decode()


def test_structured_data_and_the_article_do_not_guess_the_source_type(
    client, story_with_undescribed_image
):
    html = client.get(story_with_undescribed_image.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks
    assert "digitalSourceType" not in "".join(blocks)
    for block in blocks:
        json.loads(block)
    assert "digitalCapture" not in html
    assert "Photograph" not in html
    assert AI_DISCLAIMER not in html


def test_the_ai_disclaimer_still_follows_an_ai_image(client, home):
    image = NewsImageFactory(digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
    story = StoryFactory(hero_image=image)
    assert AI_DISCLAIMER in client.get(story.url).content.decode()
