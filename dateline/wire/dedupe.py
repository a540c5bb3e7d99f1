"""Exact repeats and near-duplicate clusters of wire items. Plain Python: no Django import.

Two levels:
- `fingerprint()` catches exact repeats: the same copy re-sent, whatever its markup, case or
  spacing.
- `signature()` + `ClusterIndex` group reports of one event. Two agencies telling the same event
  share names, numbers, places and quotes but hardly any wording, so a signature is a MinHash of
  the item's *anchors* (proper names, multi-word names and normalised figures), not of word
  shingles. Unrelated items about the same kind of event ("floods", "election", "loan") share
  common words but not the names and figures, so they stay apart; a re-filed item with one
  changed paragraph keeps almost all of its anchors, so it joins its first version. Items with
  too few anchors to judge (a one-line brief) also get word trigrams, so their re-files still
  cluster.

Signatures are 128 little-endian uint32 values (512 bytes), made with a fixed seed, scheme and a
stable hash (CRC-32), so signatures stored by one process compare with those of another.

`ClusterIndex` bands the signatures itself rather than wrapping datasketch's MinHashLSH: measured
on this machine, MinHashLSH with 100,000 items and 25 bands took 33 s to insert and query and
860 MB, because each bucket is a Python set. Here the band keys of most items sit in one sorted
uint64 array (12 bytes per band per item), and only recent items in a dict.
"""

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Hashable, Iterable
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

from .text import normalise_text, plain_text

NUM_PERM = 128
SEED = 20240601
SCHEME = "affine32"
SIGNATURE_BYTES = NUM_PERM * 4
# Estimated Jaccard similarity of anchor sets above which two items report the same event,
# chosen on the labelled set in tests/wire/labelled (see tests/wire/test_dedupe.py).
DEFAULT_THRESHOLD = 0.3
# 42 bands of 3 values: an item pair at the threshold shares a band with probability 0.68, one at
# 0.5 with 0.996 (and a cluster of several reports offers several chances); candidates are then
# checked against the full signature.
BAND_SIZE = 3
BAND_COUNT = NUM_PERM // BAND_SIZE
# Below this many anchors an item is too thin to judge by names alone.
MIN_ANCHORS = 6

# Where a capitalised word says nothing about a name: sentence openings, quote openings, lines.
_SEGMENT_BREAKS = re.compile(r'[.!?]\s|[\n"()]|\s[-:]\s')
_ANCHOR_TOKENS = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>million|mln|billion|bln|bn|trillion)\b)?"
    r"|(?P<word>[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['-][^\W\d_]+)*)"
)
_LOWERCASE_WORD = re.compile(r"\b[a-zß-ÿ]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SCALES = {
    "million": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bln": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
# fmt: off
_MONTHS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    ]
)
# Capitalised words every kind of story has: they would make unrelated items look alike.
_COMMON_CAPITALISED = _MONTHS | frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs",
        "ms", "dr", "prof", "sir", "i", "the", "a", "an", "in", "on", "at", "of", "for", "and",
        "but", "he", "she", "it", "they", "we", "this", "that", "president", "minister", "prime",
        "government", "ministry", "official", "officials", "said", "according",
    ]
)
# fmt: on

# "NAIROBI, June 3 (Pan-African Press) -": the agency's name would tie its unrelated items.
_DATELINE_REACH = 400
_DATELINE_AGENCY = re.compile(r"^([^\n()]{2,60})\([^)\n]{2,60}\)(?=\s*-)", re.M)


def fingerprint(headline, body_text):
    """Hex digest that two items share exactly when their normalised headline and body match."""
    joined = f"{normalise_text(headline)}\n{normalise_text(body_text)}"
    return hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()


# Figures whose anchors are remembered, as in events.py: copy repeats the same numbers.
NUMBER_CACHE = 1 << 14


@lru_cache(maxsize=NUMBER_CACHE)
def _number_anchor(digits, scale):
    value = digits.replace(",", "")
    if not scale and "," not in digits and _YEAR.fullmatch(value):
        return None  # a year: every story of the year has it
    if scale:
        value = f"{float(value) * _SCALES[scale.lower()]:.0f}"
    elif "." in value:
        value = value.rstrip("0").rstrip(".")
    return "#" + value


