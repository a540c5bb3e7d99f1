"""Event matching across agencies' own words (dateline/wire/events.py), and the desk's "why"."""

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.urls import reverse
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.wire.clustering import cluster_new_items
from dateline.wire.events import EventIndex, describe, features
from dateline.wire.ingest import receive
from dateline.wire.models import Cluster, Item, Payload
from dateline.wire.text import strip_boilerplate

from .conftest import ninjs_item, ninjs_payload

MONDAY = date(2026, 3, 2)
START = datetime(2026, 3, 2, 8, tzinfo=UTC)

# One flood told by a wire, a UN release and a national agency: hardly a sentence in common.
WIRE = (
    "Malawi floods kill 14 in Nsanje",
    "At least 14 people died and 21,300 were displaced when the Shire river burst its banks in "
    "Nsanje district on Monday, Malawi's Department of Disaster Management Affairs said. Maize "
    "fields near Bangula were under water, and the Chiromo bridge was closed.",
    ["MW"],
)
RELEASE = (
    "UNICEF scales up aid for flood-hit children in southern Malawi",
    "LILONGWE - UNICEF is delivering water purification tablets and tents to families in Nsanje "
    "after floods on 2 March displaced nearly 21,000 people. Camps at Bangula and Makhanga lack "
    "latrines, and the agency warned of cholera.\n\nAbout UNICEF: UNICEF works in over 190 "
    "countries and territories. Media contact: Jane Phiri, jphiri@unicef.example, +265 1 770 770",
    ["MW"],
)
NATIONAL = (
    "Shire overflow: Bangula residents count losses",
    "Residents of Bangula trading centre in Nsanje said the Shire river rose overnight into "
    "Monday, sweeping away maize and goats. The Chiromo bridge remains closed, district "
    "commissioner Dominic Mwandira said; 14 people lost their lives.",
    ["MW"],
)
# The same kind of event the same week in the neighbouring country.
MOZAMBIQUE = (
    "Floods in Mozambique's Zambezia displace thousands",
    "Floods on the Licungo river displaced 18,400 people in Zambezia province on Monday, "
    "Mozambique's disaster institute INGD said. Maize fields near Mocuba were under water and "
    "the Licungo bridge was closed; 9 people died.",
    ["MZ", "MW"],
)
# Another release of the same issuer, about something else, with the same boilerplate.
OTHER_RELEASE = (
    "UNICEF and Malawi launch school meals in Lilongwe",
    "LILONGWE - UNICEF and Malawi's education ministry began school meals for 60,000 pupils in "
    "Lilongwe district, funded with $4.5 million from Norway.\n\nAbout UNICEF: UNICEF works in "
    "over 190 countries and territories. Media contact: Jane Phiri, jphiri@unicef.example, "
    "+265 1 770 770",
    ["MW"],
)
# A report of the same flood that shares with RELEASE only the country.
BRIDGE = (
    "Chiromo bridge swept away",
    "The Shire river swept away the Chiromo bridge; 14 died.",
    ["MW"],
)


def item_features(report, when=MONDAY):
    headline, body, countries = report
    return features(headline, body, when, countries)


def place(index, key, report, source, hours=0, when=MONDAY):
    return index.place(
        key, item_features(report, when), source, received=START + timedelta(hours=hours)
    )


def test_figures_meet_across_roundings_and_units():
    billion = features("Loan", "The bank approved $1.2 billion.")
    millions = features("Loan", "A loan of 1,200 million dollars was approved.")
    assert "#1.2e+09" in billion & millions
    assert "#300" in features("x", "297 people died.") & features("x", "nearly 300 died")
    assert "#2026" not in features("x", "In 2026, 2026 was a year.")


def test_weekdays_and_dates_resolve_to_one_day():
    by_weekday = features("Floods", "The river burst on Monday.", MONDAY + timedelta(days=1))
    by_date = features("Floods", "The river burst on March 2.", MONDAY + timedelta(days=1))
    assert "d2026-03-02" in by_weekday & by_date


