"""Which library pictures fit a story: the scoring rule, in plain Python (no Django import).

A picture scores for what it shares with the story: sectors and countries (those of the stories
that already used it as their hero picture: an image carries no classification of its own, but a
picture that illustrated a Health story in Kenya is known to fit one), tags, and words. Words are
compared as TF-IDF vectors (cosine similarity): the story's headline, summary, tags and the start
of its body against the picture's title, tags, alt text and the captions it was published with.
Document frequencies come from the pictures being scored, so a word every candidate has ("photo",
"district") counts for little and a rare one ("cholera") for much.
"""

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

SECTOR_WEIGHT = 3.0
COUNTRY_WEIGHT = 3.0
TAG_WEIGHT = 2.0
# Multiplies a cosine similarity (0 to 1): a picture whose words are the story's own scores
# about as much as one shared sector and one shared country.
TEXT_WEIGHT = 6.0
# Below this a picture is not suggested: one shared sector (or a similarity of 1/6) is enough;
# a word or two in common with a long story is not.
LEAST_SCORE = 1.0
# The body is read up to here: the opening of a story says what it is about, and a story of
# 50,000 words costs no more than one of 1,000.
BODY_CHARACTERS = 4000
# How much each part of a text counts, as repeats of its words.
HEADLINE_WEIGHT = 3
SUMMARY_WEIGHT = 2
STORY_TAG_WEIGHT = 2
TITLE_WEIGHT = 2
PICTURE_TAG_WEIGHT = 2
# Words shown to the editor as the reason a picture was suggested.
REASON_WORDS = 3

# Words that say nothing about what a story or a picture is about.
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    said says say told according new also year years week weeks day days month months today
    yesterday tomorrow one two three four five many much per via amid among across around still
    image photo picture photograph file illustration shows showing seen view people
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Letters, and the combining marks that Indic and Thai scripts write vowels with (not \w in
# Python's regex, which would cut "मुंबई" in pieces).
_WORDS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f]){3,}")
# A stemmer keeps the word it works on in itself: one per thread of a web server.
_stemmers = threading.local()


@lru_cache(maxsize=100_000)
def _stem(word):
    """Snowball's stem of a word, remembered: stemming in Python is most of the cost of scoring
    hundreds of pictures, and a newsroom's vocabulary repeats."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def words(text):
    """The words of `text` that can say what it is about, in order, as (stem, word) pairs."""
    return [(_stem(word), word) for word in _WORDS.findall(text.lower()) if word not in STOP_WORDS]


def weighted_words(*parts):
    """Term counts of several texts, each (text, weight): a headline's words count thrice; and
    the first word seen for each stem, to show the editor words rather than stems."""
    counts, spelling = Counter(), {}
    for text, weight in parts:
        for stem, word in words(text):
            counts[stem] += weight
            spelling.setdefault(stem, word)
    return counts, spelling


@dataclass(frozen=True)
class StoryFacts:
    """What a story offers to match: names of its sectors and countries, its tags (lowercase),
    and its weighted words."""

    sectors: frozenset = frozenset()
    countries: frozenset = frozenset()
    tags: frozenset = frozenset()
    words: Counter = field(default_factory=Counter)
    spelling: dict = field(default_factory=dict)


@dataclass
class PictureFacts:
    """What a library picture offers: the story's sectors and countries among those of the
    stories it illustrated, its tags (lowercase) and its weighted words."""

    image_id: int
    sectors: set = field(default_factory=set)
    countries: set = field(default_factory=set)
    tags: set = field(default_factory=set)
    words: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class Match:
    image_id: int
    score: float
    sectors: tuple
    countries: tuple
    tags: tuple
    shared_words: tuple


def story_facts(*, headline, summary, body_text, tags, sectors, countries):
    tags = frozenset(tag.lower() for tag in tags)
    counts, spelling = weighted_words(
        (headline, HEADLINE_WEIGHT),
        (summary, SUMMARY_WEIGHT),
        (" ".join(sorted(tags)), STORY_TAG_WEIGHT),
        (body_text[:BODY_CHARACTERS], 1),
    )
    return StoryFacts(
        sectors=frozenset(sectors),
        countries=frozenset(countries),
        tags=tags,
        words=counts,
        spelling=spelling,
    )


@lru_cache(maxsize=20_000)
def _picture_words(title, tags, alt_text, captions):
    counts, _spelling = weighted_words(
        (title, TITLE_WEIGHT),
        (" ".join(tags), PICTURE_TAG_WEIGHT),
        (alt_text, 1),
        (" ".join(captions), 1),
    )
    return counts


def picture_words(*, title, tags, alt_text, captions):
    """A picture's weighted words. Remembered for the library's pictures, which every story's
    suggestions score again; the counts returned are shared and must not be changed."""
    return _picture_words(title, tuple(sorted(tags)), alt_text, tuple(captions))


def _inverse_document_frequencies(pictures):
    document_frequency = Counter()
    for picture in pictures:
        document_frequency.update(picture.words.keys())
    total = len(pictures)
    return lambda stem: math.log((1 + total) / (1 + document_frequency[stem])) + 1


def _vector(counts, idf):
    # Sublinear term frequency: a word fifty times in a long body does not drown the headline.
    return {stem: (1 + math.log(count)) * idf(stem) for stem, count in counts.items()}


def _norm(vector):
    return math.sqrt(sum(weight * weight for weight in vector.values()))


def rank(story, pictures, limit):
    """The best `limit` pictures for `story`, best first, as Matches.

    Equal scores go to the newer picture (the higher id), so the order never depends on the
    order the pictures came in.
    """
    idf = _inverse_document_frequencies(pictures)
    story_vector = _vector(story.words, idf)
    story_norm = _norm(story_vector)
    matches = []
    for picture in pictures:
        sectors = story.sectors & picture.sectors
        countries = story.countries & picture.countries
        tags = story.tags & picture.tags
        similarity, shared = 0.0, []
        if story_norm and picture.words:
            picture_vector = _vector(picture.words, idf)
            products = {
                stem: weight * picture_vector[stem]
                for stem, weight in story_vector.items()
                if stem in picture_vector
            }
            if products:
                similarity = sum(products.values()) / (story_norm * _norm(picture_vector))
                shared = sorted(products, key=lambda stem: (-products[stem], stem))
        score = (
            SECTOR_WEIGHT * len(sectors)
            + COUNTRY_WEIGHT * len(countries)
            + TAG_WEIGHT * len(tags)
            + TEXT_WEIGHT * similarity
        )
        if score >= LEAST_SCORE:
            matches.append(
                Match(
                    image_id=picture.image_id,
                    score=round(score, 9),
                    sectors=tuple(sorted(sectors)),
                    countries=tuple(sorted(countries)),
                    tags=tuple(sorted(tags)),
                    shared_words=tuple(story.spelling[stem] for stem in shared[:REASON_WORDS]),
                )
            )
    matches.sort(key=lambda match: (-match.score, -match.image_id))
    return matches[:limit]
