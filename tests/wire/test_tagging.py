"""Country, edition and sector tagging of wire items (no database)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.taxonomy.defaults import EDITIONS, SECTORS, country_codes
from dateline.taxonomy.places import city_homonyms
from dateline.wire.tagging import (
    countries_in,
    countries_meant,
    edition_scores,
    gazetteer,
    sector_evidence,
    sectors_from_subjects,
    sectors_from_text,
    sectors_meant,
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
        (set(countries_meant(item["headline"], item["body"])), set(item["labels"]["countries"]))
        for item in labelled_items()
    ]
    precision, recall = micro_precision_recall(results)
    # Measured: precision 1.000, recall 0.888 (this set labels every country named, even in
    # passing; the tagger keeps only those the story is about, so a rule that finds the story's
    # own country more surely can drop a neighbour named once: "GH¢33,120" in a Ghana cocoa
    # story leaves Togo, named in passing, below the share of the best).
    assert precision >= 0.95
    assert recall >= 0.86


def test_sector_tagging_on_labelled_set():
    results = [
        (set(sectors_meant(item["headline"], item["body"])), set(item["labels"]["sectors"]))
        for item in labelled_items()
    ]
    precision, recall = micro_precision_recall(results)
    # Measured: precision 0.957, recall 0.905, on copy the sector model was trained on among
    # other copy (test_sector_model.py holds what it does on copy it never saw).
    assert precision >= 0.92
    assert recall >= 0.87


def test_labelled_set_uses_known_countries_and_sectors():
    known = country_codes()
    for item in labelled_items():
        assert set(item["labels"]["countries"]) <= known
        assert item["labels"]["sectors"]
        assert set(item["labels"]["sectors"]) <= SECTOR_SLUGS


def test_gazetteer_names_every_country():
    covered = {iso2 for iso2, _kind in gazetteer().values() if iso2}
    assert country_codes() <= covered


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


def test_a_town_named_like_a_person_is_the_person_beside_a_surname():
    # Guadalupe is a town in Mexico.
    body = "Guadalupe Ruiz, who farms near the river in Honduras, lost her whole maize crop."
    assert set(countries_in("Farmers count their losses", body)) == {"HN"}
    assert set(countries_in("Shelter opens", "A shelter opened in Guadalupe.")) == {"MX"}


def test_headline_weighs_more_than_the_lead_and_the_lead_more_than_the_body():
    scores = countries_in(
        "Kenya floods displace 12,000",
        "Aid arrived from Uganda on Monday.\nTanzania sent boats. Rwanda sent tents. Burundi "
        "sent food. Zambia sent money.",
    )
    assert scores["KE"] > scores["UG"] > scores["ZM"]


def test_a_dateline_weighs_less_than_a_headline_and_a_press_office_less_again():
    assert countries_in("Drought in Malawi", "", dateline_place="Dhaka") == {"MW": 3.0, "BD": 1.0}
    assert countries_in("", "", dateline_place="GENEVA")["CH"] < 1.0


PRESS_RELEASE = (
    "The World Food Programme said on Tuesday it would cut rations for 1.2 million refugees "
    "in Bangladesh from next month. Funding for the Rohingya response in Cox's Bazar has "
    "fallen by a third this year, the agency said in a statement issued in Geneva. "
    "Donors including Japan, Germany and Norway have yet to confirm pledges. "
    "The cut follows a similar reduction in Kenya last year."
)


@pytest.mark.parametrize(
    ("headline", "body", "dateline", "expected"),
    [
        # A press office's city is no evidence of the story's country.
        ("WFP to cut refugee rations", PRESS_RELEASE, "GENEVA", {"BD"}),
        (
            "IMF board approves loan",
            "GENEVA (Agency) - The Fund approved $1.3 billion for "
            "Zambia. Zambian officials welcomed it.",
            "WASHINGTON",
            {"ZM"},
        ),
        # ...nor is it when the text names countries only in passing; a text naming none is
        # about the place it is filed from.
        (
            "WHO updates its malaria guidance",
            "The guidance is stricter than the one used in Brazil.",
            "GENEVA",
            set(),
        ),
        ("City council votes on budget", "The council voted on Monday.", "KIGALI", {"RW"}),
        # A located field counts only with the text: a story about Somalia filed from Nairobi.
        (
            "Somalia drought deepens",
            "Somalia needs aid. Somali herders lost cattle.",
            "Nairobi",
            {"SO"},
        ),
        (
            "Somalia drought deepens",
            "Somalia needs aid. Somali herders lost cattle. Kenya "
            "hosts many of those who fled and Kenyan camps are full.",
            "Nairobi",
            {"SO", "KE"},
        ),
        # A secondary country the story is about stays; one named in passing deep down goes.
        (
            "Sudanese refugees pour into Chad",
            "More than 20,000 people crossed from Sudan "
            "into eastern Chad this week. Camps near Adre are full. Aid workers said food is "
            "short. Water is rationed. Sudan's army and the RSF keep fighting. The crisis is "
            "worse than the one in Yemen, one official said.",
            "",
            {"TD", "SD"},
        ),
        (
            "Ghana raises cocoa price",
            "Ghana raised the cocoa price. Farmers welcomed it. "
            "Buyers said exports would rise. Prices were set for a year. Smuggling to Ivory "
            "Coast and Togo cost Ghana 150,000 tonnes. Officials said Brazil grows less.",
            "",
            {"GH"},
        ),
        # A town, a state or a person named like a country is not the country.
        (
            "Plant closes in Lebanon, Pennsylvania",
            "The plant in Lebanon, Pennsylvania, shut on Friday.",
            "",
            {"US"},
        ),
        ("Floods in Georgia", "Atlanta, Georgia, opened shelters. Savannah flooded.", "", {"US"}),
        (
            "Papua New Guinea landslide",
            "A landslide hit Enga province in Papua New Guinea.",
            "",
            {"PG"},
        ),
        ("Oil spill in the Niger Delta", "Creeks in the Niger Delta were polluted.", "", {"NG"}),
        # A story that names no country, only its places, people or money, gets the country.
        ("Naira falls to record low", "The naira fell to 1,600 to the dollar.", "", {"NG"}),
        (
            "Garment workers strike",
            "Thousands of Bangladeshi workers marched in Dhaka.",
            "",
            {"BD"},
        ),
        ("Rupiah weakens", "The rupiah slid as exports fell.", "", {"ID"}),
        ("Fuel prices rise", "Prices rose by 20 Kenyan shillings a litre in Mombasa.", "", {"KE"}),
        # ...or only its provinces and districts (ISO 3166-2), but not a lake or a river named
        # like one elsewhere.
        (
            "Floods cut off villages",
            "Rivers burst their banks in Nsanje and Chikwawa districts.",
            "",
            {"MW"},
        ),
        ("School grants doubled", "Schools in Karnali and Madhesh get more money.", "", {"NP"}),
        ("Railway reaches Lake Victoria", "Trains from Dar es Salaam reach Mwanza.", "", {"TZ"}),
        # Money in US dollars, a neighbour, a border crossed and a supplier are details.
        (
            "Tea prices slide",
            "Tea in Mombasa fetched 2.31 US dollars a kilo as buyers from Pakistan and Egypt "
            "cut orders.",
            "",
            {"KE"},
        ),
        (
            "IMF deal reached",
            "Pakistan will have access to about US$1.0 billion. Pakistan's budget follows.",
            "WASHINGTON",
            {"PK"},
        ),
        (
            "Drought returns to Ethiopia's southeast",
            "Wells run dry in the region bordering Somalia and Kenya.",
            "",
            {"ET"},
        ),
        (
            "Utility buys smart meters",
            "Jordan's water utility will install meters supplied by a maker from Lebanon, "
            "Pennsylvania.",
            "AMMAN",
            {"JO"},
        ),
        # Where goods go, a team beaten, who builds or pays and where they sit are details...
        (
            "Mongolia: coal exports hit record",
            "Mongolia exported a record 83 million tonnes of coal last year, almost all to China.",
            "",
            {"MN"},
        ),
        (
            "Nepal reach Super Eight with win over Scotland",
            "Nepal reached the Super Eight, beating Scotland by 19 runs.",
            "",
            {"NP"},
        ),
        (
            "Lithium contract faces vote",
            "Bolivia signed a contract with a Chinese consortium to build plants at Uyuni. "
            "Bolivian lawmakers must approve it.",
            "LA PAZ",
            {"BO"},
        ),
        (
            "U.S. foundation funds malaria nets in Mozambique",
            "A foundation based in Atlanta, Georgia, will pay for bed nets in Mozambique's "
            "Nampula province. Mozambique's malaria programme will hand them out.",
            "",
            {"MZ"},
        ),
        # ...and so are the cities of a country named in passing, and a headline's mention of
        # a country the body names only in passing.
        (
            "Earthquake kills 47 in eastern Afghanistan",
            "A magnitude 6.1 earthquake struck Kunar province in Afghanistan. Tremors were felt "
            "in Islamabad and Peshawar in neighbouring Pakistan.",
            "ISLAMABAD",
            {"AF"},
        ),
        (
            "Zimbabwe confirms cholera, days after Zambia outbreak",
            "Zimbabwe's health ministry confirmed 46 cases in Harare. The outbreak is unrelated "
            "to the one in neighbouring Zambia.",
            "HARARE",
            {"ZW"},
        ),
        # A dateline opening the body with a dash is where the copy is filed from.
        (
            "Electricity tariff to fall",
            "CHISINAU -- The regulator cut the household tariff, citing lower prices on the "
            "Romanian market.",
            "",
            {"MD"},
        ),
        # A story naming its place only in passing is still about it; so is one naming only
        # its money.
        (
            "Cyclone supplies shipped",
            "Water containers prepositioned in Suva were shipped north to Vanua Levu.",
            "",
            {"FJ"},
        ),
        ("Locust swarms treated", "The ministry asked partners for 4 billion ariary.", "", {"MG"}),
        # ...or only its towns (towns.txt, from GeoNames).
        (
            "Solar park to power 300,000 homes",
            "The 400-megawatt plant near Bukhara will feed the national grid from next year.",
            "",
            {"UZ"},
        ),
        # A town's name is many places' name: beside a country the text names, it is no
        # evidence of another ("Palma" in Cabo Delgado is not Mallorca's).
        (
            "Gas project to restart construction",
            "Work on the liquefied gas plant near Palma in Mozambique's Cabo Delgado province "
            "will resume in March.",
            "",
            {"MZ"},
        ),
        # An institution named for a continent is no American story...
        (
            "IDB approves $180 million for water in Guayaquil",
            "The Inter-American Development Bank approved a loan to Ecuador to expand water "
            "services. The Pan American Health Organization welcomed it.",
            "WASHINGTON",
            {"EC"},
        ),
        # ...and the media contact a press office appends says where the issuer sits...
        (
            "Floods: 300,000 children need safe water",
            "UNICEF said 300,000 children in Sylhet and Sunamganj, Bangladesh, need safe water."
            "\nMedia contact: UNICEF Regional Office for South Asia, Kathmandu.",
            "",
            {"BD"},
        ),
        # ...unless nothing else in the release names a place.
        (
            "Statement: new spill shows urgent need for monitoring",
            "Our monitors photographed sheen stretching several kilometres downstream."
            "\nAbout Delta Creeks Watch: an alliance of 40 community groups in the Niger Delta. "
            "Media contact: coordinator, Port Harcourt.",
            "",
            {"NG"},
        ),
        # A province named only by what it is ("Western Province") names no country.
        (
            "Tailings pipeline bursts at mine",
            "Villagers downstream of the Western Province mine in Papua New Guinea reported "
            "dead fish.",
            "",
            {"PG"},
        ),
        # Copy that drops a province's accents still names it: "Alto Parana" is Paraguay's,
        # not the Argentine town of Parana.
        (
            "Dengue alert declared",
            "Health authorities in Alto Parana and Central declared an epidemic alert.",
            "",
            {"PY"},
        ),
        # A place after another country's possessive is that country's, wherever named bare:
        # Bolivia's Beni department, not the Congolese city.
        (
            "WFP helps flood-hit families in Bolivia's Beni",
            "Rivers burst their banks across Beni, where 22,000 families lost crops and homes.",
            "",
            {"BO"},
        ),
        # An Arabic article glued on makes another name: Cairo's Al-Nadi station is no Nadi
        # in Fiji.
        (
            "Monorail trial runs reach the new capital",
            "Trains ran from Al-Nadi station through Nasr City to the New Administrative "
            "Capital, linking the districts east of Cairo.",
            "",
            {"EG"},
        ),
        # A tariff in US cents and a town named after a port city: the story is Pakistan's
        # and Mozambique's alone.
        (
            "Regulator approves wind tariff",
            "NEPRA has approved a tariff of US cents 6.71 per kilowatt-hour for the Jhimpir "
            "wind project in Sindh.",
            "",
            {"PK"},
        ),
        (
            "Schools reopen in war-hit town",
            "Forty-one schools reopened in Mocímboa da Praia, Cabo Delgado, on Monday.",
            "",
            {"MZ"},
        ),
        # A province the body names in passing does not make the headline's people a passing
        # mention: the story is about Kyrgyzstan.
        (
            "In Kyrgyz highlands, drivers welcome road plan",
            "Trucks carry coal from the mines and livestock bound for markets in the Chuy "
            "valley, the transport ministry said.",
            "",
            {"KG"},
        ),
        # A place's name before "de" and a name is part of another place's: San Juan de
        # Ayllupata is a district of Cusco, not Puerto Rico's capital.
        (
            "Former mayor jailed over water contract",
            "A Cusco court sentenced the former mayor of San Juan de Ayllupata to eight years.",
            "",
            {"PE"},
        ),
        # Names that hold another country's city or name: Beni Suef is in Egypt, not the
        # Congolese city of Beni; New England is a Freetown ministry complex, not England.
        (
            "Mobile wallet reaches post offices",
            "The first phase covers post offices in Minya, Beni Suef and Assiut.",
            "CAIRO",
            {"EG"},
        ),
        (
            "Ghost names removed from the teachers' payroll",
            "The minister spoke at the ministry's headquarters at New England Ville in Freetown.",
            "",
            {"SL"},
        ),
        # National agencies file in French, Spanish and Portuguese too.
        (
            "Cambodge : la récolte de noix de cajou en hausse",
            "Le ministère de l'Agriculture prévoit 900 000 tonnes cette année.",
            "",
            {"KH"},
        ),
        (
            "Chuvas deixam 3 mil desalojados no sul de Moçambique",
            "As cheias destruíram 800 casas, disse o governo.",
            "",
            {"MZ"},
        ),
        # "Dominican" is of the Dominican Republic, as copy uses it.
        (
            "Dominican nurses strike over pay",
            "Nurses walked out of public hospitals in Santiago and La Vega.",
            "",
            {"DO"},
        ),
        # The rest of a release's dateline is where its office sits: the bank writes from
        # Abidjan about Ethiopia, and "Côte d'Ivoire" after ABIDJAN is no lead mention.
        (
            "Ethiopia: grant for water supply in rural towns",
            "ABIDJAN, Côte d'Ivoire, 22 January 2025 \u2013 The Board of Directors of the African "
            "Development Fund approved a grant to bring water to 30 towns in Ethiopia.",
            "",
            {"ET"},
        ),
        (
            "Suez Canal offers discount to lure giant ships back",
            "PIRAEUS, Greece, May 21 (Levant Wire) - Egypt's canal authority is offering a 15% "
            "discount to the largest container ships.",
            "",
            {"EG"},
        ),
        # A country's name that names a disease, a product or a bridge is not the country.
        (
            "Uganda declares outbreak of Sudan virus disease",
            "Health authorities in Kampala confirmed the Sudan strain in a nurse who died.",
            "",
            {"UG"},
        ),
        (
            "Ecuador's 'Panama hat' weavers fight to keep a craft alive",
            "Weavers in Montecristi, on the coast, still make the hats by hand.",
            "",
            {"EC"},
        ),
        (
            "New customs lanes open at Colombia bridge to speed freight",
            "Mexico's customs agency opened eight lanes at the Colombia International Bridge "
            "in Nuevo León.",
            "",
            {"MX"},
        ),
        # Benin City and its bronzes are Nigeria's; a country that backs a plan takes part in
        # the story, which is told elsewhere.
        (
            "Returned royal bronzes go on display in Benin City",
            "The Benin Bronzes returned from European museums were shown at the palace in Edo "
            "state on Saturday.",
            "",
            {"NG"},
        ),
        (
            "Lebanon studies U.S.-backed ceasefire draft",
            "Lebanon's cabinet met in Beirut on Tuesday to study the U.S.-backed draft.",
            "",
            {"LB"},
        ),
        # An amount in a country's own currency code or sign names the country; an acronym
        # that spells another currency's code (the SDGs, not Sudanese pounds) does not.
        (
            "New cash-transfer beneficiaries to get first payment this week",
            "The State Department for Social Protection has released Ksh 8.1 billion for the "
            "September cycle, a step towards SDG 1 on poverty.",
            "",
            {"KE"},
        ),
        # A neighbouring town is in the story's own country; a neighbouring country is passing.
        (
            "Guatemala City to move hundreds of families off unstable slopes",
            "Guatemala City will relocate 350 families after landslides killed nine people in "
            "Zone 18 and neighbouring Chinautla, municipal officials said.",
            "",
            {"GT"},
        ),
        (
            "Quake shakes northern Afghanistan",
            "The quake struck in Baghlan province and was felt in Peshawar in neighbouring "
            "Pakistan, the Afghan disaster authority said.",
            "",
            {"AF"},
        ),
        # A report on several countries is about all of them.
        (
            "UN agencies warn of famine risk in six countries",
            "FAO and WFP listed Sudan, South Sudan, Haiti, Mali, the Palestinian territories "
            "and Yemen as hotspots of highest concern, where people face starvation.",
            "ROME",
            {"SD", "SS", "HT", "ML", "PS", "YE"},
        ),
    ],
)
def test_countries_meant_not_mentioned(headline, body, dateline, expected):
    assert set(countries_meant(headline, body, dateline)) == expected


@pytest.mark.parametrize(
    "headline, body, expected",
    [
        (
            "Niger Govt confirms anthrax in cattle",
            "The Niger State Government said on Monday that anthrax had killed 14 cows in "
            "Gurara. Nigeria's agriculture ministry put states bordering Niger on alert.",
            {"NG"},
        ),
        (
            "Looted Benin artefacts handed back to the Oba",
            "Twenty bronzes taken from the Benin Kingdom in 1897 were presented to the Oba of "
            "Benin at his palace in Benin City on Saturday.",
            {"NG"},
        ),
        (
            "Hat weavers win origin seal",
            "Weavers of toquilla straw hats in Cuenca and Montecristi can now sign their work "
            "with Ecuador's new origin seal.",
            {"EC"},
        ),
    ],
)
def test_a_place_named_with_a_country_in_its_name_is_no_mention_of_that_country(
    headline, body, expected
):
    assert set(countries_meant(headline, body)) == expected


@pytest.mark.parametrize(
    "headline, body, expected",
    [
        # Where a meeting or a fair is held is its venue, not what the story is about.
        (
            "Coal towns fear for jobs after climate pledge",
            "Miners in Karaganda reacted with worry on Friday to the pledge Kazakhstan made at "
            "the COP26 summit in Glasgow to stop building coal plants.\n\n"
            "The Kazakh energy ministry said no mine would close before 2030.",
            {"KZ"},
        ),
        (
            "Tea growers sign export deals at trade fair",
            "Growers from Nuwara Eliya signed contracts worth $2 million with buyers at a trade "
            "fair in Dubai this week, Sri Lanka's tea board said.",
            {"LK"},
        ),
        # A river or an agency bearing a country's name is no mention of it.
        (
            "Iron ore barges halted as river falls",
            "Barges carrying iron ore from Corumbá have stopped on the upper Paraguay River, "
            "which fell below zero on the Ladário gauge, Brazil's navy said.",
            {"BR"},
        ),
        (
            "Rice growers expand off-season planting",
            "Farmers in the Office du Niger irrigation zone planted 22% more off-season rice, "
            "Mali's agriculture ministry said.",
            {"ML"},
        ),
        # Province names are often another country's provinces' too: a country called only by
        # them, beside one the copy calls by its name, is a homonym or a detail.
        (
            "Caracas water pumping restored after repairs",
            "Venezuela's water utility restored pumping to eastern Caracas on Sunday. Supply "
            "will return over 72 hours to the parishes of Petare, La Vega and El Valle, the "
            "utility said, and to Baruta and El Hatillo later in the week.",
            {"VE"},
        ),
    ],
)
def test_a_venue_a_river_or_a_province_homonym_is_no_country_the_story_is_about(
    headline, body, expected
):
    assert set(countries_meant(headline, body)) == expected


MALAWI_HEADLINE = "Malawi trims fertiliser subsidy as world prices climb"
MALAWI_FROM_BEIRA = (
    "BEIRA, May 17 (Agency) - Cargo for Malawi's farms piled up on the quays of Mozambique's "
    "biggest port this week as the government in Lilongwe said fewer smallholders would get "
    "subsidised fertiliser next season.\n\n"
)


@pytest.mark.parametrize(
    ("headline", "body", "dateline", "expected"),
    [
        # A correspondent in a port describes the scene; the story is the country the
        # headline calls by name.
        (
            MALAWI_HEADLINE,
            MALAWI_FROM_BEIRA + "The programme will cost 142 billion kwacha, the ministry said.",
            "BEIRA",
            {"MW"},
        ),
        # ...or a second line of colour...
        (
            MALAWI_HEADLINE,
            MALAWI_FROM_BEIRA + "Most of it is trucked inland along the Beira corridor.",
            "BEIRA",
            {"MW"},
        ),
        # ...unless the copy keeps coming back to where it is filed from.
        (
            MALAWI_HEADLINE,
            MALAWI_FROM_BEIRA
            + "Mozambique's ports authority said it would waive storage fees for a month, and "
            "Mozambican hauliers said they would add trucks.",
            "BEIRA",
            {"MW", "MZ"},
        ),
        # A headline that opens with a people's name calls their country by it.
        (
            "Kyrgyz wrestler wins Asian Games gold",
            "NAGOYA, Oct 2 (Agency) - Kyrgyzstan's Aibek Asanov won the 74 kg freestyle title "
            "in front of a packed hall in this Japanese city.",
            "NAGOYA",
            {"KG"},
        ),
        # A home agency's story about a neighbour's people: the dateline's country stays.
        (
            "Navy arrests 12 Indian fishermen off Delft",
            "JAFFNA, April 10 (Agency) - The Navy arrested 12 Indian fishermen for poaching in "
            "the island's waters north of Delft, and handed them to the Fisheries office in "
            "Jaffna.",
            "JAFFNA",
            {"LK", "IN"},
        ),
    ],
)
def test_the_place_a_story_is_filed_from_is_the_scene_when_the_headline_names_another_country(
    headline, body, dateline, expected
):
    assert set(countries_meant(headline, body, dateline)) == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("World food prices fall for a third month as sugar slides", set()),
        ("One in three people remain offline, report finds", set()),
        ("WHO urges countries to scale up malaria prevention", set()),
        # "World" naming a lender is no report on the world: the one country named decides.
        ("World Bank approves new lending framework", {"BR"}),
    ],
)
def test_a_report_on_the_world_is_about_no_country_it_names_as_an_example(headline, expected):
    body = (
        "ROME (Agency) - The index averaged 120 points in July, down from June, the agency said "
        "on Friday.\n\nCereal prices eased as harvests advanced, while vegetable oil prices "
        "rose.\n\nPrices of sugar fell on expectations of a large crop in Brazil."
    )
    assert set(countries_meant(headline, body, "ROME")) == expected


def test_a_club_named_after_a_province_plays_at_home_a_national_team_abroad():
    body = (
        "Nakuru beat Kisumu 52-47 in the final of Kenya's national netball league on Sunday, "
        "before a full house at the Nyayo stadium."
    )
    assert set(countries_meant("Kenya: Nakuru netballers win league title", body)) == {"KE"}
    body = "Kenya beat Uganda 52-47 in the final of the regional netball cup on Sunday."
    assert set(countries_meant("Kenya win netball cup", body)) == {"KE"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The levy brought in ₦500 billion in its first year, the revenue service said.", {"NG"}),
        ("Farmers will pay KSh2,500 for a 50-kg bag from Monday.", {"KE"}),
        ("The hospital gets GH¢1 billion for new wards.", {"GH"}),
        ("Prices rose Tk3 a litre.", {"BD"}),
    ],
)
def test_a_currency_sign_glued_to_the_amount_names_its_country(body, expected):
    assert set(countries_meant("Levy revenue beats target", body)) == expected


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        (
            "Power cuts extended to 17 hours a day",
            "ZESCO said on Monday that load-shedding would run for up to 17 hours a day as the "
            "reservoirs fall.",
            {"ZM"},
        ),
        (
            "Utility seeks emergency tariff rise",
            "JIRAMA asked the regulator for a 15 percent rise to keep the grid running through "
            "the dry season.",
            {"MG"},
        ),
    ],
)
def test_a_national_institution_names_its_country(headline, body, expected):
    assert set(countries_meant(headline, body)) == expected


def test_of_two_countries_weighed_alike_the_story_is_about_the_first_named():
    # Each is named once below the top of the story: the region of the outbreak first, the
    # neighbour where it was seen before later. Their codes' order must not decide.
    body = (
        "Veterinary services confirmed lumpy skin disease in cattle in two villages on "
        "Wednesday, the agriculture ministry said.\n\n"
        "Nineteen animals are infected and two have died, and fairs are suspended.\n\n"
        "Movement of cattle is restricted in Samtskhe-Javakheti region.\n\n"
        "The disease was reported earlier this week in Armenia's Shirak province."
    )
    assert list(countries_meant("Lumpy skin disease detected in cattle", body)) == ["GE"]


def test_editions_follow_the_countries_meant():
    meant = countries_meant("WFP to cut refugee rations", PRESS_RELEASE, "GENEVA")
    assert set(edition_scores(meant, EDITION_OF_COUNTRY)) == {"south-asia"}
    meant = countries_meant("WHO guidance", "It is stricter than in Brazil.", "GENEVA")
    assert edition_scores(meant, EDITION_OF_COUNTRY) == {"global": 1.0}


def test_all_caps_headline_and_dateline_are_read():
    scores = countries_in("KENYA'S RED CROSS APPEALS", "RIO DE JANEIRO (Cobaltwire) - Talks.")
    assert set(scores) == {"KE", "BR"}


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        # A town too small, or whose name is too often something else, to be read in running
        # text, given alone as the dateline.
        ("DAKORO", "NE"),
        ("HO", "GH"),
        # Capitals in any alphabet, with or without their accents.
        ("MUĞLA", "TR"),
        ("İZMİR", "TR"),
        ("DÍLI", "TL"),
        ("MALE", "MV"),
        ("CIUDAD DE MÉXICO", "MX"),
    ],
)
def test_copy_that_names_no_country_is_about_the_town_it_is_filed_from(dateline, expected):
    body = "A storm flattened 470 homes on Wednesday evening, the prefect said."
    assert list(countries_meant("Storm flattens 470 homes", body, dateline)) == [expected]


def test_a_town_known_only_to_datelines_is_not_read_in_running_text():
    # "Ho" is a Ghanaian town in a dateline, but a word like any other in a sentence.
    assert countries_meant("Land ho", "Ho said the vote would be close.") == {}


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


EARTHQUAKE = (
    "A magnitude 6.1 earthquake struck on Monday, collapsing homes and buildings and damaging "
    "roads and a bridge. Rescue teams worked through the night. Aftershocks shook the town. "
    "Officials promised reconstruction of housing."
)


@pytest.mark.parametrize(
    ("headline", "body", "subjects", "expected"),
    [
        # A top-level code does not decide alone: the text says what the story is about.
        (
            "Kenya raises electricity tariffs",
            "The energy regulator raised power tariffs by 15 percent. Households on the "
            "national grid will pay more, while solar users are spared.",
            [("medtop", "04000000")],
            {"energy-extractives"},
        ),
        # An earthquake is no transport story for the bridge it damaged.
        (
            "Earthquake kills 40 in eastern Turkey",
            EARTHQUAKE,
            [("medtop", "03000000")],
            {"science-environment", "urban-development"},
        ),
        # A figurative use of a sport's word decides nothing.
        (
            "Negotiators end marathon talks on debt",
            "After marathon talks, creditors agreed "
            "to restructure the loans to free money for the budget.",
            [],
            {"economy-business"},
        ),
        # A precise code decides alone.
        (
            "Ministry signs deal",
            "The ministry signed a deal on Monday.",
            [("medtop", "20000763")],
            {"technology"},
        ),
        # A disaster code leans towards science & environment; homes destroyed are urban.
        (
            "Landslide buries homes in the highlands",
            "Rescuers dug through mud. Dozens of houses were destroyed.",
            [("medtop", "20000155")],
            {"science-environment", "urban-development"},
        ),
        # One stray keyword of another sector decides nothing; several are a sector.
        (
            "Health minister opens clinic",
            "The health minister opened a clinic beside a farm outside the town; nurses and "
            "doctors will treat 3,000 patients a month.",
            [],
            {"health"},
        ),
        (
            "Minister visits",
            "The minister visited farmers whose maize crops failed.",
            [],
            {"agro-forestry"},
        ),
    ],
)
def test_sectors_meant_from_codes_and_text(headline, body, subjects, expected):
    found = set(sectors_meant(headline, body, subjects))
    assert expected <= found
    # The stray words of these stories: a marathon, a bridge and roads, a farm.
    assert not found & {"sports", "transport", "agro-forestry"} - expected


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        # A flood is an environment story, and what it did is what else it is about: the
        # homes it wrecked count against the crops, not against the flood's repeated words.
        (
            "Flash floods and landslides swamp the valley after cyclone",
            "Flash floods and landslides hit the valley after the cyclone made landfall; the "
            "storm's floodwaters destroyed 2,000 houses and the homes of 9,000 people.",
            ["science-environment", "urban-development"],
        ),
        # A story that mentions the rains it happened in reports no hazard.
        (
            "Dengue cases rise",
            "Hospitals admitted 600 dengue patients as the rains began; the health ministry "
            "sent doctors and fever clinics opened in every district.",
            ["health"],
        ),
    ],
)
def test_a_reported_hazard_makes_an_environment_story_beside_what_it_did(headline, body, expected):
    found = sectors_meant(headline, body)
    # What else a desk files it under (the people made homeless) may follow.
    assert set(found[: len(expected)]) == set(expected)
    assert ("science-environment" in found) == ("science-environment" in expected)


@pytest.mark.parametrize(
    ("headline", "body", "subjects", "expected"),
    [
        # Loans and bank financing pay for a grid: no economy story, with or without the codes
        # (an energy code names economy too, an economy code leans that way).
        (
            "Bank approves $300 million loan for power grid upgrade",
            "The development bank approved the loan to build substations and transmission "
            "lines and cut load-shedding.",
            [],
            {"energy-extractives"},
        ),
        (
            "World Bank approves financing for hydropower project",
            "The financing will build the dam and a power plant.",
            [("medtop", "20000260")],
            {"energy-extractives"},
        ),
        (
            "New railway reaches the lake port",
            "Trains will carry freight on the railway financed by a loan.",
            [("medtop", "04000000")],
            {"transport"},
        ),
        # ...but a loan with nothing else to be about is economy.
        (
            "Government takes out $1 billion loan",
            "The loan from the World Bank will be repaid over 30 years.",
            [],
            {"economy-business"},
        ),
    ],
)
def test_financing_makes_an_economy_story_only_about_nothing_else(
    headline, body, subjects, expected
):
    assert set(sectors_meant(headline, body, subjects)) == expected


@pytest.mark.parametrize(
    ("headline", "body", "subjects", "expected"),
    [
        # National agencies file in French, Spanish and Portuguese too.
        (
            "Sismo de 6,9: 380 viviendas inhabitables",
            "El terremoto dañó viviendas y casas en dos provincias.",
            [],
            {"science-environment", "urban-development"},
        ),
        (
            "Grève des enseignants, les écoles fermées",
            "Les enseignants réclament trois mois de salaire; les élèves sont sans cours.",
            [],
            {"education"},
        ),
        # A flood code leans towards the farms the copy says were hit.
        (
            "Floods hit Assam",
            "Floods affected 1.2 lakh people and 3,400 hectares of crops; farmers lost their "
            "harvest.",
            [("medtop", "20000154")],
            {"science-environment", "agro-forestry"},
        ),
    ],
)
def test_sectors_from_the_ordinary_words_of_each_sector(headline, body, subjects, expected):
    # Each sector's words are read, in each language the desk receives...
    assert set(sector_evidence(headline, body, subjects)) >= expected
    # ...and what the story is filed under is among them.
    found = set(sectors_meant(headline, body, subjects))
    assert found and found <= expected


def test_the_pronoun_who_is_no_health_story():
    assert (
        sectors_from_text(
            "Families who fled the fighting wait",
            "Families who fled the fighting said those who stayed behind had nowhere to go.",
        )
        == {}
    )


def test_tags_do_not_depend_on_the_hash_seed():
    """The same items get the same countries and sectors, in the same order, whatever
    PYTHONHASHSEED: ties are broken by sorted order, never by set or dict hash order."""
    items = [[item["headline"], item["body"], "", []] for item in labelled_items()] + [
        ["WFP to cut refugee rations", PRESS_RELEASE, "GENEVA", [["medtop", "04000000"]]],
        ["Earthquake kills 40", EARTHQUAKE, "ANKARA", [["medtop", "03000000"]]],
        ["Kenya and Uganda sign deal", "Kenya and Uganda signed a road and rail deal.", "", []],
    ]
    script = (
        "import json, sys\n"
        "from dateline.wire.tagging import countries_meant, sectors_meant\n"
        "items = json.load(sys.stdin)\n"
        "print(json.dumps([[list(countries_meant(h, b, d).items()), sectors_meant(h, b, s)]"
        " for h, b, d, s in items]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(items),
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "4242")
    ]
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])) == len(items)


@pytest.mark.parametrize(
    ("headline", "body", "dateline", "expected"),
    [
        # Lebanon's second city: Libya is nowhere in the story.
        (
            "Schools reopen after teachers' pay deal; Tripoli and Akkar classes resume",
            "Attendance was high in Tripoli, Akkar and Baalbek-Hermel, the Lebanese education "
            "ministry said. Schools in Beirut's southern suburbs reopen next week.",
            "BEIRUT",
            {"LB"},
        ),
        (
            "Floods hit the north",
            "TRIPOLI, June 3 (Cedar News) - Floods hit Tripoli on Monday. Rescue teams worked "
            "through the night in Akkar, Lebanon's civil defence said; Lebanese troops helped.",
            "TRIPOLI",
            {"LB"},
        ),
        (
            "Typhoid cases climb in Latifabad",
            "Hospitals in Hyderabad reported 300 typhoid cases this week, Sindh's health "
            "department said, urging Pakistan's water board to test the lines. Karachi has "
            "reported fewer cases.",
            "",
            {"PK"},
        ),
        # Libya's capital, in Libya's story.
        (
            "Floods hit Tripoli",
            "Floods hit Libya's capital on Monday, the Libyan Red Crescent said.",
            "",
            {"LY"},
        ),
        # One mention of another country is no sign: "Georgetown" stays Guyana's.
        (
            "Natural Resource Fund climbs after third oil payment",
            "GEORGETOWN, March 2 - The fund grew to $198 million, the finance ministry said, "
            "after a cargo was sold to a trader in New York.",
            "GEORGETOWN",
            {"GY"},
        ),
    ],
)
def test_a_city_another_countrys_town_shares_the_name_of_is_that_town_in_its_countrys_copy(
    headline, body, dateline, expected
):
    assert set(countries_meant(headline, body, dateline)) == expected


def test_only_namesakes_of_a_comparable_size_make_a_city_a_homonym():
    homonyms = city_homonyms()
    assert homonyms["Tripoli"] == ("LB",)
    assert homonyms["Hyderabad"] == ("PK",)
    # London, Ontario and Santiago in the Philippines are copy's "London" and "Santiago" only
    # with their province named: the world cities keep their country.
    assert "London" not in homonyms
    assert "Santiago" not in homonyms
