from datetime import UTC, datetime

import pytest
from django.utils import timezone

from dateline.media.factories import NewsImageFactory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import PROVENANCE_NOTES, Provenance, StoryKind, StoryNote
from dateline.taxonomy.models import Agency, Country, Edition

pytestmark = pytest.mark.django_db


def test_story_lands_in_its_sections_year_folder(home):
    story = StoryFactory(kind=StoryKind.OPINION, slug="a-view")
    year = timezone.localtime(story.first_published_at).year
    assert story.url == f"/opinion/{year}/a-view/"
    assert story.get_parent().specific.title == str(year)


def test_editions_are_derived_from_countries_unless_chosen(home):
    story = StoryFactory(countries=[Country.objects.get(code="JP"), Country.objects.get(code="KE")])
    assert {e.slug for e in story.editions.all()} == {"east-south-east-asia", "east-africa"}
    chosen = StoryFactory(editions=[Edition.objects.get(slug="pacific")])
    assert [e.slug for e in chosen.editions.all()] == ["pacific"]


@pytest.mark.parametrize("provenance", [p for p in Provenance if PROVENANCE_NOTES[p]])
def test_article_ends_with_its_provenance_note(client, home, provenance):
    story = StoryFactory(provenance=provenance)
    html = client.get(story.url).content.decode()
    assert PROVENANCE_NOTES[provenance] in html


def test_staff_story_has_no_provenance_note(client, home):
    html = client.get(StoryFactory(provenance=Provenance.STAFF).url).content.decode()
    assert "With inputs from agencies" not in html
    assert "syndicated feed" not in html


def test_article_page_shows_everything_in_order(client, home, settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    author = AuthorFactory(name="Meera Pillai")
    image = NewsImageFactory(digital_source_type="trainedAlgorithmicMedia")
    published = datetime(2025, 4, 8, 5, 46, tzinfo=UTC)
    story = StoryFactory(
        headline="Wells run dry in Chennai suburbs",
        summary="Groundwater has fallen for a third year.",
        authors=[author],
        dateline_place="Chennai",
        hero_image=image,
        hero_caption="A dry well",
        agencies=[Agency.objects.create(name="Example Wire", slug="example-wire", credit="EXW")],
        provenance=Provenance.AGENCY_REWRITE,
        first_published_at=published,
        notes=[(StoryNote.Kind.CORRECTION, "An earlier version misnamed the district.", published)],
    )
    html = client.get(story.url).content.decode()
    head, html = html.split("<main", 1)
    order = [
        "Wells run dry in Chennai suburbs",
        "Groundwater has fallen for a third year.",
        "Meera Pillai",
        "Updated: <time",
        "08-04-2025 11:16 IST</time> | Created: <time",
        "A dry well",
        "This image is AI-generated and does not depict any real-life event or location.",
        "Body paragraph of story",
        "(With inputs from agencies.)",
        "An earlier version misnamed the district.",
        "EXW",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{story.url}">' in head
    assert '<meta name="description" content="Groundwater has fallen for a third year.">' in head


def test_related_stories_share_classification(client, home):
    kenya = Country.objects.get(code="KE")
    story = StoryFactory(countries=[kenya], tags=["drought"])
    close = StoryFactory(countries=[kenya], tags=["drought"], headline="Close relative")
    StoryFactory(
        countries=[Country.objects.get(code="PE")],
        tags=["mining"],
        headline="Unrelated",
        sectors=[],
    )
    related = story.related_stories()
    assert close in related
    assert all(s.title != "Unrelated" for s in related)


def test_desk_byline_when_no_author(client, home):
    from dateline.newsroom.models import Desk

    story = StoryFactory(desk=Desk.objects.create(name="Health Desk", slug="health-desk"))
    assert "Health Desk" in client.get(story.url).content.decode()
