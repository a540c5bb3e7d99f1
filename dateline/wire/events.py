"""Which reports tell one event, when each agency wrote it in its own words. Plain Python.

Two independent reports of one event share little wording (a word-shingle similarity of
0.15-0.30) but they share what the event is made of: the names of its people, places and
organisations, its figures, its dates and a few rare words. `features()` reads those from an
item, with figures normalised so that roundings and units meet ("$1.2 billion" and "1,200
million dollars"; "297" and "nearly 300") and dates resolved against the item's arrival ("on
Monday" and "May 6" are one day). Press-release boilerplate ("About the World Bank", media
contacts) is left out.

`EventIndex` keeps the features of the items of the last few days. Each feature weighs what it
says about an event: its rarity among those items (inverse document frequency: a country every
third item names says little, a district named twice says much), times how much its kind is
worth, divided by how many other recent items of the same source carry it (an issuer's board,
programme or contact names recur in all its releases, whatever they are about). A new item is
scored against whole clusters (the union of their members' features), found through an
inverted index of the rarer features, so a report that shares a name with one member and a
figure with another still joins; when it matches two clusters strongly they are one event.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache

import pycountry

from dateline.core.numbers import SCALES
from dateline.taxonomy.defaults import EXTRA_COUNTRIES
from dateline.taxonomy.places import country_names, gazetteer

from .dedupe import anchors
from .text import split_boilerplate

# What one shared feature of each kind is worth, before its rarity. Names and figures identify
# an event; a date narrows it; a common word only adds to other evidence. A country counts as
# one name, however often and in whichever form the copy calls it (see features()): the names
# two stories of one country share besides it (a province, a ministry, a figure) tell whether
# they are one event.
KIND_WEIGHTS = {"n": 1.0, "#": 1.0, "d": 0.6, "c": 1.0, "w": 0.35}
# A new item joins a cluster whose shared weighted features reach both of these: an absolute
# amount of evidence and a share of what the new item has. Some of it must be more than the
# setting (SETTING_KINDS): every story of a country that day shares its country and its date.
JOIN_SCORE = 1.2
JOIN_SHARE = 0.1
SETTING_KINDS = frozenset("cd")
# A feature carried by more than this many of the window's items is too common to look
# candidates up by (its weight is small; it still counts in the score of a candidate found
# through a rarer one). Going through long lists of items would cost most of the time.
CANDIDATE_DF_MAX = 50
# A cluster none of whose reports is mainly about the item's main country, though they name one
# of its countries ("the outbreak crossed into Argentina's Misiones" beside a Paraguay cluster; a
# Senegal trawler crackdown that names Mauritania beside Mauritania's own), is joined only on
# this much evidence: a flood next door shares a weekday and the words of every flood with it.
ACROSS_BORDER_SCORE = 2 * JOIN_SCORE
# A second cluster the new item matches with at least this share of its best score (and above
# the joining bar) reports the same event: the two are merged.
MERGE_SHARE = 0.5
# Which language an item is written in, kept among its features (weighing nothing): a cluster
# with no report in the new item's language can share none of its common words, and those are
# left out of the share it must reach.
ROMANCE_COPY, ENGLISH_COPY = "Lromance", "Lenglish"
# Items without a feature assumed besides the window's, so that rarity means something when
# the window holds few items.
RARITY_PRIOR = 200
# Clusters scored in full per new item, the best by the rarer features first.
CANDIDATE_CLUSTERS = 12
# Anchor similarity (dedupe.similarity) from which an item is a near copy (a re-file) of
# another and joins its cluster at once. Far above dedupe's near-duplicate threshold: two
# releases of one issuer share its names and boilerplate figures at 0.3-0.5 whatever they are
# about; below this the event matching decides.
NEAR_COPY = 0.6
# Shared features named when an item joins a cluster.
REASON_FEATURES = 6

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Copy capitalises months and weekdays; matching case-sensitively keeps this pass cheap, and
# so does the lookahead of the characters a date can start with (it halves the time of this
# pass: the engine skips other positions before trying the alternatives).
_MONTH_NAMES = "|".join(sorted((name.title() for name in _MONTHS), key=len, reverse=True))
_DATE = re.compile(
    r"(?=[A-Z\dyt])(?:"
    rf"\b(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?!\d|,\d)"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH_NAMES})\b)"
    rf"|\b(?P<weekday>{'|'.join(day.title() for day in _WEEKDAYS)})\b"
    r"|\b(?P<relative>[Yy]esterday|[Tt]oday)\b)"
)
# Agencies of French-, Spanish- and Portuguese-speaking countries file in their languages, and
# a wire reports the same event in English: what the two share is its names (the same words in
# any language) and its days and figures, written the romance way ("mardi", "20 de agosto",
# "1 200 athlètes", "S/ 240 mil millones"). Those are read the English way only in copy that
# is in one of these languages (_in_romance_language), where they cannot be English words.
_ROMANCE_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier", "enero", "janeiro"),
            ("février", "fevrier", "febrero", "fevereiro"),
            ("mars", "marzo", "março", "marco"),
            ("avril", "abril"),
            ("mai", "mayo", "maio"),
            ("juin", "junio", "junho"),
            ("juillet", "julio", "julho"),
            ("août", "aout", "agosto"),
            ("septembre", "septiembre", "setiembre", "setembro"),
            ("octobre", "octubre", "outubro"),
            ("novembre", "noviembre", "novembro"),
            ("décembre", "decembre", "diciembre", "dezembro"),
        ],
        start=1,
    )
    for name in names
}
_ROMANCE_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("lundi", "lunes", "segunda-feira"),
            ("mardi", "martes", "terça-feira"),
            ("mercredi", "miércoles", "quarta-feira"),
            ("jeudi", "jueves", "quinta-feira"),
            ("vendredi", "viernes", "sexta-feira"),
            ("samedi", "sábado"),
            ("dimanche", "domingo"),
        ]
    )
    for name in names
}
_ROMANCE_DAYS_BACK = {"hier": 1, "ayer": 1, "ontem": 1, "aujourd'hui": 0, "hoy": 0, "hoje": 0}
# These languages write weekdays in lower case, and only those are read: "Santo Domingo" is a
# city. A month follows a day's number, and a headline may capitalise it ("25 Août").
_ROMANCE_DATE = re.compile(
    r"(?=[\dlmjvsdtqhao])(?:"
    r"(?<![\d,.])(?P<day>\d{1,2})(?:er|º|°|\.º)?\s+(?:de\s+)?"
    rf"(?i:(?P<month>{'|'.join(sorted(_ROMANCE_MONTHS, key=len, reverse=True))}))\b"
    rf"|\b(?P<weekday>{'|'.join(sorted(_ROMANCE_WEEKDAYS, key=len, reverse=True))})\b"
    rf"|\b(?P<relative>{'|'.join(_ROMANCE_DAYS_BACK)})(?!\w))"
)
_ROMANCE_SCALES = {
    "mil millones": "billion",
    "mil milhões": "billion",
    "millones": "million",
    "millón": "million",
    "millon": "million",
    "milhões": "million",
    "milhão": "million",
    "millions": "million",
    "million": "million",
    "milliards": "billion",
    "milliard": "billion",
    "bilhões": "billion",
    "bilhão": "billion",
    "billones": "trillion",
    "billón": "trillion",
    "mil": "thousand",
}
# "1 200", "1.200.000", "1,200" and "22,3" (_romance_figure reads them).
_ROMANCE_FIGURE = re.compile(
    r"(?=\d)(?<![\w.,])"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?:\s*(?P<scale>{'|'.join(sorted(_ROMANCE_SCALES, key=len, reverse=True))})\b)?",
    re.IGNORECASE,
)
# Capitalised at the start of a sentence, these open no name ("La Secretaría de Movilidad",
# "El ministro"); anchors() reads them as one when a name follows.
# fmt: off
_ROMANCE_FUNCTION_WORDS = frozenset([
    "a", "al", "as", "au", "aux", "ce", "cette", "con", "da", "das", "de", "del", "des", "do",
    "dos", "du", "e", "el", "em", "en", "et", "es", "este", "esta", "la", "las", "le", "les",
    "los", "na", "no", "o", "os", "para", "por", "pour", "que", "se", "son", "su", "sur", "un",
    "una", "une", "y",
])
# fmt: on
# The international bodies copy in these languages calls by their own initials, as the English
# copy of the same event calls them: {initials: English initials}.
_ENGLISH_INITIALS = {
    "fmi": "imf",
    "oms": "who",
    "onu": "un",
    "ue": "eu",
    "oea": "oas",
    "ops": "paho",
    "opas": "paho",
    "pnud": "undp",
    "pam": "wfp",
    "pma": "wfp",
    "hcr": "unhcr",
    "acnur": "unhcr",
    "oit": "ilo",
    "oim": "iom",
    "uit": "itu",
    "omc": "wto",
    "ocde": "oecd",
    "cedeao": "ecowas",
    "ua": "au",
    "bad": "afdb",
    "bid": "idb",
    "basd": "adb",
    "fida": "ifad",
    "cicr": "icrc",
}
_SEPARATOR = re.compile(r"[ \u00a0\u202f.,]")
_SCALES = SCALES
_FIGURE = re.compile(
    # The lookahead first: the lookbehind is then only tried where a digit is.
    r"(?=\d)(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>{'|'.join(sorted(_SCALES, key=len, reverse=True))})\b)?",
    re.I,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"\b[a-z][a-z-]{4,}\b")
# Words too common in news copy to be worth indexing (rarity would weigh them near zero).
_STOPWORD_TEXT = """
    about above according across added after again against agency along already although
    among announced another around asked because become been before being below between both
    called cannot could country countries daily despite during early either every expected
    first following former further given government having however including itself later
    least local major meanwhile might million billion minister ministry month months national
    nearly never other others people percent please press public really recent reported
    reports region regional report said saying second several should since small statement
    still their there these third those though three through today told total under until
    using various where whether which while within without would years year week weeks
    officials official spokesperson spokesman spokeswoman president state states added also
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _sig2(value):
    """The value rounded to two significant digits: how agencies round a figure differently."""
    if value <= 0:
        return None
    exponent = math.floor(math.log10(value)) - 1
    rounded = round(value / 10**exponent) * 10**exponent
    return f"#{rounded:.6g}"


