"""The wire desk in Wagtail's admin: the queue, clusters, items, failed payloads and shifts.

The queue shows clusters collapsed to one row each, next to the items the worker has not
clustered yet, newest activity first. It pages by position (newer / older) instead of counting
rows, and fetches what a page shows in a fixed number of queries whatever its length.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from dateline.newsroom.roles import CHIEF_EDITOR, DESK_EDITOR, grant_permissions
from dateline.taxonomy.models import Edition

from . import pull
from .dedupe import differences
from .forms import TIME_WINDOWS, QueueFilterForm, TagCorrectionForm
from .ingest import reparse
from .models import Cluster, Item, Payload, ShiftEditor, Source, TagCorrection
from .stories import draft_story

DESK_PERMISSION = "wire.use_desk"
# Desk editors work the queue and watch the sources; the chief editor also sets sources up.
DESK_PERMISSIONS = {
    DESK_EDITOR: ["use_desk", "view_source"],
    CHIEF_EDITOR: ["use_desk", "view_source", "add_source", "change_source", "delete_source"],
}
QUEUE_PAGE_SIZE = 50
FAILED_PAGE_SIZE = 50
# Raw copy beyond this many characters is cut on screen; the stored payload keeps all of it.
RAW_DISPLAY_LIMIT = 50_000
DIFFERENCES_SHOWN = 8

desk_required = permission_required(DESK_PERMISSION)


def ensure_desk_permissions():
    """Give the desk to the newsroom's editor groups (called when the site is set up)."""
    grant_permissions("wire", DESK_PERMISSIONS)


def person(first_name, last_name, username):
    return f"{first_name} {last_name}".strip() or username


def truncated(text, limit=RAW_DISPLAY_LIMIT):
    """(what to show, how many characters were left out)."""
    return text[:limit], max(len(text) - limit, 0)


def web_url(url):
    """The URL when it is safe to link to from the admin (http or https), else None."""
    return url if urlsplit(url or "").scheme.lower() in ("http", "https") else None


# The queue ------------------------------------------------------------------------------------

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


def page_links(request, rows, more, older, cursor):
    """URLs of the newer and older pages, keeping the filters."""
    kept = [(key, value) for key, value in request.GET.items() if key not in ("older", "newer")]
    newer_url = older_url = None
    if rows:
        has_newer = more if not older else cursor is not None
        has_older = more if older else True
        if has_newer:
            newer_url = "?" + urlencode([*kept, ("newer", rows[0].cursor)])
        if has_older:
            older_url = "?" + urlencode([*kept, ("older", rows[-1].cursor)])
    elif cursor is not None:
        newer_url = "?" + urlencode(kept)
    return newer_url, older_url


@desk_required
def queue(request):
    form = QueueFilterForm(request.GET)
    filters = form.filters()
    older = "newer" not in request.GET
    cursor = parse_cursor(request.GET.get("older" if older else "newer", ""))
    rows, more = queue_rows(filters, request.user, cursor, older)
    newer_url, older_url = page_links(request, rows, more, older, cursor)
    on_shift = ShiftEditor.objects.filter(user=request.user, on_shift=True).exists()
    return TemplateResponse(
        request,
        "wire/queue.html",
        {
            "page_title": "Wire queue",
            "header_icon": "list-ul",
            "form": form,
            "rows": rows,
            "newer_url": newer_url,
            "older_url": older_url,
            "on_shift": on_shift,
            "filtered": bool(filters),
        },
    )


@desk_required
@require_POST
def toggle_shift(request):
    shift, _ = ShiftEditor.objects.get_or_create(user=request.user)
    shift.on_shift = request.POST.get("on_shift") == "1"
    shift.save(update_fields=["on_shift"])
    if shift.on_shift:
        messages.success(request, "You are on shift: new clusters will be assigned to you in turn.")
    else:
        messages.success(request, "You are off shift: no new clusters will be assigned to you.")
    return redirect("wire_desk:queue")


# Clusters and items ---------------------------------------------------------------------------


def story_items(queryset):
    """Items with what draft_story() reads, fetched up front."""
    return queryset.select_related(
        "source__agency", "source__byline_desk", "claimed_by", "story"
    ).prefetch_related(
        "countries", "sectors", "source__default_sectors", "source__default_editions"
    )


def open_draft(request, story, count):
    noun = "item" if count == 1 else f"{count} items"
    messages.success(request, f'Draft story "{story.title}" created from {noun}.')
    if story.under_embargo():
        messages.warning(
            request,
            f"The agency copy is embargoed until "
            f"{timezone.localtime(story.embargoed_until):%d-%m-%Y %H:%M %Z}: "
            "publishing schedules the story for that time.",
        )
    return redirect("wagtailadmin_pages:edit", story.pk)


