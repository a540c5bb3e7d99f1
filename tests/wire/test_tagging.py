"""Country, edition and sector tagging of wire items (no database)."""

import json
from pathlib import Path

import pycountry
import pytest

from dateline.taxonomy.defaults import EDITIONS, SECTORS
from dateline.wire.tagging import (
    countries_in,
    edition_scores,
    gazetteer,
    sectors_from_subjects,
    sectors_from_text,
)

LABELLED = Path(__file__).resolve().parent / "labelled" / "items.json"
CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
MEDIA_TOPICS = CORPORA / "taxonomy" / "iptc-mediatopic-cptall-x-all-2019.json"
SECTOR_SLUGS = {slug for slug, _name in SECTORS}
EDITION_OF_COUNTRY = {iso2: slug for slug, _name, countries in EDITIONS for iso2 in countries}


def labelled_items():
    return json.loads(LABELLED.read_text(encoding="utf-8"))


def micro_precision_recall(predicted_and_true):
    true_positive = sum(len(p & t) for p, t in predicted_and_true)
    false_positive = sum(len(p - t) for p, t in predicted_and_true)
    false_negative = sum(len(t - p) for p, t in predicted_and_true)
    return (
        true_positive / (true_positive + false_positive),
        true_positive / (true_positive + false_negative),
    )


def test_country_tagging_on_labelled_set():
    results = [
        (set(countries_in(item["headline"], item["body"])), set(item["labels"]["countries"]))
        for item in labelled_items()
    ]
    precision, recall = micro_precision_recall(results)
    # Measured: precision 0.990, recall 0.993.
    assert precision >= 0.95
    assert recall >= 0.95


def test_sector_tagging_on_labelled_set():
    results = [
        (set(sectors_from_text(item["headline"], item["body"])), set(item["labels"]["sectors"]))
        for item in labelled_items()
    ]
    precision, recall = micro_precision_recall(results)
    # Measured: precision 0.860, recall 0.801.
    assert precision >= 0.82
    assert recall >= 0.76


def test_labelled_set_uses_known_countries_and_sectors():
    known = {country.alpha_2 for country in pycountry.countries}
    for item in labelled_items():
        assert set(item["labels"]["countries"]) <= known
        assert item["labels"]["sectors"]
        assert set(item["labels"]["sectors"]) <= SECTOR_SLUGS


def test_gazetteer_names_every_country():
    covered = {iso2 for iso2, _kind in gazetteer().values() if iso2}
    assert {country.alpha_2 for country in pycountry.countries} <= covered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A landslide buried a village in Papua New Guinea.", {"PG"}),
        ("Talks between Guinea-Bissau and Equatorial Guinea resumed.", {"GW", "GQ"}),
        ("Guinea worm cases fell to 14.", set()),
        ("Petrol prices rose in Nigeria, not in Niger.", {"NG", "NE"}),
        ("An oil spill polluted creeks in the Niger Delta.", {"NG"}),
        ("A boat capsized on the Niger river near Gao.", {"ML"}),
        ("South Sudan postponed the vote.", {"SS"}),
        ("Refugees from Sudan arrived in Chad.", {"SD", "TD"}),
        ("Hungarian turkey farms culled birds; the china plates were restored.", {"HU"}),
        ("The ballot had a hanging chad.", set()),
        ("Michael Jordan gave $10 million to clinics.", set()),
        ("A lecture by Jordan Peterson was cancelled.", set()),
        ("Jordan will ration water in Amman.", {"JO"}),
        ("Swimmer Chad Le Clos won gold.", set()),
        ("Atlanta, Georgia, opened cooling centres.", {"US"}),
        ("Officials in the US state of Georgia urged calm.", {"US"}),
        ("Georgia's parliament passed the law in Tbilisi.", {"GE"}),
        ("Inflation eased across Latin America.", set()),
        ("A cyclone formed over the Indian Ocean.", set()),
        ("The U.S. froze aid; Kenyan clinics closed.", {"US", "KE"}),
        ("Fighting resumed in eastern DR Congo near Goma.", {"CD"}),
        ("Brazzaville banned raw log exports from the Republic of Congo.", {"CG"}),
    ],
)
def test_countries_in_handles_ambiguous_names(text, expected):
    assert set(countries_in("", text)) == expected


