"""A live story's structured data, Atom feed and content API."""

import feedparser
import pytest
from lxml import etree
from wagtail.rich_text import RichText

from dateline.live.coverage import delete_update, save_update, set_coverage_running
from dateline.live.models import LiveUpdate
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind

from .api_calls import get
from .test_structured_data import json_ld, node

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage(home):
    reporter = AuthorFactory(name="Ravi Menon", slug="ravi-menon")
    story = StoryFactory(
        kind=StoryKind.LIVE, headline="Election results, live", summary="Counting day."
    )

    def post(text, **flags):
        update = LiveUpdate(story=story, body=[("paragraph", RichText(f"<p>{text}</p>"))], **flags)
        return save_update(update, None, publish=True, authors=[reporter])

    first = post("Counting has begun in 40 constituencies.")
    second = post("The first leads are in.", key_event=True, key_event_title="First leads")
    return story, post, [first, second]


def test_a_live_story_is_a_live_blog_posting_with_its_updates(client, coverage):
    story, _post, (_first, second) = coverage
    live = node(json_ld(client.get(story.url).content.decode()), "LiveBlogPosting")
    assert live["coverageStartTime"] == story.first_published_at.isoformat()
    assert "coverageEndTime" not in live
    newest = live["liveBlogUpdate"][0]
    assert newest["@type"] == "BlogPosting" and newest["headline"] == "First leads"
    assert newest["articleBody"] == "The first leads are in."
    assert newest["url"].endswith(f"{story.url}#update-{second.pk}")
    assert newest["datePublished"] == second.published_at.isoformat()
    assert newest["author"][0]["name"] == "Ravi Menon"
    assert [entry["articleBody"] for entry in live["liveBlogUpdate"]] == [
        "The first leads are in.",
        "Counting has begun in 40 constituencies.",
    ]


def test_ended_coverage_has_an_end_time(client, coverage):
    story, _post, _updates = coverage
    ended = set_coverage_running(story, None, running=False)
    live = node(json_ld(client.get(story.url).content.decode()), "LiveBlogPosting")
    assert live["coverageEndTime"] == ended.ended_at.isoformat()


def test_the_atom_feed_of_updates_is_valid_and_newest_first(client, coverage, atom_schema):
    story, post, (_first, second) = coverage
    response = client.get(f"/feeds/live/{story.pk}/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_schema.validate(etree.fromstring(response.content)), atom_schema.error_log
    parsed = feedparser.parse(response.content)
    assert parsed.entries[0].title == "First leads"
    assert parsed.entries[0].link.endswith(f"#update-{second.pk}")
    assert parsed.entries[1].author == "Ravi Menon"
    page = client.get(story.url).content.decode()
    assert (
        f'type="application/atom+xml" title="Election results, live: live updates" href="/feeds/live/{story.pk}/"'
        in page
    )
    # A new update is in the feed at once: its cached copy is dropped with the live page.
    post("Turnout was 67 per cent.")
    parsed = feedparser.parse(client.get(f"/feeds/live/{story.pk}/").content)
    assert "Turnout was 67 per cent." in parsed.entries[0].content[0].value


def test_no_feed_for_stories_that_are_not_live(client, home):
    story = StoryFactory()
    assert client.get(f"/feeds/live/{story.pk}/").status_code == 404
    assert client.get("/feeds/live/999999/").status_code == 404


def test_the_api_gives_updates_as_ninjs_and_changes_since_a_version(
    key,
    client,
    coverage,
    ninjs_validator,
):
    story, post, (first, second) = coverage
    url = f"/api/v1/stories/{story.pk}/updates/"
    answer = get(client, key, url).json()
    assert [item["id"] for item in answer["items"]] == [second.pk, first.pk]
    assert answer["items"][0]["key_event"] is True and answer["ended"] is False
    for item in answer["items"]:
        ninjs_validator.validate(item["ninjs"])
    version = answer["version"]
    third = post("A recount is ordered in one seat.")
    delete_update(first, None)
    changed = get(client, key, url, {"since": version}).json()
    states = {item["id"]: item["ninjs"]["pubstatus"] for item in changed["items"]}
    assert states == {third.pk: "usable", first.pk: "canceled"}
    bad = get(client, key, url, {"since": "x"})
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "since"
    news = StoryFactory()
    missing = get(client, key, f"/api/v1/stories/{news.pk}/updates/")
    assert missing.status_code == 404
    assert client.get(url).status_code == 401
