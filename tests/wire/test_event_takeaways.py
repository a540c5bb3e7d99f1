"""Key takeaways of a cluster's event, suggested on the desk: the editor edits them, and the story
created from the cluster starts with the points kept, recorded and labelled as they were made."""

import html
import json
import re

import pytest
from django.urls import reverse

from dateline.assistant.models import AcceptedSuggestion
from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.models import Provenance, StoryPage, TakeawaysMethod
from dateline.newsroom.roles import DESK_EDITOR
from tests.assistant.fake_model import completion
from tests.wire.malawi import MALAWI, flashed

pytestmark = pytest.mark.django_db

POINTS = re.compile(r'<textarea[^>]*name="takeaways"[^>]*>(.*?)</textarea>', re.DOTALL)
OFFER = re.compile(r'name="takeaways_offer" value="([^"]*)"')


def suggest(client, cluster):
    return client.post(
        reverse("wire_desk:cluster_takeaways", args=[cluster.pk]), {"picture": "none"}
    )


def points_of(response):
    return [html.unescape(point) for point in POINTS.findall(response.content.decode())]


def create(client, cluster, points, offer):
    return client.post(
        reverse("wire_desk:cluster_story", args=[cluster.pk]),
        {"picture": "none", "takeaways": points, "takeaways_offer": offer},
    )


def report_texts():
    return [" ".join([headline, *paragraphs]) for headline, paragraphs in MALAWI]


def test_the_desk_suggests_the_events_takeaways_and_the_story_keeps_those_kept(
    editor_client, editor, malawi_cluster
):
    page = editor_client.get(reverse("wire_desk:cluster", args=[malawi_cluster.pk]))
    assert "Suggest key takeaways" in page.content.decode()

    response = suggest(editor_client, malawi_cluster)
    assert response.status_code == 200
    points = points_of(response)
    assert 3 <= len(points) <= 5
    # Each point is a sentence of a report (or its start), and the desk says whose.
    for point in points:
        assert any(point.rstrip(".") in text for text in report_texts()), point
    content = response.content.decode()
    assert "From Harbourline News Service\u2019s report" in content
    assert "From Food and Agriculture Organization\u2019s report" in content
    offer = OFFER.search(content).group(1)

    edited = ["Floods in southern Malawi killed 14 people.", points[1], "  "]
    response = create(editor_client, malawi_cluster, edited, offer)
    story = StoryPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert story.takeaways == edited[:2]
    assert story.takeaways_method == TakeawaysMethod.REPORTS
    assert "agency reports this story is based on" in story.takeaways_note
    assert story.provenance == Provenance.AGENCY_REWRITE
    record = AcceptedSuggestion.objects.get()
    assert (record.kind, record.story, record.editor) == ("takeaways", story, editor)
    assert record.text == "\n".join(edited[:2]) and record.backend == "offline"
    # The editor opens the draft with the points in the takeaway boxes.
    editor_page = editor_client.get(response.url).content.decode()
    assert "Floods in southern Malawi killed 14 people." in editor_page


def test_a_story_without_takeaways_records_nothing(editor_client, malawi_cluster):
    offer = OFFER.search(suggest(editor_client, malawi_cluster).content.decode()).group(1)
    create(editor_client, malawi_cluster, ["", " "], offer)
    assert StoryPage.objects.get().takeaways == []
    assert not AcceptedSuggestion.objects.exists()


@pytest.mark.parametrize("offer", ["", "forged-offer"])
def test_points_not_from_a_suggestion_made_for_the_editor_create_no_story(
    editor_client, malawi_cluster, offer
):
    response = create(editor_client, malawi_cluster, ["Made up by a browser."], offer)
    assert response.status_code == 400
    assert not StoryPage.objects.exists()
    assert "could not be matched to a suggestion made for you" in response.content.decode()


def test_another_editors_suggestion_is_not_accepted(editor_client, malawi_cluster):
    offer = OFFER.search(suggest(editor_client, malawi_cluster).content.decode()).group(1)
    editor_client.force_login(StaffFactory(username="kofi", group=DESK_EDITOR))
    response = create(editor_client, malawi_cluster, ["A point."], offer)
    assert response.status_code == 400
    assert not StoryPage.objects.exists()


def test_a_models_takeaways_make_the_story_ai_assisted(editor_client, malawi_cluster, fake_model):
    written = ["Floods killed 14 people in southern Malawi.", "FAO will help 8,000 households."]
    fake_model.answer = (200, completion(json.dumps({"takeaways": written})))
    response = suggest(editor_client, malawi_cluster)
    assert points_of(response) == written
    assert "Written by the language model test-model" in response.content.decode()
    prompt = fake_model.requests[0]["body"]["messages"][1]["content"]
    assert "(Harbourline News Service)" in prompt and "Quick replanting" in prompt

    offer = OFFER.search(response.content.decode()).group(1)
    create(editor_client, malawi_cluster, written, offer)
    story = StoryPage.objects.get()
    assert story.takeaways == written
    assert (story.takeaways_method, story.takeaways_model) == (TakeawaysMethod.MODEL, "test-model")
    assert story.provenance == Provenance.AI_ASSISTED
    assert AcceptedSuggestion.objects.get().model == "test-model"


def test_a_failing_model_leaves_the_reports_own_sentences_and_says_why(
    editor_client, malawi_cluster, fake_model
):
    fake_model.answer = (200, completion("not json"))
    response = suggest(editor_client, malawi_cluster)
    points = points_of(response)
    assert points and all(any(p.rstrip(".") in t for t in report_texts()) for p in points)
    assert any("offline assistant instead" in message for message in flashed(response))
