"""Ingest: payloads kept raw, items stored with versions, repeats, tags and clusters."""

import json

import pytest

from dateline.taxonomy.models import Agency, Country
from dateline.wire.clustering import cluster_new_items, reset_index
from dateline.wire.ingest import receive, reparse
from dateline.wire.models import Item, Payload, ShiftEditor, Source

from .conftest import ninjs_item, ninjs_payload

FLOOD = [
    "More than 120,000 people have been displaced in the Indian state of Assam after the "
    "Brahmaputra river breached embankments in Dhubri, Goalpara and Barpeta on Sunday.",
    "Relief commissioner Anjali Bora said 410 relief camps had been opened in Guwahati and "
    "the districts, and that drinking water and dry rations were on their way.",
    "The India Meteorological Department forecast heavy rain for three more days.",
]
FLOOD_OTHER_AGENCY = [
    "Floods in north-eastern India have displaced about 120,000 people after the Brahmaputra "
    "burst embankments in Assam's Dhubri, Goalpara and Barpeta districts on Sunday.",
    "Anjali Bora, Assam's relief commissioner, said 410 relief camps were open and drinking "
    "water and dry rations were on their way.",
    "The India Meteorological Department expects heavy rain for three more days.",
]
DROUGHT = [
    "About 2.1 million people in Kenya's arid north need food assistance after a fourth failed "
    "rainy season, the World Food Programme said in Nairobi on Tuesday.",
    "Livestock deaths in Turkana, Marsabit and Wajir have wiped out pastoralists' income.",
]


def receive_ninjs(source, *items):
    return receive(source, ninjs_payload(*items), via=Payload.Via.PUSH)


@pytest.fixture
def other_source(db):
    agency = Agency.objects.create(slug="kestrel", name="Kestrel Development Wire", credit="KDW")
    return Source.objects.create(
        name="Kestrel push", slug="kestrel-push", agency=agency, delivery=Source.Delivery.PUSH
    )


def test_an_unreadable_payload_is_kept_with_its_error(push_source):
    body = b"\x00\xff not a wire format at all"
    payload, outcomes = receive(push_source, body, via=Payload.Via.PUSH)
    assert outcomes == []
    payload.refresh_from_db()
    assert payload.status == Payload.Status.FAILED
    assert payload.error
    assert bytes(payload.body) == body
    push_source.refresh_from_db()
    assert push_source.last_error == payload.error


def test_a_bad_item_in_a_batch_never_drops_the_good_ones(push_source):
    good = ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD)
    bad = {"uri": "urn:mpa:2", "type": "text", "headlines": []}
    also_good = ninjs_item("urn:mpa:3", "Kenya drought leaves 2.1 million hungry", DROUGHT)
    payload, outcomes = receive_ninjs(push_source, good, bad, also_good)
    assert [outcome["guid"] for outcome in outcomes] == ["urn:mpa:1", "urn:mpa:3"]
    assert payload.status == Payload.Status.PARTIAL
    # Positions count from 1, as the message does: "item 2 has no headline".
    assert [error["index"] for error in payload.item_errors] == [2]
    assert "headline" in payload.item_errors[0]["message"]
    assert Item.objects.filter(source=push_source).count() == 2


def test_a_new_version_updates_the_item_and_keeps_the_old_one(push_source):
    receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD))
    revised = [FLOOD[0].replace("120,000", "150,000"), *FLOOD[1:]]
    _, outcomes = receive_ninjs(
        push_source,
        ninjs_item(
            "urn:mpa:1",
            "Floods displace 150,000 in Assam",
            revised,
            version="2",
            versioncreated="2026-11-20T10:00:00Z",
        ),
    )
    assert outcomes[0]["status"] == "updated"
    item = Item.objects.get(guid="urn:mpa:1")
    assert item.headline == "Floods displace 150,000 in Assam"
    assert item.version == "2"
    assert item.version_count == 2
    assert [version.headline for version in item.versions.all()] == [
        "Floods displace 120,000 in Assam"
    ]


def test_the_same_item_sent_twice_changes_nothing(push_source):
    item = ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD)
    receive_ninjs(push_source, item)
    _, outcomes = receive_ninjs(push_source, item)
    assert outcomes[0]["status"] == "unchanged"
    assert Item.objects.get().versions.count() == 0


def test_an_older_version_arriving_late_goes_to_history_only(push_source):
    newer = ninjs_item(
        "urn:mpa:1",
        "Floods displace 150,000",
        FLOOD,
        version="2",
        versioncreated="2026-11-20T10:00:00Z",
    )
    older = ninjs_item("urn:mpa:1", "Floods displace 120,000", FLOOD[:2], version="1")
    receive_ninjs(push_source, newer)
    _, outcomes = receive_ninjs(push_source, older)
    assert outcomes[0]["status"] == "older"
    item = Item.objects.get()
    assert item.headline == "Floods displace 150,000"
    assert item.versions.get().headline == "Floods displace 120,000"


