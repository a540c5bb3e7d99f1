"""Countries, editions and sectors of a wire item. Plain Python: no Django import.

Countries come from the gazetteer the project ships (taxonomy/gazetteer.txt: every ISO 3166-1
country's names and short forms, demonyms, capitals and major cities or regions). Matching rules:
- Longest name first: "Papua New Guinea" is not "Guinea", "South Sudan" is not "Sudan", "Niger
  Delta" is Nigeria; word boundaries keep "Nigeria" from being "Niger".
- Case-sensitive, because country names are proper nouns: "turkey farms", "china plates" and
  "chad" as a word are no mentions. An ALL-CAPS headline or dateline is read in title case first.
- "Block" entries (Latin America, Indian Ocean, Guinea worm, Lake Chad, the Niger river...)
  match like names and mention nothing, so the country inside them is not counted.
- A name that is also a person's name (Jordan, Chad, Georgia, India, Israel, America, Kenya) is
  no mention when a capitalised word that is neither a place nor a function word stands right
  before it ("Michael Jordan") or right after it ("Jordan Peterson", "Chad Le Clos"). A Title
  Case headline has capitals everywhere, so this rule is not applied there.
- "Georgia" right after "Atlanta," or "state of" is the US state.
- Bare "Congo" is the Democratic Republic of the Congo, the usual sense in news copy; the
  Republic of Congo needs its full name, "Congo-Brazzaville" or "Brazzaville".

Scores: a mention in the headline or the dateline weighs 3, the first in the body 1 and each
later one 0.5; demonyms ("Kenyan") count three quarters of a name.

Sectors come from two places. `sectors_from_subjects` maps the agency's IPTC codes through
medtop_sectors.json, which holds (1) a hand-written table from Media Topic branches to sectors,
(2) the same for the old Subject Codes, and (3) the Media Topic parent of every Media Topic code,
taken from the IPTC 2019 release. The parent map is shipped rather than a flattened code ->
sector table so that the hand-written rules stay short and readable and a rule change needs no
regeneration. Subject Codes need no parent map: their digits are the hierarchy. Codes that
map to nothing the newsroom covers as a sector (e.g. crime, weather, religion) give no sector.
`sectors_from_text` scores keyword rules from sector_keywords.txt.
"""

import json
import re
from functools import cache
from pathlib import Path

from dateline.taxonomy.places import gazetteer
from dateline.wire.text import normalise_text, plain_text

DATA = Path(__file__).resolve().parent
GLOBAL_EDITION = "global"

HEADLINE_WEIGHT = 3.0
DATELINE_WEIGHT = 3.0
FIRST_BODY_WEIGHT = 1.0
REPEAT_BODY_WEIGHT = 0.5
KIND_WEIGHTS = {"name": 1.0, "capital": 1.0, "city": 1.0, "demonym": 0.75}

# Headline keywords count double; a sector needs this score to be reported.
SECTOR_HEADLINE_WEIGHT = 2.0
SECTOR_THRESHOLD = 2.0

_PERSON_NAME_RISK = frozenset(
    {"Jordan", "Chad", "Georgia", "India", "Israel", "America", "Kenya", "Georgian"}
)
# Capitalised words that may stand beside a country's name without making it a person's name.
# fmt: off
_NOT_GIVEN_NAMES = frozenset(
    [
        "The", "A", "An", "In", "On", "At", "Of", "For", "From", "To", "And", "But", "Or",
        "With", "By", "As", "Into", "Across", "Near", "About", "After", "Before", "North",
        "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
        "Upper", "Lower", "Greater", "Rural", "Mr", "Mrs", "Ms", "Dr", "President", "Minister",
        "Prime", "King", "Queen", "Government", "State", "Republic", "Kingdom", "Said", "Says",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
)
# fmt: on
_GEORGIA_US = re.compile(r"(?:Atlanta|Savannah),\s*$|\bstate of\s*$")
_WORD_BEFORE = re.compile(r"([A-Z][\w'-]*)\s+$")
_WORD_AFTER = re.compile(r"\s+([A-Z][\w'-]*)")
_SHOUTED_WORD = re.compile(r"[A-Z]{2,}(?:'[A-Z]+)?")
# "NAIROBI, May 6 (Agency) -" or "KIGALI (Agency) -" opening a body.
_BODY_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\u2019-]*[A-Z])(?=,|\s+\()")


@cache
def _gazetteer_folded():
    return {name.casefold(): entry for name, entry in gazetteer().items()}


def _place_mentions(place):
    """Mentions in a dateline: the whole place in any case ("RIO DE JANEIRO"), or names in it."""
    entry = _gazetteer_folded().get(place.strip().casefold())
    if entry:
        return [entry] if entry[0] else []
    return _mentions(_unshout(place))


def _trie_pattern(names):
    """A regex for any of names, factored by shared prefixes.

    A flat alternation of 1,500 names tries every name at every position (about 2 ms per
    item); the factored form tries one branch per distinct next character. Optional tails are
    greedy, so the longest name that ends at a word boundary wins, as with the flat pattern.
    """
    trie = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node):
        ends_here = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return f"(?:{body})?"
        return body

    return pattern(trie)


