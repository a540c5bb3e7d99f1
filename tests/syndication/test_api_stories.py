"""The content API's stories: ninjs output, filters, cursors, field selection and what never shows."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from dateline.media.factories import NewsImageFactory
from dateline.media.models import AI_DISCLAIMER, DigitalSourceType
from dateline.newsroom.factories import AuthorFactory, StoryFactory
from dateline.newsroom.models import Desk, Provenance, StoryKind, StoryNote, StoryPage
from dateline.syndication.api.ninjs import HERO_RENDITIONS, STORY_FIELDS
from dateline.taxonomy.models import Agency, Country, Sector

from .api_calls import error_of, get, headlines

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
STORIES = "/api/v1/stories/"


@pytest.fixture
def stories(home):
    now = timezone.now()
    ravi = AuthorFactory(name="Ravi Menon", slug="ravi-menon")
    asha = AuthorFactory(name="Asha Rao", slug="asha-rao")
    pti = Agency.objects.create(name="Press Trust of India", slug="pti", credit="PTI")
    illustration = NewsImageFactory(
        credit="Illustration / Dateline",
        alt_text="Wells drawn as circles",
        digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
    )
    lead = StoryFactory(
        headline="Monsoon & the wells: a district's plan",
        summary="A district repairs its wells before the monsoon.",
        body=[("paragraph", '<p>Full text with <a href="/sectors/wash/">a link</a>.</p>')],
        authors=[ravi, asha],
        dateline_place="Pune",
        hero_image=illustration,
        hero_caption="Wells near Pune.",
        agencies=[pti],
        provenance=Provenance.AGENCY_REWRITE,
        sectors=[Sector.objects.get(slug="wash"), Sector.objects.get(slug="health")],
        tags=["water", "monsoon"],
        first_published_at=now - timedelta(hours=1),
        last_published_at=now - timedelta(minutes=10),
        notes=[
            (
                StoryNote.Kind.CORRECTION,
                "An earlier version named the wrong district.",
                datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
            )
        ],
    )
    brief = StoryFactory(
        headline="Desk brief on water tariffs",
        kind=StoryKind.BRIEF,
        desk=Desk.objects.create(name="News Desk", slug="news-desk"),
        tags=["tariffs"],
        first_published_at=now - timedelta(hours=2),
    )
    opinion = StoryFactory(
        headline="Why water is a right",
        kind=StoryKind.OPINION,
        authors=[ravi],
        first_published_at=now - timedelta(hours=3),
    )
    kenya = StoryFactory(
        headline="Nairobi water board expands kiosks",
        countries=[Country.objects.get(code="KE")],
        sectors=[Sector.objects.get(slug="urban-development")],
        first_published_at=now - timedelta(hours=5),
    )
    return {"lead": lead, "brief": brief, "opinion": opinion, "kenya": kenya}


def test_stories_are_valid_ninjs_with_what_a_partner_needs(client, key, stories, ninjs_validator):
    response = get(client, key, STORIES)
    items = response.json()["items"]
    assert [item["headlines"][0]["value"] for item in items] == [
        "Monsoon & the wells: a district's plan",
        "Desk brief on water tariffs",
        "Why water is a right",
        "Nairobi water board expands kiosks",
    ]
    for item in items:
        assert not list(ninjs_validator.iter_errors(item)), item
        assert set(item) <= set(STORY_FIELDS)

    lead = items[0]
    story = stories["lead"]
    assert lead["uri"] == f"tag:127.0.0.1,{story.first_published_at.date()}:story:{story.pk}"
    assert lead["type"] == "text"
    assert lead["representationtype"] == "full"
    assert lead["language"] == "en-GB"
    assert lead["firstcreated"] == story.first_published_at.isoformat()
    assert lead["versioncreated"] == story.last_published_at.isoformat()
    assert lead["by"] == "Ravi Menon and Asha Rao"
    assert lead["located"] == "Pune"
    assert lead["descriptions"] == [
        {"role": "summary", "value": "A district repairs its wells before the monsoon."},
        {"role": "provenance", "value": "(With inputs from agencies.)"},
        # Partners that republish the story must carry its corrections too.
        {
            "role": "correction",
            "value": "Correction (2026-11-20T09:30:00+00:00): "
            "An earlier version named the wrong district.",
        },
    ]
    (body,) = lead["bodies"]
    assert (body["role"], body["contenttype"]) == ("main", "text/html")
    assert f'<p>Full text with <a href="{BASE}/sectors/wash/">a link</a>.</p>' in body["value"]
    assert {"name": "WASH", "uri": f"{BASE}/sectors/wash/"} in lead["subjects"]
    assert {"name": "monsoon", "uri": f"{BASE}/tags/monsoon/"} in lead["subjects"]
    assert lead["places"] == [{"name": "India", "uri": f"{BASE}/countries/india/"}]
    assert lead["genres"] == [{"name": "News", "literal": "news"}]
    # The agency is where the copy came from, not who wrote it.
    assert lead["infosources"] == [{"name": "PTI", "role": "source"}]
    assert {"role": "url", "value": f"{BASE}{story.url}"} in lead["altids"]
    assert {"role": "id", "value": str(story.pk)} in lead["altids"]

    (picture,) = lead["associations"]
    assert picture["type"] == "picture"
    assert picture["by"] == "Illustration / Dateline"
    assert picture["descriptions"][0] == {
        "role": "caption",
        "value": f"Wells near Pune. {AI_DISCLAIMER}",
    }
    assert picture["digitalsourcetype"]["uri"].endswith("/trainedAlgorithmicMedia")
    renditions = {rendition["name"]: rendition for rendition in picture["renditions"]}
    assert set(renditions) == set(HERO_RENDITIONS)
    assert renditions["large"]["width"] == 1200
    assert renditions["large"]["contenttype"] == "image/jpeg"
    assert renditions["large"]["href"].startswith(f"{BASE}/media/")

    assert items[1]["by"] == "News Desk"
    assert items[1]["genres"] == [{"name": "Brief", "literal": "brief"}]
    assert "associations" not in items[1]


def test_one_story_by_id(client, key, stories, ninjs_validator):
    story = stories["opinion"]
    response = get(client, key, f"{STORIES}{story.pk}/")
    assert response.status_code == 200
    document = response.json()
    assert not list(ninjs_validator.iter_errors(document))
    assert document["headlines"] == [{"role": "main", "value": "Why water is a right"}]
    assert document["by"] == "Ravi Menon"
    assert document["genres"] == [{"name": "Opinion", "literal": "opinion"}]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "opinion"}, ["Why water is a right"]),
        ({"kind": "brief"}, ["Desk brief on water tariffs"]),
        ({"sector": "health"}, ["Monsoon & the wells: a district's plan"]),
        ({"sector": "urban-development"}, ["Nairobi water board expands kiosks"]),
        ({"edition": "east-africa"}, ["Nairobi water board expands kiosks"]),
        ({"country": "kenya"}, ["Nairobi water board expands kiosks"]),
        ({"tag": "tariffs"}, ["Desk brief on water tariffs"]),
        (
            {"author": "ravi-menon"},
            ["Monsoon & the wells: a district's plan", "Why water is a right"],
        ),
        ({"author": "asha-rao", "sector": "health"}, ["Monsoon & the wells: a district's plan"]),
        ({"kind": "opinion", "tag": "tariffs"}, []),
        ({"sector": "sports"}, []),
    ],
)
def test_filters(client, key, stories, params, expected):
    assert headlines(get(client, key, STORIES, params)) == expected


def test_the_global_edition_carries_every_story(client, key, stories):
    assert len(headlines(get(client, key, STORIES, {"edition": "global"}))) == 4
    assert "Nairobi water board expands kiosks" not in headlines(
        get(client, key, STORIES, {"edition": "south-asia"})
    )


@pytest.mark.parametrize("parameter", ["sector", "edition", "country", "tag", "author"])
def test_a_slug_that_names_nothing_is_a_400_naming_the_parameter(client, key, stories, parameter):
    error = error_of(get(client, key, STORIES, {parameter: "no-such-thing"}), 400)
    assert error["code"] == "invalid_parameter"
    assert error["parameter"] == parameter
    assert "no-such-thing" in error["message"]


def test_an_unknown_kind_lists_the_kinds(client, key, stories):
    error = error_of(get(client, key, STORIES, {"kind": "gossip"}), 400)
    assert error["parameter"] == "kind"
    assert "press_release" in error["message"]


def test_date_range_is_at_or_after_and_before(client, key, stories):
    lead = stories["lead"].first_published_at
    brief = stories["brief"].first_published_at
    window = {
        "published_after": brief.isoformat(),
        "published_before": lead.isoformat(),
    }
    assert headlines(get(client, key, STORIES, window)) == ["Desk brief on water tariffs"]
    # A "+" left unescaped in a query string arrives as a space; the offset is still understood.
    in_india = (lead - timedelta(seconds=1)).astimezone(timezone.get_fixed_timezone(330))
    raw = f"{STORIES}?published_after={in_india.isoformat()}"
    assert headlines(get(client, key, raw)) == ["Monsoon & the wells: a district's plan"]
    zulu = (lead - timedelta(seconds=1)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert len(headlines(get(client, key, STORIES, {"published_after": zulu}))) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"published_after": "yesterday"},
        {"published_after": "2025-01-31"},
        {"published_after": "2025-01-31T10:00:00"},
        {"published_before": "2025-02-30T10:00:00Z"},
        {"published_after": "2025-02-01T00:00:00Z", "published_before": "2025-01-01T00:00:00Z"},
    ],
)
def test_bad_dates_are_400(client, key, stories, params):
    error = error_of(get(client, key, STORIES, params), 400)
    assert error["parameter"] in params


def test_cursor_pages_walk_every_story_once_in_order(client, key, home):
    now = timezone.now()
    # Stories published in the same instant must neither repeat nor vanish at a page boundary.
    times = [now - timedelta(minutes=minutes // 3) for minutes in range(23)]
    made = [
        StoryFactory(headline=f"Story {i:02}", first_published_at=at) for i, at in enumerate(times)
    ]
    expected = [
        story.title
        for story in sorted(made, key=lambda s: (s.first_published_at, s.pk), reverse=True)
    ]
    seen = []
    url = f"{STORIES}?limit=5"
    pages = 0
    while url:
        response = get(client, key, url)
        body = response.json()
        seen += [item["headlines"][0]["value"] for item in body["items"]]
        pages += 1
        if body["next"]:
            assert body["next"].startswith(f"{BASE}{STORIES}?")
            assert response["Link"] == f'<{body["next"]}>; rel="next"'
            url = body["next"].removeprefix(BASE)
        else:
            assert "Link" not in response
            url = None
    assert seen == expected
    assert pages == 5


def test_cursors_keep_the_filters(client, key, stories):
    first = get(client, key, STORIES, {"author": "ravi-menon", "limit": "1"}).json()
    assert "author=ravi-menon" in first["next"]
    second = get(client, key, first["next"].removeprefix(BASE)).json()
    assert [item["headlines"][0]["value"] for item in second["items"]] == ["Why water is a right"]
    assert second["next"] is None


@pytest.mark.parametrize("cursor", ["not-a-cursor", "eyJ0IjoxfQ:1abc:def", ""])
def test_a_tampered_cursor_is_400(client, key, stories, cursor):
    next_url = get(client, key, STORIES, {"limit": "1"}).json()["next"]
    real = next_url.split("cursor=")[1]
    for tampered in (cursor, real[:-2] + ("AA" if not real.endswith("AA") else "BB")):
        error = error_of(get(client, key, STORIES, {"cursor": tampered}), 400)
        assert error["parameter"] == "cursor"


def test_field_selection(client, key, stories, ninjs_validator):
    response = get(client, key, STORIES, {"fields": "headlines, versioncreated,representationtype"})
    items = response.json()["items"]
    for item in items:
        assert set(item) == {"uri", "headlines", "versioncreated", "representationtype"}
        assert item["representationtype"] == "partial"
        assert not list(ninjs_validator.iter_errors(item))
    error = error_of(get(client, key, STORIES, {"fields": "headlines,body_html"}), 400)
    assert error["parameter"] == "fields"
    assert "body_html" in error["message"]
    story = stories["lead"]
    single = get(client, key, f"{STORIES}{story.pk}/", {"fields": "bodies"}).json()
    assert set(single) == {"uri", "bodies"}


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1e2", "2.5", "9" * 40, "٣"])
def test_a_limit_outside_1_to_100_is_400(client, key, stories, limit):
    assert error_of(get(client, key, STORIES, {"limit": limit}), 400)["parameter"] == "limit"


def test_limit_caps_the_page(client, key, stories):
    assert len(headlines(get(client, key, STORIES, {"limit": "2"}))) == 2
    assert len(headlines(get(client, key, STORIES, {"limit": "100"}))) == 4


def test_drafts_embargoed_and_expired_stories_never_appear(client, key, stories):
    now = timezone.now()
    draft = StoryFactory(headline="A draft nobody approved", publish=False, tags=["secret"])
    embargoed = StoryFactory(headline="Embargoed until tomorrow", publish=False, tags=["secret"])
    embargoed.go_live_at = now + timedelta(days=1)
    embargoed.save_revision().publish()
    expired = StoryFactory(headline="Expired yesterday")
    StoryPage.objects.filter(pk=expired.pk).update(expire_at=now - timedelta(minutes=1))
    hidden = {"A draft nobody approved", "Embargoed until tomorrow", "Expired yesterday"}

    for params in [{}, {"tag": "water"}, {"sector": "wash"}, {"edition": "global"}]:
        assert not hidden & set(headlines(get(client, key, STORIES, params))), params
    for story in (draft, embargoed, expired):
        error = error_of(get(client, key, f"{STORIES}{story.pk}/"), 404)
        assert error["code"] == "not_found"
    # A tag only an embargoed story uses would give the story away, listed or probed for.
    tags = get(client, key, "/api/v1/tags/").json()["items"]
    assert "secret" not in {tag["slug"] for tag in tags}
    assert error_of(get(client, key, STORIES, {"tag": "secret"}), 400)["parameter"] == "tag"


@pytest.mark.parametrize("story_id", ["abc", "1.5", "-3", "9" * 30])
def test_a_story_id_that_is_not_a_whole_number_is_400(client, key, stories, story_id):
    assert error_of(get(client, key, f"{STORIES}{story_id}/"), 400)["parameter"] == "id"


def test_a_missing_story_is_a_json_404(client, key, stories):
    assert error_of(get(client, key, f"{STORIES}999999/"), 404)["code"] == "not_found"


def test_unknown_and_repeated_parameters_are_400(client, key, stories):
    error = error_of(get(client, key, f"{STORIES}?sectr=wash"), 400)
    assert (error["code"], error["parameter"]) == ("unknown_parameter", "sectr")
    assert "sector" in error["message"]
    error = error_of(get(client, key, f"{STORIES}?sector=wash&sector=health"), 400)
    assert error["parameter"] == "sector"


@pytest.mark.parametrize(
    "query",
    ["sector=%ff%fe", "tag=%00", "country=%C0%AF", "%ff=1", "author=" + "a" * 5000, "kind=%ff"],
)
def test_hostile_query_strings_get_json_errors(client, key, stories, query):
    assert error_of(get(client, key, f"{STORIES}?{query}"), 400)["message"]


def test_unchanged_responses_revalidate_to_304(client, key, stories):
    first = get(client, key, STORIES)
    assert first["Cache-Control"] == "private, no-cache"
    again = client.get(
        STORIES, HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    assert again["X-RateLimit-Remaining"]


def test_list_queries_are_pinned_and_do_not_grow_with_the_page(
    client, key, home, django_assert_num_queries
):
    image = NewsImageFactory()
    image.get_renditions(*(spec for spec, _type in HERO_RENDITIONS.values()))
    authors = [AuthorFactory(), AuthorFactory()]
    for _ in range(25):
        StoryFactory(hero_image=image, authors=authors, tags=["water", "monsoon"])
    get(client, key, STORIES)
    # The key, the stories and the hero images' renditions (the restricted sections are held in
    # the shared cache); last_used_at is written at most once a minute.
    for limit in ("5", "20"):
        with django_assert_num_queries(3):
            assert len(headlines(get(client, key, STORIES, {"limit": limit}))) == int(limit)
    # A filter costs one query to look up what its slug names.
    with django_assert_num_queries(5):
        get(client, key, STORIES, {"sector": "wash", "tag": "water"})
