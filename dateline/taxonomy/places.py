"""Place names and the countries they belong to. Plain Python: no Django import.

The gazetteer the project ships (gazetteer.txt) holds every ISO 3166-1 country's names and short
forms, demonyms, capitals and major cities or regions, and "block" phrases that contain a
country's name without naming it (Gulf of Guinea). The wire's tagging reads it to find the
countries of an item; the newsroom to tell which country a story's dateline place is in.
`subdivisions` adds the ISO 3166-2 provinces and regions (from pycountry) whose names are no
trap, for the wire's tagging: a story set in "Karnali" or "Nsanje" names no country. `towns`
and `country_names` add towns that name one country and countries' names in French, Spanish
and Portuguese, both written by tools in tools/; `city_homonyms` the cities whose name another
country's town shares.
"""

import unicodedata
from functools import cache
from pathlib import Path

import pycountry

GAZETTEER = Path(__file__).resolve().parent / "gazetteer.txt"
TOWNS = Path(__file__).resolve().parent / "towns.txt"
COUNTRY_NAMES = Path(__file__).resolve().parent / "country_names.txt"
DATELINE_TOWNS = Path(__file__).resolve().parent / "dateline_towns.txt"
CITY_HOMONYMS = Path(__file__).resolve().parent / "city_homonyms.txt"


@cache
def gazetteer():
    """{name: (iso2 or None for a block, kind)} from gazetteer.txt."""
    return {
        name: (None if kind == "block" else iso2, kind) for iso2, kind, name in _rows(GAZETTEER)
    }


def _rows(path):
    """The tab-separated fields of each line of a data file, comments and blank lines left out."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and line.strip():
                yield line.rstrip("\n").split("\t")


def country_code_of_place(place):
    """The ISO code of the country a dateline place is in, or None when no list knows it:
    "Freetown" and "FREETOWN" are "SL"; so is "Bo, Sierra Leone", by its last part."""
    places = dateline_places()
    for part in [place, *reversed(place.split(","))]:
        code = places.get(plain_letters(part.strip()).casefold())
        if code:
            return code
    return None


# Subdivision kinds that name a province or region a story may be set in; towns and communes
# are left out, being many, small and often named like something else.
_SUBDIVISION_TYPES = frozenset(
    [
        "Administrative region", "Autonomous community", "Autonomous province",
        "Autonomous region", "Autonomous republic", "Canton", "Capital city", "Capital district",
        "County", "Department", "District", "Division", "Emirate", "Federal district",
        "Geographical region", "Governorate", "Land", "Oblast", "Prefecture", "Province",
        "Region", "Regional state", "Republic", "State", "Territory", "Union territory",
        "Voivodship",
    ]
)  # fmt: skip
# Words that describe a place without naming one ("Eastern", "Upper", "Lakes"): a subdivision
# named only by them is skipped.
_GENERIC_PLACE_WORDS = frozenset(
    [
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
        "Centre", "Centrale", "Upper", "Lower", "Far", "Middle", "Capital", "Coast", "Coastal",
        "Lakes", "Lake", "Gulf", "Island", "Islands", "Red", "Sea", "Delta", "River", "Rivers",
        "Unity", "Plateau", "Mountain", "Mountains", "Valley", "Highlands", "Lowlands", "Interior",
        "Littoral", "Ouest", "Est", "Nord", "Sud", "Norte", "Sur", "Oriental", "Occidental",
        "National",
        # What kind of subdivision it is: "Western Province" is Sri Lanka's by its ISO name, and
        # Zambia's, Papua New Guinea's and the Solomon Islands' in copy.
        "Province", "Region", "District", "Territory", "Division", "Governorate", "County",
        "Department",
    ]
)  # fmt: skip
# Subdivision names that are more often an English word, a person's name, a river, a lake,
# a company or a wider region than the subdivision itself.
SUBDIVISION_LOOKALIKES = frozenset(
    [
        "Alba", "Antique", "Aurora", "Batman", "Canterbury", "Cascade", "Cascades", "Chin",
        "Clare", "Flores", "Formosa", "Herrera", "Independencia", "Isabel", "Isabela", "Kara",
        "Kunene", "Leste", "Limpopo", "Lola", "Mara", "Mary", "Mayo", "Meta", "Miranda", "Mono",
        "Most", "Moyo", "Nelson", "Ngozi", "Para", "Pest", "Pool", "Rivera", "Rizal", "Sahel",
        "Santander", "Savannah", "Shan", "Tanganyika", "Tata", "Victoria", "Volta", "Yuma",
        "Zaire", "Zambezi",
    ]
)  # fmt: skip
MIN_SUBDIVISION_NAME = 4


def plain_letters(name):
    """The name without its accents: "Nabatîyé" is "Nabatiye"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


