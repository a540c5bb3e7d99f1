"""The offline assistant on real text: the corpora's wire items and the demo's stories."""

import re
from datetime import UTC, datetime

import pytest
from lxml import html

from dateline.assistant import extractive
from dateline.demo.generator import generate_stories
from dateline.wire.formats import parse_payload
from tests.wire.corpora import WIRE_FORMAT_DIRECTORIES, corpus_files

WORDS = re.compile(r"\w+")


def wire_stories():
    """(name, headline, paragraphs) of every corpus item with a body of a few sentences."""
    stories = []
    for path in corpus_files(*WIRE_FORMAT_DIRECTORIES):
        try:
            result = parse_payload(path.read_bytes())
        except ValueError:
            continue
        for item in result.items:
            if len(item.body_html) < 600:
                continue
            document = html.fromstring(item.body_html)
            paragraphs = [p.text_content() for p in document.iter("p")] or [document.text_content()]
            stories.append((f"{path.name}:{item.guid}", item.headline, paragraphs))
    return stories


def demo_stories(count=40):
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    return [
        (spec.headline, spec.headline, spec.paragraphs)
        for spec in generate_stories(count, seed=7, now=now)
    ]


def normalised(text):
    return " ".join(text.split())


def assert_from_story(points, paragraphs):
    """Each point is a sentence of the story, or its start, with a leading connector dropped."""
    story = normalised(" ".join(paragraphs))
    for point in points:
        text = point.removesuffix(".")
        assert text[1:] in story, point
        position = story.find(text[1:])
        assert story[position - 1].lower() == text[0].lower(), point


def assert_not_redundant(points):
    for i, first in enumerate(points):
        for second in points[i + 1 :]:
            a, b = set(WORDS.findall(first.lower())), set(WORDS.findall(second.lower()))
            assert len(a & b) / min(len(a), len(b)) < 0.8, (first, second)


def check_takeaways(paragraphs, at_least):
    """`at_least` points: three for a story of several distinct sentences; a wire item whose
    sentences repeat one another may give fewer, since no point is made twice."""
    reading = extractive.read_text(paragraphs)
    points = extractive.takeaways(reading)
    # A question is never a point: "What does it all mean?" asks, it does not tell.
    telling = [sentence for sentence in reading.sentences if not sentence.text.endswith("?")]
    assert min(at_least, len(telling)) <= len(points) <= extractive.MAX_TAKEAWAYS
    assert_from_story(points, paragraphs)
    assert_not_redundant(points)
    scores = [sentence.score for sentence in extractive.key_sentences(reading)]
    assert scores == sorted(scores, reverse=True), "most important first"
    again = extractive.takeaways(extractive.read_text(paragraphs))
    assert again == points, "same input, same output"
    return points


def test_takeaways_of_the_demo_stories_are_their_own_sentences():
    shortened = 0
    for _name, _headline, paragraphs in demo_stories():
        points = check_takeaways(paragraphs, at_least=extractive.MIN_TAKEAWAYS)
        shortened += sum(1 for point in points if normalised(point) not in " ".join(paragraphs))
    # Long sentences are cut at a clause: some points are shorter than their sentence.
    assert shortened > 0


def test_takeaways_of_the_corpora_wire_items_are_their_own_sentences():
    stories = wire_stories()
    if not stories:
        pytest.skip("the shared corpora are not available")
    for _name, _headline, paragraphs in stories:
        check_takeaways(paragraphs, at_least=1)


def test_a_long_sentence_is_cut_at_a_clause_but_never_loses_a_figure():
    long = (
        "The ministry released 4.2 billion rupees for flood relief in Assam on Monday, "
        "which officials said would reach the worst-hit districts before the schools reopen "
        "after the long summer holidays."
    )
    assert extractive.shorten(long) == (
        "The ministry released 4.2 billion rupees for flood relief in Assam on Monday."
    )
    with_a_figure = long.replace("the worst-hit districts", "1.1 million people")
    assert extractive.shorten(with_a_figure) == with_a_figure
    assert extractive.shorten("However, the river fell overnight in Dhubri.") == (
        "The river fell overnight in Dhubri."
    )


def test_an_agency_dateline_is_not_part_of_the_lead():
    reading = extractive.read_text(
        [
            "NAIROBI, Dec 6 (Reuters) - Kenya opened three new cholera treatment centres in "
            "Garissa county on Saturday as cases rose for a fourth week.",
            "Health officials said 412 cases had been recorded since October.",
        ]
    )
    assert reading.sentences[0].text.startswith("Kenya opened three new cholera")


def test_non_english_copy_is_split_by_its_own_rules():
    reading = extractive.read_text(
        [
            "Le gouvernement a annoncé lundi un plan de 2,5 milliards d'euros pour les écoles "
            "rurales. Les travaux commenceront en mars dans quarante départements.",
            "Selon le ministre, les premières écoles seront rénovées avant la rentrée de "
            "septembre. Les syndicats ont salué une mesure attendue depuis longtemps.",
        ]
    )
    assert reading.language == "fr" and reading.language_known
    assert len(reading.sentences) == 4
    assert_from_story(extractive.takeaways(reading), [s.text for s in reading.sentences])


def test_copy_in_no_language_it_knows_is_flagged():
    reading = extractive.read_text(["Xqz vblorp tranquax mirvel donqua peshtrel vaskrin ulm."])
    assert not reading.language_known


def test_the_work_is_bounded_for_a_very_long_story():
    paragraphs = [
        f"Paragraph {n} reports that the district counted {n * 17} new wells this season "
        f"while engineers inspected {n * 3} pumps."
        for n in range(2000)
    ]
    reading = extractive.read_text(paragraphs)
    assert reading.truncated
    assert len(reading.sentences) <= extractive.MAX_SENTENCES
    # Sentences that all say the same thing make one point, not five.
    assert len(extractive.takeaways(reading)) == 1


def test_keyphrases_come_from_the_story():
    _name, headline, paragraphs = demo_stories(3)[0]
    reading = extractive.read_text(paragraphs)
    phrases = extractive.keyphrases(reading, headline)
    text = " ".join([headline, *paragraphs])
    assert phrases
    # As the story writes them, capitals included: they become tags an editor reads.
    assert all(phrase in text for phrase in phrases)
    # No phrase repeats a better one ("Blue Bucket" beside "Blue Bucket Collective").
    words = [set(phrase.lower().split()) for phrase in phrases]
    for number, these in enumerate(words):
        assert not any(these <= other or other <= these for other in words[:number])
    assert not {"wednesday", "the", "of"} & set().union(*words)


def test_an_interviews_questions_are_not_takeaways():
    reading = extractive.read_text(
        [
            "Amina Yusuf runs the Clean Water Trust in Kano, which has drilled 40 boreholes.",
            "Q: Why do boreholes matter so much to the families of Kano?",
            "A: Boreholes cut the walk for water from three hours to twenty minutes a day.",
            "Q: What would you do with another 2 million dollars in Kano?",
            "A: We would drill another 60 boreholes and train local mechanics to repair them.",
        ]
    )
    points = extractive.takeaways(reading)
    assert points and not any(point.rstrip().endswith("?") for point in points)
