"""The demo story generator, its phrasebook and the taxonomy defaults it draws on.

No database needed. The generator keeps clear of Django, so these tests are what hold its
story kinds and provenances to the newsroom models.
"""

import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from dateline.demo.generator import (
    AUTHORS,
    DESKS,
    KINDS,
    PLACES,
    PROVENANCES,
    generate_stories,
    make_illustration,
)
from dateline.newsroom.models import Provenance, StoryKind
from dateline.taxonomy.defaults import (
    AGENCIES,
    EDITIONS,
    GLOBAL_EDITION,
    SECTORS,
    UNASSIGNED_TERRITORIES,
    country_codes,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(days=30)

SECTOR_SLUGS = {slug for slug, _name in SECTORS}
AGENCY_SLUGS = {slug for slug, _name, _credit in AGENCIES}
AUTHOR_SLUGS = {author.slug for author in AUTHORS}
EDITION_SLUGS = {slug for slug, _name, _codes in EDITIONS}
EDITION_OF_COUNTRY = {code: slug for slug, _name, codes in EDITIONS for code in codes}
COUNTRY_CODES = country_codes()
# The kinds the generator writes: the demo's live story and its updates come from
# dateline/live/demo.py, not from the phrasebook.
STORY_KINDS = set(StoryKind.values) - {StoryKind.LIVE}
PHRASEBOOK = json.loads(
    files("dateline.demo").joinpath("phrasebook.json").read_text(encoding="utf-8")
)


def editions_of(story):
    if not story.country_codes:
        return {GLOBAL_EDITION}
    return {EDITION_OF_COUNTRY[code] for code in story.country_codes}


def story_text(story):
    return " ".join([story.headline, story.summary, *story.paragraphs])


def assert_story_is_valid(story, now):
    assert story.kind in KINDS
    assert story.provenance in PROVENANCES

    assert story.headline
    assert len(story.headline) <= 110
    assert not story.headline.endswith(".")
    assert story.summary
    assert len(story.summary) <= 300
    assert 1 <= story.summary.count(". ") + 1 <= 2
    if story.kind == "brief":
        assert 1 <= len(story.paragraphs) <= 2
    else:
        assert 4 <= len(story.paragraphs) <= 9
    assert all(paragraph.strip() for paragraph in story.paragraphs)
    for text in (story_text(story), story.update_note, story.correction, story.image_caption):
        assert "{" not in text and "}" not in text, text
    assert story.topic

    assert 1 <= len(story.sector_slugs) <= 2
    assert len(set(story.sector_slugs)) == len(story.sector_slugs)
    assert set(story.sector_slugs) <= SECTOR_SLUGS
    assert 1 <= len(story.tags) <= 3
    assert all(tag == tag.lower() for tag in story.tags)

    assert len(story.country_codes) <= 2
    assert len(set(story.country_codes)) == len(story.country_codes)
    assert set(story.country_codes) <= COUNTRY_CODES
    if story.country_codes:
        assert story.dateline_place in PLACES[story.country_codes[0]].cities
    else:
        assert story.dateline_place == ""

    assert bool(story.author_slugs) != bool(story.desk)
    assert set(story.author_slugs) <= AUTHOR_SLUGS
    assert story.desk in (*DESKS, "")
    if story.kind in ("analysis", "opinion", "blog", "interview"):
        assert story.provenance == "staff"
    assert bool(story.agency_slugs) == (story.provenance in ("agency_rewrite", "wire"))
    assert set(story.agency_slugs) <= AGENCY_SLUGS
    if story.sponsored:
        assert story.kind in ("news", "press_release")

    assert story.first_published.utcoffset() == timedelta(0)
    assert now - WINDOW <= story.first_published <= now
    assert story.first_published <= story.last_updated <= now
    if story.update_note or story.correction:
        assert story.last_updated > story.first_published

    if story.quote is not None:
        quote_text, attribution = story.quote
        assert quote_text and attribution
    if story.fact_box is not None:
        title, bullets = story.fact_box
        assert title and bullets

    assert bool(story.image_caption) == (story.image_seed is not None)


@pytest.fixture(scope="module")
def many_stories():
    return list(generate_stories(20_000, seed=2025, now=NOW))


# Taxonomy defaults


def test_sectors_are_the_fifteen_newsroom_sectors_in_order():
    assert [slug for slug, _name in SECTORS] == [
        "agro-forestry", "art-culture", "economy-business", "education", "energy-extractives",
        "health", "law-governance", "politics", "science-environment", "social-gender",
        "sports", "technology", "transport", "urban-development", "wash",
    ]  # fmt: skip
    assert dict(SECTORS)["art-culture"] == "Art & Culture"
    assert dict(SECTORS)["wash"] == "WASH"


def test_there_are_twelve_editions_and_global_covers_everything_by_having_no_list():
    assert len(EDITIONS) == len(EDITION_SLUGS) == 12
    assert EDITIONS[0] == (GLOBAL_EDITION, "Global", ())
    assert all(codes for slug, _name, codes in EDITIONS if slug != GLOBAL_EDITION)


def test_every_country_is_in_exactly_one_regional_edition():
    memberships = Counter(code for _slug, _name, codes in EDITIONS for code in codes)
    assert [code for code, seen in memberships.items() if seen > 1] == []
    assert set(memberships) | set(UNASSIGNED_TERRITORIES) == COUNTRY_CODES
    assert not set(memberships) & set(UNASSIGNED_TERRITORIES)


def test_edition_codes_are_sorted_tuples():
    for _slug, _name, codes in EDITIONS:
        assert isinstance(codes, tuple)
        assert list(codes) == sorted(codes)


@pytest.mark.parametrize(
    ("code", "edition"),
    [
        ("AF", "south-asia"),
        ("IN", "south-asia"),
        ("JP", "east-south-east-asia"),
        ("ID", "east-south-east-asia"),
        ("AU", "pacific"),
        ("NZ", "pacific"),
        ("FJ", "pacific"),
        ("RU", "europe-central-asia"),
        ("KZ", "europe-central-asia"),
        ("GE", "europe-central-asia"),
        ("TR", "europe-central-asia"),
        ("CD", "central-africa"),
        ("KE", "east-africa"),
        ("ZA", "southern-africa"),
        ("NG", "west-africa"),
        ("EG", "middle-east-north-africa"),
        ("MX", "latin-america-caribbean"),
        ("US", "north-america"),
        ("CA", "north-america"),
        ("BM", "north-america"),
        ("GL", "north-america"),
    ],
)
def test_countries_sit_in_their_usual_region(code, edition):
    assert EDITION_OF_COUNTRY[code] == edition


def test_agencies_are_six_and_invented():
    real_agencies = {"reuters", "afp", "agence france-presse", "associated press", "ap", "pti",
                     "press trust of india", "xinhua", "ians", "ani", "efe", "dpa", "ansa",
                     "bloomberg", "kyodo", "tass", "anadolu", "un news"}  # fmt: skip
    assert len(AGENCIES) == len(AGENCY_SLUGS) == 6
    for _slug, name, credit in AGENCIES:
        assert name.lower() not in real_agencies
        assert credit.lower() not in real_agencies


# Generator: reference data


def test_authors_are_about_a_dozen_with_unique_slugs():
    assert 10 <= len(AUTHORS) <= 14
    assert len(AUTHOR_SLUGS) == len(AUTHORS)
    assert all(author.name and author.role and author.bio for author in AUTHORS)


def test_places_cover_every_regional_edition_with_their_own_cities():
    assert len(PLACES) >= 55
    for code, place in PLACES.items():
        assert code in EDITION_OF_COUNTRY, code
        assert place.name and len(place.cities) == 3
    regions_with_places = {EDITION_OF_COUNTRY[code] for code in PLACES}
    assert regions_with_places == EDITION_SLUGS - {GLOBAL_EDITION}
    # A city names one country, so a dateline can never point at two.
    all_cities = [city for place in PLACES.values() for city in place.cities]
    assert len(all_cities) == len(set(all_cities))


def test_kinds_and_provenances_are_those_of_the_newsroom_models():
    assert set(KINDS) == STORY_KINDS
    assert set(PROVENANCES) == set(Provenance.values)


def test_the_phrasebook_has_words_for_every_story_kind_and_names_no_other():
    assert set(PHRASEBOOK["kinds"]) == STORY_KINDS
    # Global stories come in only some kinds.
    assert set(PHRASEBOOK["global"]) <= STORY_KINDS
    for kind, words in [*PHRASEBOOK["kinds"].items(), *PHRASEBOOK["global"].items()]:
        for angle in words["angles"]:
            assert angle["headlines"] and angle["summaries"] and angle["ledes"], kind


# Generator: stories


def test_same_seed_gives_the_same_stories():
    first = list(generate_stories(50, seed=7, now=NOW))
    assert first == list(generate_stories(50, seed=7, now=NOW))


def test_different_seeds_give_different_stories():
    first = [story.headline for story in generate_stories(50, seed=7, now=NOW)]
    second = [story.headline for story in generate_stories(50, seed=8, now=NOW)]
    assert first != second


def test_a_longer_run_starts_with_the_shorter_one():
    short = list(generate_stories(30, seed=3, now=NOW))
    long = list(generate_stories(60, seed=3, now=NOW))
    assert long[:30] == short


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        generate_stories(1, now=datetime(2025, 6, 1, 12, 0))


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        generate_stories(-1, now=NOW)


def test_times_are_returned_in_utc_whatever_the_zone_of_now():
    now_in_nairobi = NOW.astimezone(timezone(timedelta(hours=3)))
    for story in generate_stories(100, now=now_in_nairobi):
        assert story.first_published.tzinfo == UTC
        assert NOW - WINDOW <= story.first_published <= NOW


def test_six_hundred_stories_cover_every_kind_sector_and_edition():
    stories = list(generate_stories(600, seed=11, now=NOW))
    assert {story.kind for story in stories} == set(KINDS)
    assert {slug for story in stories for slug in story.sector_slugs} == SECTOR_SLUGS
    assert set().union(*(editions_of(story) for story in stories)) == EDITION_SLUGS
    assert sum(not story.country_codes for story in stories) >= 3


def test_every_story_in_a_large_run_is_valid(many_stories):
    for story in many_stories:
        assert_story_is_valid(story, NOW)


def test_a_large_run_has_every_kind_and_provenance_of_the_models(many_stories):
    assert {story.kind for story in many_stories} == STORY_KINDS
    assert {story.provenance for story in many_stories} == set(Provenance.values)


def test_kind_mix_follows_the_newsroom(many_stories):
    shares = Counter(story.kind for story in many_stories)
    expected = {
        "news": 0.55,
        "brief": 0.12,
        "analysis": 0.08,
        "opinion": 0.08,
        "blog": 0.06,
        "interview": 0.06,
        "press_release": 0.05,
    }
    for kind, share in expected.items():
        assert shares[kind] / len(many_stories) == pytest.approx(share, abs=0.02), kind


def test_headlines_are_nearly_all_unique(many_stories):
    headlines = {story.headline for story in many_stories}
    assert len(headlines) / len(many_stories) >= 0.95


def test_interview_headlines_quote_the_interviewee(many_stories):
    interviews = [story for story in many_stories if story.kind == "interview"]
    for story in interviews:
        soundbite, subject = story.headline[1:].split("': ", 1)
        assert story.quote == (soundbite + ".", story.quote[1])
        assert story.quote[1].startswith(subject.split(" on ")[0])
        assert story_text(story).count(soundbite) >= 2


def test_rare_things_stay_rare(many_stories):
    total = len(many_stories)
    sponsored = sum(story.sponsored for story in many_stories)
    corrected = sum(bool(story.correction) for story in many_stories)
    without_image = sum(story.image_seed is None for story in many_stories)
    global_stories = sum(not story.country_codes for story in many_stories)
    assert 0.005 <= sponsored / total <= 0.02
    assert 0.015 <= corrected / total <= 0.05
    assert 0.10 <= without_image / total <= 0.20
    assert 0.01 <= global_stories / total <= 0.06


def test_briefs_mostly_go_without_images(many_stories):
    without_image = [story for story in many_stories if story.image_seed is None]
    briefs = sum(story.kind == "brief" for story in without_image)
    assert briefs / len(without_image) > 0.5


def test_publication_leans_towards_now(many_stories):
    recent = sum(NOW - story.first_published < WINDOW / 2 for story in many_stories)
    assert recent / len(many_stories) > 0.5


def test_some_stories_are_updated_later_and_most_are_not(many_stories):
    updated = sum(story.last_updated > story.first_published for story in many_stories)
    assert 0.15 <= updated / len(many_stories) <= 0.5


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**64),
    count=st.integers(min_value=0, max_value=40),
    now=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
    ),
)
def test_any_seed_count_and_now_give_valid_reproducible_stories(seed, count, now):
    stories = list(generate_stories(count, seed=seed, now=now))
    assert len(stories) == count
    for story in stories:
        assert_story_is_valid(story, now)
    assert stories == list(generate_stories(count, seed=seed, now=now))
    # The first fifteen stories walk the whole taxonomy.
    if count >= 15:
        assert {story.kind for story in stories} == set(KINDS)
        assert {slug for story in stories for slug in story.sector_slugs} == SECTOR_SLUGS
        assert set().union(*(editions_of(story) for story in stories)) == EDITION_SLUGS