@desk_required
def cluster(request, pk):
    group = get_object_or_404(Cluster.objects.select_related("assigned_to"), pk=pk)
    items = list(story_items(group.items.order_by("received_at", "pk")))
    lead = next((item for item in items if item.pk == group.lead_id), items[0] if items else None)
    now = timezone.now()
    for item in items:
        if item is lead:
            continue
        found = differences(lead.body_html or lead.summary, item.body_html or item.summary)
        adds = [difference.text for difference in found if difference.kind == "added"]
        item.adds, item.adds_hidden = (
            adds[:DIFFERENCES_SHOWN],
            max(len(adds) - DIFFERENCES_SHOWN, 0),
        )
        item.lacks = sum(1 for difference in found if difference.kind == "removed")
    embargoes = [
        item.embargoed_until
        for item in items
        if item.embargoed_until and item.embargoed_until > now
    ]
    return TemplateResponse(
        request,
        "wire/cluster.html",
        {
            "page_title": lead.headline if lead else str(group),
            "page_subtitle": f"Cluster of {len(items)} item{'s' if len(items) != 1 else ''}",
            "header_icon": "copy",
            "cluster": group,
            "items": items,
            "lead": lead,
            "embargoed_until": max(embargoes, default=None),
            "stories": {item.story for item in items if item.story},
        },
    )


@desk_required
@require_POST
def cluster_story(request, pk):
    group = get_object_or_404(Cluster, pk=pk)
    items = list(story_items(group.items.exclude(status=Item.Status.SPIKED)))
    if not items:
        messages.error(request, "Every item of this cluster is spiked: there is nothing to use.")
        return redirect("wire_desk:cluster", pk)
    lead = next((item for item in items if item.pk == group.lead_id), None)
    story = draft_story(items, request.user, lead)
    return open_draft(request, story, len(items))


@desk_required
@require_POST
def cluster_spike(request, pk):
    group = get_object_or_404(Cluster, pk=pk)
    spiked = group.items.filter(status=Item.Status.NEW).update(status=Item.Status.SPIKED)
    messages.success(request, f"Spiked {spiked} item{'s' if spiked != 1 else ''} of this cluster.")
    return redirect("wire_desk:queue")


def item_page(request, item, tag_form=None, status=200):
    versions = item.versions.defer("raw")
    raw, raw_cut = truncated(item.raw)
    return TemplateResponse(
        request,
        "wire/item.html",
        {
            "page_title": item.headline,
            "page_subtitle": f"{item.agency_label} via {item.source.name}",
            "header_icon": "doc-full",
            "item": item,
            "links": [dict(link, safe_url=web_url(link.get("url"))) for link in item.links],
            "images": [dict(image, safe_url=web_url(image.get("url"))) for image in item.images],
            "raw": raw,
            "raw_cut": raw_cut,
            "versions": versions,
            "repeats": item.repeats.select_related("source").only(
                "headline", "received_at", "source__name"
            ),
            "tag_form": tag_form
            or TagCorrectionForm(
                initial={"countries": item.countries.all(), "sectors": item.sectors.all()}
            ),
            "corrections": item.tag_corrections.select_related("user"),
            "held_by_other": item.claimed_by_id and item.claimed_by_id != request.user.pk,
        },
        status=status,
    )


def get_item(pk):
    return get_object_or_404(
        Item.objects.select_related(
            "source__agency", "claimed_by", "story", "repeat_of", "cluster", "payload"
        ).defer("payload__body"),
        pk=pk,
    )


@desk_required
def item(request, pk):
    return item_page(request, get_item(pk))


@desk_required
@require_POST
def claim_item(request, pk):
    wire_item = get_item(pk)
    holder = wire_item.claimed_by
    if holder and holder != request.user and request.POST.get("confirm") != "1":
        return TemplateResponse(
            request,
            "wire/confirm_claim.html",
            {
                "page_title": "Take over this item?",
                "header_icon": "warning",
                "item": wire_item,
                "holder": person(holder.first_name, holder.last_name, holder.username),
            },
        )
    wire_item.claimed_by, wire_item.claimed_at = request.user, timezone.now()
    wire_item.save(update_fields=["claimed_by", "claimed_at"])
    messages.success(request, "You have claimed this item.")
    return redirect("wire_desk:item", pk)


@desk_required
@require_POST
def release_item(request, pk):
    released = Item.objects.filter(pk=pk, claimed_by=request.user).update(
        claimed_by=None, claimed_at=None
    )
    if released:
        messages.success(request, "You have released this item.")
    else:
        messages.error(request, "You do not hold this item, so you cannot release it.")
    return redirect("wire_desk:item", pk)


@desk_required
@require_POST
def item_story(request, pk):
    wire_item = get_object_or_404(story_items(Item.objects.all()), pk=pk)
    story = draft_story([wire_item], request.user)
    return open_draft(request, story, 1)


@desk_required
@require_POST
def item_status(request, pk):
    """Spike an item, or bring a spiked one back to the queue."""
    target = Item.Status.SPIKED if request.POST.get("spike") == "1" else Item.Status.NEW
    source_status = Item.Status.NEW if target == Item.Status.SPIKED else Item.Status.SPIKED
    changed = Item.objects.filter(pk=pk, status=source_status).update(status=target)
    if changed and target == Item.Status.SPIKED:
        messages.success(request, "Item spiked.")
    elif changed:
        messages.success(request, "Item back in the queue as new.")
    else:
        messages.error(request, "Only a new item can be spiked, and only a spiked one restored.")
    return redirect("wire_desk:item", pk)


