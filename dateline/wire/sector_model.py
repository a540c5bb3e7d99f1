"""The learned half of sector tagging: how likely a desk is to file a story under each sector.

The keyword rules and IPTC codes of tagging.py say which sectors a story touches; which of
those a desk files it under is a convention (is a flood an environment story? is a development
bank's loan for a grid also an economy story?). Rules tuned by hand on one author's copy carried
that convention over poorly to other authors' copy (sector F1 0.87 on the copy they were tuned
on, 0.74 on fresh copy), so it is read off labelled copy instead, by two logistic models:
- the evidence model weighs what the rules found for a sector (keyword score and count, a
  headline keyword, its rank, an IPTC code, a reported hazard, the rules' own choice);
- the term model reads the story's word stems (tf-idf), catching the vocabulary no rule lists.
A sector's probability is the mean of the two. Every sector is weighed: one the rules do not
see has no evidence and stands on its words alone. sector_model.json holds both, written by
tools/train_sectors.py from the labelled parts in tests/wire (never the test part). Plain
arithmetic here, in a fixed order, so the same story gets the same figures on every run.
"""

import json
import math
import operator
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy
import snowballstemmer

MODEL_FILE = Path(__file__).resolve().parent / "sector_model.json"
MAX_LOGIT = 500.0


@cache
def model():
    with open(MODEL_FILE, encoding="utf-8") as source:
        return json.load(source)


def _logistic(logit):
    # Written for both signs so a large logit never overflows exp().
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    odds = math.exp(logit)
    return odds / (1.0 + odds)


def evidence_probabilities(evidence, trained=None):
    """{slug: probability} from the evidence model for each sector in evidence, which is
    {slug: feature values} in the order of tagging.SECTOR_EVIDENCE_FEATURES. `trained` is the
    whole model: sector_model.json's, unless the training tool passes its own."""
    learned = (trained or model())["evidence"]
    weights, bias = learned["weights"], learned["sector_bias"]
    return {
        slug: _logistic(learned["intercept"] + bias[slug] + sum(map(operator.mul, weights, values)))
        for slug, values in evidence.items()
    }


class _TermArrays(NamedTuple):
    rows: dict  # the row of each stem the model knows
    idf: numpy.ndarray  # per row
    weights: numpy.ndarray  # a row per stem, a column per sector
    intercepts: numpy.ndarray  # per sector


def _term_arrays(trained):
    learned = trained["terms"]
    return _TermArrays(
        {term: row for row, term in enumerate(learned["vocabulary"])},
        numpy.array(learned["idf"]),
        numpy.array(learned["weights"]),
        numpy.array(learned["intercept"]),
    )


@cache
def _shipped_term_arrays():
    return _term_arrays(model())


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


def stem_counts(words):
    """{stem: count} of {word: count}: the terms the term model is trained on."""
    stems = Counter()
    for word, count in words.items():
        stems[_stemmer().stemWord(word)] += count
    return stems


# Distinct words whose row is remembered: news copy reuses a vocabulary of some tens of
# thousands of words, so nearly every word of a new story is stemmed and looked up once, ever.
WORD_ROWS_CACHE = 1 << 16


@lru_cache(maxsize=WORD_ROWS_CACHE)
def _shipped_row_of(word):
    return _shipped_term_arrays().rows.get(_stemmer().stemWord(word), -1)


def term_probabilities(words, trained=None):
    """{slug: probability} from the term model; words is {word: count} of the story.

    The vector is the one the model was trained on: the words' stems, their sublinear tf
    (1 + ln count) times the idf, over the stems the model knows, scaled to unit length."""
    if trained:
        arrays = _term_arrays(trained)
        row_of = lambda word: arrays.rows.get(_stemmer().stemWord(word), -1)  # noqa: E731
    else:
        arrays, row_of = _shipped_term_arrays(), _shipped_row_of
    rows = numpy.fromiter(map(row_of, words), numpy.intp, len(words))
    counts = numpy.fromiter(words.values(), float, len(words))
    known = rows >= 0
    # Counts per stem ("flood", "floods", "flooding"), in the order of the model's rows: the
    # same story adds up the same way on every run.
    order = numpy.argsort(rows[known], kind="stable")
    rows, counts = rows[known][order], counts[known][order]
    logits = arrays.intercepts
    if rows.size:
        starts = numpy.flatnonzero(numpy.concatenate(([True], rows[1:] != rows[:-1])))
        index, per_row = rows[starts], numpy.add.reduceat(counts, starts)
        vector = (1.0 + numpy.log(per_row)) * arrays.idf[index]
        logits = logits + (vector @ arrays.weights[index]) / math.sqrt(vector @ vector)
    # Clipped: exp() of a logit beyond a few hundred overflows, and its probability is 0 or 1.
    probabilities = 1.0 / (1.0 + numpy.exp(-numpy.clip(logits, -MAX_LOGIT, MAX_LOGIT)))
    return dict(zip((trained or model())["sectors"], probabilities.tolist(), strict=True))


def probabilities(evidence, terms, trained=None):
    """{slug: probability the desk files the story under it} for each sector in evidence (the
    others are no candidates): the two models' mean."""
    by_evidence = evidence_probabilities(evidence, trained)
    by_terms = term_probabilities(terms, trained)
    share = (trained or model())["term_share"]
    return {
        slug: (1.0 - share) * by_evidence[slug] + share * by_terms[slug] for slug in by_evidence
    }


def chosen(probability_of, trained=None, candidates=(), precise=()):
    """The sectors to file under, likeliest first (ties by slug): each at least as likely as
    the model's threshold, at most max_sectors of them; and when none is, the likeliest of the
    candidates (the sectors a rule or a code names), else the likeliest of all. A sector an
    agency's precise code names (`precise`) is kept whatever the story's few words resemble
    ("The ministry signed a deal", ICT): the labelled copy files 95% of such stories under it.
    It takes the place of the least likely sector when there is no room."""
    trained = trained or model()
    threshold, most = trained["threshold"], trained["max_sectors"]
    ranked = sorted(probability_of, key=lambda slug: (-probability_of[slug], slug))
    likely = [slug for slug in ranked[:most] if probability_of[slug] >= threshold]
    kept = likely or [slug for slug in ranked if slug in candidates][:1] or ranked[:1]
    for slug in sorted(precise, key=lambda slug: (-probability_of[slug], slug)):
        if slug not in kept:
            kept = [*kept[: most - 1], slug] if len(kept) >= most else [*kept, slug]
    return kept
