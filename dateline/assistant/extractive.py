"""The offline assistant: extractive methods over the story's own sentences. No Django import.

Sentences come from pysbd, a rule-based splitter that knows abbreviations, numbers and quotes in
some twenty languages. Each sentence is a node of a graph whose edges weigh the words two
sentences share, a word weighing more the rarer it is in the language (wordfreq's Zipf
frequencies: "desalination" says more about a story than "said"). TextRank (PageRank over that
graph) scores how central each sentence is; the takeaways are the most central sentences that do
not repeat one another, shortened at a clause boundary, in order of importance. Nothing is
written that is not in the story: a takeaway is a sentence of it, or the start of one.
"""

import calendar
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pysbd
from wordfreq import top_n_list, zipf_frequency

# The work is bounded whatever the story's length: the text read and the sentences ranked.
MAX_TEXT_CHARS = 20_000
MAX_SENTENCES = 60
MIN_TAKEAWAYS, MAX_TAKEAWAYS = 3, 5
MIN_SENTENCE_WORDS = 6
# A sentence longer than this is cut at its first clause boundary after SHORT_MIN_WORDS words.
SHORT_MAX_WORDS = 24
SHORT_MIN_WORDS = 8
# Two sentences sharing this share of their weighted words say the same thing.
REDUNDANT_OVERLAP = 0.5
DAMPING = 0.85
ITERATIONS = 30
# Zipf frequencies run from 0 (unseen) to about 8 ("the"); rarer words weigh more.
ZIPF_CEILING = 8.0
KEYPHRASES = 8
# YAKE's best candidates read before phrases repeating a better one are dropped.
KEYPHRASE_CANDIDATES = 40
# "Wednesday" is in every story and says nothing about it.
CALENDAR_WORDS = frozenset(
    name.lower() for name in [*calendar.day_name, *calendar.month_name] if name
)
# YAKE's cost grows with the text; a story's key phrases are in its opening paragraphs.
KEYPHRASE_TEXT_CHARS = 1500

# Languages pysbd splits that wordfreq knows well enough to tell them apart by common words.
# Chinese and Japanese are left out: weighing their words needs word segmenters not installed.
LANGUAGES = (
    "en",
    "fr",
    "es",
    "de",
    "it",
    "nl",
    "pl",
    "da",
    "ru",
    "bg",
    "el",
    "ar",
    "fa",
    "hi",
    "ur",
)
LANGUAGE_SAMPLE_WORDS = 300
COMMON_WORDS = 150
MIN_COMMON_SHARE = 0.15

WORD = re.compile(r"\w[\w'\u2019-]*")
# An agency dateline before the lead: "NEW DELHI, Dec 6 (Reuters) - " or "GENEVA (AFP) —".
DASHES = "\u2013\u2014"  # en and em dash
DATELINE = re.compile(
    rf"^[A-Z][A-Z .'\u2019-]{{2,40}}(?:,[^{DASHES}\-]{{0,40}})?\s*(?:\([^)]{{1,30}}\))?\s*[-{DASHES}]+\s+"
)
# Where a long sentence may be cut: before a clause that adds, contrasts or attributes (a
# participle too: "…, adding that…", "…, publishing figures…"), or an aside ("…, a change the group credits to…"). Not before "said" or "who": "Amina Yusuf, the
# county's director of health, said …" would leave the subject without its verb.
CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:which|while|whereas|but|although|though|as|after|before|according|"
    r"amid|despite|where|when|a|an|[a-z]+ing)\b)|;\s+|\s+[\u2013\u2014]\s+"
)
NUMBER = re.compile(r"\d[\d.,]*")
LEADING_CONNECTOR = re.compile(
    r"^(?:However|Meanwhile|Moreover|Also|But|And|Still|Separately|In addition|Furthermore),\s+"
)


class UnsplittableText(ValueError):
    """The text has no sentence the offline assistant can use."""


@dataclass
class Sentence:
    text: str
    position: int
    weights: dict = field(default_factory=dict)
    score: float = 0.0
    # Which report of an event the sentence is from, when several are read together.
    report: int = 0


@dataclass
class Reading:
    """What the offline assistant made of a story's text."""

    language: str
    language_known: bool
    sentences: list
    truncated: bool


@lru_cache(maxsize=len(LANGUAGES))
def _common_words(language):
    return frozenset(top_n_list(language, COMMON_WORDS))


@lru_cache(maxsize=len(LANGUAGES))
def _segmenter(language):
    return pysbd.Segmenter(language=language, clean=False)


