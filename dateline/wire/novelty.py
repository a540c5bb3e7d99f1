"""What a wire item says that the copy before it did not. Plain Python: no Django import.

Agencies telling one event word it differently, so comparing sentences by their words lists every
sentence of a reworded report as new. Here a sentence is compared by what it states:
- its figures, normalised so that "1.2 lakh", "120,000" and "0.12 million" are one number and
  "31%" is "31 per cent" (dates and small numbers written as words are not figures);
- its names: capitalised words and acronyms, a country's demonym counting as the country
  ("Kenyan" is Kenya), an acronym as the words it abbreviates ("EU", "European Union");
- its content: the word stems left after dropping stop words and reporting verbs.
A sentence adds something when it has a figure or a name the earlier copy lacks, or when no
earlier sentence (alone or with its neighbour) covers at least COVERED of its content.

The threshold was chosen on the reworded pairs in tests/wire/reworded_copy.py (TUNING) and is
checked on pairs it was not chosen on (HELD_OUT, LAST_CHECK).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import snowballstemmer

from dateline.taxonomy.places import gazetteer

from .text import plain_text

# Share of a sentence's content that one earlier sentence, or two neighbouring ones, must hold
# for the sentence to count as said before.
COVERED = 0.35
# Sentences with fewer content words say too little to judge ("He said so.").
MIN_CONTENT = 2

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9ÀÖØ-Þ])")
# A word has a letter; codes such as "R21" and "LC16" are words too.
_WORD = re.compile(r"[^\W_]*[^\W\d_][^\W_]*(?:'[^\W\d_]+)*")
_SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "lakh": 10**5,
    "lakhs": 10**5,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "crore": 10**7,
    "crores": 10**7,
    "billion": 10**9,
    "bln": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    # A scale word may stand apart ("2 billion"); "m" and "k" only written on ("$300m").
    r"(?:\s?(?P<scale>thousand|lakhs?|million|mln|crores?|billion|bln|bn|trillion)\b"
    r"|(?P<short>[mk])\b"
    # A unit written on ("40C", "185km") is part of the figure, not a word of its own.
    r"|[^\W\d_]+)?"
    r"(?P<percent>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.I,
)
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
# "Three million", "half a million": a figure however it is written.
_WORDED_FIGURE = re.compile(
    r"\b(?P<count>half an?|an?|" + "|".join(_NUMBER_WORDS) + r")[\s-]+"
    r"(?P<scale>thousand|lakh|million|crore|billion|trillion)\b",
    re.I,
)
# fmt: off
_MONTHS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    ]
)
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
# Function words, and the reporting verbs every paragraph of agency copy has.
_STOP_WORDS = frozenset(
    [
        "a", "about", "above", "across", "after", "again", "against", "all", "almost", "also",
        "although", "am", "among", "an", "and", "any", "are", "around", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "either", "even", "ever", "every", "few",
        "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
        "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "least", "less", "like", "many", "may", "me", "might", "more", "most",
        "much", "must", "my", "myself", "near", "nearly", "neither", "no", "nor", "not", "now",
        "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "per", "rather", "same", "shall", "she", "should", "since", "so", "some", "such",
        "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
        "they", "this", "those", "though", "through", "throughout", "to", "too", "toward",
        "towards", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
        "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
        "within", "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves",
        "said", "say", "says", "saying", "told", "tell", "tells", "added", "adding", "according",
        "announced", "stated", "reported", "reports", "noted", "mr", "mrs", "ms", "dr",
    ]
)
# Capitalised words that name no one: titles and the words that open a name's office.
_NOT_NAMES = _MONTHS | _WEEKDAYS | _STOP_WORDS | frozenset(
    ["president", "minister", "prime", "chancellor", "king", "queen", "chief", "director",
     "secretary", "governor", "mayor", "general", "state", "government"]
)
# Short forms and their long forms, compared as one word.
_SAME_WORD = {
    "km": "kilometr", "kms": "kilometr", "sq": "squar", "mw": "megawatt", "kw": "kilowatt",
    "kg": "kilogram", "kgs": "kilogram", "cm": "centimetr", "mm": "millimetr", "ha": "hectar",
    "annual": "year", "annually": "year", "yearly": "year",
}
# fmt: on
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}s?")
_ACRONYM_SPAN = 6


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@cache
def _countries():
    """{country name or demonym: ISO code}: "Kenyan" and "Kenya" name the same place. Matched
    with its capitals, like the tagger: "us" is no United States."""
    return {
        name: iso2
        for name, (iso2, kind) in gazetteer().items()
        if iso2 and kind in ("name", "demonym")
    }


def sentences(text):
    """Sentences of a text (or HTML fragment), paragraph by paragraph."""
    found = []
    for paragraph in plain_text(text).split("\n"):
        found.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
    return found


def _canonical(value):
    return format(value.normalize(), "f")


def _is_date(text, start, end):
    """Whether the number at text[start:end] is a day of a month ("June 3", "3 June")."""
    before = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, start - 12) : start])
    after = re.match(r"\s+([A-Za-z]+)", text[end : end + 12])
    return any(match and match[1].casefold() in _MONTHS for match in (before, after))


def _figures(text):
    """(figures written in digits, figures written in words) of a sentence, and the text with
    every figure blanked out so that its words are not read again as words."""
    digits, worded = set(), set()

    def worded_figure(match):
        count = match["count"].casefold()
        if count.startswith("half"):
            value = Decimal("0.5")
        elif count in ("a", "an"):
            value = Decimal(1)
        else:
            value = Decimal(_NUMBER_WORDS[count])
        digits.add(_canonical(value * _SCALES[match["scale"].casefold()]))
        return " "

    text = _WORDED_FIGURE.sub(worded_figure, text)
    kept = []
    position = 0
    for match in _NUMBER.finditer(text):
        if re.match(r":\d", text[match.end() : match.end() + 2]) or _is_date(
            text, match.start(), match.end()
        ):
            continue
        value = Decimal(match["value"].replace(",", ""))
        scale = match["scale"] or match["short"]
        if scale:
            value *= _SCALES[scale.casefold()]
        figure = _canonical(value) + ("%" if match["percent"] else "")
        digits.add(figure)
        kept.append(text[position : match.start()])
        position = match.end()
    kept.append(text[position:])
    text = " ".join(kept)
    for word in _WORD.findall(text):
        if word.casefold() in _NUMBER_WORDS:
            worded.add(str(_NUMBER_WORDS[word.casefold()]))
    return digits, worded, text


def _key(word):
    """What a word is compared by: its country for a country's name or demonym, else its stem."""
    country = _countries().get(word.removesuffix("'s"))
    if country:
        return "@" + country
    folded = word.casefold().removesuffix("'s")
    folded = _SAME_WORD.get(folded, folded)
    return _stemmer().stemWord(folded)


