"""The reader's search words without the database: which words a query holds, which words of a
headline they match, <mark> around those, and the closest known spelling of a mistyped word.

Plain functions on strings, so that what a reader notices is tested without a database.
"""

import html
import re
import unicodedata
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import OSA

WORD = re.compile(r"\w+")
# A word of a headline matches a searched word when it starts with the searched word's root and
# adds at most this many letters: "flood" and "floods" match "flood", "floods", "flooded" and
# "flooding". A rough English stemming that needs no dictionary and behaves the same on every
# database. Roots shorter than STEM_MIN_LENGTH match only themselves: "d" is not "deal".
MAX_SUFFIX = 3
STEM_MIN_LENGTH = 3
# Words shorter than this are not worth suggesting ("of", "in").
VOCABULARY_MIN_LENGTH = 3


def query_terms(query):
    """The distinct words of a query, in order: quotes, brackets and operators mean nothing to
    readers but break full-text query syntax."""
    terms = []
    seen = set()
    for word in WORD.findall(query):
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            terms.append(word)
    return terms


def word_root(term):
    """A searched word without a plural's "s", so that "floods" ranks and marks a "Flood"
    headline as "flood" does."""
    if len(term) > STEM_MIN_LENGTH and term[-1] in "sS" and term[-2] not in "sS":
        return term[:-1]
    return term


def word_pattern(term):
    """A regular expression for the words that match `term`, meaning the same to Python's re
    and to PostgreSQL; `term` is letters and digits only (query_terms), so it is safe inside."""
    root = word_root(term)
    ending = rf"\w{{0,{MAX_SUFFIX}}}" if len(root) >= STEM_MIN_LENGTH else ""
    return rf"(^|\W){root}{ending}(\W|$)"


def fold(text):
    """Text compared without case or accents: "État" and "etat" are one word to a reader."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_matches(folded_word, folded_roots):
    return any(
        folded_word == root
        or (
            len(root) >= STEM_MIN_LENGTH
            and folded_word.startswith(root)
            and len(folded_word) - len(root) <= MAX_SUFFIX
        )
        for root in folded_roots
    )


def highlight(text, terms):
    """`text` as HTML, every character escaped, with the words that match `terms` in <mark>."""
    folded_roots = [fold(word_root(term)) for term in terms]
    # Composed, so that an accented letter typed as two code points stays inside its word.
    text = unicodedata.normalize("NFC", text)
    pieces = []
    done = 0
    for word in WORD.finditer(text):
        if word_matches(fold(word.group()), folded_roots):
            pieces.append(html.escape(text[done : word.start()]))
            pieces.append(f"<mark>{html.escape(word.group())}</mark>")
            done = word.end()
    pieces.append(html.escape(text[done:]))
    return "".join(pieces)


def vocabulary_counts(texts):
    """How often each word occurs in `texts`, lower-cased: the words a correction may offer."""
    counts = Counter(
        word
        for text in texts
        for word in WORD.findall(text.casefold())
        if len(word) >= VOCABULARY_MIN_LENGTH and not word.isdigit()
    )
    return dict(counts)


def allowed_edits(word):
    """Typos forgiven in a word of this length, as common search engines count them: none in
    one or two letters, one in three to five, two in longer words."""
    if len(word) < 3:
        return 0
    return 1 if len(word) <= 5 else 2


def corrected_word(term, vocabulary):
    """The known word closest to `term` (letters added, dropped, changed or swapped), the most
    frequent on a tie. A word the site already uses is taken as meant, so names of people and
    places are never "corrected"; so are words with digits and words nothing is close to."""
    word = term.casefold()
    edits = allowed_edits(word)
    if word in vocabulary or not edits or any(c.isdigit() for c in word):
        return term
    close = process.extract(
        word, list(vocabulary), scorer=OSA.distance, score_cutoff=edits, limit=None
    )
    if not close:
        return term
    best, _distance, _index = min(close, key=lambda c: (c[1], -vocabulary[c[0]], c[0]))
    return best


def corrected_terms(terms, vocabulary):
    return [corrected_word(term, vocabulary) for term in terms]


def respelled(query, terms, spelled):
    """`query` with each of `terms` replaced by its spelling in `spelled`, punctuation kept."""
    spelling = {term.casefold(): new for term, new in zip(terms, spelled, strict=True)}
    return WORD.sub(lambda word: spelling.get(word.group().casefold(), word.group()), query)
