"""The facts of news copy (figures, names and quotes) and which of them no source holds.
Plain Python: no Django import.

A draft made from agency reports, by the offline assistant, a language model or an editor, may
say only what the reports say. `unknown_facts()` reads the figures, names and quotes of a text
and returns those that appear in none of the sources:

- a figure is known when a source has the same quantity, as written or more precisely: "1.2m",
  "1,200,000" and "1.2 million" are one figure; "nearly 300" is 297 rounded; "45%" is "45 per
  cent"; "$300m" is "USD300 million". A figure more precise than every source ("2,312,000" where
  the sources say "2.3 million") is not known: its digits came from somewhere else;
- a name (a run of capitalised words or an acronym) is known when a source has the same words;
- a quote of three words or more is known when a source has nearly all its words in the same
  order (an agency's "we will" is another's "we'll").
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from dateline.core.numbers import SCALES

FIGURE, NAME, QUOTE = "figure", "name", "quote"
# How far a rounded figure may lie from a source's exact one: "300" for 297 (1%), not for 260.
ROUNDING_SHARE = 0.05
# The same when the copy says it is approximate ("about", "nearly", "some").
HEDGED_SHARE = 0.1
# Share of a quote's words that must stand in a source in the same pairs of neighbours.
QUOTE_COVERED = 0.8
# Longer lines are no headline.
TITLE_MAX_CHARACTERS = 160
# Shorter quotes are words set apart ("so-called 'green' loans"), not statements.
QUOTE_MIN_WORDS = 3

# Written before or after the figure; each spelling to the currency's ISO code.
_CURRENCY_BEFORE = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "tk": "BDT",
    "bdt": "BDT",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₹": "INR",
    "ksh": "KES",
    "kes": "KES",
    "₦": "NGN",
    "ngn": "NGN",
    "r": "ZAR",
    "zar": "ZAR",
    "chf": "CHF",
    "cny": "CNY",
}
_CURRENCY_AFTER = {
    "dollars": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "gbp": "GBP",
    "taka": "BDT",
    "rupees": "INR",
    "inr": "INR",
    "shillings": "KES",
    "naira": "NGN",
    "rand": "ZAR",
    "yuan": "CNY",
    "francs": "CHF",
}
_COUNTING_WORDS = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen
"""
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORD_NUMBERS = {word: value for value, word in enumerate(_COUNTING_WORDS.split())}
_WORD_NUMBERS |= {word: 20 + 10 * index for index, word in enumerate(_TENS.split())}
_WORD_NUMBERS |= {"hundred": 100, "dozen": 12}
_HEDGES = (
    "about|around|nearly|almost|some|roughly|approximately|close to|more than|over|under"
    "|less than|fewer than|at least|up to|an estimated|estimated|just over|just under"
)


def _alternatives(words):
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FIGURE_RE = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGES})\s+)?"
    rf"(?:(?<!\w)(?P<before>{_alternatives(_CURRENCY_BEFORE)})\s?"
    # Else not a part of a code or a name ("G20", "COVID-19", "A4"), nor a decimal's tail.
    r"|(?<![\w.,/-]))(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|\b(?:{_alternatives(_WORD_NUMBERS)})\b)"
    rf"(?:\s?(?P<scale>{_alternatives(SCALES)})\b)?"
    r"(?P<percent>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    rf"(?:\s(?P<after>{_alternatives(_CURRENCY_AFTER)})\b)?",
    re.I,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Words that open a name only because they open a sentence ("The World Bank").