@cache
def _gazetteer_pattern():
    return re.compile(r"(?<!\w)(" + _trie_pattern(gazetteer()) + r")(?!\w)")


def _is_title_case(text):
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _unshout(text):
    """Title case for ALL-CAPS words, so "KENYA'S" matches "Kenya's"."""
    return _SHOUTED_WORD.sub(lambda m: m[0][0] + m[0][1:].lower(), text)


def _stands_for_person(text, start, end):
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    for neighbour in (before, after):
        if not neighbour:
            continue
        word = neighbour[1].removesuffix("'s")
        if word not in _NOT_GIVEN_NAMES and word not in gazetteer():
            return True
    return False


def _mentions(text, person_rule=True):
    """(iso2, kind) for each country mention in text, in order."""
    found = []
    entries = gazetteer()
    for match in _gazetteer_pattern().finditer(text):
        name = match[1]
        iso2, kind = entries[name]
        if iso2 is None:
            continue
        if name == "Georgia" and _GEORGIA_US.search(
            text, max(0, match.start() - 20), match.start()
        ):
            iso2 = "US"
        elif (
            person_rule
            and name in _PERSON_NAME_RISK
            and _stands_for_person(text, match.start(), match.end())
        ):
            continue
        found.append((iso2, kind))
    return found


def countries_in(headline, body_text, dateline_place=""):
    """Scored country mentions: {iso2: score}, the headline and the dateline weighing most."""
    scores = {}

    def credit(iso2, weight, kind):
        scores[iso2] = scores.get(iso2, 0.0) + weight * KIND_WEIGHTS[kind]

    headline = plain_text(headline)
    headline_title_case = _is_title_case(headline)
    if headline.isupper():
        headline = _unshout(headline)
    for iso2, kind in _mentions(headline, person_rule=not headline_title_case):
        credit(iso2, HEADLINE_WEIGHT, kind)

    body = plain_text(body_text)
    dateline = _BODY_DATELINE.match(body)
    places = [dateline_place]
    if dateline:
        places.append(dateline[1])
        body = body[dateline.end() :]
    seen_in_dateline = set()
    for place in filter(None, places):
        for iso2, kind in _place_mentions(place):
            if iso2 not in seen_in_dateline:
                seen_in_dateline.add(iso2)
                credit(iso2, DATELINE_WEIGHT, kind)

    seen_in_body = set()
    for iso2, kind in _mentions(body):
        credit(iso2, REPEAT_BODY_WEIGHT if iso2 in seen_in_body else FIRST_BODY_WEIGHT, kind)
        seen_in_body.add(iso2)
    return scores


def edition_scores(country_scores, edition_of_country):
    """{edition slug: share} summing to 1; countries with no edition, or none at all, go Global."""
    total = sum(country_scores.values())
    if total <= 0:
        return {GLOBAL_EDITION: 1.0}
    shares = {}
    for iso2, score in country_scores.items():
        edition = edition_of_country.get(iso2, GLOBAL_EDITION)
        shares[edition] = shares.get(edition, 0.0) + score / total
    return shares