def test_the_same_text_from_another_source_is_an_exact_repeat(push_source, other_source):
    receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD))
    _, outcomes = receive_ninjs(
        other_source, ninjs_item("kdw-77", "Floods  displace 120,000 in ASSAM", FLOOD)
    )
    assert outcomes[0]["status"] == "repeat"
    original = Item.objects.get(guid="urn:mpa:1")
    assert Item.objects.get(guid="kdw-77").repeat_of == original
    cluster_new_items()
    original.refresh_from_db()
    assert original.cluster_id is not None
    assert Item.objects.get(guid="kdw-77").cluster_id == original.cluster_id


def test_the_worker_tags_new_items_with_countries_editions_and_sectors(push_source):
    receive_ninjs(
        push_source,
        ninjs_item("urn:mpa:1", "Kenya drought leaves 2.1 million hungry", DROUGHT),
        ninjs_item(
            "urn:mpa:2",
            "Vaccination drive begins",
            ["Health workers began a vaccination campaign in Accra, Ghana, on Monday."],
            subjects=[{"uri": "http://cv.iptc.org/newscodes/mediatopic/07000000"}],
        ),
    )
    assert not Item.objects.filter(countries__isnull=False).exists()
    cluster_new_items()
    drought = Item.objects.get(guid="urn:mpa:1")
    assert list(drought.countries.values_list("code", flat=True)) == ["KE"]
    assert max(drought.edition_scores, key=drought.edition_scores.get) == "east-africa"
    vaccines = Item.objects.get(guid="urn:mpa:2")
    assert "GH" in vaccines.countries.values_list("code", flat=True)
    assert list(vaccines.sectors.values_list("slug", flat=True)) == ["health"]


# One source's copy about one country, named by a city, a board and a people.
RWANDA_HOME_COPY = [
    ("Kigali: new maternity wing opens at Kibagabaga hospital", "Kigali's mothers"),
    ("Rwanda Development Board approves 12 new investments", "Rwanda's investors"),
    ("Musanze farmers get improved potato seed ahead of season", "Rwandan farmers"),
]
# Names no country, nor any town, province or currency of one: only a ministry and a programme.
NOTHING_NAMED = [
    "The Ministry of Education said on Monday that the school feeding programme now reaches "
    "3.8 million learners, up from 3.3 million a year ago.",
    "The minister told parliament that parents' contributions would stay at the same level.",
]


def copy_naming_no_country_after(source, headlines_and_leads):
    """The item naming no country that `source` sends after its stories, each one clustered
    before the next arrives."""
    stories = [*headlines_and_leads, ("School feeding reaches more learners", NOTHING_NAMED)]
    for number, (headline, paragraphs) in enumerate(stories):
        receive_ninjs(source, ninjs_item(f"urn:mpa:{number}", headline, paragraphs))
        cluster_new_items()
    return Item.objects.get(guid=f"urn:mpa:{len(stories) - 1}")


def test_copy_naming_no_country_is_about_the_country_its_source_usually_covers(push_source):
    meals = copy_naming_no_country_after(
        push_source,
        [(headline, [f"{who} welcomed the news on Monday."]) for headline, who in RWANDA_HOME_COPY],
    )
    assert list(meals.countries.values_list("code", flat=True)) == ["RW"]
    assert max(meals.edition_scores, key=meals.edition_scores.get) == "east-africa"


def test_a_source_covering_many_countries_gives_copy_naming_none_no_country(push_source):
    meals = copy_naming_no_country_after(
        push_source,
        [
            (f"{country} opens a hospital", ["It opened on Monday."])
            for country in ["Rwanda", "Rwanda", "Ghana", "Peru", "Rwanda"]
        ],
    )
    assert not meals.countries.exists()
    assert meals.edition_scores == {"global": 1.0}


def test_tags_corrected_by_the_desk_survive_a_new_version(push_source):
    receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Kenya drought", DROUGHT))
    item = Item.objects.get()
    item.countries.set([Country.objects.get(code="SO")])
    Item.objects.filter(pk=item.pk).update(tagging_corrected=True)
    receive_ninjs(
        push_source,
        ninjs_item(
            "urn:mpa:1",
            "Kenya drought deepens",
            DROUGHT,
            version="2",
            versioncreated="2026-11-20T11:00:00Z",
        ),
    )
    cluster_new_items()
    item.refresh_from_db()
    assert item.headline == "Kenya drought deepens"
    assert list(item.countries.values_list("code", flat=True)) == ["SO"]


