"""Alt text suggestions in the image editor: only from a model that can see the picture, checked
by the editor, and recorded when the image is saved with it."""

import base64
import io
import json

import pytest
from django.urls import reverse
from PIL import Image

from dateline.assistant.alt_text import NO_VISION
from dateline.assistant.models import AcceptedSuggestion, SuggestionKind
from dateline.media.factories import NewsImageFactory
from dateline.media.models import DigitalSourceType
from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.roles import DESK_EDITOR
from tests.assistant.fake_model import completion

pytestmark = pytest.mark.django_db

DESCRIPTION = "Women carry jerrycans of water past a flooded market stall"


@pytest.fixture
def editor(client, home):
    user = StaffFactory(group=DESK_EDITOR)
    client.force_login(user)
    return user


@pytest.fixture
def image():
    return NewsImageFactory(title="Flooded market in Garissa", alt_text="Picture")


@pytest.fixture
def vision_model(fake_model, settings):
    settings.DATELINE_ASSISTANT_VISION = True
    fake_model.answer = (200, completion(json.dumps({"alt_text": f"  {DESCRIPTION} "})))
    return fake_model


def ask(client, image_id):
    return client.post(reverse("assistant_alt_text", args=[image_id]))


def save_image(client, image, alt_text, offer):
    form = {
        "title": image.title,
        "alt_text": alt_text,
        "credit": image.credit,
        "source": image.source,
        "digital_source_type": DigitalSourceType.DIGITAL_CAPTURE,
        "collection": image.collection_id,
        "assistant_offer": offer,
    }
    response = client.post(reverse("wagtailimages:edit", args=[image.pk]), form)
    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()


def test_a_model_that_sees_the_picture_suggests_alt_text_and_its_acceptance_is_recorded(
    client, editor, image, vision_model
):
    answer = ask(client, image.pk).json()
    assert answer["values"] == {"alt_text": DESCRIPTION}
    assert answer["messages"] == [] and answer["offer"]

    # The picture went with the prompt, as an OpenAI-compatible vision request carries it.
    request = vision_model.requests[0]
    assert request["path"] == "/v1/chat/completions"
    text_part, image_part = request["body"]["messages"][1]["content"]
    assert "Flooded market in Garissa" in text_part["text"]
    url = image_part["image_url"]["url"]
    assert url.startswith("data:image/jpeg;base64,")
    preview = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert max(preview.size) == 1024  # the 1600 px library picture, made small to send

    edited = DESCRIPTION.replace("past", "beside")
    save_image(client, image, edited, answer["offer"])
    assert image.alt_text == edited
    record = AcceptedSuggestion.objects.get()
    assert (record.kind, record.image, record.story, record.editor) == (
        SuggestionKind.ALT_TEXT,
        image,
        None,
        editor,
    )
    assert (record.backend, record.model, record.prompt, record.prompt_version) == (
        "openai",
        "test-model",
        "alt_text",
        1,
    )
    assert record.text == edited


def test_without_a_vision_model_the_editor_is_told_and_no_model_is_asked(
    client, editor, image, fake_model
):
    answer = ask(client, image.pk).json()
    assert answer["values"] == {"alt_text": ""}
    assert answer["messages"] == [NO_VISION] and answer["offer"] == ""
    assert fake_model.requests == []


@pytest.mark.parametrize(
    "reply, message",
    [
        ((200, completion("a picture of water")), "not valid JSON"),
        ((500, {"error": "overloaded"}), "error (500)"),
        ((200, completion(json.dumps({"alt_text": ""}))), "expected shape"),
    ],
)
def test_a_failing_model_gives_a_message_and_no_alt_text(
    client, editor, image, vision_model, reply, message
):
    vision_model.answer = reply
    answer = ask(client, image.pk).json()
    assert answer["values"] == {"alt_text": ""} and answer["offer"] == ""
    assert message in answer["messages"][0]
    assert "writes no alt text" in answer["messages"][-1]


def test_saving_an_image_with_a_forged_or_unused_offer_records_nothing(
    client, editor, image, vision_model
):
    save_image(client, image, "Stalls in floodwater", "forged-token")
    answer = ask(client, image.pk).json()
    save_image(client, image, "Stalls in floodwater", "")
    assert AcceptedSuggestion.objects.count() == 0
    # The offer is the asking editor's alone.
    other = StaffFactory(group=DESK_EDITOR)
    client.force_login(other)
    save_image(client, image, "Stalls in floodwater", answer["offer"])
    assert AcceptedSuggestion.objects.count() == 0


def test_only_editors_who_may_change_the_image_can_ask(client, home, image, vision_model):
    assert ask(client, image.pk).status_code == 302  # to the admin's login
    client.force_login(StaffFactory(group=DESK_EDITOR))
    assert ask(client, image.pk + 1000).status_code == 404
    assert client.get(reverse("assistant_alt_text", args=[image.pk])).status_code == 405
    assert vision_model.requests == []
