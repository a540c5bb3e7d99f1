"""Search as a reader uses it: what comes first, typos, newest first, marked words, odd input."""

import re
from datetime import timedelta
from urllib.parse import quote_from_bytes

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.newsroom.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def story(headline, summary="A district report.", body="Officials gave no figures.", days=1):
    return StoryFactory(
        headline=headline,
        summary=summary,
        body=[("paragraph", f"<p>{body}</p>")],
        first_published_at=days_ago(days),
    )


def headlines(html):
    """The result headlines in order, as a reader reads them (marks removed)."""
    titles = re.findall(r'class="card__title"><a [^>]*>(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def flood_stories(home):
    return {
        # The body says "flood" over and over and the story is the newest: a ranking that only
        # counts words puts it first.
        "body": story(
            "Budget talks stall in the capital",
            body="Flood flood flood: the flood fund, flood maps and flood walls were discussed.",
            days=1,
        ),
        "summary": story(
            "Drainage works begin in Dhaka",
            summary="Crews clear canals before the flood season.",
            days=2,
        ),
        "old_headline": story("Flood defences hold in Assam", days=9),
        "new_headline": story("Floods reach Sylhet as rivers rise", days=5),
    }


def test_headline_matches_come_first_then_summary_then_body(client, flood_stories):
    assert headlines(search(client, q="flood")) == [
        "Floods reach Sylhet as rivers rise",
        "Flood defences hold in Assam",
        "Drainage works begin in Dhaka",
        "Budget talks stall in the capital",
    ]


def test_newest_first_orders_by_date_and_pages_keep_the_order(client, flood_stories):
    assert headlines(search(client, q="flood", sort="newest")) == [
        "Budget talks stall in the capital",
        "Drainage works begin in Dhaka",
        "Floods reach Sylhet as rivers rise",
        "Flood defences hold in Assam",
    ]
    html = search(client, q="flood", sort="newest")
    assert '<option value="newest" selected>' in html


def test_an_unknown_order_is_ignored(client, flood_stories):
    for sort in ("oldest", "", "newest\x00", "ü" * 300):
        html = search(client, q="flood", sort=sort)
        assert headlines(html)[0] == "Floods reach Sylhet as rivers rise"


def test_pagination_links_keep_the_query_kind_and_order(client, home):
    for day in range(21):
        story(f"Monsoon update {day}", days=day + 1)
    html = search(client, q="monsoon", sort="newest", kind="news")
    assert "21 stories" in html
    assert headlines(html)[0] == "Monsoon update 0"
    assert 'href="?q=monsoon&amp;kind=news&amp;sort=newest&amp;page=2"' in html
    second = search(client, q="monsoon", sort="newest", kind="news", page="2")
    assert headlines(second) == ["Monsoon update 20"]
    assert 'href="?q=monsoon&amp;kind=news&amp;sort=newest&amp;page=1"' in second


def test_a_misspelt_search_shows_the_stories_of_the_right_spelling(client, home):
    story("Malaria nets reach Kisumu", days=3)
    story("Malaria vaccine trial widens", days=2)
    story("Drainage works begin in Dhaka", days=1)
    html = search(client, q="malria")
    assert headlines(html) == ["Malaria vaccine trial widens", "Malaria nets reach Kisumu"]
    assert "Nothing matched “malria”, so these are the stories for “malaria”." in html
    assert "<mark>Malaria</mark> nets" in html


def test_few_results_offer_a_spelling_that_finds_more(client, home):
    for day in range(3):
        story(f"Malaria cases fall in district {day}", days=day + 1)
    story("Clinic staff trained", body="Nurses learnt to spot malria early.", days=9)
    html = search(client, q="malria", sort="newest")
    assert headlines(html) == ["Clinic staff trained"]
    assert 'Did you mean <a href="?q=malaria&amp;sort=newest">malaria</a>?' in html


def test_a_word_known_to_the_site_is_not_corrected(client, home):
    story("Malaria cases fall", days=1)
    story("Malawi budget passes", days=2)
    html = search(client, q="malawi")
    assert headlines(html) == ["Malawi budget passes"]
    assert "Did you mean" not in html
    assert "Nothing matched" not in html


def test_corrections_learn_words_published_later(client, home):
    story("Drainage works begin", days=1)
    assert headlines(search(client, q="cholerra")) == []
    story("Cholera vaccines arrive in Lusaka", days=1)
    assert headlines(search(client, q="cholerra")) == ["Cholera vaccines arrive in Lusaka"]


def test_searched_words_are_marked_in_headlines_and_summaries(client, home):
    story(
        "Flood defences hold in Assam",
        summary="Embankments held as the FLOODS peaked; Québec engineers advised.",
    )
    html = search(client, q="FLOOD québec")
    assert "<mark>Flood</mark> defences hold in Assam" in html
    assert "as the <mark>FLOODS</mark> peaked; <mark>Québec</mark> engineers" in html


def test_marked_words_cannot_carry_markup(client, home):
    # PostgreSQL's parser skips what looks like a tag, so the words are also outside one.
    story(
        "Script kiddies: why <script> tags worry editors",
        summary='Quote "<b>" & alert(1) <script>alert(1)</script>',
    )
    html = search(client, q="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "<b>" not in html
    assert "<mark>Script</mark> kiddies: why &lt;<mark>script</mark>&gt; tags worry editors" in html
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(<mark>1</mark>)&lt;/" in html


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "flood", "page": "0"}, 404),
        ({"q": "flood", "page": "-1"}, 404),
        ({"q": "flood", "page": "abc"}, 404),
        ({"q": "flood", "page": "99999999999999999999"}, 404),
        ({"q": "flood", "page": "٣"}, 404),
        ({"q": "flood", "page": "7"}, 404),
        ({"q": "flood " * 2000}, 200),
        ({"q": "\x00\ufffe\U0010ffff"}, 200),
        ({"q": "a" * 199 + "é"}, 200),
    ],
)
def test_odd_query_strings_get_a_clean_answer(client, flood_stories, params, status):
    assert client.get("/search/", params).status_code == status


QUERY_NAMES = st.sampled_from(["q", "page", "sort", "kind", "q", "other"])
RAW_VALUES = st.one_of(
    st.binary(max_size=60).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.text(max_size=60).map(lambda text: quote_from_bytes(text.encode(), safe="")),
    st.sampled_from(["flood", "malria", "1", "2", "newest", "news", "%", "%zz", "&", "="]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=st.lists(st.tuples(QUERY_NAMES, RAW_VALUES), max_size=5))
def test_any_query_string_gets_a_page_or_a_not_found(client, flood_stories, pairs):
    query_string = "&".join(f"{name}={value}" for name, value in pairs)
    response = client.get(f"/search/?{query_string}")
    assert response.status_code in (200, 404)
