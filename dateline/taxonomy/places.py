"""Place names and the countries they belong to. Plain Python: no Django import.

The gazetteer the project ships (gazetteer.txt) holds every ISO 3166-1 country's names and short
forms, demonyms, capitals and major cities or regions, and "block" phrases that contain a
country's name without naming it (Gulf of Guinea). The wire's tagging reads it to find the
countries of an item; the newsroom to tell which country a story's dateline place is in.
"""

from functools import cache
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent / "gazetteer.txt"


@cache
def gazetteer():
    """{name: (iso2 or None for a block, kind)} from gazetteer.txt."""
    entries = {}
    with open(GAZETTEER, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            iso2, kind, name = line.rstrip("\n").split("\t")
            entries[name] = (None if kind == "block" else iso2, kind)
    return entries


@cache
def _places_folded():
    # A demonym ("Kenyan") is no place a story is filed from.
    return {
        name.casefold(): iso2
        for name, (iso2, kind) in gazetteer().items()
        if iso2 and kind != "demonym"
    }


def country_code_of_place(place):
    """The ISO code of the country a dateline place is in, or None when the gazetteer does not
    know it: "Freetown" and "FREETOWN" are "SL"; so is "Bo, Sierra Leone", by its last part."""
    places = _places_folded()
    for part in [place, *reversed(place.split(","))]:
        code = places.get(part.strip().casefold())
        if code:
            return code
    return None