def _segment_anchors(segment):
    """Anchors of one segment, its opening word, and whether it reads as a title-case line."""
    anchors = []
    capitalised = 0
    opening_word = previous_name = previous_word = None
    previous_end = -2
    for match in _ANCHOR_TOKENS.finditer(segment):
        # Only the first token can have nothing but spaces before it.
        first_token = previous_end == -2
        adjacent = match.start() == previous_end + 1 and segment[previous_end] == " "
        previous_end = match.end()
        if match["number"]:
            # "June 3": a date, shared by every story of the day.
            is_date = adjacent and previous_word in _MONTHS
            anchor = None if is_date else _number_anchor(*match.group(1, 2))
            if anchor:
                anchors.append(anchor)
            previous_name = previous_word = None
            continue
        capitalised += 1
        word = match["word"]
        name = word.casefold().removesuffix("'s")
        if not adjacent:
            previous_name = None
        if name in _COMMON_CAPITALISED:
            previous_name = None
        elif first_token and not segment[: match.start()].strip() and not word.endswith("'s"):
            # Any sentence opens with a capital; keep the word only if a name follows it
            # ("Marina Silva said") or the text uses it as a name elsewhere.
            opening_word = previous_name = name
        else:
            if previous_name:
                if previous_name == opening_word:
                    anchors.append(opening_word)
                anchors.append(f"{previous_name} {name}")
            anchors.append(name)
            previous_name = name
        previous_word = name
    title_case = capitalised >= 4 and capitalised >= 1.5 * len(_LOWERCASE_WORD.findall(segment))
    return anchors, opening_word, title_case


# The worker reads each new item's anchors twice in a row, for its signature (enrich.py) and for
# its event features (events.py): a batch's worth of cached results spares the second reading.
ANCHOR_CACHE = 8192


@lru_cache(maxsize=ANCHOR_CACHE)
def anchors(text):
    """The frozenset a signature summarises: names, multi-word names and figures of the text.

    A capitalised word counts as a name unless it opens a sentence, a quote or a line, or is a
    weekday, month, title or function word. In a line where most words are capitalised (a
    title-case headline) a word counts only if it is a name elsewhere in the text.
    """
    found = set()
    title_case_anchors = []
    opening_words = []
    text = plain_text(text)
    # Datelines open the first paragraphs; searching further would only cost time.
    text = _DATELINE_AGENCY.sub(r"\1", text[:_DATELINE_REACH]) + text[_DATELINE_REACH:]
    for segment in _SEGMENT_BREAKS.split(text):
        segment_anchors, opening_word, title_case = _segment_anchors(segment)
        if title_case:
            title_case_anchors.extend(segment_anchors)
            opening_words.append(opening_word)
        else:
            found.update(segment_anchors)
            opening_words.append(opening_word)
    found.update(a for a in title_case_anchors if a in found or a.startswith("#"))
    found.update(word for word in opening_words if word in found)
    return frozenset(found)


def _features(text):
    features = set(anchors(text))
    if len(features) < MIN_ANCHORS:
        words = normalise_text(text).split()
        features.update(" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1)))
    return [feature.encode() for feature in features]


def signature(text):
    """MinHash signature of the text's anchors, as bytes to store beside the item."""
    return signatures([text])[0]


def signatures(texts):
    """Signatures of many texts at once (the same bytes `signature` gives each)."""
    # One MinHash, cleared between texts: MinHash.bulk copies the template for every text,
    # which costs more than hashing a text's few dozen anchors.
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)
    found = []
    for text in texts:
        minhash.clear()
        minhash.update_batch(_features(text))
        found.append(minhash.hashvalues.astype("<u4").tobytes())
    return found


def _values(signature_bytes):
    if len(signature_bytes) != SIGNATURE_BYTES:
        raise ValueError(
            f"a signature is {SIGNATURE_BYTES} bytes, this one is {len(signature_bytes)}"
        )
    return np.frombuffer(signature_bytes, dtype="<u4").astype(np.uint32)


def minhash_from_signature(signature_bytes):
    """The datasketch LeanMinHash a stored signature encodes."""
    return LeanMinHash(seed=SEED, hashvalues=_values(signature_bytes), scheme=SCHEME)


def similarity(signature_a, signature_b):
    """Estimated Jaccard similarity of the anchors of two items, 0.0 to 1.0."""
    return float(np.count_nonzero(_values(signature_a) == _values(signature_b))) / NUM_PERM