# One bridge collapse told by Peru's national agency in Spanish and by a wire in English.
CHAMAYA_ES = (
    "Colapsa el puente Chamaya y quedan aisladas tres provincias",
    "El puente sobre el río Chamaya colapsó la madrugada del martes tras las intensas lluvias, "
    "informó el Ministerio de Transportes y Comunicaciones. Según el MTC, la reparación costará "
    "S/ 12,5 millones y unos 1 200 camiones cargados de café y arroz permanecen varados en la "
    "carretera. El Centro de Operaciones de Emergencia Regional reportó que 340 familias "
    "resultaron damnificadas y que las clases se suspendieron hasta el 6 de marzo.\n\nEl "
    "gobernador regional, Roger Guevara, pidió declarar el estado de emergencia y anunció que "
    "se habilitará un desvío provisional por la trocha de Pucará mientras el Ejército instala "
    "un puente modular. Los transportistas denunciaron pérdidas de más de S/ 3 millones por "
    "día y advirtieron que el precio del arroz podría subir en los mercados de Chiclayo, "
    "Trujillo y Piura durante las próximas semanas. La Dirección Regional de Agricultura "
    "calcula que 8 500 hectáreas de cultivos quedaron sin acceso a los centros de acopio.",
    ["PE"],
)
CHAMAYA_EN = (
    "Peru bridge collapse strands coffee trucks",
    "LIMA - A bridge over the Chamaya river in northern Peru collapsed on Tuesday after days of "
    "heavy rain, the transport ministry said. About 1,200 trucks loaded with coffee and rice "
    "were stuck, and repairs would cost an estimated 12.5 million soles ($3.3 million).",
    ["PE"],
)


def test_days_and_figures_written_in_french_spanish_or_portuguese_meet_the_english():
    tuesday = MONDAY + timedelta(days=1)
    spanish = item_features(CHAMAYA_ES, tuesday)
    english = item_features(CHAMAYA_EN, tuesday)
    assert {"d2026-03-03", "#1200", "#1.2e+07"} <= spanish & english
    assert "d2026-03-06" in spanish  # "el 6 de marzo"
    french = features(
        "JIOI : le stade livré fin juillet",
        "Le ministre a assuré mardi que le stade serait livré pour l'ouverture des Jeux le 25 "
        "août. Plus de 2 000 athlètes sont attendus et le chantier a coûté 1,2 milliard d'ariary.",
        tuesday,
    )
    assert {"d2026-03-03", "d2025-08-25", "#2000", "#1.2e+09"} <= french
    portuguese = features(
        "Seca ameaça colheita",
        "O ministério da Agricultura disse na segunda-feira que a seca afeta 45 mil famílias, e "
        "que o governo liberou 3,5 milhões de dólares para sementes.",
        tuesday,
    )
    assert {"d2026-03-02", "#45000", "#3.5e+06"} <= portuguese
    # An international body is called by its initials in each language.
    assert "nimf" in features(
        "FMI : accord avec Madagascar",
        "Le FMI et le gouvernement de la "
        "Grande Île ont conclu un accord sur la facilité de crédit.",
    )


def test_english_copy_keeps_reading_its_own_way():
    found = features(
        "Storm hits Santo Domingo",
        "The storm reached Santo Domingo, where the price of 1.250 litres of water rose. "
        "Officials said the city of 3 million had no power.",
        MONDAY,
    )
    assert not any(feature.startswith("d") for feature in found)  # "Domingo" is no Sunday here
    assert "#1.2" in found and "#1200" not in found  # an English decimal point


def test_a_report_in_spanish_joins_the_english_report_of_the_same_event():
    index = EventIndex(window=timedelta(days=3))
    tuesday = MONDAY + timedelta(days=1)
    place(index, "wire", CHAMAYA_EN, "wire-agency", hours=26, when=tuesday)
    cluster, match, _ = place(index, "andina", CHAMAYA_ES, "national", hours=28, when=tuesday)
    assert cluster == "wire"
    assert {"1,200", "2026-03-03"} <= set(match.reason()["shared"])


REASONS = """
import json
import django
django.setup()
from tests.wire.test_events import *
index = EventIndex(window=timedelta(days=3))
place(index, "wire", WIRE, "wire-agency")
reasons = [place(index, key, report, key, hours=5)[1].reason() for key, report in
           (("release", RELEASE), ("national", NATIONAL))]
print(json.dumps(reasons))
"""


