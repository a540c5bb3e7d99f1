"""A story keeps no character XML cannot carry, however its text came in: one pasted vertical
tab in a summary used to take down every feed that carried the story."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.core.text import xml_safe, xml_safe_data
from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.models import StoryNote, StoryPage
from dateline.newsroom.roles import DESK_EDITOR
from tests.strategies import UNCARRIABLE, text_with

pytestmark = pytest.mark.django_db

TEXT = text_with(UNCARRIABLE, max_size=40)


def stored_text(story):
    """Every piece of text a story stores that a reader, a feed or a partner may be shown."""
    story = StoryPage.objects.get(pk=story.pk)
    revision = story.get_latest_revision()
    return [
        story.title,
        story.draft_title,
        story.summary,
        story.hero_caption,
        story.dateline_place,
        story.body_html,
        story.body.get_prep_value(),
        story.reader_meta,
        revision.content,
        *story.notes.values_list("text", flat=True),
    ]


def assert_xml_safe(values):
    assert xml_safe_data(values) == values


def test_a_desk_editor_pastes_control_characters_and_the_feeds_stay_up(client, home):
    story = StoryFactory(headline="Wells repaired", notes=[])
    editor = StaffFactory(username="dara", group=DESK_EDITOR)
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Wells\ufffe repaired\x0b before the monsoon",
            "slug": story.slug,
            "summary": "A district\x0b repairs its wells.\x1f",
            "hero_caption": "Pune\x08",
            "dateline_place": "Pune\x01",
            "tags": "water, flood\x0bwatch, \x0c",
            "body": streamfield([("paragraph", rich_text("<p>The river\x0c peaked.</p>"))]),
            "story_authors": inline_formset([]),
            "notes": inline_formset(
                [{"kind": "update", "text": "Adds\x0b figures.", "noted_at": "2025-01-31 09:30"}]
            ),
            "comments": inline_formset([]),
            "provenance": "staff",
            "action-publish": "action-publish",
        }
    )
    data["sectors"] = [sector.pk for sector in story.sectors.all()]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    story.refresh_from_db()
    assert story.title == "Wells repaired before the monsoon"
    assert story.summary == "A district repairs its wells."
    assert (story.hero_caption, story.dateline_place) == ("Pune", "Pune")
    assert "The river peaked." in story.body_html
    assert list(story.notes.values_list("text", flat=True)) == ["Adds figures."]
    assert sorted(story.tags.names()) == ["floodwatch", "water"]
    assert_xml_safe(stored_text(story))
    client.logout()
    for url in ("/feed/", "/feed/atom/?full=1", "/sitemap-news.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Wells repaired before the monsoon" in response.content.decode(), url


def test_a_headline_of_control_characters_alone_is_refused_as_empty(client, home):
    story = StoryFactory(headline="Wells repaired", notes=[])
    client.force_login(StaffFactory(username="dara", group=DESK_EDITOR))
    data = nested_form_data(
        {
            "title": "\x0b\x0c",
            "slug": story.slug,
            "summary": "A summary.",
            "body": streamfield([]),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": "staff",
            "action-publish": "action-publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert StoryPage.objects.get(pk=story.pk).title == "Wells repaired"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT, publish=st.booleans())
def test_stories_made_from_code_store_only_what_xml_can_carry(home, text, publish):
    story = StoryFactory(
        headline=f"Floods {text}",
        summary=f"Rain {text}",
        body=[
            ("paragraph", f"<p>{text}</p>"),
            ("quote", {"text": f"Quote {text}", "attribution": text}),
            ("fact_box", {"title": f"Facts {text}", "facts": [text]}),
        ],
        hero_caption=text,
        dateline_place=text[:100],
        notes=[(StoryNote.Kind.CORRECTION, f"Fixes {text}", timezone.now() - timedelta(hours=1))],
        publish=publish,
    )
    assert_xml_safe(stored_text(story))
    assert StoryPage.objects.get(pk=story.pk).summary == xml_safe(f"Rain {text}")