_OPENER_TEXT = """
    the a an in on at for but and as by from with after before when while since if this that
    these those its his her their our it he she they we there some many most all both
"""
_OPENERS = frozenset(_OPENER_TEXT.split())
_NOT_NAME_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday i mr mrs ms dr
"""
_NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())
_CONNECTORS = r"(?:of|the|for|de|du|da|del|al|bin|van|von)"
# A capitalised word, hyphenated to another ("Guinea-Bissau") but not to a common one
# ("Dhaka-based" gives "Dhaka"); no digits ("USD300" is a figure).
_CAPITALISED = r"(?:[A-Z][^\W\d_]*(?:-[A-Z][^\W\d_]*)*(?:['\u2019]s\b)?)"
_CAPITALISED_WORD = re.compile(rf"\b{_CAPITALISED}")
# "and" inside a name when two capitalised words follow ("Food and Agriculture Organization"),
# not between two names ("Nsanje and Chikwawa").
_JOINED = rf"(?:{_CONNECTORS}|and(?=\s+{_CAPITALISED}\s+{_CAPITALISED}))"
_NAME_RE = re.compile(rf"\b{_CAPITALISED}(?:\s+(?:{_JOINED}\s+)*{_CAPITALISED})*\b(?!\$)")
_SENTENCE_START = re.compile(r"(?:[.!?:;]\s+|\n\s*|[\"(]\s*)$")
_QUOTE_RE = re.compile(r"\"([^\"\n]+)\"")
_WORDS = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_WRAPPED_LINE = re.compile(r"(?<=[^\W_]|,)[ \t]*\n(?=[ \t]*[a-z0-9$%(])")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Figure:
    """A quantity as the copy gives it: its value, its unit, and how precisely it is written."""

    text: str
    value: float
    unit: str  # "%", a currency's ISO code, "year", or "" for a count or a plain number
    precision: float  # the place it is rounded to: 100 for "300", 100,000 for "2.3 million"
    hedged: bool

    def as_written_from(self, exact):
        """Whether `exact` (a source's figure) written to this one's precision gives this one."""
        if not units_meet(self.unit, exact.unit):
            return False
        if self.unit == "year" or exact.unit == "year":
            return self.value == exact.value
        if math.isclose(self.value, exact.value, rel_tol=1e-9):
            return True
        if exact.precision > self.precision * (1 + 1e-9):
            return False  # the source is rounder: this figure's extra digits are not in it
        rounded = round(exact.value / self.precision) * self.precision
        share = HEDGED_SHARE if self.hedged else ROUNDING_SHARE
        return math.isclose(rounded, self.value, rel_tol=1e-9) and abs(
            exact.value - self.value
        ) <= share * abs(self.value)

    def same_quantity(self, other):
        """One figure rounded to the other, whichever is rounder: one fact told twice."""
        return self.as_written_from(other) or other.as_written_from(self)


def units_meet(unit, other):
    """A percentage is only ever a percentage; an amount without a currency may be in any."""
    if unit == other:
        return True
    if "%" in (unit, other):
        return False
    return not unit or not other or "year" in (unit, other)


def _number_value(number):
    word = _WORD_NUMBERS.get(number.lower())
    if word is not None:
        return float(word), 1.0
    plain = number.replace(",", "")
    if "." in plain:
        return float(plain), 10.0 ** -len(plain.split(".")[1])
    zeros = len(plain) - len(plain.rstrip("0")) if plain.strip("0") else 0
    return float(plain), 10.0**zeros


def _figure(match):
    number, scale = match["number"], match["scale"]
    value, precision = _number_value(number)
    if scale:
        value, precision = value * SCALES[scale.lower()], precision * SCALES[scale.lower()]
    unit = ""
    if match["percent"]:
        unit = "%"
    elif match["before"] or match["after"]:
        before, after = match["before"], match["after"]
        unit = _CURRENCY_BEFORE[before.lower()] if before else _CURRENCY_AFTER[after.lower()]
    elif not scale and _YEAR.fullmatch(number):
        unit, precision = "year", 1.0
    start = match.start("before") if match["before"] else match.start("number")
    text = match.string[start : match.end()]
    return Figure(text.strip(), value, unit, precision, bool(match["hedge"]))


def figures(text):
    """The figures of a text, in order."""
    found = []
    for match in _FIGURE_RE.finditer(text):
        if match["before"] and match["before"].lower() == "r" and not match["scale"]:
            continue  # "R" alone before a number is more often a road or a grade than a rand
        lone = not (match["scale"] or match["percent"] or match["after"])
        if lone and match["number"].lower() in ("one", "zero", "dozen", "hundred"):
            continue  # "one of the", "a dozen of them": rarely a figure anyone checks
        found.append(_figure(match))
    return found


def _title_case(line):
    """A headline written In Title Case: its capitals say nothing about names. A headline is
    short and ends without a full stop."""
    line = line.strip()
    if not line or line[-1] in '.!?"' or len(line) > TITLE_MAX_CHARACTERS:
        return False
    words = _WORDS.findall(line)
    long_words = [word for word in words if len(word) > 3]
    return len(long_words) >= 3 and sum(word[0].isupper() for word in long_words) >= 0.8 * len(
        long_words
    )


def names(text, context=None):
    """The names of a text: runs of capitalised words and acronyms, in order.

    A single capitalised word opening a sentence is a name only if the text also capitalises it
    elsewhere ("Malawi is ..." where "southern Malawi" is written too), in `context` when given
    (the whole text a sentence comes from); "The" and its like are dropped from the front. A line
    In Title Case gives its capitalised words one by one.
    """
    context = text if context is None else context
    found = []
    for line in text.split("\n"):
        title = _title_case(line)
        for match in _NAME_RE.finditer(line):
            words = match.group(0).split()
            opening = _opens_sentence(line, match.start())
            while words and (words[0].lower() in _OPENERS or words[0].lower() in _NOT_NAMES):
                words.pop(0)
                opening = False
            # "Neighbouring Mozambique": a word capitalised only for opening the sentence.
            if (
                opening
                and len(words) > 1
                and not words[0].isupper()
                and not _capitalised_elsewhere(words[0], context)
            ):
                words.pop(0)
            while words and _is_connector(words[0]):
                words.pop(0)
            while words and _is_connector(words[-1]):
                words.pop()
            if not words:
                continue
            if title:
                found += [
                    word
                    for word in words
                    if len(word) > 1 and not _is_common(word) and not _is_connector(word)
                ]
                continue
            name = _POSSESSIVE.sub("", " ".join(words)).rstrip(".")
            single = len(words) == 1 and not name.isupper()
            if single and opening and not _capitalised_elsewhere(name, context):
                continue
            if _is_common(name) or len(name) < 2:
                continue
            found.append(name)
    return found


def _is_connector(word):
    return word == "and" or bool(re.fullmatch(_CONNECTORS, word))


def _is_common(word):
    """Capitalised, but no name: a month, a title, a currency or a scale of a figure."""
    lowered = word.lower()
    return lowered in _NOT_NAMES or lowered in _CURRENCY_BEFORE or lowered in SCALES


def _opens_sentence(text, index):
    # What opens a sentence stands within a few characters before it.
    return not text[:index].strip() or bool(_SENTENCE_START.search(text[max(index - 8, 0) : index]))


def _capitalised_elsewhere(word, text):
    return word in _capitalised_within_sentences(text)


@lru_cache(maxsize=16)
def _capitalised_within_sentences(text):
    """The capitalised words of a text that stand somewhere other than at a sentence's start."""
    return {
        match.group(0)
        for match in _CAPITALISED_WORD.finditer(text)
        if not _opens_sentence(text, match.start())
    }


def quotes(text):
    """Quoted statements of QUOTE_MIN_WORDS words or more, in order (quotes unified to ")."""
    return [
        quote.strip()
        for quote in _QUOTE_RE.findall(unify_quotes(text))
        if len(_WORDS.findall(quote)) >= QUOTE_MIN_WORDS
    ]


_QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "«": '"', "»": '"'})


