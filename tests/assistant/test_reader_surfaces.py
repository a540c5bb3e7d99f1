"""Accepted takeaways where readers and partners meet them: the article, its JSON-LD, the
content API; and the story form's honesty about how they were made."""

import pytest
from django.urls import reverse

from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.models import Provenance, StoryPage, TakeawaysMethod
from dateline.newsroom.roles import DESK_EDITOR
from tests.assistant.test_suggestions import form_data, takeaway_fields
from tests.syndication.api_calls import get
from tests.syndication.test_structured_data import json_ld, node

pytestmark = pytest.mark.django_db

POINTS = ["Three cholera centres open in Garissa.", "412 cases since October."]


@pytest.fixture
def story(home):
    return StoryFactory(
        headline="Kenya opens cholera centres",
        takeaways=POINTS,
        takeaways_method=TakeawaysMethod.SOFTWARE,
    )


def test_the_article_json_ld_carries_the_takeaways_as_its_abstract(client, story):
    article = node(json_ld(client.get(story.url).content.decode()), "NewsArticle")
    assert article["abstract"] == "\n".join(POINTS)


def test_a_story_without_takeaways_shows_no_box_and_no_abstract(client, home):
    story = StoryFactory(headline="Rain returns")
    html = client.get(story.url).content.decode()
    assert "Key takeaways" not in html
    assert "abstract" not in node(json_ld(html), "NewsArticle")


def test_the_content_api_gives_each_takeaway_as_a_description(client, story):
    from dateline.syndication.models import issue_api_key

    key = issue_api_key("assistant tests")[1]
    item = get(client, key, "/api/v1/stories/").json()["items"][0]
    assert item["descriptions"][:3] == [
        {"role": "summary", "value": story.summary},
        {"role": "takeaway", "value": POINTS[0]},
        {"role": "takeaway", "value": POINTS[1]},
    ]


def test_a_model_made_story_from_code_is_ai_assisted(home):
    story = StoryFactory(
        takeaways=POINTS, takeaways_method=TakeawaysMethod.MODEL, takeaways_model="llama3.1:8b"
    )
    assert story.provenance == Provenance.AI_ASSISTED
    assert story.takeaways_note == (
        "Suggested by the language model llama3.1:8b and checked by an editor."
    )


def save(client, story, **fields):
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), form_data(**fields))
    return response, StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()


def test_the_form_keeps_the_label_honest(client, home):
    client.force_login(StaffFactory(group=DESK_EDITOR))
    story = StoryFactory(publish=False)
    # Cleared takeaways are nobody's: the method goes back to editors.
    response, saved = save(client, story, takeaways_method="software")
    assert response.status_code == 302
    assert saved.takeaways == [] and saved.takeaways_method == TakeawaysMethod.EDITORS
    # A model's takeaways need the model's name, and make the story AI-assisted.
    response, _saved = save(client, story, takeaways_method="model", **takeaway_fields(POINTS))
    assert response.status_code == 200
    assert "Name the language model" in response.content.decode()
    response, saved = save(
        client, story, takeaways_method="model", takeaways_model="m", **takeaway_fields(POINTS)
    )
    assert response.status_code == 302
    assert saved.provenance == Provenance.AI_ASSISTED
    # A point too long for the box is refused, with a message, and nothing is saved.
    response, saved = save(client, story, **takeaway_fields(["x" * 301]))
    assert response.status_code == 200
    assert "under 300 characters" in response.content.decode()
    assert saved.takeaways == POINTS