_BAND_PRIME = np.uint64(0x100000001B3)
_BAND_SALT = np.arange(1, BAND_COUNT + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def _band_keys(values):
    """One uint64 per band for each row of values (shape: items x NUM_PERM)."""
    bands = values[:, : BAND_COUNT * BAND_SIZE].astype(np.uint64)
    bands = bands.reshape(len(values), BAND_COUNT, BAND_SIZE)
    keys = bands[:, :, 0] + _BAND_SALT
    for column in range(1, BAND_SIZE):
        keys = keys * _BAND_PRIME + bands[:, :, column]
    # A MurmurHash3 finish spreads the keys, so that sorting and searching them stay balanced.
    keys ^= keys >> np.uint64(33)
    keys *= np.uint64(0xFF51AFD7ED558CCD)
    keys ^= keys >> np.uint64(33)
    return keys


class ClusterIndex:
    """Signatures of the items seen so far, banded for near-duplicate lookup.

    `add(key, signature)` returns the key of the most similar indexed item whose estimated
    similarity reaches the threshold (the new item belongs in that item's cluster), or None,
    and indexes the new item either way. After a restart, `load(pairs)` rebuilds the index from
    stored (key, signature) pairs without comparing them.
    """

    # Items kept in the recent dict before their band keys move to the sorted arrays.
    _MIN_MERGE = 4096

    def __init__(self, threshold=DEFAULT_THRESHOLD):
        self.threshold = threshold
        self._keys = []
        self._rows = {}
        self._values = np.empty((1024, NUM_PERM), dtype=np.uint32)
        self._sorted_band_keys = np.empty(0, dtype=np.uint64)
        self._sorted_band_rows = np.empty(0, dtype=np.uint32)
        self._recent = defaultdict(list)
        self._recent_row_count = 0

    def __len__(self):
        return len(self._keys)

    def __contains__(self, key):
        return key in self._rows

    def add(self, key: Hashable, signature_bytes: bytes):
        values = _values(signature_bytes)
        band_keys = _band_keys(values[np.newaxis])[0]
        best = self._best_match_row(values, band_keys)
        self._store(key, values[np.newaxis])
        self._index_recent(len(self._keys) - 1, band_keys)
        return None if best is None else self._keys[best[0]]

    def load(self, pairs: Iterable[tuple[Hashable, bytes]]):
        """Index stored (key, signature) pairs as they are, without looking for matches."""
        pairs = list(pairs)
        if not pairs:
            return
        values = np.stack([_values(signature_bytes) for _key, signature_bytes in pairs])
        first_row = len(self._keys)
        for key, _signature in pairs:
            self._store(key, None)
        self._values[first_row : len(self._keys)] = values
        rows = np.arange(first_row, len(self._keys), dtype=np.uint32)
        self._merge(_band_keys(values).ravel(), np.repeat(rows, BAND_COUNT))

    def most_similar(self, signature_bytes: bytes):
        """(key, similarity) of the closest indexed item at or above the threshold, or None."""
        values = _values(signature_bytes)
        best = self._best_match_row(values, _band_keys(values[np.newaxis])[0])
        return None if best is None else (self._keys[best[0]], best[1])

    def _best_match_row(self, values, band_keys):
        candidates = set()
        recent_get = self._recent.get
        for band_key in band_keys.tolist():
            rows = recent_get(band_key)
            if rows:
                candidates.update(rows)
        if len(self._sorted_band_keys):
            starts = np.searchsorted(self._sorted_band_keys, band_keys, side="left")
            ends = np.searchsorted(self._sorted_band_keys, band_keys, side="right")
            for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
                if end > start:
                    candidates.update(self._sorted_band_rows[start:end].tolist())
        if not candidates:
            return None
        rows = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
        agreement = np.count_nonzero(self._values[rows] == values, axis=1) / NUM_PERM
        best = int(np.argmax(agreement))
        if agreement[best] < self.threshold:
            return None
        return int(rows[best]), float(agreement[best])

    def _store(self, key, values):
        if key in self._rows:
            raise ValueError(f"key {key!r} is already indexed")
        row = len(self._keys)
        if row >= len(self._values):
            grown = np.empty((len(self._values) * 2, NUM_PERM), dtype=np.uint32)
            grown[:row] = self._values[:row]
            self._values = grown
        if values is not None:
            self._values[row] = values[0]
        self._keys.append(key)
        self._rows[key] = row

    def _index_recent(self, row, band_keys):
        recent = self._recent
        for band_key in band_keys.tolist():
            recent[band_key].append(row)
        self._recent_row_count += 1
        recent_entries = self._recent_row_count * BAND_COUNT
        # Merging costs a pass over the sorted arrays, so the buffer grows with them.
        if recent_entries >= max(self._MIN_MERGE * BAND_COUNT, len(self._sorted_band_keys) // 4):
            self._flush_recent()

    def _flush_recent(self):
        band_keys = np.fromiter(
            (key for key, rows in self._recent.items() for _row in rows), dtype=np.uint64
        )
        band_rows = np.fromiter(
            (row for rows in self._recent.values() for row in rows), dtype=np.uint32
        )
        self._recent = defaultdict(list)
        self._recent_row_count = 0
        self._merge(band_keys, band_rows)

    def _merge(self, band_keys, band_rows):
        order = np.argsort(band_keys, kind="stable")
        band_keys, band_rows = band_keys[order], band_rows[order]
        positions = np.searchsorted(self._sorted_band_keys, band_keys, side="right")
        self._sorted_band_keys = np.insert(self._sorted_band_keys, positions, band_keys)
        self._sorted_band_rows = np.insert(self._sorted_band_rows, positions, band_rows)
