"""The rule that ranks library pictures for a story, without a database."""

from dateline.assistant.picture_scoring import (
    BODY_CHARACTERS,
    PictureFacts,
    picture_words,
    rank,
    story_facts,
    words,
)


def cholera_story(**overrides):
    return story_facts(
        **{
            "headline": "Cholera cases rise in Nairobi's informal settlements",
            "summary": "Health workers in Kibera report a cholera outbreak after floods.",
            "body_text": "Clinics in Kibera treated hundreds of cholera patients this week.",
            "tags": ["Cholera", "floods"],
            "sectors": ["Health"],
            "countries": ["Kenya"],
            **overrides,
        }
    )


def picture(image_id, title="", tags=(), alt_text="", captions=(), **links):
    facts = PictureFacts(image_id, tags=set(tags), **links)
    facts.words = picture_words(title=title, tags=tags, alt_text=alt_text, captions=captions)
    return facts


def test_a_picture_sharing_sector_country_and_words_ranks_above_unrelated_ones():
    fitting = picture(
        1,
        title="Cholera clinic in Kibera",
        tags=["cholera"],
        alt_text="Nurses treat patients",
        sectors={"Health"},
        countries={"Kenya"},
    )
    same_sector_only = picture(2, title="Vaccination day", sectors={"Health"})
    words_only = picture(3, title="Floods in Kibera after the rains")
    unrelated = picture(4, title="Cricket final at Eden Gardens", sectors={"Sports"})
    matches = rank(cholera_story(), [unrelated, words_only, same_sector_only, fitting], limit=6)
    ranked = [match.image_id for match in matches]
    assert ranked[0] == 1
    assert 4 not in ranked
    assert set(ranked) == {1, 2, 3}
    best = matches[0]
    assert best.sectors == ("Health",)
    assert best.countries == ("Kenya",)
    assert best.tags == ("cholera",)
    # The editor is shown words, not stems.
    assert "cholera" in best.shared_words


def test_order_does_not_depend_on_the_order_pictures_come_in():
    pictures = [picture(i, title="Cholera ward", sectors={"Health"}) for i in range(1, 30)]
    forward = rank(cholera_story(), pictures, limit=10)
    backward = rank(cholera_story(), list(reversed(pictures)), limit=10)
    assert forward == backward
    # Equal scores: the newer picture (higher id) first.
    assert [match.image_id for match in forward] == list(range(29, 19, -1))


def test_a_story_with_no_text_no_tags_and_no_classification_gets_nothing():
    empty = story_facts(headline="", summary="", body_text="", tags=[], sectors=[], countries=[])
    assert rank(empty, [picture(1, title="Cholera clinic", sectors={"Health"})], limit=6) == []
    assert rank(cholera_story(), [], limit=6) == []


def test_words_drop_stop_words_numbers_and_short_words_and_are_stemmed():
    assert [
        stem for stem, _ in words("The 2024 floods hit 3 districts in Assam, officials said")
    ] == [
        "flood",
        "hit",
        "district",
        "assam",
        "offici",
    ]
    assert words("") == []


def test_a_very_long_story_is_read_only_up_to_its_opening():
    long_body = "Clinics treat cholera patients. " * (BODY_CHARACTERS // 10) + "Cricket final."
    facts = cholera_story(body_text=long_body)
    assert "cricket" not in facts.words
    assert rank(facts, [picture(1, title="Cricket final")], limit=6) == []


def test_non_latin_text_is_compared_as_words_too():
    story = story_facts(
        headline="मुंबई में भारी बारिश से बाढ़",
        summary="",
        body_text="",
        tags=[],
        sectors=[],
        countries=[],
    )
    matches = rank(story, [picture(1, title="मुंबई बाढ़"), picture(2, title="Cricket")], limit=6)
    assert [match.image_id for match in matches] == [1]
