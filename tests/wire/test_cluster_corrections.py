"""The desk corrects clustering: it merges two clusters or moves an item out, and later items
keep to it, whether the worker heard of the correction while running or after a restart."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from freezegun import freeze_time

from dateline.newsroom.factories import StaffFactory
from dateline.newsroom.roles import WRITER
from dateline.wire.clustering import cluster_new_items, reset_index
from dateline.wire.events import EventIndex
from dateline.wire.models import Cluster, ClusterCorrection, Item

from .test_events import BRIDGE, RELEASE, START, WIRE, place, push

# A second short report of the bridge, sharing its facts with BRIDGE only.
BRIDGE_AGAIN = (
    "Chiromo bridge gone, Shire still rising",
    "Engineers said the Chiromo bridge on the Shire river cannot be repaired before June.",
    ["MW"],
)


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def cluster_of(guid):
    return Item.objects.get(guid=guid).cluster_id


def test_clusters_the_desk_kept_apart_are_not_merged_by_a_bridging_report():
    index = EventIndex(window=timedelta(days=3))
    place(index, "release", RELEASE, "unicef")
    place(index, "bridge", BRIDGE, "wire-agency", hours=1)
    index.keep_apart("bridge", "release")
    _cluster, match, merged = place(index, "wire", WIRE, "national", hours=2)
    assert match is not None and merged == []
    assert index.cluster_of["bridge"] == "bridge" != index.cluster_of["release"]
    # Merged by the desk after all, the two are one cluster again for later reports.
    index.allow_together("bridge", index.cluster_of["release"])
    assert not index.kept_apart("bridge", index.cluster_of["release"])


def test_desk_merges_two_clusters_and_later_reports_join_the_merged_one(sources, editor_client):
    wire, unicef, national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(national, "n1", BRIDGE)
        cluster_new_items()
    kept, absorbed = cluster_of("u1"), cluster_of("n1")
    assert kept != absorbed

    page = editor_client.get(reverse("wire_desk:cluster", args=[kept])).content.decode()
    # The two share no name, figure or date: the desk knows better and gives the number.
    assert "Same event as another cluster?" in page and f'value="{absorbed}"' not in page
    response = editor_client.post(
        reverse("wire_desk:cluster_merge", args=[kept]), {"number": absorbed}
    )
    assert response.status_code == 302
    assert "Merged cluster" in flashed(response)[0]
    assert cluster_of("n1") == kept
    assert list(Cluster.objects.values_list("pk", "size")) == [(kept, 2)]
    correction = ClusterCorrection.objects.get()
    assert (correction.action, correction.moved_items) == (
        "merge",
        [Item.objects.get(guid="n1").pk],
    )

    # The worker, still running with the two clusters in memory, hears of the merge.
    with freeze_time(START + timedelta(hours=3)):
        push(wire, "w1", BRIDGE_AGAIN)
        cluster_new_items()
    assert cluster_of("w1") == kept
    page = editor_client.get(reverse("wire_desk:cluster", args=[kept])).content.decode()
    assert "Desk corrections" in page and f"merged cluster {absorbed} into cluster {kept}" in page


@pytest.mark.parametrize("restarted", [False, True], ids=["running worker", "after a restart"])
def test_an_item_moved_out_stays_out_when_a_later_report_matches_both(
    sources, editor_client, restarted
):
    wire, unicef, national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(national, "n1", BRIDGE)
        push(wire, "w1", WIRE)  # bridges the two: all three are one cluster
        cluster_new_items()
    cluster = cluster_of("u1")
    assert cluster_of("n1") == cluster_of("w1") == cluster
    bridge = Item.objects.get(guid="n1")

    response = editor_client.post(reverse("wire_desk:item_move_out", args=[bridge.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wire_desk:cluster", args=[bridge.pk])
    assert cluster_of("n1") == bridge.pk and cluster_of("w1") == cluster
    assert dict(Cluster.objects.values_list("pk", "size")) == {cluster: 2, bridge.pk: 1}

    if restarted:
        reset_index()
    with freeze_time(START + timedelta(hours=4)):
        push(national, "n2", (WIRE[0], WIRE[1].replace("14 people", "fourteen people"), WIRE[2]))
        push(unicef, "u2", BRIDGE_AGAIN)
        cluster_new_items()
    assert cluster_of("n1") == bridge.pk != cluster
    assert cluster_of("n2") == cluster
    page = editor_client.get(reverse("wire_desk:cluster", args=[bridge.pk])).content.decode()
    assert "moved out by" in page and f"kept apart from cluster {cluster}" in page
    # What it shares with the cluster it left is still there for the desk to see (and undo).
    assert f'value="{cluster}"' in page and "Chiromo" in page


def test_moving_the_lead_out_leaves_the_others_a_cluster_led_by_the_earliest(
    sources, editor_client
):
    wire, unicef, national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(national, "n1", BRIDGE)
        push(wire, "w1", WIRE)
        cluster_new_items()
    lead = Item.objects.get(guid="u1")
    editor_client.post(reverse("wire_desk:item_move_out", args=[lead.pk]))
    rest = Item.objects.get(guid="n1")
    assert cluster_of("u1") == lead.pk
    assert cluster_of("n1") == cluster_of("w1") == rest.pk
    assert Cluster.objects.get(pk=rest.pk).lead_id == rest.pk


def test_corrections_that_cannot_be_made_are_refused_with_a_message(sources, editor_client):
    wire, unicef, _national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(wire, "w1", BRIDGE)
        cluster_new_items()
    cluster = cluster_of("u1")
    merge = reverse("wire_desk:cluster_merge", args=[cluster])
    for data, message in [
        ({}, "Choose a suggested cluster or give a cluster number."),
        ({"suggested": cluster_of("w1"), "number": "5"}, "not both"),
        ({"number": "x"}, "Enter a whole number."),
        ({"number": str(2**70)}, "less than or equal to"),
    ]:
        response = editor_client.post(merge, data)
        assert response.status_code == 400
        assert message in response.content.decode()
    for data, message in [
        ({"number": cluster}, "cannot be merged with itself"),
        ({"number": "999999"}, "There is no cluster 999999"),
    ]:
        response = editor_client.post(merge, data)
        assert response.status_code == 302 and message in flashed(response)[-1]
    alone = Item.objects.get(guid="u1")
    response = editor_client.post(reverse("wire_desk:item_move_out", args=[alone.pk]))
    assert "alone in its cluster already" in flashed(response)[-1]
    assert editor_client.post(reverse("wire_desk:item_move_out", args=[10**9])).status_code == 404
    assert not ClusterCorrection.objects.exists()
    assert sorted(Cluster.objects.values_list("size", flat=True)) == [1, 1]


def test_writers_cannot_correct_clusters(sources, client, desk):
    _wire, unicef, national = sources
    with freeze_time(START):
        push(unicef, "u1", RELEASE)
        push(national, "n1", BRIDGE)
        cluster_new_items()
    client.force_login(StaffFactory(username="wren", group=WRITER))
    client.post(reverse("wire_desk:cluster_merge", args=[cluster_of("u1")]), {"number": "1"})
    client.post(reverse("wire_desk:item_move_out", args=[Item.objects.get(guid="n1").pk]))
    assert Cluster.objects.count() == 2 and not ClusterCorrection.objects.exists()
