"""Posting, editing and deleting updates: what readers' pages and the updates endpoint show."""

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from dateline.live.coverage import delete_update, save_update, set_coverage_running
from dateline.live.models import LiveCoverage, LiveUpdate, LiveUpdateChange
from dateline.live.reader import changes_since

pytestmark = pytest.mark.django_db


def stream(html):
    """The updates shown in the page's stream (the head's structured data repeats some)."""
    return html[
        html.index('class="live__updates"') : html.index("</section>", html.index("live__updates"))
    ]


def endpoint(client, story, since):
    return client.get(reverse("live:updates", args=[story.pk]), {"since": since})


def test_published_updates_show_newest_first_with_time_authors_and_permalink(
    client, live_story, post
):
    first = post("Winds of 150 km/h reach the coast.")
    second = post("Evacuation centres are open in three districts.")
    html = client.get(live_story.url).content.decode()
    assert html.index("Evacuation centres") < html.index("Winds of 150 km/h")
    assert f'id="update-{second.pk}"' in html and f'href="#update-{first.pk}"' in html
    assert "Dana Desk" in html
    assert 'class="badge-live"' in html


def test_a_draft_is_not_shown_until_published(client, live_story, post):
    draft = post("Unconfirmed: a bridge has collapsed.", publish=False)
    assert draft.status == LiveUpdate.Status.DRAFT
    assert "bridge has collapsed" not in client.get(live_story.url).content.decode()
    assert changes_since(live_story.pk, 0)["updates"] == []
    save_update(draft, None, publish=True, authors=[])
    assert "bridge has collapsed" in client.get(live_story.url).content.decode()


def test_the_endpoint_gives_what_changed_after_a_version(client, live_story, post):
    first = post("First update.")
    answer = endpoint(client, live_story, 0).json()
    assert [update["id"] for update in answer["updates"]] == [first.pk]
    version = answer["version"]
    assert endpoint(client, live_story, version).json()["updates"] == []

    second = post("Second update.")
    answer = endpoint(client, live_story, version).json()
    assert [update["id"] for update in answer["updates"]] == [second.pk]
    assert "Second update." in answer["updates"][0]["html"]
    assert answer["version"] == version + 1


def test_edits_and_deletions_reach_open_pages_and_are_recorded(
    client, live_story, post, desk_editor, chief
):
    update = post("The storm surge is 2 metres.")
    version = LiveCoverage.objects.get(story=live_story).version
    update.body = [("paragraph", RichText("<p>The storm surge is 3 metres.</p>"))]
    save_update(update, chief, publish=True, authors=[])
    edited = endpoint(client, live_story, version).json()["updates"]
    assert edited[0]["state"] == "published" and "3 metres" in edited[0]["html"]
    assert "Edited" in edited[0]["html"]

    version = LiveCoverage.objects.get(story=live_story).version
    delete_update(update, chief)
    removed = endpoint(client, live_story, version).json()["updates"]
    assert removed == [
        {
            "id": update.pk,
            "state": "removed",
            "published_at": removed[0]["published_at"],
            "html": "",
        }
    ]
    assert "storm surge" not in client.get(live_story.url).content.decode()
    actions = list(
        LiveUpdateChange.objects.filter(update=update)
        .order_by("at", "pk")
        .values_list("action", "user__username")
    )
    assert actions == [("published", "dana"), ("edited", "chief"), ("deleted", "chief")]


def test_only_one_update_is_pinned_and_it_shows_above_the_others(client, live_story, post):
    old_pin = post("Helpline: 1070.", pinned=True)
    new_pin = post("Shelters are listed at block offices.", pinned=True)
    old_pin.refresh_from_db()
    assert not old_pin.pinned and new_pin.pinned
    html = client.get(live_story.url).content.decode()
    pinned_box = html[html.index('class="live__pinned"') : html.index("live__key-events")]
    assert "Shelters are listed" in pinned_box and "Helpline" not in pinned_box


def test_key_events_are_listed_with_links_to_their_updates(client, live_story, post):
    landfall = post(
        "The eye crossed the coast at 14:10.", key_event=True, key_event_title="Landfall"
    )
    html = client.get(live_story.url).content.decode()
    assert "Key events" in html
    assert f'href="#update-{landfall.pk}"' in html and "Landfall" in html


