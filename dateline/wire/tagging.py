"""Countries, editions and sectors of a wire item. Plain Python: no Django import.

Countries come from the gazetteer the project ships (taxonomy/gazetteer.txt: every ISO 3166-1
country's names and short forms, demonyms, capitals and major cities or regions), the ISO 3166-2
provinces, and towns that name one country (taxonomy/towns.txt, from GeoNames). Matching rules:
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

- "Lebanon, Pennsylvania": a country's name followed by a town of another country is that town.
- Currencies that belong to one country (naira, taka, rupiah: currencies.txt) name it.

- A mention in passing is no evidence of what the story is about: a comparison, a neighbour, a
  donor, where goods go ("exported ... almost all to China"), where an institution sits ("based
  in Atlanta", "said in Geneva"), a team beaten, or a demonym naming who sells, buys or builds
  ("Chinese contractors", "Thai suppliers"). A sentence that names a country in passing names
  its cities in passing too, and a headline naming a country the body names only in passing
  names it in passing.

Scores: a mention in the headline weighs 3, the first in the lead 2, the first later in the
body 1 and each repeat 0.5; the place the copy is filed from 1, and a press office's city
(press_offices.txt: Geneva, Washington, Manila...) a quarter, since agencies, UN bodies and
development banks file from there about other countries. A mention in passing (a comparison, a
donor, "said in Geneva") weighs a quarter. Demonyms count three quarters of a name, currencies
half. `countries_meant` keeps the countries the story is about (see there), and editions follow
from those only.

Sectors come from two places. `sectors_from_subjects` maps the agency's IPTC codes through
medtop_sectors.json, which holds (1) a hand-written table from Media Topic branches to sectors,
(2) the same for the old Subject Codes, and (3) the Media Topic parent of every Media Topic code,
taken from the IPTC 2019 release. The parent map is shipped rather than a flattened code ->
sector table so that the hand-written rules stay short and readable and a rule change needs no
regeneration. Subject Codes need no parent map: their digits are the hierarchy. Codes that
map to nothing the newsroom covers as a sector (e.g. crime, weather, religion) give no sector.
`sectors_from_text` scores keyword rules from sector_keywords.txt. Both are evidence:
`sectors_meant` has sector_model.py weigh it, and the story's word stems, the way labelled copy
was filed.
"""

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path

from dateline.taxonomy.places import (
    city_homonyms,
    country_names,
    dateline_places,
    gazetteer,
    plain_letters,
    subdivisions,
    towns,
)
from dateline.wire import sector_model
from dateline.wire.text import normalise_text, plain_text, split_boilerplate

DATA = Path(__file__).resolve().parent
GLOBAL_EDITION = "global"

HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
FIRST_BODY_WEIGHT = 1.0
REPEAT_BODY_WEIGHT = 0.5
# The place copy is filed from (a dateline, a located field) weighs less than a headline
# mention, and a press office's city less again.
DATELINE_WEIGHT = 1.0
PRESS_OFFICE_WEIGHT = 0.25
PASSING_WEIGHT = 0.25
KIND_WEIGHTS = {
    "name": 1.0,
    "capital": 1.0,
    "city": 1.0,
    "demonym": 0.75,
    "currency": 0.5,
    "region": 1.0,
    "town": 1.0,
    "institution": 1.0,
}
# A headline or lead mention is enough support to tag a country; so are two mentions in the
# body, or one with a dateline outside a press office.
KEEP_SUPPORT = 2
# A country first named within this many sentences is part of what the story is about; one
# first named later is a passing mention unless named again.
NEAR_TOP_SENTENCES = 2
# A report on several countries (a famine warning's six hotspots) is about each of them.
MAX_COUNTRIES = 6
SECONDARY_SHARE = 0.3
# Mentions of another country (a dateline outside its press offices counting as many) that make
# a homonym city its town: "Tripoli" is Lebanon's in copy that says "Lebanese" and "Akkar".
HOMONYM_NAMED = 2
# What calls a country by its own name rather than by one of its places.
_COUNTRY_KINDS = frozenset({"name", "capital", "demonym", "currency"})