def edition_scores_for(countries, country_scores):
    """Edition scores that follow corrected countries, so the queue's edition filter does too."""
    scores = {}
    rows = Edition.objects.filter(countries__in=countries, is_global=False).values_list(
        "countries__code", "slug"
    )
    for code, slug in rows:
        scores[slug] = scores.get(slug, 0) + country_scores.get(code, 1.0)
    return scores


@desk_required
@require_POST
def correct_tags(request, pk):
    wire_item = get_item(pk)
    form = TagCorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The tags could not be saved; see the errors below.")
        return item_page(request, wire_item, tag_form=form, status=400)
    countries_before = sorted(wire_item.countries.values_list("code", flat=True))
    sectors_before = sorted(wire_item.sectors.values_list("slug", flat=True))
    countries_after = sorted(country.code for country in form.cleaned_data["countries"])
    sectors_after = sorted(sector.slug for sector in form.cleaned_data["sectors"])
    if (countries_before, sectors_before) == (countries_after, sectors_after):
        messages.info(request, "The tags were already like this; nothing was changed.")
        return redirect("wire_desk:item", pk)
    with transaction.atomic():
        TagCorrection.objects.create(
            item=wire_item,
            user=request.user,
            countries_before=countries_before,
            countries_after=countries_after,
            sectors_before=sectors_before,
            sectors_after=sectors_after,
        )
        wire_item.countries.set(form.cleaned_data["countries"])
        wire_item.sectors.set(form.cleaned_data["sectors"])
        wire_item.edition_scores = edition_scores_for(
            form.cleaned_data["countries"], wire_item.country_scores
        )
        wire_item.tagging_corrected = True
        wire_item.save(update_fields=["edition_scores", "tagging_corrected"])
    messages.success(request, "Tags corrected. New versions of this item keep your tags.")
    return redirect("wire_desk:item", pk)


# Failed payloads ------------------------------------------------------------------------------


@desk_required
def failed_payloads(request):
    payloads = (
        Payload.objects.filter(status__in=[Payload.Status.FAILED, Payload.Status.PARTIAL])
        .select_related("source")
        .defer("body")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(payloads, FAILED_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "wire/failed_payloads.html",
        {"page_title": "Failed payloads", "header_icon": "warning", "page": page},
    )


@desk_required
def payload(request, pk):
    stored = get_object_or_404(Payload.objects.select_related("source"), pk=pk)
    body, body_cut = truncated(stored.text())
    return TemplateResponse(
        request,
        "wire/payload.html",
        {
            "page_title": f"Payload {stored.pk} from {stored.source.name}",
            "page_subtitle": stored.get_status_display(),
            "header_icon": "code",
            "payload": stored,
            "body": body,
            "body_cut": body_cut,
            "items": stored.items.only("headline", "received_at"),
        },
    )


def outcome_summary(outcomes):
    counts = Counter(outcome["status"] for outcome in outcomes)
    return ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))


@desk_required
@require_POST
def parse_again(request, pk):
    stored = get_object_or_404(Payload, pk=pk)
    outcomes = reparse(stored)
    refused = len(stored.item_errors)
    if stored.status == Payload.Status.FAILED:
        messages.error(request, f"The payload still cannot be parsed: {stored.error}")
    elif refused:
        messages.warning(
            request,
            f"Parsed again: {outcome_summary(outcomes)}; "
            f"{refused} item{'s' if refused != 1 else ''} still refused.",
        )
    else:
        messages.success(request, f"Parsed again: {outcome_summary(outcomes) or 'no items'}.")
    return redirect("wire_desk:payload", pk)


# Sources --------------------------------------------------------------------------------------


@desk_required
def poll_source(request, pk):
    source = get_object_or_404(Source.objects.select_related("agency"), pk=pk)
    if source.delivery != Source.Delivery.PULL:
        messages.error(
            request, f'"{source.name}" pushes its copy to us; there is nothing to fetch.'
        )
        return redirect("wire_sources:index")
    if request.method != "POST":
        return TemplateResponse(
            request,
            "wire/confirm_poll.html",
            {
                "page_title": f"Fetch {source.name} now?",
                "header_icon": "download",
                "source": source,
            },
        )
    started = timezone.now()
    stored = pull.poll(source)
    if source.last_error_at and source.last_error_at >= started:
        messages.error(request, f'Fetching "{source.name}" failed: {source.last_error}')
    elif stored is None:
        messages.info(request, f'"{source.name}" has nothing new since the last fetch.')
    elif stored.status == Payload.Status.FAILED:
        messages.error(request, f'Fetched "{source.name}", but the payload failed: {stored.error}')
    else:
        messages.success(
            request, f'Fetched "{source.name}": {stored.item_count} item(s) in the payload.'
        )
    return redirect("wire_sources:index")