def test_older_updates_are_on_plain_pages(client, live_story, post):
    updates = [post(f"Update number {number}.") for number in range(25)]
    first_page = client.get(live_story.url).content.decode()
    assert "Update number 24." in stream(first_page) and "Update number 4." not in stream(
        first_page
    )
    assert 'href="?page=2"' in first_page
    second_page = client.get(live_story.url, {"page": 2}).content.decode()
    assert "Update number 4." in stream(second_page)
    assert "Update number 24." not in stream(second_page)
    assert "Newer updates" in second_page and 'data-live-archive="true"' in second_page
    assert updates[0].pk
    for bad in ("3", "0", "x", "-1", "99999999"):
        assert client.get(live_story.url, {"page": bad}).status_code == 404


def test_ended_coverage_says_so_and_stops_polling(client, live_story, post, chief):
    post("Last update of the day.")
    set_coverage_running(live_story, chief, running=False)
    html = client.get(live_story.url).content.decode()
    assert "Coverage ended" in html and 'class="badge-live"' not in html
    assert "js/live." not in html
    assert endpoint(client, live_story, 0).json()["ended"] is True


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", "9" * 19, ""])
def test_a_bad_version_is_a_400(client, live_story, since):
    response = endpoint(client, live_story, since)
    assert response.status_code == 400 and "since" in response.json()["error"]


def test_an_unknown_or_unpublished_story_is_a_404(client, live_story, home):
    assert client.get(reverse("live:updates", args=[live_story.pk + 1000])).status_code == 404
    live_story.unpublish()
    assert endpoint(client, live_story, 0).status_code == 404


def test_a_news_story_has_no_updates_endpoint(client, home):
    from dateline.newsroom.factories import StoryFactory

    story = StoryFactory()
    assert endpoint(client, story, 0).status_code == 404


def test_posting_drops_the_cached_live_page_and_endpoint_but_not_other_pages(
    client, live_story, post, django_capture_on_commit_callbacks
):
    from dateline.newsroom.factories import StoryFactory

    other = StoryFactory(headline="Unrelated story")
    post("Before.")
    version = LiveCoverage.objects.get(story=live_story).version
    for path in (live_story.url, other.url, "/"):
        client.get(path)
    assert endpoint(client, live_story, version).json()["updates"] == []
    assert client.get(other.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        post("Water is receding in the port.")
    assert "Water is receding" in client.get(live_story.url).content.decode()
    assert len(endpoint(client, live_story, version).json()["updates"]) == 1
    # Only this live story's pages were dropped: another story's page is still served cached.
    assert client.get(other.url)["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_the_endpoint_is_one_cache_entry_for_readers_who_are_up_to_date(client, live_story, post):
    post("Update.")
    version = LiveCoverage.objects.get(story=live_story).version
    first = endpoint(client, live_story, version)
    again = endpoint(client, live_story, version)
    assert first["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert "s-maxage=" in first["Cache-Control"] and "public" in first["Cache-Control"]
    revalidated = client.get(
        reverse("live:updates", args=[live_story.pk]),
        {"since": version},
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    assert revalidated.status_code == 304


def test_query_counts_of_the_live_page_and_the_endpoint(
    client, live_story, post, settings, django_assert_num_queries
):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    for number in range(45):
        post(f"Update {number}.", key_event=number % 10 == 0, key_event_title=f"Event {number}")
    post("Pinned.", pinned=True)
    client.get(live_story.url)  # fragments (trending, latest, head) built once
    # A story page's 6 (tests/fronts/test_query_counts.py) and three for the coverage, the
    # outline of its updates and the updates shown, however many there are.
    with django_assert_num_queries(9):
        assert client.get(live_story.url).status_code == 200
    with django_assert_num_queries(9):
        assert client.get(live_story.url, {"page": 2}).status_code == 200
    # The story, the coverage, the changed updates and the outline (pinned, key events).
    with django_assert_num_queries(4):
        assert endpoint(client, live_story, 0).status_code == 200
    version = LiveCoverage.objects.get(story=live_story).version
    with django_assert_num_queries(2):
        assert endpoint(client, live_story, version).status_code == 200


def test_fronts_lead_with_a_running_live_story_its_badge_and_latest_update(
    client, live_story, post, chief
):
    from dateline.newsroom.factories import StoryFactory

    StoryFactory(headline="A newer ordinary story")
    update = post("Landfall confirmed.")
    home = client.get("/").content.decode()
    lead = home[home.index("card--lead") :]
    assert lead.index("Cyclone Mira makes landfall") < lead.index("A newer ordinary story")
    card = lead[: lead.index("</article>")]
    assert 'class="badge-live"' in card and "Latest update" in card
    assert update.published_at.replace(microsecond=0).isoformat() in card

    set_coverage_running(live_story, chief, running=False)
    home = client.get("/").content.decode()
    assert "Cyclone Mira makes landfall" not in home[: home.index("A newer ordinary story")]
