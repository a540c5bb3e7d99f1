"""Suggestions in the page editor, from the offline backend and from a model over HTTP, and
the record of what the editor accepted."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.assistant.backends import Answer
from dateline.assistant.models import AcceptedSuggestion
from dateline.assistant.records import offer_token
from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.models import Provenance, StoryPage, TakeawaysMethod
from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.models import Sector
from tests.assistant.fake_model import completion

pytestmark = pytest.mark.django_db

HEADLINE = "Kenya opens cholera centres in Garissa"
PARAGRAPHS = [
    "Kenya opened three new cholera treatment centres in Garissa county on Saturday as cases "
    "rose for a fourth week, the health ministry said.",
    "Officials recorded 412 cases since October, most of them in camps for people displaced by "
    "the floods along the Tana river.",
    "The county's director of health, Amina Yusuf, said each centre would have 40 beds and "
    "would run around the clock until the outbreak ends.",
    "Aid agencies have trucked clean water to 18 villages, and vaccination teams will reach "
    "60,000 people over the next two weeks.",
    "The floods destroyed more than 900 latrines, which officials blame for the spread of the "
    "disease in the camps.",
]
MODEL_POINTS = [
    "Kenya opened three cholera centres in Garissa.",
    "412 cases have been recorded since October.",
    "Vaccination teams will reach 60,000 people.",
]


def form_data(paragraphs=PARAGRAPHS, assistant_offer=(), **fields):
    """The story editor's form as the admin posts it, with the assistant's offers the editor
    took."""
    data = nested_form_data(
        {
            "title": HEADLINE,
            "slug": "kenya-opens-cholera-centres",
            "summary": "Cases rose for a fourth week.",
            "body": streamfield(
                [("paragraph", rich_text("".join(f"<p>{p}</p>" for p in paragraphs)))]
            ),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": "staff",
            **fields,
        }
    )
    data["sectors"] = [Sector.objects.get(slug="health").pk]
    data["assistant_offer"] = list(assistant_offer)
    return data


@pytest.fixture
def editor(client, home):
    user = StaffFactory(group=DESK_EDITOR)
    client.force_login(user)
    return user


def ask(client, kind="takeaways", data=None):
    response = client.post(
        reverse("assistant_suggest", args=[kind]), data if data is not None else form_data()
    )
    assert response.status_code == 200, response.content
    return response.json()


def publish(client, story, offers, **fields):
    data = form_data(assistant_offer=offers, **{"action-publish": "action-publish", **fields})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    return StoryPage.objects.get(pk=story.pk)


def takeaway_fields(points):
    return {f"takeaways_{i}": point for i, point in enumerate(points)}


def test_the_offline_assistant_suggests_takeaways_from_the_story_in_the_form(client, editor):
    answer = ask(client)
    points = answer["values"]["takeaways"]
    assert 3 <= len(points) <= 5
    text = " ".join(PARAGRAPHS)
    assert all(point.removesuffix(".")[1:] in text for point in points)
    assert answer["made_by"] == {"method": "software", "model": ""}
    assert answer["messages"] == []
    assert answer["offer"]


def test_accepted_takeaways_are_published_labelled_and_recorded(client, editor):
    story = StoryFactory(headline=HEADLINE, publish=False)
    answer = ask(client)
    edited = [answer["values"]["takeaways"][0], "Edited by the desk: 412 cases since October."]
    story = publish(
        client,
        story,
        [answer["offer"]],
        takeaways_method=answer["made_by"]["method"],
        **takeaway_fields(edited),
    )
    assert story.live and story.takeaways == edited
    assert story.takeaways_method == TakeawaysMethod.SOFTWARE
    record = AcceptedSuggestion.objects.get()
    assert (record.kind, record.story, record.backend, record.model, record.editor) == (
        "takeaways",
        story,
        "offline",
        "",
        editor,
    )
    assert record.text == "\n".join(edited)

    page = client.get(story.url).content.decode()
    assert "Key takeaways" in page
    assert "Edited by the desk: 412 cases since October." in page
    assert (
        "Suggested by software from the story&#x27;s own sentences and checked by an editor" in page
    )


def test_an_offer_the_editor_cleared_or_forged_is_not_recorded(client, editor):
    story = StoryFactory(headline=HEADLINE, publish=False)
    answer = ask(client)
    forged = offer_token(
        "takeaways", Answer({}, "openai", "gpt-x", "takeaways", 1), story.owner or editor
    )
    publish(client, story, [answer["offer"], forged + "x"])
    assert not AcceptedSuggestion.objects.exists()


def test_an_empty_body_gets_a_message_and_no_model_call(client, editor, fake_model):
    answer = ask(client, data=form_data(paragraphs=[]))
    assert answer["values"]["takeaways"] == []
    assert "no body text" in answer["messages"][0]
    assert fake_model.requests == []


def test_an_unreadable_form_is_a_400_not_a_500(client, editor):
    response = client.post(
        reverse("assistant_suggest", args=["takeaways"]), {"body-count": "x", "title": "A"}
    )
    assert response.status_code == 400
    assert "could not be read" in response.json()["error"]
    assert client.get(reverse("assistant_suggest", args=["takeaways"])).status_code == 405
    assert client.post(reverse("assistant_suggest", args=["poems"]), form_data()).status_code == 404


def test_the_model_is_asked_in_the_openai_protocol(client, editor, fake_model):
    fake_model.answer = (200, completion(json.dumps({"takeaways": MODEL_POINTS})))
    answer = ask(client)
    assert answer["values"]["takeaways"] == MODEL_POINTS
    assert answer["made_by"] == {"method": "model", "model": "test-model"}
    (request,) = fake_model.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer test-key"
    assert request["headers"]["Content-Type"] == "application/json"
    body = request["body"]
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["max_tokens"] == 800
    assert body["response_format"] == {"type": "json_object"}
    assert [message["role"] for message in body["messages"]] == ["system", "user"]
    assert "Key takeaways" in body["messages"][0]["content"]
    assert PARAGRAPHS[1] in body["messages"][1]["content"]
    assert HEADLINE in body["messages"][1]["content"]


def test_a_models_takeaways_accepted_make_the_story_ai_assisted(client, editor, fake_model):
    fake_model.answer = (200, completion(json.dumps({"takeaways": MODEL_POINTS})))
    story = StoryFactory(headline=HEADLINE, publish=False)
    answer = ask(client)
    story = publish(
        client,
        story,
        [answer["offer"]],
        takeaways_method="model",
        takeaways_model="test-model",
        **takeaway_fields(MODEL_POINTS),
    )
    assert story.provenance == Provenance.AI_ASSISTED
    record = AcceptedSuggestion.objects.get()
    assert (record.backend, record.model, record.prompt, record.prompt_version) == (
        "openai",
        "test-model",
        "takeaways",
        1,
    )
    page = client.get(story.url).content.decode()
    assert "Suggested by the language model test-model and checked by an editor" in page
    assert "drafted with the help of an AI tool" in page


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((200, completion("Here are your takeaways: one, two")), "not valid JSON"),
        ((200, completion(None, refusal="I can't help with that.")), "declined"),
        ((200, completion(json.dumps({"points": ["a"]}))), "expected shape"),
        ((200, completion(json.dumps({"takeaways": [1, 2]}))), "expected shape"),
        ((200, b"<html>gateway</html>"), "not a chat completion"),
        ((500, {"error": {"message": "boom"}}), "error (500)"),
        ((429, {"error": {"message": "slow down"}}), "error (429)"),
        ("slow", "did not answer within 0.5 seconds"),
    ],
    ids=["invalid JSON", "refusal", "wrong key", "wrong type", "not JSON", "500", "429", "slow"],
)
def test_a_failing_model_gives_a_message_and_the_offline_result(
    client, editor, fake_model, answer, message
):
    fake_model.answer = answer
    result = ask(client)
    assert message in result["messages"][0]
    assert "offline assistant instead" in result["messages"][0]
    assert 3 <= len(result["values"]["takeaways"]) <= 5
    assert result["made_by"]["method"] == "software"


def test_an_unreachable_model_gives_a_message(client, editor, settings):
    settings.DATELINE_ASSISTANT_BACKEND = "openai"
    settings.DATELINE_ASSISTANT_BASE_URL = "http://127.0.0.1:9/v1"
    settings.DATELINE_ASSISTANT_MODEL = "absent"
    result = ask(client)
    assert "could not be reached" in result["messages"][0]
    assert result["values"]["takeaways"]


def test_model_calls_are_rate_limited_per_editor(client, editor, fake_model, settings):
    settings.DATELINE_ASSISTANT_RATE_LIMIT = 2
    fake_model.answer = (200, completion(json.dumps({"takeaways": MODEL_POINTS})))
    assert ask(client)["values"]["takeaways"] == MODEL_POINTS
    assert ask(client)["values"]["takeaways"] == MODEL_POINTS
    third = ask(client)
    assert "often" in third["messages"][0]
    assert third["made_by"]["method"] == "software"
    assert len(fake_model.requests) == 2
    # Another editor has a budget of their own.
    client.force_login(StaffFactory(group=DESK_EDITOR))
    assert ask(client)["values"]["takeaways"] == MODEL_POINTS


def test_headline_and_summary_offline_and_from_a_model(client, editor, settings):
    headline = ask(client, "headline")
    assert headline["values"]["headline"] == ""
    assert "does not write headlines" in headline["messages"][0]
    assert headline["offer"] == ""
    summary = ask(client, "summary")
    assert summary["values"]["summary"].startswith("Kenya opened three new cholera")


def test_a_models_headline_accepted_is_recorded(client, editor, fake_model):
    fake_model.answer = (
        200,
        completion(json.dumps({"headline": "Cholera centres open in Garissa"})),
    )
    story = StoryFactory(headline=HEADLINE, publish=False)
    answer = ask(client, "headline")
    assert answer["values"]["headline"] == "Cholera centres open in Garissa"
    # Even with the provenance the script set put back to staff, a model's headline makes the
    # story AI-assisted.
    data = form_data(
        assistant_offer=[answer["offer"]],
        title="Cholera centres open in Garissa county",
        provenance="staff",
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 302
    record = AcceptedSuggestion.objects.get()
    assert (record.kind, record.model, record.prompt, record.text) == (
        "headline",
        "test-model",
        "headline",
        "Cholera centres open in Garissa county",
    )
    saved = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert saved.provenance == Provenance.AI_ASSISTED


def test_tags_come_with_the_wire_taggers_countries_and_sectors(client, editor):
    answer = ask(client, "tags")
    assert answer["values"]["tags"]
    assert "Kenya" in answer["values"]["countries"]
    assert "Health" in answer["values"]["sectors"]


def test_a_very_long_story_is_cut_before_it_is_sent(client, editor, fake_model, settings):
    settings.DATELINE_ASSISTANT_MAX_INPUT_CHARS = 500
    fake_model.answer = (200, completion(json.dumps({"takeaways": MODEL_POINTS})))
    answer = ask(client, data=form_data(paragraphs=PARAGRAPHS * 40))
    assert "first 500 characters" in answer["messages"][0]
    user_message = fake_model.requests[0]["body"]["messages"][1]["content"]
    assert len(user_message) < 700


def test_the_desk_reads_the_record_and_nobody_adds_to_it_by_hand(client, editor):
    story = StoryFactory(headline=HEADLINE, publish=False)
    answer = ask(client)
    publish(client, story, [answer["offer"]], **takeaway_fields(answer["values"]["takeaways"]))
    listing = client.get(reverse("assistant_record:index"))
    assert listing.status_code == 200
    assert HEADLINE in listing.content.decode()
    record = AcceptedSuggestion.objects.get()
    inspect = client.get(reverse("assistant_record:inspect", args=[record.pk]))
    assert answer["values"]["takeaways"][0] in inspect.content.decode()
    assert client.get(reverse("assistant_record:add")).status_code in (302, 403)
    assert client.get(reverse("assistant_record:edit", args=[record.pk])).status_code in (302, 403)


def test_copy_in_a_language_the_offline_assistant_cannot_tell_is_flagged(client, editor):
    gibberish = [
        "Xqz vblorp tranquax mirvel donqua peshtrel vaskrin ulm oppwraq.",
        "Zorvax quindle prashtam velkor nimbrush tavvik olqua strennet.",
    ]
    answer = ask(client, data=form_data(paragraphs=gibberish))
    assert any("could not tell which language" in message for message in answer["messages"])
    assert answer["values"]["takeaways"]