def _resolve_day(month, day, when):
    """The date "May 6" means in copy received on `when`: this year's, unless far ahead."""
    try:
        found = date(when.year, month, day)
    except ValueError:
        return None
    if found - when > timedelta(days=60):
        found = found.replace(year=when.year - 1)
    return found


_ROMANCE_MARKERS = tuple(
    f" {word} " for word in ["de", "la", "le", "les", "des", "el", "los", "que", "et", "y"]
)
_ENGLISH_MARKERS = tuple(f" {word} " for word in ["the", "of", "and", "to", "in", "is"])


# The opening of the copy tells its language as well as the whole does, in a third of the time.
LANGUAGE_SAMPLE = 500


def _in_romance_language(text):
    """Whether the copy is in French, Spanish or Portuguese rather than English, by the little
    words every sentence has."""
    sample = text[:LANGUAGE_SAMPLE]
    if " de " not in sample:
        return False  # no romance sentence goes far without it; most English copy never has it
    return sum(map(sample.count, _ROMANCE_MARKERS)) > sum(map(sample.count, _ENGLISH_MARKERS))


def _dates(text, when, romance=False):
    """(date features, the text without its dates, so that their days are not read as figures)."""
    found = set()

    def read(match):
        _read_date(match, when, found)
        return " "

    def read_romance(match):
        _read_date(match, when, found, romance=True)
        return " "

    if romance:
        text = _ROMANCE_DATE.sub(read_romance, text)
    text = _DATE.sub(read, text)
    return {f"d{day}" if isinstance(day, str) else f"d{day.isoformat()}" for day in found}, text