def test_the_desk_is_told_the_same_reason_whatever_the_hash_seed():
    outputs = [
        subprocess.run(
            [sys.executable, "-c", REASONS],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
            env=os.environ
            | {"PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "dateline.settings.test"},
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert json.loads(outputs[0])[0]["shared"]
    assert outputs[1:] == outputs[:1] * 2


def test_press_release_boilerplate_is_left_out():
    body = RELEASE[1]
    assert "Media contact" not in strip_boilerplate(body)
    assert "nphiri" not in features("UNICEF", body)
    assert "#21000" in features("UNICEF", body)


# A development bank describes itself at the end of every release, under no "About" heading.
BANK_SELF_DESCRIPTION = (
    "ADB works to reduce poverty across Asia and the Pacific. Founded in 1966, the Manila-based "
    "bank is owned by 68 members, 49 of them from the region."
)


def test_an_issuers_description_of_itself_is_left_out():
    body = (
        "MANILA - ADB approved a $280 million loan for water supply in five Punjab cities.\n"
        f"{BANK_SELF_DESCRIPTION}\nMedia contact: ADB Department of Communications, Manila"
    )
    found = features("ADB approves Punjab water loan", body)
    assert "#2.8e+08" in found
    assert not {"#68", "#49", "nmanila-based"} & found
    # Where a story tells of an institution's founding, that is news: it stays.
    story = "A microlender, founded in 2015, has made two million loans."
    assert strip_boilerplate(f"{story}\nMore follow.") == f"{story}\nMore follow."


def test_three_agencies_own_words_make_one_cluster_with_reasons():
    index = EventIndex(window=timedelta(days=3))
    cluster, match, _ = place(index, "wire", WIRE, "wire-agency")
    assert (cluster, match) == ("wire", None)
    cluster, match, _ = place(index, "release", RELEASE, "unicef", hours=5)
    assert cluster == "wire"
    assert {"Nsanje", "Bangula"} <= set(match.reason()["shared"])
    cluster, match, _ = place(index, "national", NATIONAL, "national", hours=30)
    assert cluster == "wire"
    assert match.reason()["score"] > 0


def test_neighbouring_country_and_other_release_of_one_issuer_stay_apart():
    index = EventIndex(window=timedelta(days=3))
    place(index, "wire", WIRE, "wire-agency")
    place(index, "release", RELEASE, "unicef", hours=2)
    assert place(index, "mozambique", MOZAMBIQUE, "wire-agency", hours=3)[0] == "mozambique"
    assert place(index, "meals", OTHER_RELEASE, "unicef", hours=4)[0] == "meals"


# An outbreak crossing a border, reported from the side it reached: its main country is the
# other one, and the cluster's country comes second.
PARAGUAY = (
    "Dengue cases top 40,000 in Paraguay",
    "Paraguay's health ministry has counted 40,112 dengue cases and 31 deaths since January, "
    "most in Central and Alto Parana, where hospitals in Ciudad del Este are full.",
    ["PY"],
)
MISIONES = (
    "Dengue crosses into Argentina's Misiones",
    "Misiones province confirmed 120 dengue cases linked to the outbreak across the river in "
    "Paraguay, where about 40,000 cases and 31 deaths have been counted and hospitals in Ciudad "
    "del Este are full.",
    ["AR", "PY"],
)


def test_a_report_of_the_event_next_door_joins_it_on_strong_evidence_only():
    index = EventIndex(window=timedelta(days=3))
    place(index, "paraguay", PARAGUAY, "national")
    assert place(index, "misiones", MISIONES, "wire-agency", hours=20)[0] == "paraguay"
    # A flood next door that names Malawi second shares a weekday and a flood's words with the
    # Malawi floods: too little.
    place(index, "wire", WIRE, "wire-agency", hours=21)
    assert place(index, "mozambique", MOZAMBIQUE, "wire-agency", hours=22)[0] == "mozambique"


# A crackdown at sea in one country that names its neighbour, and the neighbour's own crackdown
# the next day: the second shares the neighbour's name and a trawler with the first, too little
# for a cluster whose reports are each about the other country.
SENEGAL = (
    "Senegal suspends 12 trawler licences after fisheries audit",
    "Senegal's fisheries ministry suspended the licences of 12 industrial trawlers on Tuesday "
    "after an audit found under-reported catches. Pirogue crews in Kayar and Joal say the same "
    "foreign-owned trawlers also fish off Mauritania.",
    ["SN", "MR"],
)
MAURITANIA = (
    "Mauritania seizes four trawlers",
    "Mauritania's coastguard seized four trawlers off the northern coast on Wednesday for "
    "fishing in waters kept for small boats.",
    ["MR"],
)


def test_a_report_about_a_country_another_cluster_only_names_needs_strong_evidence():
    index = EventIndex(window=timedelta(days=3))
    place(index, "senegal", SENEGAL, "wire-agency", hours=24, when=MONDAY + timedelta(days=1))
    later = MONDAY + timedelta(days=2)
    assert place(index, "mauritania", MAURITANIA, "national", hours=48, when=later)[0] == (
        "mauritania"
    )


def test_same_place_and_kind_after_the_window_starts_a_new_cluster():
    index = EventIndex(window=timedelta(days=3))
    place(index, "wire", WIRE, "wire-agency")
    three_weeks = 21 * 24
    later = MONDAY + timedelta(days=21)
    assert place(index, "again", NATIONAL, "national", hours=three_weeks, when=later)[0] == "again"


def test_an_item_matching_two_clusters_merges_them_into_the_earlier():
    index = EventIndex(window=timedelta(days=3))
    # Two reports that share too little to meet: each starts a cluster of its own.
    place(index, "release", RELEASE, "unicef")
    assert place(index, "bridge", BRIDGE, "wire-agency", hours=1)[0] == "bridge"
    # A report with the facts of both is one event with each.
    cluster, _match, merged = place(index, "wire", WIRE, "national", hours=2)
    assert (cluster, merged) == ("release", ["bridge"])
    assert index.cluster_of["bridge"] == "release"
    assert sorted(index.members["release"]) == ["bridge", "release", "wire"]


def test_an_item_about_no_country_joins_one_cluster_but_merges_none():
    # A report on the world shares the words of each country's story of its kind; it is no
    # evidence that two of them are one event.
    index = EventIndex(window=timedelta(days=3))
    place(index, "release", RELEASE, "unicef")
    place(index, "bridge", BRIDGE, "wire-agency", hours=1)
    headline, body, _countries = WIRE
    cluster, _match, merged = place(index, "world", (headline, body, []), "national", hours=2)
    assert merged == []
    assert cluster in ("release", "bridge")
    assert index.cluster_of["bridge"] == "bridge"


# Through the worker and the desk ------------------------------------------------------------


def push(source, guid, report):
    headline, body, _countries = report
    paragraphs = body.split("\n\n")
    receive(source, ninjs_payload(ninjs_item(guid, headline, paragraphs)), via=Payload.Via.PUSH)


def test_worker_merges_clusters_stores_why_and_the_desk_shows_it(sources, editor_client):
    wire, unicef, national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(national, "n1", BRIDGE)
        cluster_new_items()
    first, second = Item.objects.get(guid="u1"), Item.objects.get(guid="n1")
    assert first.cluster_id != second.cluster_id
    with freeze_time(START + timedelta(hours=6)):
        push(wire, "w1", WIRE)
        cluster_new_items()
    joined = Item.objects.get(guid="w1")
    assert Item.objects.get(guid="n1").cluster_id == first.cluster_id == joined.cluster_id
    assert list(Cluster.objects.values_list("pk", "size")) == [(first.pk, 3)]
    assert joined.cluster_reason["kind"] == "event"
    assert "Nsanje" in joined.cluster_reason["shared"]
    page = editor_client.get(reverse("wire_desk:cluster", args=[first.cluster_id]))
    assert "Joined because: shares" in page.content.decode()


def test_a_run_of_digits_beyond_any_figure_neither_stops_the_worker_nor_loses_the_item(sources):
    wire, _unicef, national = sources
    garbled = ("Malawi floods: account " + "9" * 400, "Donations to account " + "7" * 400, [])
    with freeze_time(START):
        push(national, "garbled", garbled)
        push(wire, "w1", WIRE)
        assert cluster_new_items() == 2
    assert Item.objects.filter(clustered=False).count() == 0
    assert not {"#inf", "#nan"} & features(*garbled[:2])
    romance = "Les dons de la population vont au compte " + "8" * 400 + " millions de la banque."
    assert features("Dons", romance) >= {"Lromance"}


# Copy as a garbled feed may send it: figures in every writing, dates, words of both languages.
COPY_PIECES = st.sampled_from(
    [
        " ",
        ",",
        ".",
        " de ",
        " the ",
        "1",
        "9" * 40,
        "000",
        "1 200",
        "22,3",
        " millones",
        " mil",
        " milliards",
        " billion",
        " martes",
        " Monday",
        " 20 de agosto",
        " May 6",
        "\u00a0",
        "\n",
        "Nsanje",
        "FMI",
        "La ",
        " hoy",
    ]
)


@settings(max_examples=200)
@given(st.lists(COPY_PIECES, max_size=60).map("".join), st.dates())
def test_features_of_any_copy_are_read_without_error(text, when):
    found = features(text[:20], text, when, ["MW"])
    assert {"cMW", "CMW"} <= found
    assert all(len(feature) > 1 for feature in found)


# Another event of the same country the same day, told in the words every Malawian story uses.
MALAWI_FUEL = (
    "Malawi raises fuel prices as kwacha slides",
    "Malawi's energy regulator raised petrol prices by 18 percent on Monday, the second rise "
    "this year, blaming the weaker kwacha. Malawian minibus drivers said fares would follow, "
    "and Malawians queued at filling stations in Blantyre before the new prices took effect.",
    ["MW"],
)


def test_two_events_of_one_country_the_same_day_stay_apart_however_often_each_names_it():
    index = EventIndex(window=timedelta(days=3))
    place(index, "wire", WIRE, "wire-agency")
    assert place(index, "fuel", MALAWI_FUEL, "national", hours=2)[0] == "fuel"
    # A country counts once, as one name: the features keep its code, not each way of calling it.
    fuel = item_features(MALAWI_FUEL)
    assert "cMW" in fuel
    assert not {"nmalawi", "nmalawian", "nmalawians"} & fuel
    assert "nblantyre" in fuel
    # ...which the desk reads as the country's name when it is why an item joined.
    assert describe("cMW") == "Malawi"