def test_headline_and_dateline_weigh_more_than_the_body():
    scores = countries_in(
        "Kenya floods displace 12,000",
        "NAIROBI, May 6 (Pan-African Press) - Aid arrived from Uganda.",
    )
    assert scores["KE"] > 2 * scores["UG"]
    assert countries_in("", "", dateline_place="Dhaka") == {"BD": 3.0}


def test_all_caps_headline_and_dateline_are_read():
    scores = countries_in("KENYA'S RED CROSS APPEALS", "RIO DE JANEIRO (Cobaltwire) - Talks.")
    assert set(scores) == {"KE", "BR"}


def test_repeated_body_mentions_add_less_than_the_first():
    once = countries_in("", "Rain fell in Malawi.")["MW"]
    three_times = countries_in("", "Malawi. Malawi. Malawi.")["MW"]
    assert once < three_times < 3 * once


def test_edition_scores_sum_to_one():
    shares = edition_scores({"KE": 3.0, "UG": 1.0, "IN": 1.0}, EDITION_OF_COUNTRY)
    assert shares == pytest.approx({"east-africa": 0.8, "south-asia": 0.2})
    assert sum(shares.values()) == pytest.approx(1.0)


def test_edition_scores_go_global_without_countries():
    assert edition_scores({}, EDITION_OF_COUNTRY) == {"global": 1.0}
    assert edition_scores({"AQ": 1.0}, EDITION_OF_COUNTRY) == {"global": 1.0}


def test_edition_of_a_tagged_item():
    scores = countries_in("Cholera spreads in Lusaka", "Zambia closed schools; Malawi is on alert.")
    shares = edition_scores(scores, EDITION_OF_COUNTRY)
    assert max(shares, key=shares.get) == "southern-africa"


@pytest.mark.parametrize(
    ("subjects", "expected"),
    [
        ([("medtop", "20000763")], {"technology"}),
        ([("medtop", "medtop:07000000")], {"health"}),
        ([("medtop", "20000448")], {"health"}),
        ([("medtop", "20000270")], {"wash"}),
        ([("medtop", "20000320")], {"energy-extractives"}),
        ([("medtop", "20000574")], {"politics"}),
        ([("medtop", "20000400")], {"education"}),
        ([("medtop", "15000000"), ("medtop", "20000214")], {"sports", "agro-forestry"}),
        ([("subj", "04001004")], {"agro-forestry", "economy-business"}),
        ([("subj", "04001002")], {"agro-forestry"}),
        ([("subj", "15008000")], {"sports"}),
        ([("subj", "17000000")], set()),
        ([("medtop", "99999999"), ("subj", "not-a-code"), ("other", "1")], set()),
    ],
)
def test_sectors_from_subjects(subjects, expected):
    assert sectors_from_subjects(subjects) == expected


def test_sector_rules_name_only_known_sectors():
    from dateline.wire.tagging import _subject_rules

    rules = _subject_rules()
    for table in ("medtop", "subj"):
        for sectors in rules[table].values():
            assert set(sectors) <= SECTOR_SLUGS


@pytest.mark.skipif(not MEDIA_TOPICS.exists(), reason="shared corpora not available")
def test_every_media_topic_of_a_covered_branch_maps_to_a_sector():
    concepts = json.loads(MEDIA_TOPICS.read_text(encoding="utf-8"))["conceptSet"]
    codes = [concept["qcode"].partition(":")[2] for concept in concepts]
    covered_tops = {"01", "04", "05", "06", "07", "11", "13", "14", "15"}
    unmapped = [
        code
        for code in codes
        if _top_level(code, concepts) in covered_tops
        and not sectors_from_subjects([("medtop", code)])
    ]
    assert unmapped == []


def _top_level(code, concepts):
    parents = {
        concept["qcode"].partition(":")[2]: concept["broader"][0].rstrip("/").rpartition("/")[2]
        for concept in concepts
        if concept.get("broader")
    }
    while code in parents:
        code = parents[code]
    return code[:2]


def test_sectors_from_text_scores_keywords_above_a_threshold():
    scores = sectors_from_text(
        "Cholera vaccination starts in Lilongwe",
        "Health workers gave oral cholera vaccine; families were told to boil drinking water.",
    )
    assert set(scores) == {"health", "wash"}
    assert scores["health"] > scores["wash"]
    assert sectors_from_text("Minister visits", "The minister visited a town.") == {}
