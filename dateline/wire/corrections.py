"""The desk's corrections to clustering: merge two clusters, move an item out of one.

The web process changes the stored clusters at once and records a ClusterCorrection; the
worker, whose clustering indexes live in its memory (clustering.py), replays the corrections it
has not seen before its next batch, so later items keep to them: items of merged clusters stay
together, and an item moved out is never merged back with the cluster it left.
"""

import math
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from . import events
from .models import Cluster, ClusterCorrection, Item
from .text import plain_body_or_summary

# Clusters offered as "the same event?" on a cluster's page: those of the items received this
# long around it (at most this many items, the latest first), the best few.
CANDIDATE_WINDOW = timedelta(days=3)
CANDIDATE_ITEMS_READ = 600
CANDIDATES_SHOWN = 8
# Characters of each item read for those suggestions: the lead paragraphs name the event.
CANDIDATE_TEXT = 1500


class CorrectionError(ValueError):
    """A correction that cannot be made; its message is for the editor."""


def _refresh(cluster_ids, now):
    counts = dict(
        Item.objects.filter(cluster_id__in=cluster_ids)
        .values_list("cluster_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for cluster in Cluster.objects.filter(pk__in=cluster_ids):
        cluster.size = counts.get(cluster.pk, 0)
        cluster.updated_at = now
        cluster.save(update_fields=["size", "updated_at"])


def merge_clusters(into_id, other_id, user):
    """Move every item of cluster `other_id` into cluster `into_id`; returns how many moved."""
    if into_id == other_id:
        raise CorrectionError("A cluster cannot be merged with itself.")
    with transaction.atomic():
        found = {
            cluster.pk: cluster
            for cluster in Cluster.objects.select_for_update().filter(pk__in=[into_id, other_id])
        }
        if other_id not in found:
            raise CorrectionError(f"There is no cluster {other_id} (it may have been merged).")
        if into_id not in found:
            raise CorrectionError("This cluster no longer exists (it may have been merged).")
        into, other = found[into_id], found[other_id]
        moved = list(other.items.order_by("pk").values_list("pk", flat=True))
        Item.objects.filter(pk__in=moved).update(cluster=into)
        if into.assigned_to_id is None and other.assigned_to_id:
            into.assigned_to_id = other.assigned_to_id
            into.save(update_fields=["assigned_to"])
        other.delete()
        _refresh([into.pk], timezone.now())
        ClusterCorrection.objects.create(
            action=ClusterCorrection.Action.MERGE,
            from_cluster=other_id,
            into_cluster=into_id,
            moved_items=moved,
            user=user,
        )
    return len(moved)


def move_out(item_id, user):
    """Give an item (and its exact repeats) a cluster of its own; returns the new cluster."""
    with transaction.atomic():
        item = Item.objects.select_for_update().filter(pk=item_id).first()
        if item is None or item.cluster_id is None:
            raise CorrectionError("This item is not in a cluster yet.")
        cluster = Cluster.objects.select_for_update().get(pk=item.cluster_id)
        members = list(cluster.items.order_by("pk").values_list("pk", "repeat_of_id"))
        leaving = [pk for pk, repeat_of in members if pk == item.pk or repeat_of == item.pk]
        staying = [pk for pk, _ in members if pk not in leaving]
        if not staying:
            raise CorrectionError("This item is alone in its cluster already.")
        now = timezone.now()
        if cluster.pk in leaving:
            # The lead leaves: a cluster's number is its lead's, so the items that stay get a
            # cluster led by the earliest of them, and the leaving ones keep this one.
            moved, into, kept_from = staying, staying[0], staying[0]
            item_cluster, apart_from = cluster.pk, into
        else:
            moved, into, kept_from = leaving, item.pk, cluster.pk
            item_cluster, apart_from = item.pk, cluster.pk
        Cluster.objects.create(
            pk=into,
            lead_id=into,
            size=len(moved),
            created_at=now,
            updated_at=now,
            assigned_to_id=cluster.assigned_to_id,
        )
        Item.objects.filter(pk__in=moved).update(cluster_id=into)
        Item.objects.filter(pk=item.pk).update(
            cluster_reason={
                "kind": "desk",
                "apart_from": apart_from,
                "by": user.get_full_name() or user.get_username(),
            }
        )
        _refresh([cluster.pk, into], now)
        ClusterCorrection.objects.create(
            action=ClusterCorrection.Action.MOVE_OUT,
            from_cluster=cluster.pk,
            into_cluster=into,
            moved_items=moved,
            item=item,
            kept_from_id=kept_from,
            user=user,
        )
    return item_cluster


def replay(event_index, correction):
    """Make the worker's in-memory clusters follow one of the desk's corrections.

    Replaying a correction the index already reflects (it was built after it) changes nothing,
    except that a move out keeps its two items apart from then on.
    """
    if correction.action == ClusterCorrection.Action.MERGE:
        merged = {event_index.cluster_of.get(key) for key in correction.moved_items}
        for cluster in merged - {None}:
            event_index.allow_together(correction.into_cluster, cluster)
    for key in correction.moved_items:
        event_index.move(key, correction.into_cluster)
    if correction.action == ClusterCorrection.Action.MOVE_OUT and correction.kept_from_id:
        event_index.keep_apart(correction.item_id, correction.kept_from_id)


def history(cluster_id):
    """The corrections that touched a cluster, newest first, for its page."""
    return ClusterCorrection.objects.filter(
        Q(from_cluster=cluster_id) | Q(into_cluster=cluster_id)
    ).select_related("user", "item")


def _item_features(item):
    text = plain_body_or_summary(item.body_html, item.summary)[:CANDIDATE_TEXT]
    scores = item.country_scores or {}
    return events.features(
        item.headline, text, item.received_at.date(), sorted(scores, key=scores.get, reverse=True)
    )


def merge_candidates(cluster):
    """Other recent clusters that may report the same event, best first, each with why.

    Scored like the clustering does, but without its bars: what the desk needs here are the
    clusters it missed. Rarity is counted among the clusters read.
    """
    fields = ("id", "cluster_id", "headline", "summary", "body_html", "received_at")
    mine = list(cluster.items.only(*fields, "country_scores").order_by("pk")[:50])
    if not mine:
        return []
    start = min(item.received_at for item in mine) - CANDIDATE_WINDOW
    end = max(item.received_at for item in mine) + CANDIDATE_WINDOW
    nearby = (
        Item.objects.filter(received_at__range=(start, end), cluster__isnull=False)
        .exclude(cluster=cluster)
        .only(*fields, "country_scores")
        .order_by("-received_at")[:CANDIDATE_ITEMS_READ]
    )
    found = {}
    for item in nearby:
        found.setdefault(item.cluster_id, set()).update(_item_features(item))
    profile = set().union(*(_item_features(item) for item in mine))
    frequency = Counter(feature for features in found.values() for feature in features)
    count = len(found) + 1
    scored = {}
    for other, features in found.items():
        shared = [f for f in features if f in profile and f[0] in events.KIND_WEIGHTS]
        weights = {
            f: events.KIND_WEIGHTS[f[0]] * math.log(count / frequency[f]) / math.log(count + 1)
            for f in shared
        }
        # Words and countries alone are shared by many stories of a day: a name, a figure or a
        # date must be among what two reports of one event share.
        if any(f[0] in "n#d" for f in shared) and sum(weights.values()) > 0:
            shared.sort(key=lambda f: (-weights[f], f))
            scored[other] = (sum(weights.values()), shared[: events.REASON_FEATURES])
    best = sorted(scored, key=lambda other: (-scored[other][0], other))[:CANDIDATES_SHOWN]
    clusters = Cluster.objects.select_related("lead").only("size", "lead__headline").in_bulk(best)
    shown = []
    for other in best:
        if other in clusters:
            candidate = clusters[other]
            candidate.shared = [events.describe(feature) for feature in scored[other][1]]
            shown.append(candidate)
    return shown
