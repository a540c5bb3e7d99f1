"""Every demo story agrees with itself, checked the way an editor would read it: the sectors it
is filed under are named on its card, the countries and cities it names are its own, its topic
can happen where it is datelined (no coral reefs in Kazakhstan), its picture's caption says what
the picture is, and its grammar holds.

Checked over the stories `load_demo` makes by default and over a long run, without a database;
tests/demo/test_demo_site.py checks the loaded site and its fronts."""

import json
import re
from datetime import UTC, datetime
from importlib.resources import files

import pytest

from dateline.demo.generator import PLACES, SECTOR_KEYWORDS, TOPICS, generate_stories
from dateline.demo.management.commands.load_demo import DEMO_SEED, DEMO_STORIES
from dateline.taxonomy.defaults import EDITIONS
from dateline.wire.tagging import countries_in

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
TOPIC_BY_NAME = {topic.name: topic for topic in TOPICS}
EDITION_OF_COUNTRY = {code: slug for slug, _name, codes in EDITIONS for code in codes}
REGIONAL_EDITIONS = [slug for slug, _name, codes in EDITIONS if codes]
PHRASEBOOK = json.loads(
    files("dateline.demo").joinpath("phrasebook.json").read_text(encoding="utf-8")
)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(None, id="the demo as loaded"),
        pytest.param(5_000, id="a long run"),
    ],
)
def stories(request):
    count, seed = (DEMO_STORIES, DEMO_SEED) if request.param is None else (request.param, 7)
    return list(generate_stories(count, seed=seed, now=NOW))


def keyword_pattern(keywords):
    """Whole words, any case; a keyword ending in * is a stem."""
    parts = [
        re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word) + r"\b"
        for word in keywords
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


SECTOR_NAMED = {slug: keyword_pattern(words) for slug, words in SECTOR_KEYWORDS.items()}


def body_text(story):
    return " ".join([story.summary, *story.paragraphs])


def everything_a_reader_reads(story):
    fact_box = [story.fact_box[0], *story.fact_box[1]] if story.fact_box else []
    return " ".join(
        filter(
            None,
            [
                story.headline,
                body_text(story),
                *fact_box,
                story.image_caption,
                story.update_note,
                story.correction,
            ],
        )
    )


def label(story):
    return f"{story.kind} {story.headline!r} {story.sector_slugs} {story.country_codes}"


# Each story


def test_every_sector_a_story_is_filed_under_is_named_on_its_card(stories):
    for story in stories:
        card = f"{story.headline} {story.summary}"
        for slug in story.sector_slugs:
            assert SECTOR_NAMED[slug].search(card), f"{slug} not named: {label(story)}"


def test_a_story_names_no_topic_of_a_sector_it_is_not_filed_under(stories):
    for story in stories:
        text = everything_a_reader_reads(story).lower()
        for topic in TOPICS:
            if topic.name in text and not set(topic.sectors) <= set(story.sector_slugs):
                named = re.search(rf"\b{re.escape(topic.name)}\b", text)
                assert not named, f"{topic.name} {topic.sectors}: {label(story)}"


def test_the_dateline_is_a_city_of_the_story_country(stories):
    for story in stories:
        if not story.country_codes:
            assert story.dateline_place == ""
            continue
        assert story.dateline_place in PLACES[story.country_codes[0]].cities, label(story)
        # The newsroom reads datelines with its own gazetteer (the wire, region labels); a
        # story about two countries is labelled with the one its dateline is in.
        read_as = set(countries_in("", "", story.dateline_place))
        if len(story.country_codes) > 1:
            assert read_as == {story.country_codes[0]}, f"{read_as}: {label(story)}"
        else:
            assert read_as <= {story.country_codes[0]}, f"{read_as}: {label(story)}"


def test_the_countries_named_in_the_text_are_the_story_countries(stories):
    # The wire desk's country tagger, which reads names, short forms, capitals and cities.
    for story in stories:
        named = countries_in(story.headline, body_text(story), story.dateline_place)
        assert set(named) == set(story.country_codes), f"names {sorted(named)}: {label(story)}"


def test_a_topic_happens_only_where_it_can(stories):
    for story in stories:
        topic = TOPIC_BY_NAME[story.topic]
        if not story.country_codes:
            continue
        place = PLACES[story.country_codes[0]]
        assert topic.fits(place, story.dateline_place), f"{topic.where}: {label(story)}"
        for code in story.country_codes[1:]:
            other = PLACES[code]
            assert any(topic.fits(other, city) for city in other.cities), label(story)
            assert EDITION_OF_COUNTRY[code] == EDITION_OF_COUNTRY[story.country_codes[0]]


def test_a_picture_caption_says_it_is_an_illustration_of_the_story_topic(stories):
    for story in stories:
        if story.image_seed is None:
            continue
        place = f" in {PLACES[story.country_codes[0]].name}" if story.country_codes else ""
        assert story.image_caption == f"Illustration for this story on {story.topic}{place}."


def spoken_with_a_vowel(word):
    word = word.lstrip("$\u201c'\"")
    if word[:1].isdigit():
        leading = re.match(r"\d+", word)[0]
        return leading.startswith("8") or leading in ("11", "18")
    lowered = word.lower()
    if lowered.startswith(("hour", "honest")):
        return True
    return lowered[:1] in "aeiou" and not lowered.startswith(
        ("uni", "use", "usu", "uti", "one", "eu")
    )


def test_a_and_an_agree_with_the_next_word(stories):
    for story in stories:
        for article, word in re.findall(
            r"(?<![\w'])(an?|An?) (\S+)", everything_a_reader_reads(story)
        ):
            expected = "an" if spoken_with_a_vowel(word) else "a"
            assert article.lower() == expected, f"{article} {word}: {label(story)}"


def test_headlines_and_sentences_read_cleanly(stories):
    for story in stories:
        assert story.headline[0].isupper() or story.headline[0] in "'$0123456789", story.headline
        assert not story.headline.endswith((".", "\u2026")), story.headline
        for text in (story.headline, story.summary, *story.paragraphs):
            assert not re.search(r"\b(\w+) \1\b", text, re.IGNORECASE), text
            assert "  " not in text and " ," not in text and " ." not in text, text
            assert text[0].isupper() or text[0] in "'“$0123456789", text


# The phrasebook's promises that the checks above rely on


def test_every_topic_names_each_of_its_sectors():
    for topic in TOPICS:
        for slug in topic.sectors:
            assert SECTOR_NAMED[slug].search(topic.name), f"{topic.name} does not name {slug}"


def test_every_summary_names_the_topic():
    for words in [*PHRASEBOOK["kinds"].values(), *PHRASEBOOK["global"].values()]:
        for angle in words["angles"]:
            for summary in angle["summaries"]:
                assert "{topic}" in summary or "{Topic}" in summary, summary


def test_problems_are_plural_as_the_templates_expect():
    # "{Problem} are straining …": a problem is always a plural noun phrase.
    for topic in TOPICS:
        for problem in topic.problems:
            assert problem.endswith("s"), f"{topic.name}: {problem!r}"


@pytest.mark.parametrize("edition", REGIONAL_EDITIONS)
def test_every_sector_has_a_topic_that_can_happen_in_every_edition(edition):
    places = [place for code, place in PLACES.items() if EDITION_OF_COUNTRY[code] == edition]
    for slug in SECTOR_KEYWORDS:
        assert any(
            topic.fits(place, city)
            for topic in TOPICS
            if slug in topic.sectors
            for place in places
            for city in place.cities
        ), f"no {slug} topic can happen in {edition}"
