"""The wire queue as the desk sees it: a page of rows, newest activity first. No request here.

Clusters are collapsed to one row each, next to the items the worker has not clustered yet. A
page is taken by position (a cursor past the last row shown) instead of by counting rows, and
is filled in a fixed number of queries whatever its length.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from dateline.taxonomy.models import Edition

from .forms import TIME_WINDOWS
from .models import Cluster, Item

QUEUE_PAGE_SIZE = 50


def person(first_name, last_name, username):
    """The name to show for a user: the full name, else the username."""
    return f"{first_name} {last_name}".strip() or username


CLUSTER_RANK, ITEM_RANK = 1, 0
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class QueueRow:
    kind: str
    pk: int
    activity_at: datetime
    headline: str = ""
    url: str = ""
    item_count: int = 0
    agencies: list = field(default_factory=list)
    urgency: int | None = None
    received_at: datetime | None = None
    countries: list = field(default_factory=list)
    edition_slugs: set = field(default_factory=set)
    editions: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    claimed_by: list = field(default_factory=list)
    assigned_to: str = ""
    embargoed_until: datetime | None = None

    @property
    def rank(self):
        return CLUSTER_RANK if self.kind == "cluster" else ITEM_RANK

    @property
    def cursor(self):
        microseconds = (self.activity_at - EPOCH) // timedelta(microseconds=1)
        return f"{microseconds}.{self.rank}.{self.pk}"

    @property
    def status(self):
        if Item.Status.USED in self.statuses:
            return Item.Status.USED.label
        if self.statuses and set(self.statuses) == {Item.Status.SPIKED}:
            return Item.Status.SPIKED.label
        return Item.Status.NEW.label


def parse_cursor(value):
    """(time, rank, pk) from a queue cursor, or None when it is missing or malformed."""
    try:
        microseconds, rank, pk = (int(part) for part in value.split("."))
        moment = EPOCH + timedelta(microseconds=microseconds)
    except (ValueError, OverflowError):
        return None
    return moment, rank, pk


def beyond(cursor, rank, time_field, older):
    """Rows of one kind past the cursor in (time, rank, pk) order, which makes ties unambiguous."""
    moment, cursor_rank, pk = cursor
    operator = "lt" if older else "gt"
    condition = Q(**{f"{time_field}__{operator}": moment})
    if rank == cursor_rank:
        condition |= Q(**{time_field: moment, f"pk__{operator}": pk})
    elif (rank < cursor_rank) == older:
        condition |= Q(**{time_field: moment})
    return condition


def matching_items(filters):
    """Items that pass the queue's item-level filters ("assigned to me" is applied per row)."""
    items = Item.objects.all()
    if "source" in filters:
        items = items.filter(source=filters["source"])
    if "agency" in filters:
        agency = filters["agency"]
        items = items.filter(
            Q(source__agency=agency)
            | Q(agency_name__iexact=agency.name)
            | Q(agency_name__iexact=agency.credit)
        )
    if "sector" in filters:
        items = items.filter(
            pk__in=Item.sectors.through.objects.filter(sector=filters["sector"]).values("item_id")
        )
    if "edition" in filters:
        edition = filters["edition"]
        items = items.filter(
            Q(edition_scores__has_key=edition.slug)
            | Q(
                pk__in=Item.countries.through.objects.filter(country__editions=edition).values(
                    "item_id"
                )
            )
        )
    if "urgency" in filters:
        items = items.filter(urgency__lte=filters["urgency"])
    if "window" in filters:
        items = items.filter(received_at__gte=timezone.now() - TIME_WINDOWS[filters["window"]][1])
    if "status" in filters:
        items = items.filter(status=filters["status"])
    return items


