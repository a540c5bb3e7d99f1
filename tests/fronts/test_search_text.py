"""The search words without a database: matching, highlighting and spelling."""

import re

from dateline.fronts.search_text import (
    corrected_terms,
    highlight,
    query_terms,
    respelled,
    vocabulary_counts,
    word_pattern,
)


def test_query_terms_are_the_distinct_words():
    assert query_terms('"Flood" AND (flood) -drainage* <script>') == [
        "Flood",
        "AND",
        "drainage",
        "script",
    ]


def test_highlight_marks_whole_words_whatever_their_case_and_accents():
    html = highlight("État floods Québec; the floodgates and Mali's Malaria", ["etat", "QUEBEC"])
    assert (
        html
        == "<mark>État</mark> floods <mark>Québec</mark>; the floodgates and Mali&#x27;s Malaria"
    )


def test_highlight_takes_a_short_ending_but_not_another_word():
    html = highlight("Flood, floods, flooding and floodgates", ["flood"])
    assert html == "<mark>Flood</mark>, <mark>floods</mark>, <mark>flooding</mark> and floodgates"


def test_a_plural_search_marks_the_singular_too():
    html = highlight("Flood, floods and flooding", ["FLOODS"])
    assert html == "<mark>Flood</mark>, <mark>floods</mark> and <mark>flooding</mark>"


def test_a_short_word_marks_only_itself():
    html = highlight("Côte d'Ivoire deal: 1 of 12", ["d", "1"])
    assert html == "Côte <mark>d</mark>&#x27;Ivoire deal: <mark>1</mark> of 12"


def test_the_ranking_pattern_agrees_with_the_marks():
    headline = "Côte d'Ivoire deal: floods, 1 of 12"
    found = {
        term: bool(re.search(word_pattern(term), headline, re.IGNORECASE))
        for term in ("flood", "Floods", "d", "de", "1", "fl", "côte")
    }
    assert found == {
        "flood": True,
        "Floods": True,
        "d": True,
        "de": False,
        "1": True,
        "fl": False,
        "côte": True,
    }


def test_highlight_escapes_everything_else():
    html = highlight('<script>alert("flood")</script> & co', ["script", "flood"])
    assert html == (
        "&lt;<mark>script</mark>&gt;alert(&quot;<mark>flood</mark>&quot;)&lt;/"
        "<mark>script</mark>&gt; &amp; co"
    )


def test_highlight_keeps_a_decomposed_accent_inside_its_word():
    assert highlight("Cafe\u0301 owners", ["café"]) == "<mark>Café</mark> owners"


VOCABULARY = vocabulary_counts(
    [
        "Malaria nets reach Kisumu",
        "Malaria vaccine trial in Malawi",
        "Maria Lopez on drainage",
        "Côte d'Ivoire floods",
    ]
)


def test_a_misspelt_word_is_corrected_to_the_closest_known_word():
    assert corrected_terms(["malria", "Kisumo", "drainge"], VOCABULARY) == [
        "malaria",
        "kisumu",
        "drainage",
    ]


def test_a_swap_of_two_letters_is_one_typo():
    assert corrected_terms(["mlaaria"], VOCABULARY) == ["malaria"]


def test_known_short_and_numeric_words_are_left_alone():
    assert corrected_terms(["Malawi", "of", "2025", "zzzzzz"], VOCABULARY) == [
        "Malawi",
        "of",
        "2025",
        "zzzzzz",
    ]


def test_accents_are_offered_when_missing():
    assert corrected_terms(["cote"], VOCABULARY) == ["côte"]


def test_a_respelt_query_keeps_its_punctuation():
    assert (
        respelled(
            "Cote d'Ivoire: malria?",
            ["Cote", "d", "Ivoire", "malria"],
            [
                "côte",
                "d",
                "Ivoire",
                "malaria",
            ],
        )
        == "côte d'Ivoire: malaria?"
    )