def test_a_new_version_of_an_item_on_the_desk_is_tagged_again(push_source):
    receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Kenya drought", DROUGHT))
    cluster_new_items()
    signature_before = bytes(Item.objects.get().signature)
    receive_ninjs(
        push_source,
        ninjs_item(
            "urn:mpa:1",
            "Ghana floods",
            ["Floods in Accra, Ghana, forced 3,000 families from their homes on Monday."],
            version="2",
            versioncreated="2026-11-20T11:00:00Z",
        ),
    )
    item = Item.objects.get()
    assert list(item.countries.values_list("code", flat=True)) == ["GH"]
    assert max(item.edition_scores, key=item.edition_scores.get) == "west-africa"
    assert bytes(item.signature) != signature_before


def test_reports_of_one_event_from_two_agencies_form_one_cluster(push_source, other_source):
    receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD))
    receive_ninjs(push_source, ninjs_item("urn:mpa:2", "Kenya drought", DROUGHT))
    receive_ninjs(
        other_source,
        ninjs_item(
            "kdw-1", "India: Brahmaputra floods force 120,000 from homes", FLOOD_OTHER_AGENCY
        ),
    )
    assert cluster_new_items() == 3
    flood, drought, other = (
        Item.objects.get(guid=guid) for guid in ("urn:mpa:1", "urn:mpa:2", "kdw-1")
    )
    assert other.cluster_id == flood.cluster_id
    assert drought.cluster_id != flood.cluster_id
    assert flood.cluster.size == 2
    assert flood.cluster.lead == flood


def test_a_restarted_worker_still_clusters_with_what_came_before(push_source, other_source):
    receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD))
    cluster_new_items()
    reset_index()  # as after a restart: the index is rebuilt from the database
    receive_ninjs(
        other_source,
        ninjs_item(
            "kdw-1", "India: Brahmaputra floods force 120,000 from homes", FLOOD_OTHER_AGENCY
        ),
    )
    cluster_new_items()
    assert (
        Item.objects.get(guid="kdw-1").cluster_id == Item.objects.get(guid="urn:mpa:1").cluster_id
    )


def test_new_clusters_go_round_robin_to_editors_on_shift(push_source, django_user_model):
    first, second, away = (
        django_user_model.objects.create_user(name) for name in ("asha", "ben", "carla")
    )
    ShiftEditor.objects.create(user=first, on_shift=True)
    ShiftEditor.objects.create(user=second, on_shift=True)
    ShiftEditor.objects.create(user=away, on_shift=False)
    receive_ninjs(
        push_source,
        ninjs_item("urn:mpa:1", "Floods displace 120,000 in Assam", FLOOD),
        ninjs_item("urn:mpa:2", "Kenya drought", DROUGHT),
        ninjs_item("urn:mpa:3", "Ghana malaria vaccine", ["Ghana began vaccinating children."]),
    )
    cluster_new_items()
    owners = [Item.objects.get(guid=f"urn:mpa:{n}").cluster.assigned_to.username for n in (1, 2, 3)]
    assert owners in (["asha", "ben", "asha"], ["ben", "asha", "ben"])
    assert "carla" not in owners


def test_a_failed_payload_parses_again_once_the_source_is_fixed(push_source):
    push_source.format = Source.Format.NITF
    push_source.save()
    payload, _ = receive_ninjs(push_source, ninjs_item("urn:mpa:1", "Kenya drought", DROUGHT))
    assert payload.status == Payload.Status.FAILED
    push_source.format = Source.Format.NINJS
    push_source.save()
    payload.refresh_from_db()
    outcomes = reparse(payload)
    assert [outcome["status"] for outcome in outcomes] == ["new"]
    payload.refresh_from_db()
    assert payload.status == Payload.Status.PARSED
    assert payload.error == ""


def test_markup_from_outside_is_made_harmless(push_source):
    receive_ninjs(
        push_source,
        ninjs_item(
            "urn:mpa:1",
            "<script>alert(1)</script>Floods in <b>Assam</b>",
            [
                'Water rose <a href="javascript:alert(1)" onclick="x()">fast</a>.<script>bad()</script>'
            ],
        ),
    )
    item = Item.objects.get()
    assert "<" not in item.headline and "alert" not in item.headline
    assert "Floods in Assam" in item.headline
    assert "script" not in item.body_html and "bad()" not in item.body_html
    assert "javascript:" not in item.body_html and "onclick" not in item.body_html
    assert json.loads(item.raw)["uri"] == "urn:mpa:1"