def _read_date(match, when, found, romance=False):
    if match["weekday"]:
        if romance:
            weekday = _ROMANCE_WEEKDAYS[match["weekday"]]
        else:
            weekday = _WEEKDAYS.index(match["weekday"].lower())
        if when is not None:
            found.add(when - timedelta(days=(when.weekday() - weekday) % 7))
    elif match["relative"]:
        if romance:
            back = _ROMANCE_DAYS_BACK[match["relative"]]
        else:
            back = int(match["relative"].lower() == "yesterday")
        if when is not None:
            found.add(when - timedelta(days=back))
    else:
        if romance:
            month, day = _ROMANCE_MONTHS[match["month"].lower()], int(match["day"])
        else:
            month = _MONTHS[(match["month"] or match["month2"]).lower()]
            day = int(match["day"] or match["day2"])
        if when is None:
            found.add(f"{month:02d}-{day:02d}")
        else:
            resolved = _resolve_day(month, day, when)
            if resolved:
                found.add(resolved)


def _figures(text, romance=False):
    if romance:
        matches = _ROMANCE_FIGURE.finditer(text)
        found = {_romance_figure(*match.group("number", "scale")) for match in matches}
    else:
        found = {_figure(*match.group("number", "scale")) for match in _FIGURE.finditer(text)}
    found.discard(None)
    return found