@cache
def _subject_rules():
    with open(DATA / "medtop_sectors.json", encoding="utf-8") as data:
        return json.load(data)


def _medtop_sectors(code):
    rules = _subject_rules()
    parents = rules["medtop_parents"]
    seen = set()
    while code and code not in seen:
        if code in rules["medtop"]:
            return rules["medtop"][code]
        seen.add(code)
        code = parents.get(code)
    return []


def _subject_code_sectors(code):
    rules = _subject_rules()["subj"]
    if not re.fullmatch(r"\d{8}", code):
        return []
    for ancestor in (code, code[:5] + "000", code[:2] + "000000"):
        if ancestor in rules:
            return rules[ancestor]
    return []


def sectors_from_subjects(subjects):
    """Sector slugs for (scheme, code) pairs of IPTC Media Topics ("medtop") and Subject Codes
    ("subj"); codes may carry their scheme prefix ("medtop:20000763"). Unknown codes are ignored."""
    sectors = set()
    for scheme, code in subjects:
        scheme = scheme.strip().lower()
        code = code.strip().rpartition(":")[2]
        if scheme in ("medtop", "mediatopic"):
            sectors.update(_medtop_sectors(code))
        elif scheme in ("subj", "subject", "subjectcode"):
            sectors.update(_subject_code_sectors(code))
    return sectors


@cache
def _sector_keyword_rules():
    """Rules from sector_keywords.txt: {(words, is_stem): [(slug, weight)]}, by word count.

    Matching looks each n-word run of the text up in tables instead of running one regex
    per rule: 360 searches per text cost ~10 ms, the lookups a fraction of one.
    """
    rules = {}
    with open(DATA / "sector_keywords.txt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            slug, weight, phrase = line.rstrip("\n").split("\t")
            words = normalise_text(phrase.rstrip("*"))
            key = (len(words.split()), words, phrase.endswith("*"))
            if key[2] and len(words) < STEM_HEAD:
                raise ValueError(f"stem {phrase!r} is shorter than {STEM_HEAD} letters")
            rules.setdefault(key, []).append((slug, float(weight)))
    return rules


STEM_HEAD = 3  # the shortest stem in sector_keywords.txt


@cache
def _rule_tables():
    """Exact phrases by (word count, words); stems by (word count, first letters)."""
    exact, stems = {}, {}
    for word_count, words, is_stem in _sector_keyword_rules():
        if is_stem:
            stems.setdefault((word_count, words[:STEM_HEAD]), []).append(words)
        else:
            exact[(word_count, words)] = True
    word_counts = sorted({word_count for word_count, _ in exact} | {n for n, _ in stems})
    return exact, stems, word_counts


def _matched_rules(normalised):
    """The (word count, words, is_stem) keys of every rule found in normalised text, each once."""
    exact, stems, word_counts = _rule_tables()
    words = normalised.split()
    found = set()
    for word_count in word_counts:
        runs = {" ".join(words[i : i + word_count]) for i in range(len(words) - word_count + 1)}
        for run in runs:
            if (word_count, run) in exact:
                found.add((word_count, run, False))
            # A stem matches the start of the run's last word, never across a word end.
            for stem in stems.get((word_count, run[:STEM_HEAD]), ()):
                if run.startswith(stem):
                    found.add((word_count, stem, True))
    return found


def sectors_from_text(headline, body_text):
    """{slug: score} of the sectors whose keywords score at least SECTOR_THRESHOLD.

    Each keyword counts once in the body and, again doubled, once in the headline, so a long
    story that repeats one word does not outscore a story that uses the sector's vocabulary.
    """
    rules = _sector_keyword_rules()
    scores = {}
    for normalised, factor in (
        (normalise_text(headline), SECTOR_HEADLINE_WEIGHT),
        (normalise_text(body_text), 1.0),
    ):
        for key in _matched_rules(normalised):
            for slug, weight in rules[key]:
                scores[slug] = scores.get(slug, 0.0) + weight * factor
    return {slug: score for slug, score in scores.items() if score >= SECTOR_THRESHOLD}
