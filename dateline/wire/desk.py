"""The wire desk's views in Wagtail's admin: the queue, clusters, items, failed payloads and shifts.

What a page of the queue holds is read in queue.py; these views add the filters, the paging
links and the actions.
"""

from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from dateline.taxonomy.models import Edition

from . import pull
from .dedupe import differences
from .formats.sanitise import web_url
from .forms import QueueFilterForm, TagCorrectionForm
from .ingest import reparse
from .models import Cluster, Item, Payload, ShiftEditor, Source, TagCorrection
from .queue import parse_cursor, person, queue_rows
from .roles import DESK_PERMISSION
from .stories import draft_story

FAILED_PAGE_SIZE = 50
# Raw copy beyond this many characters is cut on screen; the stored payload keeps all of it.
RAW_DISPLAY_LIMIT = 50_000
DIFFERENCES_SHOWN = 8

desk_required = permission_required(DESK_PERMISSION)


def truncated(text, limit=RAW_DISPLAY_LIMIT):
    """(what to show, how many characters were left out)."""
    return text[:limit], max(len(text) - limit, 0)


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