@cache
def subdivisions():
    """{name: (iso2, "region")} for ISO 3166-2 provinces, states, regions and districts whose
    name points to one country: none that is a country's name or another gazetteer entry, shared
    by subdivisions of two countries, shorter than four letters, generic or a lookalike, nor the
    formal forms no copy uses ("Asturias, Principado de", "Bicol (Region V)")."""
    countries = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.type in _SUBDIVISION_TYPES:
            countries.setdefault(subdivision.name, set()).add(subdivision.country_code)
    # Copy often drops the accents: "Alto Parana" is "Alto Paraná", not the town of Paraná.
    for name, codes in list(countries.items()):
        countries.setdefault(plain_letters(name), set()).update(codes)
    known = gazetteer()
    return {
        name: (next(iter(codes)), "region")
        for name, codes in sorted(countries.items())
        if len(codes) == 1
        and name not in known
        and len(name) >= MIN_SUBDIVISION_NAME
        and not any(mark in name for mark in ",[(/")
        and name not in SUBDIVISION_LOOKALIKES
        and not set(name.split()) <= _GENERIC_PLACE_WORDS
    }


@cache
def towns():
    """{name: (iso2, "town")} for the towns that name one country (towns.txt, made from GeoNames
    by tools/make_towns.py): "Nabatieh" or "Bukhara" in copy that names no country."""
    return {name: (iso2, "town") for iso2, name in _rows(TOWNS)}


@cache
def dateline_places():
    """{name without accents, casefolded: iso2} of every place a dateline may give: the
    gazetteer's places (each wins over those after it), the provinces, the towns, and the
    smaller or more ambiguous towns of dateline_towns.txt (written by tools/make_towns.py).
    Those are too often other things' names to be read in running text ("Ho", "Jos", "Male"),
    but a dateline names a place, in any case and often without its accents ("DAKORO", "Díli",
    "MUĞLA"). A demonym ("Kenyan") is no place copy is filed from."""
    places = {plain_letters(name).casefold(): iso2 for iso2, name in _rows(DATELINE_TOWNS)}
    for name, (iso2, kind) in {**towns(), **subdivisions(), **gazetteer()}.items():
        if iso2 and kind != "demonym":
            places[plain_letters(name).casefold()] = iso2
    return places


@cache
def city_homonyms():
    """{name: the other countries, sorted} of the gazetteer's cities whose name is also a town's
    at least a tenth their size in another country (city_homonyms.txt, written by
    tools/make_towns.py): "Tripoli" is Libya's capital and Lebanon's second city, "Hyderabad"
    India's and Pakistan's."""
    others = {}
    for iso2, name in _rows(CITY_HOMONYMS):
        others.setdefault(name, []).append(iso2)
    return {name: tuple(sorted(codes)) for name, codes in others.items()}


@cache
def country_names():
    """{name: (iso2, "name")}: countries' names in French, Spanish and Portuguese that English
    copy does not use (country_names.txt, from the Unicode CLDR by tools/make_country_names.py):
    "Cambodge", "Camboya" and "Camboja" are Cambodia."""
    return {name: (iso2, "name") for iso2, name in _rows(COUNTRY_NAMES)}
