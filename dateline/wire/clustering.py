"""Put new items into clusters, one event per cluster, in the worker.

Clustering runs in one process (the worker) so that its indexes live in its memory: they are
built from the last CLUSTER_WINDOW of items the first time they are needed, kept up to date item
by item, and rebuilt every REBUILD_AFTER so that items older than the window drop out. An item
joins, in this order of preference: the cluster of the item it exactly repeats; that of a near
copy (the MinHash index of dedupe.py); or the cluster whose reports tell the same event
(events.py), merging the clusters it bridges. Why it joined is stored on the item for the desk.
The desk's own merges and moves (corrections.py) are replayed into the indexes before each
batch, so later items keep to them.
Each batch is signed and tagged first (enrich.py), in the same transaction; the signatures and
scores are stored with the clusters.
"""

import gc
import json
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone

from . import corrections, dedupe, enrich, events
from .bulk import insert_rows, update_by_id
from .models import Cluster, ClusterCorrection, Item, ShiftEditor
from .text import plain_body_or_summary

# Reports of one event arrive hours to three days apart (a release, the wires, a next-day
# follow-up), and a ministry's launch of what a UN agency announced a little later; the same
# place's next event of the same kind weeks later must start afresh.
CLUSTER_WINDOW = timedelta(days=4)
REBUILD_AFTER = timedelta(hours=6)
BATCH = 2000
# What clustering reads of an item besides the fields enrich() reads.
FEATURE_FIELDS = (
    "id",
    "cluster_id",
    "signature",
    "source_id",
    "received_at",
    "country_scores",
    "headline",
    "summary",
    "body_html",
)


class _State:
    index = None
    event_index = None
    built_at = None
    corrections_seen = 0


def reset_index():
    """Forget the in-memory indexes (they are rebuilt from the database on next use)."""
    _State.index = None
    _State.event_index = None
    _State.built_at = None
    _State.corrections_seen = 0
    gc.unfreeze()


def _replay_corrections(pending):
    """Replay the desk's corrections (a ClusterCorrection queryset) into the event index."""
    for correction in pending.order_by("pk"):
        corrections.replay(_State.event_index, correction)
        _State.corrections_seen = max(_State.corrections_seen, correction.pk)


def item_features(item, text):
    """The event features of an item (events.features) from its stored fields."""
    scores = item.country_scores or {}
    return events.features(
        item.headline, text, item.received_at.date(), sorted(scores, key=scores.get, reverse=True)
    )


def _load_index(now):
    # The last index, and any garbage cycles frozen with it, go back to the cyclic collector
    # (see keep_out_of_collector), which frees them in its own time.
    gc.unfreeze()
    rows = (
        Item.objects.filter(clustered=True, received_at__gte=now - CLUSTER_WINDOW)
        .exclude(repeat_of__isnull=False)
        .order_by("id")
        .only(*FEATURE_FIELDS)
    )
    pairs = []
    _State.event_index = events.EventIndex(window=CLUSTER_WINDOW)
    for item in rows.iterator(chunk_size=5000):
        pairs.append((item.pk, bytes(item.signature)))
        text = plain_body_or_summary(item.body_html, item.summary)
        _State.event_index.add(
            item.pk, item_features(item, text), item.source_id, item.cluster_id, item.received_at
        )
    _State.index = dedupe.ClusterIndex(threshold=events.NEAR_COPY)
    _State.index.load(pairs)
    _State.built_at = now
    # The stored clusters already show the corrections; replaying those on the window's items
    # restores which of them the desk kept apart.
    _replay_corrections(ClusterCorrection.objects.filter(made_at__gte=now - CLUSTER_WINDOW))
    keep_out_of_collector()