def unify_quotes(text):
    return text.translate(_QUOTE_MARKS)


def unwrapped(text):
    """Copy hard-wrapped at a line width ("spot silver was up 0.2\npercent") in whole lines:
    a line that ends mid-sentence, before one that goes on in lower case or with a number,
    continues on it."""
    return _WRAPPED_LINE.sub(" ", text)


def sentences(text):
    """The sentences of plain text, paragraph breaks included as breaks."""
    parts = _SENTENCE_END.split(unwrapped(text))
    return [part.strip() for part in parts if part and part.strip()]


def words_of(text):
    return [word.casefold() for word in _WORDS.findall(text)]


@dataclass
class Fact:
    kind: str  # FIGURE, NAME or QUOTE
    text: str  # as the text writes it
    sentence: str = ""  # the sentence that holds it
    figure: Figure | None = None


def facts(text):
    """The figures, names and quotes of a text, each with its sentence, in order."""
    found = []
    text = unify_quotes(text)
    for sentence in sentences(text):
        found += [Fact(FIGURE, f.text, sentence, f) for f in figures(sentence)]
        found += [Fact(NAME, name, sentence) for name in names(sentence, context=text)]
        found += [Fact(QUOTE, quote, sentence) for quote in quotes(sentence)]
    return found


class Sources:
    """What a set of source texts holds, read once, to check facts against."""

    def __init__(self, texts=()):
        self.figures, self.word_texts, self.pairs = {}, [], []
        for text in texts:
            self.add(text)

    def add(self, text):
        text = unify_quotes(text)
        for figure in figures(text):
            self.figures.setdefault(_magnitude(figure.value), []).append(figure)
        words = words_of(text)
        self.word_texts.append(f" {' '.join(words)} ")
        self.pairs.append(_pairs(words))

    def knows(self, fact, either_rounder=False):
        """Whether a source holds the fact. With `either_rounder`, a figure a source gives more
        roughly or more precisely counts too: the same quantity, told again."""
        if fact.kind == FIGURE:
            figure = fact.figure
            match = figure.same_quantity if either_rounder else figure.as_written_from
            return any(match(other) for other in self._near(figure.value))
        if fact.kind == NAME:
            return self._has_name(fact.text)
        return any(_covered(words_of(fact.text), pairs) for pairs in self.pairs)

    def _has_name(self, name):
        needle = f" {' '.join(words_of(name))} "
        if any(needle in text for text in self.word_texts):
            return True
        # "Malawi and South Africa" where the sources name each apart.
        parts = name.split(" and ")
        return len(parts) > 1 and all(map(self._has_name, parts))

    def _near(self, value):
        """The figures that could be this value rounded or written more precisely: those of its
        order of magnitude and the ones on either side (a rounding may cross a power of ten)."""
        magnitude = _magnitude(value)
        for near in (magnitude - 1, magnitude, magnitude + 1):
            yield from self.figures.get(near, ())


def _magnitude(value):
    return math.floor(math.log10(value)) if value > 0 else 0


def _pairs(words):
    return set(pairwise(words))


def _covered(quote_words, source_pairs):
    """Whether nearly all the quote's words stand in the source beside the same neighbour."""
    covered = set()
    for index, pair in enumerate(pairwise(quote_words)):
        if pair in source_pairs:
            covered.update((index, index + 1))
    return len(covered) >= QUOTE_COVERED * len(quote_words)


def unknown_facts(text, source_texts):
    """The facts of `text` that none of `source_texts` holds, in order, each once."""
    sources = Sources(source_texts)
    flagged, seen = [], set()
    for fact in facts(text):
        key = (fact.kind, fact.text.casefold())
        if key not in seen and not sources.knows(fact):
            flagged.append(fact)
        seen.add(key)
    return flagged
