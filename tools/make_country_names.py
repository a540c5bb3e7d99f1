"""Writes dateline/taxonomy/country_names.txt: countries' names in French, Spanish and
Portuguese, for the wire's tagging, from the Unicode CLDR as the babel package ships it.

    .venv/bin/python tools/make_country_names.py

National agencies file in those languages too ("Cambodge : la récolte de noix de cajou..."),
and the gazetteer holds the English names only. Kept: each country's name in each language and
its plain-letter form ("Bolívia", "Bolivia"); a name's parts when CLDR adds another in brackets
("Myanmar (Birmanie)"). Left out: names the gazetteer, a province or a town already holds; names
English copy uses for something else, by wordfreq ("Chili", "Maurice", "Dominique"); CLDR's
regions that are no country (Europe, "Congo - Kinshasa" style labels).
"""

import re
import sys
from pathlib import Path

import pycountry
from babel import Locale
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.taxonomy.places import (  # noqa: E402
    COUNTRY_NAMES,
    gazetteer,
    plain_letters,
    subdivisions,
    towns,
)
from tools.make_towns import write_place_list  # noqa: E402

LANGUAGES = ("fr", "es", "pt")
# A name English copy writes often enough to mean something else: as in tools/make_towns.py,
# though a little higher, since a foreign country's name is seldom an English word.
WORD_ZIPF = 3.2
MIN_LENGTH = 4  # "Oma", Omã in plain letters, is a word and a name
NOT_A_NAME = re.compile(r" - |[0-9]")


def names_of(label):
    """The names a CLDR label gives: "Myanmar (Birmanie)" gives both, a name with a curly
    apostrophe also gives it with a straight one, and each also in plain letters."""
    names = {part.strip() for part in re.split(r"[()]", label) if part.strip()}
    names |= {name.replace("\u2019", "'") for name in names}
    return names | {plain_letters(name) for name in names}


def country_names():
    known = set(gazetteer()) | set(subdivisions()) | set(towns())
    countries = {country.alpha_2 for country in pycountry.countries}
    kept = {}
    for language in LANGUAGES:
        for iso2, label in sorted(Locale(language).territories.items()):
            if iso2 not in countries or NOT_A_NAME.search(label):
                continue
            for name in sorted(names_of(label)):
                if (
                    name not in known
                    and len(name) >= MIN_LENGTH
                    and zipf_frequency(name, "en") < WORD_ZIPF
                ):
                    kept.setdefault(name, iso2)
    return kept


def main():
    write_place_list(
        COUNTRY_NAMES,
        [
            "Countries' names in French, Spanish and Portuguese (dateline.taxonomy.places."
            "country_names),",
            "written by tools/make_country_names.py from the Unicode CLDR (Unicode licence). "
            "iso2 <TAB> name.",
        ],
        country_names(),
    )


if __name__ == "__main__":
    main()