def keep_out_of_collector():
    """Move the objects alive now (above all the indexes: millions of sets, lists and tuples that
    live until the next rebuild) out of the sight of Python's cyclic garbage collector.

    The collector otherwise walks all of them every few thousand allocations: a quarter of the
    time of clustering 100,000 items. Frozen objects are still freed as soon as nothing refers
    to them; only garbage cycles wait until the next rebuild, which hands them back.
    """
    gc.freeze()


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a batch runs, then collect once.

    A batch allocates hundreds of thousands of objects that reference counting frees or the
    indexes keep; the collector walked the survivors, and every object not yet frozen, a few
    times per batch (about 7% of the job's time on the bench). One collection of the young objects
    at the end still frees the batch's garbage cycles before keep_out_of_collector freezes
    what is left.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


def cluster_new_items(limit=BATCH):
    """Cluster up to `limit` unclustered items, oldest first; returns how many were done."""
    with collector_paused():
        done = _cluster_new_items(limit)
    keep_out_of_collector()
    return done


def _cluster_new_items(limit):
    now = timezone.now()
    if _State.index is None or now - _State.built_at > REBUILD_AFTER:
        _load_index(now)
    else:
        _replay_corrections(ClusterCorrection.objects.filter(pk__gt=_State.corrections_seen))
    items = list(
        Item.objects.filter(clustered=False)
        .order_by("id")
        .only("repeat_of_id", *FEATURE_FIELDS, *enrich.FIELDS)[:limit]
    )
    if not items:
        return 0
    try:
        with transaction.atomic():
            # Items are placed as their readings arrive; their signatures and scores are stored
            # with their clusters: one UPDATE per row.
            taxonomy, retagged = enrich.Taxonomy(), []
            _cluster(items, enrich.read(items, taxonomy, retagged), now)
            enrich.write_tags(retagged, taxonomy)
    except Exception:
        reset_index()  # it already holds items whose clusters were not stored
        raise
    return len(items)


def _cluster(items, features_of_items, now):
    """Match items (with their event features, an iterable read as it goes) against the
    indexes and store their clusters and reasons."""
    index, event_index = _State.index, _State.event_index
    repeat_clusters = dict(
        Item.objects.filter(
            id__in={item.repeat_of_id for item in items if item.repeat_of_id}
        ).values_list("id", "cluster_id")
    )
    created = {}  # cluster id -> its lead, for clusters this batch starts
    merged_into = {}  # cluster id -> the cluster it became part of
    reasons = {}
    for item, features in zip(items, features_of_items, strict=True):
        if item.repeat_of_id:
            original = item.repeat_of_id
            item.cluster_id = event_index.cluster_of.get(original) or repeat_clusters.get(original)
            if item.cluster_id:
                reasons[item.pk] = {"kind": "repeat", "of": original}
                continue
        near = None if item.repeat_of_id else index.add(item.pk, bytes(item.signature))
        if near is not None:
            cluster = event_index.cluster_of[near]
            event_index.add(item.pk, features, item.source_id, cluster, item.received_at)
            reasons[item.pk] = {"kind": "copy", "of": near}
            continue
        cluster, match, merged = event_index.place(
            item.pk, features, item.source_id, received=item.received_at
        )
        if match is None:
            created[cluster] = item
            continue
        reasons[item.pk] = {"kind": "event", **match.reason()}
        for other in merged:
            merged_into[other] = cluster
            created.pop(other, None)

    def final(cluster_id):
        while cluster_id in merged_into:
            cluster_id = merged_into[cluster_id]
        return cluster_id

    for item in items:
        if item.repeat_of_id and item.cluster_id:
            item.cluster_id = final(item.cluster_id)
        else:
            item.cluster_id = event_index.cluster_of[item.pk]
    # Rows rather than model instances: a busy batch starts thousands of clusters.
    insert_rows(
        Cluster,
        ["id", "lead", "size", "created_at", "updated_at"],
        [(lead.pk, lead.pk, 0, lead.received_at, now) for lead in created.values()],
    )
    # Clusters stored before this batch that a new item showed to be one event with another.
    stored_merges = {}
    batch = {item.pk for item in items}
    for other in merged_into:
        if other not in batch:
            stored_merges.setdefault(final(other), []).append(other)
    for into, others in stored_merges.items():
        Item.objects.filter(cluster_id__in=others).update(cluster_id=into)
    Cluster.objects.filter(pk__in=[o for others in stored_merges.values() for o in others]).delete()
    enrich.store_columns(
        items,
        ["cluster", "clustered", "cluster_reason"],
        lambda item: (item.cluster_id, True, _json(reasons.get(item.pk))),
    )
    sizes = (
        Item.objects.filter(cluster_id=OuterRef("pk"))
        .order_by()
        .values("cluster_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Cluster.objects.filter(pk__in={item.cluster_id for item in items}).update(
        size=Subquery(sizes), updated_at=now
    )
    assign_round_robin([lead.pk for lead in created.values()])


def _json(reason):
    return None if reason is None else json.dumps(reason)


def assign_round_robin(cluster_ids):
    """Give each new cluster (by id) to the next desk editor on shift, longest-waiting first."""
    editors = list(
        ShiftEditor.objects.filter(on_shift=True, user__is_active=True).order_by(
            F("last_assigned_at").asc(nulls_first=True), "pk"
        )
    )
    if not editors or not cluster_ids:
        return
    now = timezone.now()
    update_by_id(
        Cluster,
        ["assigned_to"],
        [
            (editors[position % len(editors)].user_id, cluster_id)
            for position, cluster_id in enumerate(cluster_ids)
        ],
    )
    for position, editor in enumerate(editors[: len(cluster_ids)]):
        editor.last_assigned_at = now + timedelta(microseconds=position)
    ShiftEditor.objects.bulk_update(editors, ["last_assigned_at"])