def _romance_figure(digits, scale):
    """The feature of a figure written the romance way, as its English writing gives it: a
    point or comma before the last three digits groups thousands (Mexico writes "1,200", Peru
    "1.200" or "1 200"), before one, two or four digits it is a decimal one ("22,3")."""
    parts = _SEPARATOR.split(digits)
    if len(parts) > 1 and len(parts[-1]) != 3:
        english = ",".join(parts[:-1]) + "." + parts[-1]
    else:
        english = ",".join(parts)
    return _figure(english, _ROMANCE_SCALES[scale.lower()] if scale else None)


# Figures whose features are remembered: copy repeats the same few thousand numbers (years,
# counts, percentages), and reading one costs more than looking it up.
FIGURE_CACHE = 1 << 14


@lru_cache(maxsize=FIGURE_CACHE)
def _figure(digits, scale):
    """The feature of a figure as written (its digits and scale word), or None for a year or a
    small count."""
    plain = digits.replace(",", "")
    if not scale and "," not in digits and _YEAR.fullmatch(plain):
        return None  # a year: every story of the year has it
    value = float(plain) * (_SCALES[scale.lower()] if scale else 1)
    if value < 10 and "." not in plain:
        return None  # "3 districts", "2 people": every kind of story has small counts
    if not math.isfinite(value):
        return None  # hundreds of digits in a row: a garbled feed or an identifier, no figure
    return _sig2(value)


def features(headline, body_text, when=None, countries=()):
    """The set of an item's event features, each a string whose first character is its kind.

    `body_text` is plain text (text.plain_body_or_summary); its names are read from the same
    string a signature reads (f"{headline}\n{body_text}"), so that dedupe's cache serves both.

    `when` (a date) resolves weekdays and dates without a year; `countries` are the ISO codes
    the tagger found, which meet whatever the copy calls a country ("Kenyan", "Nairobi"), the
    main one first; the names that call one of them by its name or its people's are left to
    them (_calling). The main one is also kept as a "C" feature, which weighs nothing but keeps
    the item out of clusters about none of its countries, and out of those whose reports are
    each mainly about another country, unless it shares much with them.
    """
    text = f"{headline}\n{body_text}" if headline else body_text
    own, appended = split_boilerplate(body_text)
    names = anchors(text)
    if appended:
        names = names - anchors(appended)
        text = f"{headline}\n{own}"
    if countries:
        names = names - _calling(names, countries)
    romance = _in_romance_language(text)
    if romance:
        names = {
            _ENGLISH_INITIALS.get(name, name)
            for name in names
            if name.partition(" ")[0] not in _ROMANCE_FUNCTION_WORDS
        }
    found = {"n" + name for name in names if not name.startswith("#")}
    dates, undated = _dates(text, when, romance)
    found |= dates
    found |= _figures(undated, romance)
    countries = list(countries)
    found |= {f"c{code}" for code in countries}
    found.add(ROMANCE_COPY if romance else ENGLISH_COPY)
    if countries:
        found.add(f"C{countries[0]}")
    for word in _WORD.findall(text):
        if word not in _STOPWORDS:
            found.add("w" + word.removesuffix("s"))
    return found


@cache
def _country_of_calling_name():
    """{name as anchors() gives it: iso2} of countries' names and their peoples' ("ethiopia",
    "ethiopian", "south africa")."""
    entries = {**country_names(), **gazetteer()}
    return {
        name.casefold(): iso2
        for name, (iso2, kind) in entries.items()
        if iso2 and kind in ("name", "demonym")
    }


def _calling(names, countries):
    """The names that call one of the item's countries by its name or its people's, with the
    words of those of several words ("south" and "africa" of "south africa"). Its "c" feature
    says as much, once: a story that writes "Ethiopia", "Ethiopian" and "Ethiopians" is not three
    times as likely to be another Ethiopian story's event."""
    country_of = _country_of_calling_name()
    calling = {name for name in names if country_of.get(name) in countries}
    return calling | {word for name in calling if " " in name for word in name.split()}