# Generator: illustrations


def test_illustration_is_a_jpeg_of_the_requested_size():
    picture = Image.open(io.BytesIO(make_illustration(42, 640, 360)))
    assert picture.format == "JPEG"
    assert picture.size == (640, 360)
    picture.load()


def test_illustration_defaults_to_sixteen_by_nine():
    assert Image.open(io.BytesIO(make_illustration(1))).size == (1600, 900)


def test_illustration_depends_only_on_its_seed():
    assert make_illustration(5, 320, 180) == make_illustration(5, 320, 180)
    assert make_illustration(5, 320, 180) != make_illustration(6, 320, 180)


def test_illustration_is_not_a_flat_colour():
    picture = Image.open(io.BytesIO(make_illustration(9, 320, 180))).convert("L")
    darkest, lightest = picture.getextrema()
    assert lightest - darkest > 40


@pytest.mark.parametrize("size", [(0, 100), (100, 0), (-5, 10)])
def test_illustration_refuses_empty_sizes(size):
    with pytest.raises(ValueError):
        make_illustration(1, *size)


@pytest.mark.parametrize("size", [(1, 1), (3, 2), (7, 1000)])
def test_illustration_handles_tiny_sizes(size):
    assert Image.open(io.BytesIO(make_illustration(3, *size))).size == size