def queue_rows(filters, user, cursor=None, older=True, size=QUEUE_PAGE_SIZE):
    """One page of queue rows, newest activity first, and whether there are more beyond it."""
    item_filters = {name: value for name, value in filters.items() if name != "mine"}
    items = matching_items(item_filters)
    clusters = Cluster.objects.filter(lead__isnull=False)
    if item_filters:
        clusters = clusters.filter(pk__in=items.filter(cluster__isnull=False).values("cluster_id"))
    loose = items.filter(cluster__isnull=True)
    if filters.get("mine"):
        clusters = clusters.filter(
            Q(assigned_to=user)
            | Q(pk__in=Item.objects.filter(claimed_by=user).values("cluster_id"))
        )
        loose = loose.filter(claimed_by=user)
    if cursor:
        clusters = clusters.filter(beyond(cursor, CLUSTER_RANK, "updated_at", older))
        loose = loose.filter(beyond(cursor, ITEM_RANK, "received_at", older))
    direction = "-" if older else ""
    cluster_rows = [
        QueueRow(
            "cluster",
            row["pk"],
            row["updated_at"],
            assigned_to=person(
                row["assigned_to__first_name"] or "",
                row["assigned_to__last_name"] or "",
                row["assigned_to__username"] or "",
            ),
        )
        for row in clusters.order_by(f"{direction}updated_at", f"{direction}pk").values(
            "pk",
            "updated_at",
            "assigned_to__first_name",
            "assigned_to__last_name",
            "assigned_to__username",
        )[: size + 1]
    ]
    item_rows = [
        QueueRow("item", pk, received_at)
        for pk, received_at in loose.order_by(
            f"{direction}received_at", f"{direction}pk"
        ).values_list("pk", "received_at")[: size + 1]
    ]
    rows = sorted(
        cluster_rows + item_rows,
        key=lambda row: (row.activity_at, row.rank, row.pk),
        reverse=older,
    )
    more = len(rows) > size
    rows = rows[:size]
    if not older:
        rows.reverse()
    fill_rows(rows)
    return rows, more


def fill_rows(rows):
    """Headlines, agencies, urgency, tags and claims for a page of rows, in three queries."""
    clusters = {row.pk: row for row in rows if row.kind == "cluster"}
    loose = {row.pk: row for row in rows if row.kind == "item"}
    if not rows:
        return
    members = (
        Item.objects.filter(Q(cluster_id__in=clusters) | Q(pk__in=loose))
        .order_by("received_at", "pk")
        .values(
            "pk",
            "cluster_id",
            "cluster__lead_id",
            "headline",
            "agency_name",
            "source__agency__name",
            "urgency",
            "received_at",
            "status",
            "embargoed_until",
            "edition_scores",
            "claimed_by__first_name",
            "claimed_by__last_name",
            "claimed_by__username",
        )
    )
    row_of_item = {}
    now = timezone.now()
    for member in members:
        row = clusters.get(member["cluster_id"]) or loose[member["pk"]]
        row_of_item[member["pk"]] = row
        row.item_count += 1
        if row.kind == "item" or member["pk"] == member["cluster__lead_id"]:
            row.headline = member["headline"]
        agency = member["agency_name"] or member["source__agency__name"]
        if agency not in row.agencies:
            row.agencies.append(agency)
        if member["urgency"] is not None:
            row.urgency = min(filter(None, [row.urgency, member["urgency"]]))
        row.received_at = max(filter(None, [row.received_at, member["received_at"]]))
        row.statuses.append(member["status"])
        embargo = member["embargoed_until"]
        if embargo and embargo > now:
            row.embargoed_until = max(filter(None, [row.embargoed_until, embargo]))
        if member["claimed_by__username"]:
            holder = person(
                member["claimed_by__first_name"],
                member["claimed_by__last_name"],
                member["claimed_by__username"],
            )
            if holder not in row.claimed_by:
                row.claimed_by.append(holder)
        row.edition_slugs.update(member["edition_scores"] or {})
    country_names = Item.countries.through.objects.filter(item_id__in=row_of_item).values_list(
        "item_id", "country__name"
    )
    for item_id, name in country_names:
        row = row_of_item[item_id]
        if name not in row.countries:
            row.countries.append(name)
    edition_names = dict(Edition.objects.values_list("slug", "name"))
    for row in rows:
        row.url = reverse(f"wire_desk:{row.kind}", args=[row.pk])
        row.countries.sort()
        row.editions = sorted(
            edition_names[slug] for slug in row.edition_slugs if slug in edition_names
        )