def describe(feature):
    """A feature as the desk reads it."""
    kind, value = feature[0], feature[1:]
    if kind == "#":
        number = float(value)
        return f"{number:,.0f}" if number >= 100 else f"{number:g}"
    if kind == "n":
        return value.title() if len(value) > 4 else value.upper()
    if kind == "c":
        return _country_name(value)
    return value


@cache
def _country_name(iso2):
    # A country is shared as its code, whatever the copy called it; the desk reads its name.
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return dict(EXTRA_COUNTRIES).get(iso2, iso2)
    return getattr(country, "common_name", None) or country.name


def _main_country(item_features):
    """The item's "C" feature (the country it is mainly about), or None."""
    return next((feature for feature in item_features if feature[0] == "C"), None)


def _has_country(profile):
    return any(feature[0] == "c" for feature in profile)


def _without_parts(shared):
    """Shared features without the single words of a shared multi-word name ("Port Moresby"
    counts once, not also as "Port" and "Moresby")."""
    parts = {
        word
        for feature in shared
        if feature[0] == "n" and " " in feature
        for word in feature[1:].split()
    }
    if not parts:
        return shared
    return [feature for feature in shared if feature[0] != "n" or feature[1:] not in parts]


@dataclass
class Match:
    cluster: object
    score: float
    share: float
    shared: list = field(default_factory=list)

    def reason(self):
        """What the desk is told about why an item joined the cluster."""
        return {
            "score": round(self.score, 1),
            "share": round(self.share, 2),
            "shared": [describe(feature) for feature in self.shared],
        }