# Headline keywords count double; a sector needs this score to be reported.
SECTOR_HEADLINE_WEIGHT = 2.0
SECTOR_THRESHOLD = 2.0
# A precise IPTC code outweighs any keyword; a top-level one leans.
PRECISE_CODE_WEIGHT = 4.0
BROAD_CODE_WEIGHT = 1.0
# A story's sectors: at most MAX_SECTORS (desks file copy under one or two; in both labelled
# sets one item in 436 has three), each scoring at least this share of the best.
SECTOR_SHARE = 0.3
MAX_SECTORS = 2
# sector_keywords.txt lists the words of project financing under this pseudo-sector; they count
# for ECONOMY only in a story about no other sector.
FINANCE = "finance"
ECONOMY = "economy-business"
# ... and the words of natural hazards under this one; a story that reports a hazard is an
# ENVIRONMENT story, and the other sectors are ranked without them (see sectors_meant).
HAZARD = "hazard"
ENVIRONMENT = "science-environment"

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
        "November", "December", "Province", "Region", "District", "County", "Governorate",
        "Department", "Prefecture", "Division", "Oblast",
    ]
)
# fmt: on
_GEORGIA_US = re.compile(r"(?:Atlanta|Savannah),\s*$|\bstate of\s*$")
_WORD_BEFORE = re.compile(r"([A-Z][\w'-]*)\s+$")
_WORD_AFTER = re.compile(r"\s+([A-Z][\w'-]*)")
_POSSESSIVE_BEFORE = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3})['\u2019]s\s+$")
_PLACE_KINDS = frozenset(["capital", "city", "region", "town"])
_CALLING_KINDS = frozenset(["name", "demonym"])
_LONGER_NAME_AFTER = re.compile(r"\s+(?:de|del|do|da|dos|das|di)\s+(?:la\s+|las\s+|los\s+)?[A-Z]")
_ARABIC_ARTICLE_BEFORE = re.compile(r"\b(?:[AaEe][ln]|[Aa][dnrst]|[Aa]sh)-$")
# A place's name before one of these names something else: a disease ("Sudan virus", "Crimean-
# Congo haemorrhagic fever", "the Sudan strain"), a product ("Panama hats") or a currency ("US
# dollars", "a tariff of US cents 6.71"); a country's name
# before a bridge or a park names a place of another country (the "Colombia bridge" in Nuevo
# León, a town of the name).
_NAMES_SOMETHING_ELSE = re.compile(
    r"['\u2019]?\s+(?:virus|ebolavirus|strain|variant|fever|flu|influenza|encephalitis|"
    r"haemorrhagic|hemorrhagic|hats?|dollars?|cents?)\b",
    re.IGNORECASE,
)
_COUNTRY_NAMES_A_PLACE = re.compile(r"\s+(?:International\s+)?(?:bridge|park)\b", re.IGNORECASE)
# Any alphabet's capitals: "MUĞLA" and "İZMİR" are shouted too.
_SHOUTED_WORD = re.compile(r"[^\W\d_]{2,}(?:'[^\W\d_]+)?")
# "NAIROBI, May 6 (Agency) -" or "KIGALI (Agency) -" opening a body.
_PLACE_AFTER_COMMA = re.compile(r",\s*([A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)?)")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'])")
# What may stand between a cue and the name it speaks of: a few lower-case words, then the names
# of a list the name ends ("such as Ghana, Togo and Benin").
_THEN_THE_NAME = (
    r"(?:[a-z][\w'-]*\s+){0,4}"
    r"(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*(?:,\s*|\s+(?:and|or)\s+(?:the\s+)?))*$"
)
# A country right after a comparison ("than", "like", "compared with"), possibly within a list
# that follows one ("such as Ghana, Togo and Benin").
_COMPARISON_BEFORE = re.compile(
    r"\b(?:than|like|unlike|compared (?:with|to)|similar(?: \w+){0,2} (?:to|in)|such as|as in|"
    r"as did|as has|"
    # ...or a buyer or the far side of a border the story's goods or people cross.
    r"border with|across the border|buyers from|smuggl\w*|"
    r"export(?:s|ed)? to|import(?:s|ed)? from|migrated|emigrated|bound for|"
    # ...or where an institution or a company sits.
    r"based in|headquartered in|"
    # ...or where a meeting or a fair is held ("the COP26 summit in Glasgow", "buyers at an
    # exhibition in Atlanta"): its host is the venue, not the story. (Not games: a city hosting
    # them is the story.)
    r"(?:summit|conference|COP\d*|talks|meeting|forum|exhibition|expo|fair|trade show)"
    r"(?:\s+held)?\s+in),?\s+" + _THEN_THE_NAME
)
# A headline about the world or a share of all people, not one country. "World" as the name
# of a lender, a cup or a day ("World Bank", "World AIDS Day") says nothing of where.
_WORLD_HEADLINE = re.compile(
    r"\bworld(?:wide)?\b(?!'s|\s+(?:Bank|Cup|Heritage|Health Organi[sz]ation|"
    r"Food Programme|Trade Organi[sz]ation|Rugby|Athletics|Championships?|Series|Games|"
    r"(?-i:(?:[A-Z][\w']*\s+){1,3}Day)))|\bglobal(?:ly)?\b|"
    r"\b(?:developing|poor|poorer|poorest|low-income|middle-income|rich|richer)\s+"
    r"(?:nations|economies)\b|\bcountries\b|"
    r"\bone in (?:two|three|four|five|six|seven|eight|nine|ten)\b|"
    r"\b(?:millions?|billions?)\s+(?:more\s+)?(?:of\s+)?(?:people|children)\b",
    re.IGNORECASE,
)
# A country whom a team played ("beat Ghana 2-1"). Not a province or a town: a club from one
# ("beat Naryn 9-6") plays in the story's own country.
_OPPONENT_BEFORE = re.compile(
    r"\b(?:beat|beating|defeated|defeating|win over|victory over|lost to|loss to),?\s+"
    + _THEN_THE_NAME
)
# A neighbouring country ("felt in neighbouring Pakistan"); a neighbouring district or town is
# the story's own country ("Zone 18 and neighbouring Chinautla").
_NEIGHBOUR_BEFORE = re.compile(r"\b(?:bordering|neighbouring|neighboring),?\s+" + _THEN_THE_NAME)
# A demonym naming who sells, buys, builds or pays ("Chinese consortium", "Thai and Pakistani
# suppliers", "Indian buyers", "a U.S.-backed draft", "Saudi-led talks") tells who takes part,
# not where the story is.
_ACTOR_AFTER = re.compile(
    r"-(?:based|backed|led|funded|financed|built|owned|brokered)\b|"
    r"(?:(?:,\s*|\s+and\s+|\s+or\s+)[A-Z][\w'.-]*)*\s+(?:[a-z][\w-]*\s+)?"
    r"(?:compan(?:y|ies)|firms?|consortium|consortia|developers?|contractors?|investors?|"
    r"buyers?|suppliers?|exporters?|importers?|lenders?|donors?|market|foundation|"
    r"tourists|visitors|embassy|ambassador|envoy|rivals?|competitors?|trawlers|fleets?|"
    r"manufacturers?|makers?|carmakers?|group|giant|operator)\b"
)
# A country among those paying for something ("funded by Japan, Norway and Germany").
_DONOR_BEFORE = re.compile(
    r"\b(?:donors?|donated|funded by|financed by|provided by|paid for by|funding from|"
    r"financing from|loans? from|contributions? from|"
    r"support from|backed by|co-?financ\w*|pledges? from|pledged by|governments of|"
    r"grants? from|supplied by|suppliers? from)\b[^.;]{0,80}$",
    re.IGNORECASE,
)
# Where goods go or come from ("exported 83 million tonnes of coal, almost all to China").
_TRADE_BEFORE = re.compile(
    r"\b(?:export|import|shipp|ship|sold|sell|buy|bought)\w*\b[^.;]{0,80}\b(?:to|from)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_BODY_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\u2019-]*[A-Z])(?=,|\s+\(|\s*[-\u2013\u2014]+\s)")
# What a dateline may carry after its place, up to its dash (of any length) or colon: the
# country or state, the date and the sender ("ABIDJAN, Côte d'Ivoire, 22 January 2025 -",
# "WASHINGTON, May 20, 2025 -", "GOMA, Jan 26 (Equator Newswire) -"). Only names and figures: a
# clause stops it.
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z\d][\w'\u2019.-]*(?:\s+(?:[A-Z\d][\w'\u2019.-]*|of|de|du|la|the|and|d['\u2019]\w+))*"
    r"|\s*\([^)\n]{1,40}\))*\s*(?:[-\u2013\u2014]+|:)\s*"
)