@lru_cache(maxsize=4096)
def _split(language, paragraph):
    """A paragraph's sentences. Remembered: pysbd is the dearest part of reading a story, and the
    editor's buttons (takeaways, summary, tags) and the draft's fact check read the same
    paragraphs again."""
    return tuple(piece.strip() for piece in _segmenter(language).segment(paragraph))


@lru_cache(maxsize=200_000)
def _word_weight(word, language):
    return max(0.0, ZIPF_CEILING - zipf_frequency(word, language))


def guess_language(text):
    """(language, known): the pysbd language whose common words the text uses most; known is
    False when no language stands out, and the text is then read as English."""
    words = [word.lower() for word in WORD.findall(text[:5000])][:LANGUAGE_SAMPLE_WORDS]
    if words:
        shares = {
            language: sum(word in _common_words(language) for word in words) / len(words)
            for language in LANGUAGES
        }
        best = max(shares, key=shares.get)
        if shares[best] >= MIN_COMMON_SHARE:
            return best, True
    return "en", False


def read_text(paragraphs):
    """Split the story's paragraphs into sentences and weigh their words.

    Paragraphs are split one by one (a sentence never runs across two); only the first
    MAX_TEXT_CHARS characters and MAX_SENTENCES usable sentences are read.
    """
    kept, used, truncated = [], 0, False
    for paragraph in paragraphs:
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if used + len(paragraph) > MAX_TEXT_CHARS:
            truncated = True
            paragraph = paragraph[: max(0, MAX_TEXT_CHARS - used)]
            if not paragraph:
                break
        kept.append(paragraph)
        used += len(paragraph)
    language, known = guess_language(" ".join(kept))
    sentences = []
    for paragraph_number, paragraph in enumerate(kept):
        if paragraph_number == 0:
            paragraph = DATELINE.sub("", paragraph, count=1)
        for piece in _split(language, paragraph):
            words = WORD.findall(piece)
            if len(words) < MIN_SENTENCE_WORDS:
                continue
            weights = {}
            for word in words:
                word = word.lower()
                weights[word] = _word_weight(word, language)
            sentences.append(Sentence(piece, len(sentences), weights))
            if len(sentences) == MAX_SENTENCES:
                return Reading(language, known, sentences, True)
    return Reading(language, known, sentences, truncated)


def _similarity(first, second):
    shared = first.weights.keys() & second.weights.keys()
    if not shared:
        return 0.0
    overlap = sum(first.weights[word] for word in shared)
    return overlap / (math.log(len(first.weights) + 1) + math.log(len(second.weights) + 1))


def _overlap_share(first, second):
    """The share of the lighter sentence's word weight the two sentences share."""
    shared = first.weights.keys() & second.weights.keys()
    lighter = min(sum(first.weights.values()), sum(second.weights.values())) or 1.0
    return sum(first.weights[word] for word in shared) / lighter


