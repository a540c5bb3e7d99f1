import re

import pytest
from django.contrib.auth.models import User

from dateline.fronts.models import HomePage, PinnedStory
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import StoryKind
from dateline.taxonomy.models import Country, Edition

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def stories(module_transaction, django_db_blocker):
    """One story of each kind, built once for the module: its tests only read them."""
    with django_db_blocker.unblock():
        return story_of_each_kind()


def story_of_each_kind():
    india, kenya = Country.objects.get(code="IN"), Country.objects.get(code="KE")
    author = AuthorFactory(name="Ravi Menon", slug="ravi-menon")
    made = {
        kind: StoryFactory(kind=kind, countries=[india], authors=[author]) for kind in StoryKind
    }
    made["kenya"] = StoryFactory(headline="Nairobi water board expands kiosks", countries=[kenya])
    return made


def test_every_page_type_renders(client, stories):
    urls = [
        "/",
        "/latest/",
        "/editions/south-asia/",
        "/editions/global/",
        "/sectors/wash/",
        "/countries/india/",
        "/tags/water/",
        "/authors/ravi-menon/",
        "/authors/",
        "/search/?q=water",
        "/search/",
        "/about/",
        "/privacy-policy/",
        *[
            f"/{slug}/"
            for slug in (
                "news",
                "analysis",
                "opinion",
                "blogs",
                "interviews",
                "briefs",
                "press-releases",
            )
        ],
        *[story.url for story in stories.values()],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<h1" in response.content, url


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=99999",
        "page=1.5",
        "page=%00",
        "page=" + "9" * 400,
        "page= 2",
    ],
)
def test_bad_page_numbers_are_404_not_500(client, stories, query):
    for path in ("/latest/", "/sectors/wash/", "/news/", "/countries/india/"):
        assert client.get(f"{path}?{query}").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "\x00\x01",
        "water AND",
        '"unbalanced',
        "(((",
        "*",
        "%",
        "🙂 water",
        "<script>alert(1)</script>",
    ],
)
def test_odd_search_queries_are_answered(client, stories, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_long_search_is_cut_and_says_so(client, stories):
    response = client.get("/search/", {"q": "water " * 100})
    assert "first 200 characters" in response.content.decode()


def test_search_finds_a_headline_word(client, stories):
    html = client.get("/search/", {"q": "Nairobi kiosks"}).content.decode()
    assert "<mark>Nairobi</mark> water board expands <mark>kiosks</mark>" in html


def test_unknown_slugs_are_404(client, home):
    for url in (
        "/sectors/nope/",
        "/countries/atlantis/",
        "/tags/nope/",
        "/authors/nobody/",
        "/editions/mars/",
    ):
        assert client.get(url).status_code == 404
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_edition_front_shows_only_its_region(client, stories):
    html = client.get("/editions/south-asia/").content.decode()
    assert stories[StoryKind.NEWS].title in html
    assert "Nairobi water board expands kiosks" not in html
    assert (
        "Nairobi water board expands kiosks"
        in client.get("/editions/east-africa/").content.decode()
    )


def test_choosing_an_edition_is_remembered_in_a_cookie(client, stories):
    response = client.get("/editions/choose/", {"edition": "east-africa"})
    assert response.status_code == 302
    assert response["Location"] == "/editions/east-africa/"
    assert response.cookies["edition"].value == "east-africa"
    home_html = client.get("/").content.decode()
    assert "East Africa edition" in home_html
    assert client.get("/editions/choose/", {"edition": "mars"}).status_code == 404


def test_choose_edition_never_redirects_off_site(client, stories):
    response = client.get(
        "/editions/choose/", {"edition": "pacific", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/editions/pacific/"


def test_geo_header_picks_the_first_edition(client, stories, settings):
    settings.DATELINE_GEO_HEADER = "CF-IPCountry"
    html = client.get("/", HTTP_CF_IPCOUNTRY="KE").content.decode()
    assert "East Africa edition" in html
    chosen = client.get("/", HTTP_CF_IPCOUNTRY="KE", HTTP_COOKIE="edition=pacific").content.decode()
    assert "Pacific edition" in chosen
    assert "Global edition" in client.get("/", HTTP_CF_IPCOUNTRY="ZZ").content.decode()


def test_pinned_story_leads_the_front(client, stories):
    home = HomePage.objects.get()
    older = stories[StoryKind.ANALYSIS]
    PinnedStory.objects.create(home=home, story=older, edition=Edition.objects.get(slug="global"))
    html = client.get("/").content.decode()
    lead = html.index("card--lead")
    assert html.index(older.title, lead) < html.index("top-stories__rest")


def test_front_has_strips_briefs_and_sector_blocks(client, stories):
    html = client.get("/").content.decode()
    assert "Opinion, blogs and interviews" in html
    assert stories[StoryKind.OPINION].title in html
    assert stories[StoryKind.BRIEF].title in html
    assert 'id="sector-wash"' in html


def test_footer_links_sectors_editions_and_legal_pages(client, home):
    html = client.get("/").content.decode()
    for text in (
        'href="/sectors/agro-forestry/"',
        'href="/editions/latin-america-caribbean/"',
        'href="/privacy-policy/"',
        'href="/feed/"',
        'href="/terms-of-use/"',
        'href="/disclaimer/"',
    ):
        assert text in html


def test_unpublished_and_sponsored_stories(client, stories):
    draft = StoryFactory(headline="Draft never seen", publish=False)
    assert draft.title not in client.get("/latest/").content.decode()
    assert client.get(f"/news/{draft.get_parent().slug}/{draft.slug}/").status_code == 404
    sponsored = StoryFactory(headline="Paid partner content", sponsored=True)
    assert "Sponsored" in client.get(sponsored.url).content.decode()


def test_logged_in_editor_gets_fresh_pages(client, stories):
    client.get("/latest/")
    editor = User.objects.create_superuser("boss", password="pw")
    client.force_login(editor)
    response = client.get("/latest/")
    assert "X-Page-Cache" not in response


def test_writers_page_lists_authors_with_their_pages(client, stories):
    html = client.get("/authors/").content.decode()
    assert 'href="/authors/ravi-menon/"' in html
    assert "Ravi Menon" in html


def test_each_search_landmark_on_the_results_page_has_its_own_name(client, home):
    """Screen readers list landmarks by name: two unnamed search forms read as one twice."""
    page = client.get("/search/?q=water").content.decode()
    names = re.findall(r'<form[^>]*role="search"[^>]*aria-label="([^"]+)"', page)
    assert len(names) == 2
    assert len(set(names)) == 2