class EventIndex:
    """The event features of recent items, their clusters, and how rare each feature is."""

    def __init__(self, window=None):
        # Items received more than `window` before a new item are not compared with it (their
        # clusters may hold another event of the same place and kind).
        self.window = window
        self.received = {}
        self.document_count = 0
        self.document_frequency = Counter()
        self.source_frequency = Counter()  # (source, feature) -> items of that source with it
        self.postings = {}  # feature -> keys of items with it
        self.features_of = {}
        self.source_of = {}
        self.cluster_of = {}
        self.members = {}  # cluster -> keys of its items in the index
        self._created = {}  # cluster -> order of creation: a merge keeps the earliest
        # Pairs of item keys the desk kept apart: their clusters are never merged.
        self.apart = set()

    def __len__(self):
        return len(self.features_of)

    def add(self, key, item_features, source, cluster, received=None):
        """Index an item as a member of `cluster`."""
        item_features = frozenset(item_features)
        self.received[key] = received
        self.features_of[key] = item_features
        self.source_of[key] = source
        self.cluster_of[key] = cluster
        self.members.setdefault(cluster, []).append(key)
        self._created.setdefault(cluster, len(self._created))
        self.document_count += 1
        self.document_frequency.update(item_features)
        self.source_frequency.update((source, feature) for feature in item_features)
        postings = self.postings
        for feature in item_features:
            keys = postings.get(feature)
            if keys is None:
                postings[feature] = [key]
            else:
                keys.append(key)

    def merge(self, into, other):
        """Make cluster `other` part of cluster `into`; returns the keys that moved."""
        moved = self.members.pop(other, [])
        for key in moved:
            self.cluster_of[key] = into
        self.members.setdefault(into, []).extend(moved)
        return moved

    def move(self, key, cluster):
        """Put an indexed item in another cluster (the desk's correction)."""
        old = self.cluster_of.get(key)
        if old is None or old == cluster:
            return
        members = self.members[old]
        members.remove(key)
        if not members:
            del self.members[old]
        self.cluster_of[key] = cluster
        self.members.setdefault(cluster, []).append(key)
        self._created.setdefault(cluster, len(self._created))

    def keep_apart(self, key, other_key):
        """Never merge the clusters of these two items again (the desk moved one out)."""
        self.apart.add(frozenset((key, other_key)))

    def allow_together(self, cluster, other):
        """Forget what kept these two clusters apart (the desk merged them after all)."""
        self.apart = {pair for pair in self.apart if not self._spans(pair, cluster, other)}

    def _spans(self, pair, cluster, other):
        first, second = (self.cluster_of.get(key) for key in pair)
        return {first, second} == {cluster, other}

    def kept_apart(self, cluster, other):
        return any(self._spans(pair, cluster, other) for pair in self.apart)

    def weights(self, item_features, source):
        """{feature: weight} of a new item's features against the indexed items."""
        # As if the window also held RARITY_PRIOR items without the feature: with few items in
        # the window (a quiet desk, a restarted worker) what they share still counts as rare.
        count = self.document_count + RARITY_PRIOR
        frequency = self.document_frequency
        same_source = self.source_frequency
        # Rarity on a scale where a feature no other item has is worth about 1, whether the
        # window holds a hundred items or a hundred thousand, so the bars below stay put.
        scale = math.log(count)
        weights = {}
        for feature in item_features:
            kind_weight = KIND_WEIGHTS.get(feature[0])
            if kind_weight is None:
                continue
            rarity = math.log(count / (frequency.get(feature, 0) + 1)) / scale
            if rarity <= 0:
                continue
            weight = kind_weight * rarity
            recurring = same_source.get((source, feature), 0)
            if recurring:
                weight /= 1 + recurring
            weights[feature] = weight
        return weights

    def matches(self, item_features, source, received=None):
        """The clusters the item reports the same event as, best first (a list of Match)."""
        weights = self.weights(item_features, source)
        if not weights:
            return []
        main_country = _main_country(item_features)
        countries = [feature for feature in item_features if feature[0] == "c"]
        total = sum(weights.values())
        language = ROMANCE_COPY if ROMANCE_COPY in item_features else ENGLISH_COPY
        in_other_words = None
        frequency = self.document_frequency
        cluster_of = self.cluster_of
        since = None if self.window is None or received is None else received - self.window
        arrived = self.received
        rough = Counter()
        for feature, weight in weights.items():
            keys = self.postings.get(feature)
            if keys and frequency[feature] <= CANDIDATE_DF_MAX:
                if since is not None:
                    keys = [key for key in keys if arrived[key] is None or arrived[key] >= since]
                for cluster in {cluster_of[key] for key in keys}:
                    rough[cluster] += weight
        found = []
        for cluster, rough_score in rough.most_common(CANDIDATE_CLUSTERS):
            if rough_score < JOIN_SCORE * 0.5:
                break
            members = self.members[cluster]
            if since is not None:
                members = [key for key in members if arrived[key] is None or arrived[key] >= since]
            profile = set().union(*(self.features_of[key] for key in members))
            bar = JOIN_SCORE
            if main_country and main_country not in profile and _has_country(profile):
                if profile.isdisjoint(countries):
                    continue  # the same kind of event in another country
                bar = ACROSS_BORDER_SCORE
            shared = _without_parts([feature for feature in weights if feature in profile])
            score = sum(weights[feature] for feature in shared)
            if language in profile:
                share = score / total
            else:
                if in_other_words is None:
                    in_other_words = total - sum(w for f, w in weights.items() if f[0] == "w")
                share = score / in_other_words
            about_the_event = any(feature[0] not in SETTING_KINDS for feature in shared)
            if score >= bar and share >= JOIN_SHARE and about_the_event:
                # Ties by name: the same reason on every run, whatever the hash seed.
                shared.sort(key=lambda feature: (-weights[feature], feature))
                found.append(Match(cluster, score, share, shared[:REASON_FEATURES]))
        found.sort(key=lambda match: match.score, reverse=True)
        return found

    def place(self, key, item_features, source, new_cluster=None, received=None):
        """Put a new item in its event's cluster and index it; returns (cluster, match, merged).

        The item joins the best-matching cluster, or starts `new_cluster` (its key by default)
        when none matches. Further clusters it matches as strongly are the same event: they
        are merged into the earliest of them, which the item then belongs to, and `merged`
        lists the clusters that disappeared. Clusters the desk kept apart are not merged; the
        item joins the best of them.
        """
        found = self.matches(item_features, source, received)
        if not found:
            cluster = key if new_cluster is None else new_cluster
            self.add(key, item_features, source, cluster, received)
            return cluster, None, []
        strong = [found[0].cluster]
        # An item about no country (a report on the world) shares the words of its kind of
        # event with each country's story of that kind: it joins the best, but is no evidence
        # that two of them are one event.
        bridging = found[1:] if _main_country(item_features) else []
        for match in bridging:
            if match.score < found[0].score * MERGE_SHARE:
                break
            if not any(self.kept_apart(match.cluster, other) for other in strong):
                strong.append(match.cluster)
        cluster = min(strong, key=self._created.__getitem__)
        merged = [other for other in strong if other != cluster]
        for other in merged:
            self.merge(cluster, other)
        self.add(key, item_features, source, cluster, received)
        return cluster, found[0], merged
