"""The place a card and the trending list name beside a headline is the country the story is about."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.newsroom.factories import StaffFactory, StoryFactory
from dateline.newsroom.forms import LEAD_NOT_AMONG_COUNTRIES
from dateline.newsroom.models import StoryIndexPage, StoryKind, StoryPage
from dateline.newsroom.roles import DESK_EDITOR
from dateline.taxonomy.models import Country, Sector

pytestmark = pytest.mark.django_db


def countries(*codes):
    return [Country.objects.get(code=code) for code in codes]


@pytest.mark.parametrize(
    ("place", "codes", "label"),
    [
        ("Freetown", ("GH", "SL"), "Sierra Leone"),
        ("Kigali", ("BI", "RW"), "Rwanda"),
        ("FREETOWN", ("GH", "SL"), "Sierra Leone"),
        ("Bo, Sierra Leone", ("GH", "SL"), "Sierra Leone"),
        ("BO", ("GH", "SL"), "Sierra Leone"),
        ("Kénéma", ("GH", "SL"), "Sierra Leone"),
        ("Accra", ("GH", "SL"), "Ghana"),
        ("Geneva", ("BI", "RW"), "Global"),
        ("", ("BI", "RW"), "Global"),
        ("Geneva", ("RW",), "Rwanda"),
        ("Freetown", (), "Global"),
    ],
)
def test_the_label_is_the_country_of_the_dateline_place(home, place, codes, label):
    story = StoryFactory(dateline_place=place, countries=countries(*codes))
    assert StoryPage.objects.get(pk=story.pk).region_label == label


def test_cards_name_the_country_the_story_is_about(client, home):
    StoryFactory(
        headline="Freetown clinics reopen after the floods",
        dateline_place="Freetown",
        countries=countries("GH", "SL"),
    )
    html = client.get("/news/").content.decode()
    assert "Sierra Leone" in html
    assert "Ghana" not in html


@pytest.fixture
def desk_client(client, home):
    client.force_login(StaffFactory(group=DESK_EDITOR))
    return client


def post_story(client, place, codes, lead):
    news = StoryIndexPage.objects.get(kind=StoryKind.NEWS)
    data = nested_form_data(
        {
            "title": "Border markets reopen",
            "slug": "border-markets-reopen",
            "summary": "Traders crossed again after two weeks.",
            "dateline_place": place,
            "body": streamfield([("paragraph", rich_text("<p>Stalls were full by noon.</p>"))]),
            "story_authors": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "provenance": "staff",
            "lead_country": Country.objects.get(code=lead).pk,
            "action-publish": "action-publish",
        }
    )
    data["countries"] = [country.pk for country in countries(*codes)]
    data["sectors"] = [Sector.objects.get(slug="health").pk]
    return client.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "storypage", news.pk]), data
    )


def test_the_lead_country_the_editor_chooses_comes_first(desk_client):
    response = post_story(desk_client, "Accra", ("GH", "SL"), lead="SL")
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Border markets reopen")
    assert story.live
    assert story.region_label == "Sierra Leone"


def test_the_lead_country_must_be_one_of_the_storys_countries(desk_client):
    response = post_story(desk_client, "Freetown", ("GH", "SL"), lead="RW")
    assert response.status_code == 200
    assert response.context["form"].errors["lead_country"] == [LEAD_NOT_AMONG_COUNTRIES]
    assert not StoryPage.objects.filter(title="Border markets reopen").exists()


def test_stories_saved_before_get_their_label_recomputed(home):
    migration = importlib.import_module(
        "dateline.newsroom.migrations.0006_region_label_from_the_dateline_place"
    )
    freetown = StoryFactory(dateline_place="Freetown", countries=countries("GH", "SL"))
    kigali = StoryFactory(dateline_place="Kigali", countries=countries("BI", "RW"))
    # What the alphabetical rule stored before.
    StoryPage.objects.filter(pk=freetown.pk).update(region_label="Ghana")
    StoryPage.objects.filter(pk=kigali.pk).update(region_label="Burundi")

    migration.recompute(apps, schema_editor=None)

    labels = dict(StoryPage.objects.values_list("pk", "region_label"))
    assert labels[freetown.pk] == "Sierra Leone"
    assert labels[kigali.pk] == "Rwanda"
