"""The demo as `make demo` loads it, read through the database and the reader's pages: every
story agrees with its text (sectors, countries, dateline), every picture is labelled for what it
is, and neither the home page nor any edition's front shows a story twice.

Loading the demo takes a while, so it is loaded once for this module, inside a transaction
that is rolled back afterwards."""

import io
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from dateline.assistant.models import AcceptedSuggestion
from dateline.demo.generator import PLACES
from dateline.demo.management.commands.load_demo import LOGINS
from dateline.media.models import AI_SOURCE_TYPES
from dateline.newsroom.models import StoryKind, StoryPage, TakeawaysMethod
from dateline.taxonomy.models import Edition
from dateline.wire.tagging import countries_in
from tests.fronts.test_front import repeated_stories

from .test_story_consistency import SECTOR_NAMED

pytestmark = pytest.mark.django_db

LOADED_STORIES = 150


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        # Fewer stories than `make demo` loads: test_story_consistency checks the generator's
        # whole default output without a database; this checks what storing them keeps.
        call_command("load_demo", "--quiet", "--stories", str(LOADED_STORIES), stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo_stories(demo_output):
    """The stories the demo generator wrote; the wire desk's demo feeds publish a few more, and
    the live coverage demo one (tested below)."""
    return list(
        StoryPage.objects.live()
        .filter(wire_items=None)
        .exclude(kind=StoryKind.LIVE)
        .select_related("hero_image")
        .prefetch_related("sectors", "countries", "editions")
    )


def label(story):
    return f"{story.title!r} {[s.slug for s in story.sectors.all()]}"


def test_every_story_asked_for_is_loaded(demo_stories):
    assert len(demo_stories) == LOADED_STORIES


def test_every_sector_a_story_is_listed_under_is_named_on_its_card(demo_stories):
    for story in demo_stories:
        for sector in story.sectors.all():
            assert SECTOR_NAMED[sector.slug].search(f"{story.title} {story.summary}"), label(story)


def test_the_countries_named_in_a_story_are_its_countries_and_editions(demo_stories):
    for story in demo_stories:
        codes = {country.code for country in story.countries.all()}
        named = countries_in(
            story.title, f"{story.summary} {story.body_html}", story.dateline_place
        )
        assert set(named) == codes, f"names {sorted(named)}, filed under {codes}: {label(story)}"
        if codes:
            assert {e.slug for e in story.editions.all()} == {
                e.slug for e in Edition.objects.filter(countries__code__in=codes)
            }, label(story)


def test_the_dateline_is_a_city_of_one_of_the_story_countries(demo_stories):
    for story in demo_stories:
        cities = {city for c in story.countries.all() for city in PLACES[c.code].cities}
        assert story.dateline_place in (cities or {""}), label(story)


def test_every_picture_is_an_illustration_labelled_as_generated(demo_stories):
    pictured = [story for story in demo_stories if story.hero_image]
    assert pictured
    for story in pictured:
        image = story.hero_image
        # The pictures depict nobody and nowhere: no caption or alt text may say otherwise.
        assert image.digital_source_type in AI_SOURCE_TYPES, label(story)
        assert image.alt_text.startswith("Abstract illustration"), label(story)
        assert story.hero_caption.startswith("Illustration for this story on "), label(story)


def test_no_front_shows_a_story_twice(client, demo_stories):
    urls = {story.url for story in StoryPage.objects.live()}
    fronts = ["/", *(f"/editions/{edition.slug}/" for edition in Edition.objects.all())]
    for front in fronts:
        response = client.get(front)
        assert response.status_code == 200, front
        assert repeated_stories(response.content.decode(), urls) == {}, front


def test_load_demo_prints_the_logins(demo_output):
    for username, password, _group, _what in LOGINS:
        assert f"{username:<8} {password:<20}" in demo_output


def test_the_readme_gives_the_logins_load_demo_prints():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| ")]
    for username, password, group, _what in LOGINS:
        assert any(f"| {group} | `{username}` | `{password}` |" in row for row in rows), (
            f"README has no row for {username}"
        )


def test_interviews_keep_each_question_with_its_answer(demo_stories):
    interviews = [story for story in demo_stories if story.kind == StoryKind.INTERVIEW]
    assert interviews
    for story in interviews:
        blocks = list(story.body)
        for block, following in pairwise(blocks):
            if block.block_type == "paragraph" and str(block.value).startswith("<p>Q:"):
                assert str(following.value).startswith("<p>A:"), label(story)


def test_the_demo_has_running_live_coverage_on_home(client, demo_output):
    from dateline.live.models import LiveUpdate

    story = StoryPage.objects.live().get(kind=StoryKind.LIVE)
    updates = LiveUpdate.objects.filter(story=story).published()
    assert updates.count() >= 30
    assert updates.filter(pinned=True).count() == 1 and updates.filter(key_event=True).count() >= 3
    page = client.get(story.url).content.decode()
    assert 'class="badge-live"' in page and "Key events" in page and "fictional" in page
    assert story.title in client.get("/live/").content.decode()


def test_some_stories_have_takeaways_from_the_offline_assistant_recorded_as_such(
    demo_stories, client
):
    with_takeaways = [story for story in demo_stories if story.takeaways]
    assert 10 <= len(with_takeaways) < len(demo_stories)
    records = {
        record.story_id: record for record in AcceptedSuggestion.objects.filter(kind="takeaways")
    }
    for story in with_takeaways:
        assert story.takeaways_method == TakeawaysMethod.SOFTWARE
        assert 1 <= len(story.takeaways) <= 5
        record = records[story.pk]
        assert (record.backend, record.model, record.editor) == ("offline", "", None)
        assert record.text == "\n".join(story.takeaways)
    page = client.get(with_takeaways[0].url).content.decode()
    assert "Key takeaways" in page
    assert "Suggested by software from the story&#x27;s own sentences" in page