def _acronym(word):
    """The acronym a word is ("WHO's" is WHO, "NGOs" NGO), or ""."""
    bare = word.removesuffix("'s")
    return bare.removesuffix("s") if _ACRONYM.fullmatch(bare) else ""


@dataclass
class Statement:
    """What one sentence states: its content keys, its figures (in digits, and small numbers
    in words), its names, the keys of all its words, the acronyms it uses, and the acronyms its
    runs of words spell ({acronym: keys of the words})."""

    content: set = field(default_factory=set)
    figures: set = field(default_factory=set)
    worded_figures: set = field(default_factory=set)
    names: dict = field(default_factory=dict)
    word_keys: set = field(default_factory=set)
    acronyms: set = field(default_factory=set)
    spelled: dict = field(default_factory=dict)


def _country_spans(words):
    """{word index: country key} for countries of two or three words ("Sri Lanka")."""
    spans = {}
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size]).removesuffix("'s")
            country = _countries().get(phrase)
            if country and not any(index in spans for index in range(start, start + size)):
                spans.update({index: "@" + country for index in range(start, start + size)})
    return spans


def statement(sentence):
    digits, worded, rest = _figures(sentence)
    found = Statement(figures=digits, worded_figures=worded)
    found.content.update("#" + figure for figure in digits | worded)
    words = [word for piece in re.split(r"[-/]", rest) for word in _WORD.findall(piece)]
    spans = _country_spans(words)
    keys = [spans.get(index) or _key(word) for index, word in enumerate(words)]
    found.word_keys.update(keys)
    found.acronyms.update(filter(None, map(_acronym, words)))
    for index, (word, key) in enumerate(zip(words, keys, strict=True)):
        folded = word.casefold()
        if folded not in _STOP_WORDS:
            found.content.add(key)
        # A sentence's first word is capitalised whatever it is.
        is_name = index > 0 and word[0].isupper() and folded not in _NOT_NAMES
        if is_name or key.startswith("@") or _acronym(word):
            found.names[key] = word
    # The acronyms a run of words spells, with and without its function words:
    # "National Institute for Space Research" is NISR and NIFSR, "electric vehicle" EV.
    for start in range(len(words)):
        for size in range(2, min(_ACRONYM_SPAN, len(words) - start) + 1):
            run = range(start, start + size)
            meaningful = [i for i in run if words[i].casefold() not in _STOP_WORDS]
            for indexes in (run, meaningful):
                if len(indexes) > 1:
                    acronym = "".join(words[i][0] for i in indexes).upper()
                    found.spelled.setdefault(acronym, set()).update(keys[i] for i in indexes)
    return found


class Said:
    """Everything the earlier copy of a cluster said, to tell what a new item adds to it."""

    def __init__(self):
        self.statements = []
        self.figures = set()
        self.word_keys = set()
        self.acronyms_used = set()
        self.acronyms_spelled = set()

    def add(self, text):
        for sentence in sentences(text):
            said = statement(sentence)
            self.statements.append(said)
            # "Forty centres" said before makes "40 centres" no new figure.
            self.figures |= said.figures | said.worded_figures
            self.word_keys |= said.word_keys
            self.acronyms_used |= said.acronyms
            self.acronyms_spelled.update(said.spelled)

    def covered(self, content):
        """The largest share of `content` that one earlier sentence, or two neighbours, hold."""
        best = 0.0
        previous = set()
        for said in self.statements:
            for earlier in (said.content, said.content | previous):
                best = max(best, len(content & earlier) / len(content))
            previous = said.content
        return best

    def new_names(self, found):
        """Names of the sentence the earlier copy never used, in full or as an acronym."""
        # Words that spell out an acronym used before: "World Food Programme" after "WFP".
        spelled_out = set()
        for acronym, keys in found.spelled.items():
            if acronym in self.acronyms_used:
                spelled_out |= keys
        return [
            word
            for key, word in found.names.items()
            if key not in self.word_keys
            and key not in spelled_out
            # "EU" after "European Union"; "WHO" after "World Health Organization".
            and _acronym(word) not in self.acronyms_spelled
        ]

    def adds(self, found):
        """Whether a sentence brings a figure, a name or content the earlier copy did not."""
        if found.figures - self.figures or self.new_names(found):
            return True
        if len(found.content) < MIN_CONTENT:
            return False
        return self.covered(found.content) < COVERED

    def new_sentences(self, text):
        """The sentences of `text` that add to what was said, in reading order."""
        return [sentence for sentence in sentences(text) if self.adds(statement(sentence))]