def rank_sentences(sentences):
    """Score each sentence by TextRank; the lead gets a small head start, as news puts the most
    important first. Returns the sentences, best first (ties by position)."""
    count = len(sentences)
    if count == 0:
        return []
    edges = [[0.0] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            edges[i][j] = edges[j][i] = _similarity(sentences[i], sentences[j])
    totals = [sum(row) or 1.0 for row in edges]
    # The teleport favours early sentences (1/(1+position)), the usual prior for news; of several
    # reports of an event, the first (the desk's lead, which the story is made from) most.
    prior = [1.0 / ((1 + sentence.position) * (1 + sentence.report)) for sentence in sentences]
    prior_total = sum(prior)
    prior = [value / prior_total for value in prior]
    scores = prior[:]
    for _ in range(ITERATIONS):
        scores = [
            (1 - DAMPING) * prior[i]
            + DAMPING
            * sum(edges[j][i] / totals[j] * scores[j] for j in range(count) if edges[j][i])
            for i in range(count)
        ]
    for sentence, score in zip(sentences, scores, strict=True):
        sentence.score = score
    return sorted(sentences, key=lambda sentence: (-sentence.score, sentence.position))


def shorten(text):
    """The sentence, or its start up to the first clause boundary when it is long; a leading
    connector ("However, ") goes, and a cut sentence ends with a full stop.

    A cut never drops a figure: a clause with a number the start does not have stays, and the
    sentence is then cut later or not at all. Nor does it leave a quotation open.
    """
    text = LEADING_CONNECTOR.sub("", text)
    text = text[:1].upper() + text[1:]
    if len(WORD.findall(text)) <= SHORT_MAX_WORDS:
        return text
    for match in CLAUSE_BREAK.finditer(text):
        head = text[: match.start()].rstrip(" ,;:")
        if len(WORD.findall(head)) < SHORT_MIN_WORDS:
            continue
        if head.count("\u201c") > head.count("\u201d") or head.count('"') % 2:
            continue
        if set(NUMBER.findall(text[match.end() :])) - set(NUMBER.findall(head)):
            continue
        return head + "."
    return text


def takeaway_count(sentence_count):
    return max(MIN_TAKEAWAYS, min(MAX_TAKEAWAYS, 2 + sentence_count // 6))


def key_sentences(reading):
    """The most central sentences that repeat no sentence already taken, best first: three to
    five, fewer when the story has fewer sentences."""
    return _least_redundant(rank_sentences(reading.sentences))


def _least_redundant(ranked):
    """The first sentences of a ranking that repeat none taken before them: three to five."""
    wanted = takeaway_count(len(ranked))
    chosen = []
    for sentence in ranked:
        # A question (an interviewer's, say) asks; a takeaway tells.
        if sentence.text.rstrip("\"\u201d\u2019' ").endswith("?"):
            continue
        if any(_overlap_share(sentence, taken) >= REDUNDANT_OVERLAP for taken in chosen):
            continue
        chosen.append(sentence)
        if len(chosen) == wanted:
            break
    return chosen


def takeaways(reading):
    """The key sentences, shortened: the offline key takeaways, most important first."""
    return [shorten(sentence.text) for sentence in key_sentences(reading)]


def event_takeaways(readings):
    """The key takeaways of one event from several reports of it: (point, number of the report
    it comes from), most important first.

    The reports' sentences are ranked together, so what several agencies say is central; each
    report's lead gets the head start a story's lead gets, the first report's most, and a point
    that says again what a point already taken says, in another agency's words, is left out.
    """
    pooled = [
        Sentence(sentence.text, sentence.position, sentence.weights, report=number)
        for number, reading in enumerate(readings)
        for sentence in reading.sentences
    ]
    chosen = _least_redundant(rank_sentences(pooled))
    return [(shorten(sentence.text), sentence.report) for sentence in chosen]


def lead_summary(reading, max_chars=300):
    """The summary from the lead: the first sentence, and the second if both fit."""
    summary = ""
    for sentence in reading.sentences[:2]:
        candidate = f"{summary} {sentence.text}".strip()
        if summary and len(candidate) > max_chars:
            break
        summary = candidate
    return summary


@lru_cache(maxsize=len(LANGUAGES))
def _keyword_extractor(language):
    import yake

    # dedup_lim=1 turns off YAKE's own near-duplicate pass: it compares candidates by a
    # pure-Python edit distance and took most of a suggestion's time. Phrases sharing words are
    # dropped in keyphrases() instead, which is cheaper and also drops "Blue Bucket" beside
    # "Blue Bucket Collective", which the edit distance let through.
    return yake.KeywordExtractor(lan=language, n=3, dedup_lim=1.0, top=KEYPHRASE_CANDIDATES)


def _as_written(phrase, text):
    """The phrase as the text writes it (YAKE gives its candidates in lower case)."""
    pattern = r"\W+".join(re.escape(word) for word in phrase.split())
    found = re.search(pattern, text, re.IGNORECASE)
    return found.group() if found else phrase


def _repeats(words, kept):
    """Whether a phrase shares at least half the words of the shorter of it and a kept one."""
    return any(len(words & other) * 2 >= min(len(words), len(other)) for other in kept)


def keyphrases(reading, headline=""):
    """Up to KEYPHRASES phrases the story is about (YAKE: statistics of the text itself, no
    model), best first, as they are written in the story; a phrase sharing words with a better
    one is left out."""
    text = " ".join([headline, *(sentence.text for sentence in reading.sentences)])
    text = text[:KEYPHRASE_TEXT_CHARS]
    extractor = _keyword_extractor(reading.language)
    phrases, kept = [], []
    for phrase, _score in extractor.extract_keywords(text):
        words = frozenset(phrase.split())
        # A phrase with a stop word inside ("runs the clean") is a piece of a sentence, not a tag.
        if (
            phrase.isdigit()
            or words & extractor.stopword_set
            or words <= CALENDAR_WORDS
            or _repeats(words, kept)
        ):
            continue
        kept.append(words)
        phrases.append(_as_written(phrase, text))
        if len(phrases) == KEYPHRASES:
            break
    return phrases