@cache
def _gazetteer_folded():
    return {name.casefold(): entry for name, entry in gazetteer().items()}


def _place_mentions(place, country_of_homonym=None):
    """Mentions in a dateline: the whole place in any case ("RIO DE JANEIRO"), or names in it,
    or else the whole place as a town only a dateline is read for ("DAKORO", "MUĞLA"). A
    homonym city the copy shows to be another country's (`country_of_homonym`, see
    _homonyms_meant) is that country's."""
    if country_of_homonym:
        homonym = _homonym_of_place(place)
        if homonym in country_of_homonym:
            return [(country_of_homonym[homonym], "city")]
    entry = _gazetteer_folded().get(place.strip().casefold())
    if entry:
        return [entry] if entry[0] else []
    found = [(iso2, kind) for iso2, kind, _name, _start in _mentions(_unshout(place))]
    if found:
        return found
    iso2 = dateline_places().get(plain_letters(place.strip()).casefold())
    return [(iso2, "town")] if iso2 else []


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
def _names():
    """{name: (iso2, kind)}: the gazetteer's names, countries' names in other languages, the
    provinces and the towns (each wins over those after it), and the national institutions
    (institutions.txt) and currencies of one country."""
    names = dict(towns())
    names.update(subdivisions())
    names.update(country_names())
    names.update(gazetteer())
    for iso2, institution in _rows("institutions.txt"):
        names.setdefault(institution, (iso2, "institution"))
    for iso2, currency in _rows("currencies.txt"):
        names.setdefault(currency, (iso2, "currency"))
        names.setdefault(currency.capitalize(), (iso2, "currency"))
    return names


