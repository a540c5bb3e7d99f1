"""Put new items into clusters, one event per cluster, in the worker.

Clustering runs in one process (the worker) so that the MinHash LSH index lives in its memory:
it is built from the last CLUSTER_WINDOW of items the first time it is needed, kept up to date
item by item, and rebuilt every REBUILD_AFTER so that items older than the window drop out.
Exact repeats join the cluster of the item they repeat. Each batch is signed and tagged first
(enrich.py), in the same transaction.
"""

from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import dedupe, enrich
from .models import Cluster, Item, ShiftEditor

CLUSTER_WINDOW = timedelta(days=3)
REBUILD_AFTER = timedelta(hours=6)
BATCH = 2000


class _State:
    index = None
    built_at = None
    cluster_of = {}


def reset_index():
    """Forget the in-memory index (it is rebuilt from the database on next use)."""
    _State.index = None
    _State.built_at = None
    _State.cluster_of = {}


def _load_index(now):
    rows = (
        Item.objects.filter(clustered=True, received_at__gte=now - CLUSTER_WINDOW)
        .exclude(repeat_of__isnull=False)
        .order_by("id")
        .values_list("id", "cluster_id", "signature")
    )
    pairs = []
    _State.cluster_of = {}
    for item_id, cluster_id, signature in rows.iterator(chunk_size=5000):
        pairs.append((item_id, bytes(signature)))
        _State.cluster_of[item_id] = cluster_id
    _State.index = dedupe.ClusterIndex()
    _State.index.load(pairs)
    _State.built_at = now


def cluster_new_items(limit=BATCH):
    """Cluster up to `limit` unclustered items, oldest first; returns how many were done."""
    now = timezone.now()
    if _State.index is None or now - _State.built_at > REBUILD_AFTER:
        _load_index(now)
    items = list(
        Item.objects.filter(clustered=False)
        .order_by("id")
        .only("id", "repeat_of_id", "received_at", "source_id", *enrich.FIELDS)[:limit]
    )
    if not items:
        return 0
    try:
        with transaction.atomic():
            enrich.enrich(items)
            _cluster(items, now)
    except Exception:
        reset_index()  # it already holds items whose clusters were not stored
        raise
    return len(items)


def _cluster(items, now):
    """Match signed items against the index and store their clusters."""
    repeat_clusters = dict(
        Item.objects.filter(
            id__in={item.repeat_of_id for item in items if item.repeat_of_id}
        ).values_list("id", "cluster_id")
    )
    joined = {}  # cluster id -> items of this batch joining that existing cluster
    lead_of = {}  # item id -> the item of this batch that starts its new cluster
    for item in items:
        # A repeat joins its original; anything else is matched against the index.
        match = item.repeat_of_id or _State.index.add(item.pk, bytes(item.signature))
        if match in lead_of:
            lead_of[item.pk] = lead_of[match]
            continue
        cluster_id = repeat_clusters.get(match) or _State.cluster_of.get(match)
        if cluster_id:
            joined.setdefault(cluster_id, []).append(item)
            _State.cluster_of[item.pk] = cluster_id
        else:
            lead_of[item.pk] = item.pk
    sizes = Counter(lead_of.values())
    by_id = {item.pk: item for item in items}
    # A new cluster takes its lead item's id, so the lead and the items that joined it in
    # this batch are updated per cluster, not row by row.
    new_clusters = Cluster.objects.bulk_create(
        [
            Cluster(
                pk=lead_id,
                lead_id=lead_id,
                size=size,
                created_at=by_id[lead_id].received_at,
                updated_at=now,
            )
            for lead_id, size in sizes.items()
        ]
    )
    members_of = {}
    for item_id, lead_id in lead_of.items():
        members_of.setdefault(lead_id, []).append(item_id)
        _State.cluster_of[item_id] = lead_id
    Item.objects.filter(pk__in=[c.pk for c in new_clusters if sizes[c.pk] == 1]).update(
        cluster_id=F("id"), clustered=True
    )
    for lead_id, member_ids in members_of.items():
        if len(member_ids) > 1:
            Item.objects.filter(pk__in=member_ids).update(cluster_id=lead_id, clustered=True)
    for cluster_id, members in joined.items():
        Item.objects.filter(pk__in=[item.pk for item in members]).update(
            cluster_id=cluster_id, clustered=True
        )
        Cluster.objects.filter(pk=cluster_id).update(size=F("size") + len(members), updated_at=now)
    assign_round_robin(new_clusters)


def assign_round_robin(clusters):
    """Give each new cluster to the next desk editor on shift, longest-waiting first."""
    editors = list(
        ShiftEditor.objects.filter(on_shift=True, user__is_active=True).order_by(
            F("last_assigned_at").asc(nulls_first=True), "pk"
        )
    )
    if not editors or not clusters:
        return
    now = timezone.now()
    for position, cluster in enumerate(clusters):
        cluster.assigned_to_id = editors[position % len(editors)].user_id
    Cluster.objects.bulk_update(clusters, ["assigned_to"], batch_size=500)
    for position, editor in enumerate(editors[: len(clusters)]):
        editor.last_assigned_at = now + timedelta(microseconds=position)
    ShiftEditor.objects.bulk_update(editors, ["last_assigned_at"])