def _rows(filename):
    """(iso2, name) for each line of one of this app's data files, comments left out."""
    with open(DATA / filename, encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and line.strip():
                yield tuple(line.rstrip("\n").split("\t"))


@cache
def _press_offices():
    with open(DATA / "press_offices.txt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip() and line[0] != "#")


@cache
def _press_offices_folded():
    return frozenset(place.casefold() for place in _press_offices())


@cache
def _gazetteer_pattern():
    # Sorted, so the pattern (and which of two equal names matches) never depends on hashing.
    # A figure may follow straight on: a currency's sign or code often stands glued to the
    # amount ("₦500 billion", "KSh2,500", "GH¢1 billion"); _mentions keeps only currencies there.
    return re.compile(r"(?<!\w)(" + _trie_pattern(sorted(_names())) + r")(?![^\W\d])")


def _is_title_case(text):
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _unshout(text):
    """Title case for ALL-CAPS words, so "KENYA'S" matches "Kenya's"."""
    return _SHOUTED_WORD.sub(
        lambda word: word[0][0] + word[0][1:].lower() if word[0].isupper() else word[0], text
    )


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


def _mentions(text, person_rule=True, lookalikes=None):
    """(iso2, kind, name, start) for each country mention in text, in order; the names read as
    a town or state of another country are added to lookalikes."""
    found = []
    entries = _names()
    for match in _gazetteer_pattern().finditer(text):
        name = match[1]
        iso2, kind = entries[name]
        # "US$" is a currency, not the country.
        if iso2 is None or text.startswith("$", match.end()):
            continue
        if kind != "currency" and text[match.end() : match.end() + 1].isdigit():
            continue
        if name == "Georgia" and _GEORGIA_US.search(
            text, max(0, match.start() - 20), match.start()
        ):
            iso2 = "US"
            if lookalikes is not None:
                lookalikes.add(name)
        elif (
            person_rule
            and (name in _PERSON_NAME_RISK or kind in ("region", "town"))
            and _stands_for_person(text, match.start(), match.end())
        ):
            # A province's or a town's name inside a longer proper name ("Soc Trang", "Moyo
            # Banda", "Guadalupe Ruiz") is part of that name.
            continue
        elif kind in _PLACE_KINDS and _LONGER_NAME_AFTER.match(text, match.end()):
            # "San Juan de Ayllupata", "Santiago de Cali", "Porto do Lobito": a place's name
            # before "de" and a name is part of another place's.
            continue
        elif kind in ("city", "region", "town") and _of_another_country(text, match.start(), iso2):
            # "Bolivia's Beni" is Bolivia's department, not the Congolese city, here and
            # wherever the copy names it bare.
            if lookalikes is not None:
                lookalikes.add(name)
            continue
        elif _NAMES_SOMETHING_ELSE.match(text, match.end()) or (
            kind == "name" and _COUNTRY_NAMES_A_PLACE.match(text, match.end())
        ):
            continue
        elif kind != "name" and _ARABIC_ARTICLE_BEFORE.search(
            text, max(0, match.start() - 5), match.start()
        ):
            # "Al-Nadi station" is no Nadi in Fiji: an article glued on makes another name.
            continue
        elif kind == "name" and _names_a_town_of_another_country(text, match.end(), iso2):
            if lookalikes is not None:
                lookalikes.add(name)
            continue
        if lookalikes is not None and kind != "name":
            # Copy that names Benin City or Niger State means the city or the state by the
            # bare "Benin" or "Niger" too ("the Oba of Benin", "the Niger Govt").
            lookalikes.update(_countries_named_inside(name, iso2))
        found.append((iso2, kind, name, match.start()))
    return found


@cache
def _countries_named_inside(place, iso2):
    """The names of other countries that a place's longer name holds ("Benin" in Benin City)."""
    words, names = place.split(), _names()
    parts = {
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    }
    return {
        part
        for part in parts - {place}
        if part in names and names[part][1] == "name" and names[part][0] not in (None, iso2)
    }


def _of_another_country(text, start, iso2):
    """Whether the place at start follows another country's possessive ("Bolivia's Beni")."""
    before = _POSSESSIVE_BEFORE.search(text, max(0, start - 40), start)
    if not before:
        return False
    entry = _names().get(before[1])
    return bool(entry) and entry[1] == "name" and entry[0] not in (None, iso2)


def _names_a_town_of_another_country(text, end, iso2):
    """ "Lebanon, Pennsylvania": a country's name followed by a place of another country is a
    town there, and the place that follows is counted by itself."""
    after = _PLACE_AFTER_COMMA.match(text, end)
    if not after:
        return False
    entry = _names().get(after[1])
    return bool(entry) and entry[0] not in (None, iso2) and entry[1] in ("city", "capital")


def _lead_ends(body):
    """Where the lead ends (the first paragraph, at most its first two sentences) and where the
    top of the story ends (NEAR_TOP_SENTENCES sentences)."""
    paragraph_end = body.find("\n")
    if paragraph_end < 0:
        paragraph_end = len(body)
    lead_end = top_end = len(body)
    for count, match in enumerate(_SENTENCE_END.finditer(body), start=1):
        if count == 2:
            lead_end = match.start()
        if count == NEAR_TOP_SENTENCES:
            top_end = match.start()
            break
    return min(lead_end, paragraph_end), top_end


def _in_passing(text, start, end, name, kind):
    """A mention that is no evidence of what the story is about: a comparison ("worse than in
    Ghana"), a donor ("funded by Japan and Norway"), where an institution sits ("based in
    Atlanta") or who takes part ("Chinese contractors")."""
    if kind in ("name", "demonym") and _ACTOR_AFTER.match(text, end):
        return True
    window = text[max(0, start - 90) : start]
    window = window[max(window.rfind(". "), window.rfind("; ")) + 1 :]
    return bool(
        _COMPARISON_BEFORE.search(window)
        or (
            kind in ("name", "demonym")
            and (_NEIGHBOUR_BEFORE.search(window) or _OPPONENT_BEFORE.search(window))
        )
        or _DONOR_BEFORE.search(window)
        or _TRADE_BEFORE.search(window)
    )


def _sentence_starts(text):
    """Where each sentence of text starts (a new paragraph starts one too), in order."""
    starts = [0]
    starts += [match.end() for match in _SENTENCE_END.finditer(text)]
    starts += [match.end() for match in re.finditer("\n", text)]
    return sorted(starts)


def _passing_mentions(text, mentions, in_body=True):
    """Which of the mentions (in order) are in passing. A sentence that names a country in
    passing ("felt in Islamabad and Peshawar in neighbouring Pakistan") names its places in
    passing too. In the body, a press office's city is where something was said ("said in
    Geneva", "Media contact: Nairobi") and in passing, but not the places of its country."""
    passing = [
        _in_passing(text, start, start + len(name), name, kind)
        for _iso2, kind, name, start in mentions
    ]
    starts = _sentence_starts(text)
    sentence_of = [bisect_right(starts, start) for _iso2, _kind, _name, start in mentions]
    passing_in = {
        (iso2, sentence)
        for (iso2, *_rest), sentence, is_passing in zip(mentions, sentence_of, passing, strict=True)
        if is_passing
    }
    return [
        (iso2, sentence) in passing_in
        or (in_body and kind in ("city", "capital") and name in _press_offices())
        for (iso2, kind, name, _start), sentence in zip(mentions, sentence_of, strict=True)
    ]


class _Evidence:
    """What the text says of one country: its score, and how much of it shows the story is
    about the country (a headline or lead mention, a repeated one) rather than naming it."""

    __slots__ = ("by_name", "in_text", "kinds", "score", "support", "where_said")

    def __init__(self):
        self.score = 0.0
        self.support = 0
        self.in_text = False
        # The kinds of name the text calls it by (name, capital, region...).
        self.kinds = set()
        # Supported by more than a town's name (towns.txt): its name, a city, a province.
        self.by_name = False
        # The text names a press office's city of the country ("said in Suva").
        self.where_said = False


def _homonyms_meant(mentions, places):
    """{name: iso2} of the homonym cities the copy names (places.city_homonyms) that are
    another country's town: in copy that never names the gazetteer's country by anything but
    such a name, and names one of the other countries again and again, or files from it
    ("Tripoli and Akkar" in copy from BEIRUT; "Hyderabad, Sindh", "Pakistan's"). A single
    other mention is no sign ("traded in New York", "beat the United States")."""
    homonyms = city_homonyms()
    named_homonyms = {name for _iso2, _kind, name, _start in mentions if name in homonyms}
    named_homonyms |= set(filter(None, map(_homonym_of_place, places)))
    if not named_homonyms:
        return {}
    named = Counter(iso2 for iso2, _kind, name, _start in mentions if name not in homonyms)
    for place in places:
        if place and not _homonym_of_place(place):
            named.update({iso2: HOMONYM_NAMED for iso2, _kind in _place_mentions(place)})
    meant = {}
    for name in sorted(named_homonyms):
        own = _names()[name][0]
        other = next((iso2 for iso2 in homonyms[name] if named[iso2] >= HOMONYM_NAMED), None)
        if not named[own] and other:
            meant[name] = other
    return meant


@cache
def _homonyms_folded():
    return {name.casefold(): name for name in city_homonyms()}


def _homonym_of_place(place):
    """The homonym city a dateline place is (in the gazetteer's spelling), else None."""
    return _homonyms_folded().get((place or "").strip().casefold())


def _as_homonym(mention, country_of_homonym):
    _iso2, _kind, name, start = mention
    if name in country_of_homonym:
        return country_of_homonym[name], "city", name, start
    return mention


def _country_evidence(headline, body_text, dateline_place):
    evidence = {}

    def add(iso2, weight, support, in_text=True, kind="name"):
        found = evidence.get(iso2)
        if found is None:
            found = evidence[iso2] = _Evidence()
        found.score += weight
        found.support += support
        found.in_text = found.in_text or in_text
        if in_text:
            found.kinds.add(kind)
        found.by_name = found.by_name or (support > 0 and kind != "town")

    headline = plain_text(headline)
    headline_title_case = _is_title_case(headline)
    if headline.isupper():
        headline = _unshout(headline)
    body = plain_text(body_text)
    # What a press office appends to every release (its "About ..." and media contacts) says
    # where the issuer sits, not what the story is about: it names countries in passing only...
    body, appended = split_boilerplate(body)
    dateline = _BODY_DATELINE.match(body)
    places = [dateline_place]
    if dateline:
        places.append(dateline[1])
        body = body[dateline.end() :]
        # The rest of the dateline (the country, the date, the sender) says where the copy was
        # filed, as its place does: no lead mention.
        tail = _DATELINE_TAIL.match(body)
        if tail:
            body = body[tail.end() :]
    # A name the copy once shows to be a town or state elsewhere ("Atlanta, Georgia") is that
    # town or state wherever it stands bare in the same item, the headline included.
    lookalikes = set()
    headline_mentions = _mentions(headline, not headline_title_case, lookalikes)
    body_mentions = _mentions(body, True, lookalikes)
    country_of_homonym = _homonyms_meant([*headline_mentions, *body_mentions], places)
    if country_of_homonym:
        headline_mentions, body_mentions = (
            [_as_homonym(mention, country_of_homonym) for mention in mentions]
            for mentions in (headline_mentions, body_mentions)
        )

    def meant(mentions):
        return [
            mention
            for mention in mentions
            if mention[2] not in lookalikes or mention[0] != _names()[mention[2]][0]
        ]

    body_mentions = meant(body_mentions)
    body_passing = _passing_mentions(body, body_mentions)
    # A country the body names only in passing is named in passing by the headline too
    # ("Zimbabwe confirms cholera, days after Zambia outbreak").
    named_in_body = {mention[0] for mention in body_mentions}
    # ...but a province or town the body names in passing ("livestock bound for the Chuy
    # valley") says nothing of a headline calling the country by its name or its people's.
    called_in_body = {mention[0] for mention in body_mentions if mention[1] in _CALLING_KINDS}
    meant_in_body = {
        mention[0]
        for mention, is_passing in zip(body_mentions, body_passing, strict=True)
        if not is_passing
    }
    headline_mentions = meant(headline_mentions)
    headline_passing = _passing_mentions(headline, headline_mentions, in_body=False)
    seen_in_headline, headline_calls = set(), set()
    for (iso2, kind, _name, start), is_passing in zip(
        headline_mentions, headline_passing, strict=True
    ):
        if iso2 in seen_in_headline:
            continue
        seen_in_headline.add(iso2)
        named_apart = called_in_body if kind in _CALLING_KINDS else named_in_body
        if is_passing or (iso2 in named_apart and iso2 not in meant_in_body):
            add(iso2, HEADLINE_WEIGHT * KIND_WEIGHTS[kind] * PASSING_WEIGHT, 0)
        else:
            add(iso2, HEADLINE_WEIGHT * KIND_WEIGHTS[kind], KEEP_SUPPORT, kind=kind)
            # A headline that opens with a people's name is about them ("Kyrgyz wrestler
            # wins gold"); further in, the people are often the other party of a home story
            # ("Navy arrests 12 Indian fishermen").
            if kind == "name" or (kind == "demonym" and start == 0):
                headline_calls.add(iso2)

    # Copy filed from one country about another its headline calls by name ("MUMBAI - First
    # vaccines for East Africa...", "DJIBOUTI - Yemen faces aid cuts"): the place it is filed
    # from is where the reporter stands, and its country is the scene ("on Djibouti's
    # waterfront", "this Mozambican port"), not the story, unless the copy names it a third
    # time.
    filed_elsewhere = set()
    if headline_calls:
        for place in filter(None, places):
            if place.strip().casefold() not in _press_offices_folded():
                filed_elsewhere.update(
                    iso2 for iso2, _kind in _place_mentions(place) if iso2 not in seen_in_headline
                )

    lead_end, top_end = _lead_ends(body)
    seen_in_body = set()
    for (iso2, kind, name, start), is_passing in zip(body_mentions, body_passing, strict=True):
        weight = KIND_WEIGHTS[kind]
        if is_passing:
            add(iso2, weight * PASSING_WEIGHT, 0)
            evidence[iso2].where_said |= kind in ("city", "capital") and name in _press_offices()
            continue
        if iso2 in filed_elsewhere:
            add(iso2, weight * FIRST_BODY_WEIGHT, int(iso2 in seen_in_body), kind=kind)
        elif iso2 in seen_in_body:
            add(iso2, weight * REPEAT_BODY_WEIGHT, 1, kind=kind)
        elif start < lead_end:
            add(iso2, weight * LEAD_WEIGHT, KEEP_SUPPORT, kind=kind)
        else:
            support = KEEP_SUPPORT if start < top_end else 1
            add(iso2, weight * FIRST_BODY_WEIGHT, support, kind=kind)
        seen_in_body.add(iso2)

    # ...and like a press office's dateline, decides only for copy that names nothing else.
    for iso2, kind, _name, _start in meant(_mentions(appended, True, lookalikes)):
        add(iso2, KIND_WEIGHTS[kind] * PASSING_WEIGHT, 0, in_text=False)

    # The place copy is filed from counts once however often it is given, and weakly: a press
    # office's city not at all towards keeping its country.
    seen_in_dateline = set()
    for place in filter(None, places):
        press_office = place.strip().casefold() in _press_offices_folded()
        for iso2, kind in _place_mentions(place, country_of_homonym):
            if iso2 not in seen_in_dateline:
                seen_in_dateline.add(iso2)
                weight = PRESS_OFFICE_WEIGHT if press_office else DATELINE_WEIGHT
                support = 0 if press_office or iso2 in filed_elsewhere else 1
                add(iso2, weight * KIND_WEIGHTS[kind], support, in_text=False)
    return evidence


def countries_in(headline, body_text, dateline_place=""):
    """Scored country mentions: {iso2: score}, the headline weighing most, then the lead."""
    evidence = _country_evidence(headline, body_text, dateline_place)
    return {iso2: found.score for iso2, found in evidence.items()}


def countries_meant(headline, body_text, dateline_place="", limit=MAX_COUNTRIES):
    """{iso2: score} of the countries the story is about, best first (ties: the first named).

    Kept: a country in the headline or the lead, or named again and again (a dateline outside
    a press office counting as one more mention when the text names the country too). Dropped:
    a single mention deep in the body, a mention in passing, the press office's country. A text
    that keeps nothing by these rules is about its best country still named outside a passing
    mention, else the place it is filed from outside a press office, else a press office's city
    it names, else, naming no country even in passing, the press office it is filed from.
    """
    evidence = _country_evidence(headline, body_text, dateline_place)
    # A town's name is many places' name ("Palma" in Cabo Delgado, "Kanyama" in Lusaka): it
    # speaks for its country only in copy that names no country, city or province otherwise.
    if any(found.by_name for found in evidence.values()):
        evidence = {
            iso2: found for iso2, found in evidence.items() if found.by_name or not found.in_text
        }
    kept = [
        iso2 for iso2, found in evidence.items() if found.in_text and found.support >= KEEP_SUPPORT
    ]

    # Of two countries the copy gives equal weight, the story is about the one it names first:
    # these lists keep evidence's order (headline, body, what a press office appends, dateline)
    # and sorting is stable.
    def best_first(iso2):
        return -evidence[iso2].score

    if not kept and _WORLD_HEADLINE.search(plain_text(headline)):
        # A report on the world ("World food prices fall", "One in three people remain
        # offline", "WHO urges countries to...") that keeps no country names its countries as
        # examples, and is filed from its issuer's seat: it is about none of them.
        return {}
    if not kept:
        named = [iso2 for iso2, found in evidence.items() if found.in_text and found.support]
        # Else the place the copy is filed from, outside a press office; else a press office's
        # city the text names ("supplies prepositioned in Suva"), but no country it names only
        # as a comparison, a donor or a buyer; else the press office the copy is filed from.
        named = named or [iso2 for iso2, found in evidence.items() if found.support]
        named = named or [iso2 for iso2, found in evidence.items() if found.where_said]
        if not any(found.in_text for found in evidence.values()):
            named = named or list(evidence)
        kept = sorted(named, key=best_first)[:1]
    ranked = sorted(kept, key=best_first)[:limit]
    # A country kept by one lead mention in a story told about another is a detail of it; so
    # is one the copy names only by its provinces while it calls another by its name: province
    # names are often other places' too ("La Vega" in Caracas, "Santa Ana" in Bolivia).
    best = evidence[ranked[0]].score if ranked else 0.0
    called_by_name = any(evidence[iso2].kinds & _COUNTRY_KINDS for iso2 in ranked)
    return {
        iso2: evidence[iso2].score
        for position, iso2 in enumerate(ranked)
        if evidence[iso2].score >= best * SECONDARY_SHARE
        and (position == 0 or not called_by_name or evidence[iso2].kinds != {"region"})
    }


def edition_scores(country_scores, edition_of_country):
    """{edition slug: share} summing to 1; countries with no edition, or none at all, go Global.

    Give it the countries the story is about (countries_meant), so an item's editions are those
    of its countries and nothing it merely names."""
    total = sum(country_scores.values())
    if total <= 0:
        return {GLOBAL_EDITION: 1.0}
    shares = {}
    for iso2 in sorted(country_scores):
        edition = edition_of_country.get(iso2, GLOBAL_EDITION)
        shares[edition] = shares.get(edition, 0.0) + country_scores[iso2] / total
    return shares


@cache
def _subject_rules():
    with open(DATA / "medtop_sectors.json", encoding="utf-8") as data:
        return json.load(data)


def _medtop_rule(code):
    """(the code whose rule applies: code or its nearest ancestor with one, its sectors)."""
    rules = _subject_rules()
    parents = rules["medtop_parents"]
    seen = set()
    while code and code not in seen:
        if code in rules["medtop"]:
            return code, rules["medtop"][code]
        seen.add(code)
        code = parents.get(code)
    return None, []


def _medtop_sectors(code):
    return _medtop_rule(code)[1]


def _subject_code_rule(code):
    rules = _subject_rules()["subj"]
    if not re.fullmatch(r"\d{8}", code):
        return None, []
    for ancestor in (code, code[:5] + "000", code[:2] + "000000"):
        if ancestor in rules:
            return ancestor, rules[ancestor]
    return None, []


def _subject_code_sectors(code):
    return _subject_code_rule(code)[1]


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
    """One-word rules: exact words, and stems by their first letters; longer phrases by their
    first word (a stem only ever ends a phrase), so most words of a text cost one lookup."""
    words, stems, phrases = set(), {}, {}
    for key in _sector_keyword_rules():
        word_count, rule, is_stem = key
        if word_count > 1:
            phrases.setdefault(rule.split(" ", 1)[0], []).append(key)
        elif is_stem:
            stems.setdefault(rule[:STEM_HEAD], []).append(rule)
        else:
            words.add(rule)
    return words, stems, phrases


# Distinct words whose one-word rules are remembered: news copy reuses a vocabulary of some
# tens of thousands of words, so nearly every word of a new item is looked up once, ever.
WORD_RULES_CACHE = 1 << 16


@lru_cache(maxsize=WORD_RULES_CACHE)
def _one_word_rules(word):
    """The keys of the one-word rules (exact words and stems) that a word matches."""
    rule_words, stems, _phrases = _rule_tables()
    found = [(1, stem, True) for stem in stems.get(word[:STEM_HEAD], ()) if word.startswith(stem)]
    if word in rule_words:
        found.append((1, word, False))
    return tuple(found)


def _matched_rules(normalised, distinct=None):
    """The (word count, words, is_stem) keys of every rule found in normalised text, each once;
    `distinct` is its words, each once (a set or a dict's keys), when the caller has them."""
    phrases = _rule_tables()[2]
    distinct = set(normalised.split()) if distinct is None else distinct
    found = set(chain.from_iterable(map(_one_word_rules, distinct)))
    # A phrase is looked for only when the text has its first word, and then as a substring of
    # the single-spaced text, whole words only; a stem matches the start of the phrase's last
    # word, never across a word end.
    padded = f" {normalised} "
    for head in distinct & phrases.keys():
        for key in phrases[head]:
            _word_count, phrase, is_stem = key
            if (f" {phrase}" if is_stem else f" {phrase} ") in padded:
                found.add(key)
    return found


def _text_sector_evidence(headline, body_text):
    """{slug: [score, distinct keywords, keywords in the headline]} from the keyword rules.

    Each keyword counts once in the body and, again doubled, once in the headline, so a long
    story that repeats one word does not outscore a story that uses the sector's vocabulary.
    """
    return _keyword_evidence(normalise_text(headline), normalise_text(body_text))


def _keyword_evidence(headline_words, body_words, body_counts=None):
    """_text_sector_evidence of a normalised headline and body (`body_counts`: its words
    counted, when the caller has them)."""
    rules = _sector_keyword_rules()
    evidence = {}
    for normalised, factor, distinct in (
        (headline_words, SECTOR_HEADLINE_WEIGHT, None),
        (body_words, 1.0, None if body_counts is None else body_counts.keys()),
    ):
        # Sorted, so the scores add up in one order whatever the hash seed.
        for key in sorted(_matched_rules(normalised, distinct)):
            for slug, weight in rules[key]:
                found = evidence.setdefault(slug, [0.0, 0, 0])
                found[0] += weight * factor
                # A figurative phrase (negative weight) takes its literal keyword back.
                hit = 1 if weight > 0 else -1
                found[1] += hit
                found[2] += hit if factor == SECTOR_HEADLINE_WEIGHT else 0
    return evidence


def sectors_from_text(headline, body_text):
    """{slug: score} of the sectors whose keywords score at least SECTOR_THRESHOLD."""
    return {
        slug: found[0]
        for slug, found in _text_sector_evidence(headline, body_text).items()
        if found[0] >= SECTOR_THRESHOLD
    }


def _code_sector_scores(subjects):
    """{slug: score} from IPTC codes: a precise rule decides its first sector alone; the others
    it names, and every sector of a top-level rule ("economy", "disaster", "weather"), only
    lean for the text to confirm. A flood or earthquake code (medtop_leaning) only leans too,
    towards the sectors such events touch (homes, water, farms, roads), and a grid code names
    energy for sure but economy only if the copy is about money."""
    parents = _subject_rules()["medtop_parents"]
    leaning = _subject_rules()["medtop_leaning"]
    scores = {}
    for scheme, code in subjects:
        scheme = scheme.strip().lower()
        code = code.strip().rpartition(":")[2]
        if scheme in ("medtop", "mediatopic"):
            rule, sectors = _medtop_rule(code)
            broad = rule not in parents or rule in leaning
        elif scheme in ("subj", "subject", "subjectcode"):
            rule, sectors = _subject_code_rule(code)
            broad = bool(rule) and rule.endswith("000000")
        else:
            continue
        for position, slug in enumerate(sectors):
            decides = position == 0 and not broad
            weight = PRECISE_CODE_WEIGHT if decides else BROAD_CODE_WEIGHT
            scores[slug] = max(scores.get(slug, 0.0), weight)
    return scores


def _supported(score, keywords, in_headline):
    """Whether keywords support a sector: several of them, or one in the headline."""
    return (keywords >= 2 or in_headline > 0) and score >= SECTOR_THRESHOLD


def _supported_sectors(codes, text):
    """{slug: score} of the sectors a precise code names or the text supports (see below).

    A code that only leans needs one keyword of its sector to confirm it while nothing else is
    supported; beside a sector the story is plainly about, it needs the text's own support:
    an economy code on a railway story says how it is paid for, not what it is about."""
    totals, leaning = {}, {}
    for slug in sorted(set(codes) | set(text)):
        code_score = codes.get(slug, 0.0)
        score, keywords, in_headline = text.get(slug, (0.0, 0, 0))
        if code_score >= PRECISE_CODE_WEIGHT or _supported(score, keywords, in_headline):
            totals[slug] = code_score + score
        elif code_score > 0 and keywords > 0:
            leaning[slug] = code_score + score
    return totals or leaning


def sectors_by_rules(headline, body_text, subjects=()):
    """The sectors the hand-written rules alone give a story: what the learned tagger is
    measured against (tools/train_sectors.py)."""
    return _rules_choice(_code_sector_scores(subjects), _text_sector_evidence(headline, body_text))


def _rules_choice(codes, text):
    """The sectors the hand-written rules give a story, best first (ties by slug), from its
    codes (`_code_sector_scores`) and its text (`_text_sector_evidence`, left as it was).

    A sector is kept when a precise code names it, or when the text supports it: by several of
    its keywords, or one in the headline, or one where a top-level code leans the same way. One
    stray keyword ("marathon talks", a bridge in an earthquake story) decides nothing, and a
    sector far behind the best is dropped. With no support at all, a top-level code's sectors
    stand, else the text's best sector.
    """
    text = dict(text)
    finance, hazard = text.pop(FINANCE, None), text.pop(HAZARD, None)
    totals = _supported_sectors(codes, text)
    # Loans, grants and bank financing are what a power grid or a road is paid with: they make
    # the story an economy story only when it is about no other sector.
    if finance and not set(totals) - {ECONOMY}:
        economy = text.get(ECONOMY, (0.0, 0, 0))
        text[ECONOMY] = [mine + its for mine, its in zip(economy, finance, strict=True)]
        totals = _supported_sectors(codes, text)
    reports_a_hazard = bool(hazard) and _supported(*hazard)
    if not totals and not reports_a_hazard:
        broad = {slug: score for slug, score in codes.items()}
        best_text = {slug: found[0] for slug, found in text.items() if found[0] >= SECTOR_THRESHOLD}
        totals = broad or dict(sorted(best_text.items(), key=lambda kv: (-kv[1], kv[0]))[:1])
    best = max(totals.values(), default=0.0)
    ranked = sorted(totals, key=lambda slug: (-totals[slug], slug))
    ranked = [slug for slug in ranked if totals[slug] >= best * SECTOR_SHARE]
    # A flood, storm, quake or drought the story reports makes it an environment story, and
    # what it did (homes, the displaced, water, crops) is what else it is about: those are
    # weighed against each other, not against the hazard's words, which such copy repeats.
    if reports_a_hazard:
        ranked = [ENVIRONMENT, *(slug for slug in ranked if slug != ENVIRONMENT)]
    return ranked[:MAX_SECTORS]


# What the evidence model (sector_model.py) weighs for each sector, in this order.
SECTOR_EVIDENCE_FEATURES = (
    "keyword score (log)",
    "distinct keywords, over 6 (6 at most)",
    "a keyword in the headline",
    "keyword score over the best sector's",
    "first by keyword score",
    "second by keyword score",
    "third by keyword score",
    "a precise IPTC code names it",
    "an IPTC code leans towards it",
    "environment, in a story reporting a hazard",
    "another sector with keywords, in a story reporting a hazard",
    "economy, in a story about financing",
    "the rules choose it",
    "the rules choose it first",
)
MAX_KEYWORDS_WEIGHED = 6
_PRECISE_CODE = SECTOR_EVIDENCE_FEATURES.index("a precise IPTC code names it")
# What a sector no rule or code sees weighs: nothing.
_NO_EVIDENCE = (0.0,) * len(SECTOR_EVIDENCE_FEATURES)


def sector_evidence(headline, body_text, subjects=()):
    """{slug: values of SECTOR_EVIDENCE_FEATURES} for every sector the rules or codes see."""
    return _sector_evidence(
        _code_sector_scores(subjects), _text_sector_evidence(headline, body_text)
    )


def _sector_evidence(codes, text):
    """sector_evidence from the codes' scores and the text's keyword evidence (left as it was)."""
    chosen = _rules_choice(codes, text)
    text = dict(text)
    finance, hazard = text.pop(FINANCE, None), text.pop(HAZARD, None)
    reports_a_hazard = bool(hazard) and _supported(*hazard)
    best = max((found[0] for found in text.values()), default=0.0)
    rank_of = {slug: rank for rank, slug in enumerate(sorted(text, key=lambda s: (-text[s][0], s)))}
    first = chosen[0] if chosen else None
    evidence = {}
    # A reported hazard makes an environment story, and financing an economy story, even where
    # no keyword of those sectors is found: their words are counted apart (see FINANCE).
    candidates = set(text) | set(codes) | ({ENVIRONMENT} if reports_a_hazard else set())
    for slug in sorted(candidates | ({ECONOMY} if finance else set())):
        score, keywords, in_headline = text.get(slug, (0.0, 0, 0))
        rank = rank_of.get(slug)
        code = codes.get(slug, 0.0)
        # Yes-or-no features are booleans, which weigh as 1 or 0.
        evidence[slug] = [
            math.log1p(max(score, 0.0)),
            min(keywords, MAX_KEYWORDS_WEIGHED) / MAX_KEYWORDS_WEIGHED,
            in_headline > 0,
            score / best if best > 0 else 0.0,
            rank == 0,
            rank == 1,
            rank == 2,
            code >= PRECISE_CODE_WEIGHT,
            0 < code < PRECISE_CODE_WEIGHT,
            reports_a_hazard and slug == ENVIRONMENT,
            reports_a_hazard and slug != ENVIRONMENT and score > 0,
            bool(finance) and slug == ECONOMY,
            slug in chosen,
            slug == first,
        ]
    return evidence


def sector_words(headline, body_text):
    """{word: count} of what the term model (sector_model.py) reads of a story."""
    return _word_counts(normalise_text(headline), Counter(normalise_text(body_text).split()))


def _word_counts(headline_words, body_counts):
    # The headline's words count twice: a headline says what a story is about more surely than
    # any sentence of its body.
    words = Counter(body_counts)
    for word in headline_words.split():
        words[word] += 2
    return words


def sectors_meant(headline, body_text, subjects=(), trained=None):
    """The sectors a desk files a story under, likeliest first (ties by slug).

    The rules above say what the codes and the words of each sector give; sector_model.py weighs
    that, and the story's word stems, the way the labelled copy was filed (`trained`: its
    model, unless tools/train_sectors.py tries one). Every sector is weighed, those no rule or
    code sees on their words alone: no keyword list names every word of a sector ("pupils",
    "pension", "tariff"), and the models are trained on every sector of every story. A story
    with no words gets none.
    """
    headline_words, body_words = normalise_text(headline), normalise_text(body_text)
    body_counts = Counter(body_words.split())
    words = _word_counts(headline_words, body_counts)
    if not words:
        return []
    text = _keyword_evidence(headline_words, body_words, body_counts)
    evidence = _sector_evidence(_code_sector_scores(subjects), text)
    candidates = frozenset(evidence)
    precise = [slug for slug, values in evidence.items() if values[_PRECISE_CODE]]
    for slug in (trained or sector_model.model())["sectors"]:
        evidence.setdefault(slug, _NO_EVIDENCE)
    probabilities = sector_model.probabilities(evidence, words, trained)
    return sector_model.chosen(probabilities, trained, candidates, precise)
