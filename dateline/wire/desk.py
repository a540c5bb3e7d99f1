"""The wire desk's views in Wagtail's admin: the queue, clusters, items, failed payloads and shifts.

What a page of the queue holds is read in queue.py; these views add the filters, the paging
links and the actions.
"""

from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.models import Revision

from dateline.newsroom.models import Provenance, StoryPage
from dateline.taxonomy.models import Edition

from . import assisted, corrections, pictures, pull, subjects, tagging
from .formats.sanitise import web_url
from .forms import ClusterMergeForm, QueueFilterForm, StoryFromWireForm, TagCorrectionForm
from .ingest import reparse
from .models import AssistedDraft, Cluster, Item, Payload, ShiftEditor, Source, TagCorrection
from .novelty import Said
from .queue import parse_cursor, person, queue_rows
from .roles import DESK_PERMISSION
from .stories import draft_story, ordered_for_story

FAILED_PAGE_SIZE = 50
# Raw copy beyond this many characters is cut on screen; the stored payload keeps all of it.
RAW_DISPLAY_LIMIT = 50_000
# Sentences of one item listed under what it adds; the rest are a click away.
NEW_SENTENCES_SHOWN = 8

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
    """Items with what draft_story() and the picture suggestions read, fetched up front."""
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


def edition_relevance(items):
    """(edition name, share, how many items score it) per edition, most relevant first.

    An item's stored scores are shares of its country mentions per edition; a cluster's share
    is the mean over its items, so an edition one item in three mentions gets a third of it.
    """
    totals, counts = {}, Counter()
    for item in items:
        scores = item.edition_scores or {}
        whole = sum(scores.values())
        for slug, score in scores.items():
            if whole > 0 and score > 0:
                totals[slug] = totals.get(slug, 0.0) + score / whole
                counts[slug] += 1
    names = dict(Edition.objects.filter(slug__in=totals).values_list("slug", "name"))
    rows = [
        (names.get(slug, slug), total / len(items), counts[slug]) for slug, total in totals.items()
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def story_form(items, data=None):
    return StoryFromWireForm(pictures.suggestions(items), data=data)


def make_story(request, items, lead=None, assisted_draft=None, cluster_id=None):
    """Create the draft with the chosen picture, or show the form again with what went wrong.

    From an assisted draft, the story's body is the draft's, and where each of its added facts
    came from is recorded for the editor."""
    form = story_form(items, request.POST)
    if not form.is_valid():
        return None, form
    try:
        takeaways = assisted.accepted_takeaways(request.POST, request.user)
    except ValueError as error:
        form.add_error(None, str(error))
        return None, form
    hero_image, agency_picture = form.chosen()
    hero_caption = ""
    if agency_picture:
        source = next(item.source for item in items if item.pk == agency_picture.item_pk)
        # Fetched before the transaction, which then need not wait on the agency's server.
        try:
            picture_file = pictures.fetch_picture(agency_picture, source)
        except pictures.PictureUnavailable as error:
            form.add_error("picture", f"{error} Choose another picture, or none.")
            return None, form
    with transaction.atomic():
        if agency_picture:
            headline = (lead or items[0]).headline
            hero_image = pictures.library_image(
                agency_picture, picture_file, request.user, headline
            )
            hero_caption = agency_picture.caption[:300]
        story = draft_story(
            items,
            request.user,
            lead,
            hero_image=hero_image,
            hero_caption=hero_caption,
            body=assisted.body_of(assisted_draft) if assisted_draft else None,
            provenance=(
                Provenance.AI_ASSISTED
                if assisted_draft and assisted_draft.written_by
                else Provenance.AGENCY_REWRITE
            ),
            takeaways=takeaways.fields if takeaways else None,
        )
        if takeaways:
            takeaways.record(story)
        if assisted_draft:
            assisted.record(story, assisted_draft, items, request.user, cluster_id)
    return story, form


def joined_because(reason):
    """The desk's words for why clustering put an item in its cluster (Item.cluster_reason)."""
    if not reason:
        return ""
    if reason.get("kind") == "repeat":
        return f"an exact repeat of item {reason['of']}"
    if reason.get("kind") == "copy":
        return f"a near copy of item {reason['of']}"
    if reason.get("kind") == "desk":
        return f"moved out by {reason['by']}, kept apart from cluster {reason['apart_from']}"
    shared = ", ".join(reason.get("shared", []))
    return f"shares {shared} (score {reason.get('score')})"


def cluster_page(request, group, form=None, status=200, merge_form=None, takeaways=None):
    items = list(story_items(group.items.order_by("received_at", "pk")))
    lead = next((item for item in items if item.pk == group.lead_id), items[0] if items else None)
    now = timezone.now()
    said = Said()
    # The lead first, then each item against the lead and the items listed before it.
    for item in sorted(items, key=lambda item: item is not lead):
        item.joined_because = joined_because(item.cluster_reason)
        if item is not lead:
            adds = said.new_sentences(item.body_html or item.summary)
            item.adds = adds[:NEW_SENTENCES_SHOWN]
            item.adds_hidden = max(len(adds) - NEW_SENTENCES_SHOWN, 0)
        said.add(item.headline)
        said.add(item.summary)
        said.add(item.body_html)
    usable = [item for item in items if item.status != Item.Status.SPIKED]
    form = form or story_form(usable)
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
            "editions": edition_relevance(items) if items else [],
            "story_form": form,
            "story_action": reverse("wire_desk:cluster_story", args=[group.pk]),
            "takeaways_action": reverse("wire_desk:cluster_takeaways", args=[group.pk]),
            "takeaways": takeaways,
            "story_button": "Create story from cluster",
            "assisted_button": "Create story from an assisted draft",
            "merge_form": merge_form
            or ClusterMergeForm(candidates=corrections.merge_candidates(group)),
            "corrections": corrections.history(group.pk),
        },
        status=status,
    )


@desk_required
def cluster(request, pk):
    return cluster_page(
        request, get_object_or_404(Cluster.objects.select_related("assigned_to"), pk=pk)
    )


@desk_required
@require_POST
def cluster_story(request, pk):
    group = get_object_or_404(Cluster.objects.select_related("assigned_to"), pk=pk)
    items = list(story_items(group.items.exclude(status=Item.Status.SPIKED)))
    if not items:
        messages.error(request, "Every item of this cluster is spiked: there is nothing to use.")
        return redirect("wire_desk:cluster", pk)
    lead = next((item for item in items if item.pk == group.lead_id), None)
    assisted_draft = None
    if request.POST.get("assisted"):
        try:
            assisted_draft = assisted.make_draft(ordered_for_story(items), request.user)
        except ValueError as error:
            messages.error(request, f"No assisted draft: {error}")
            return cluster_page(request, group, status=400)
        lead = next(item for item in items if item.pk == assisted_draft.lead.key)
    story, form = make_story(request, items, lead, assisted_draft, group.pk)
    if story is None:
        messages.error(request, "The story was not created; see below.")
        return cluster_page(request, group, form, status=400)
    return open_draft(request, story, len(items))


@desk_required
@require_POST
def cluster_takeaways(request, pk):
    """The cluster's page again, with the assistant's key takeaways of the event in the "Create
    a story" form (the picture chosen there kept), for the editor to edit and keep."""
    group = get_object_or_404(Cluster.objects.select_related("assigned_to"), pk=pk)
    items = list(story_items(group.items.exclude(status=Item.Status.SPIKED)))
    suggestion = assisted.event_takeaways(ordered_for_story(items), request.user)
    for message in suggestion.messages:
        messages.warning(request, message)
    return cluster_page(request, group, story_form(items, request.POST), takeaways=suggestion)


@desk_required
@require_POST
def cluster_spike(request, pk):
    group = get_object_or_404(Cluster, pk=pk)
    spiked = group.items.filter(status=Item.Status.NEW).update(status=Item.Status.SPIKED)
    messages.success(request, f"Spiked {spiked} item{'s' if spiked != 1 else ''} of this cluster.")
    return redirect("wire_desk:queue")


@desk_required
@require_POST
def cluster_merge(request, pk):
    """Merge another cluster, which reports the same event, into this one."""
    group = get_object_or_404(Cluster.objects.select_related("assigned_to"), pk=pk)
    form = ClusterMergeForm(request.POST)
    if not form.is_valid():
        form.candidates = corrections.merge_candidates(group)
        messages.error(request, "Nothing was merged; see below.")
        return cluster_page(request, group, status=400, merge_form=form)
    try:
        moved = corrections.merge_clusters(group.pk, form.cleaned_data["other"], request.user)
    except corrections.CorrectionError as error:
        messages.error(request, str(error))
        return redirect("wire_desk:cluster", pk)
    messages.success(
        request,
        f"Merged cluster {form.cleaned_data['other']} into this one: "
        f"{moved} item{'s' if moved != 1 else ''} joined. Later reports of the event join it too.",
    )
    return redirect("wire_desk:cluster", pk)


@desk_required
@require_POST
def item_move_out(request, pk):
    """Take an item out of its cluster: it reports another event."""
    get_object_or_404(Item, pk=pk)
    try:
        cluster_id = corrections.move_out(pk, request.user)
    except corrections.CorrectionError as error:
        messages.error(request, str(error))
        return redirect("wire_desk:item", pk)
    messages.success(
        request,
        "The item has a cluster of its own now; later reports will not put it back with the "
        "cluster it left.",
    )
    return redirect("wire_desk:cluster", cluster_id)


def item_page(request, item, tag_form=None, form=None, status=200):
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
            "subjects": [subjects.labelled(subject) for subject in item.subjects],
            "editions": edition_relevance([item]),
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
            "story_form": form or story_form([item]),
            "story_action": reverse("wire_desk:item_story", args=[item.pk]),
            "story_button": "Create story from this item",
        },
        status=status,
    )


def get_item(pk):
    return get_object_or_404(
        story_items(Item.objects.all())
        .select_related("repeat_of", "cluster", "payload")
        .defer("payload__body"),
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
    wire_item = get_item(pk)
    story, form = make_story(request, [wire_item])
    if story is None:
        messages.error(request, "The story was not created; see below.")
        return item_page(request, wire_item, form=form, status=400)
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
    """Edition shares for corrected countries, as the tagger gives them (summing to 1), so the
    queue's edition filter and the relevance shown follow the correction."""
    codes = [country.code for country in countries]
    edition_of_country = dict(
        Edition.objects.filter(is_global=False, countries__code__in=codes).values_list(
            "countries__code", "slug"
        )
    )
    # A country the tagger did not find (the desk added it) counts as one mention.
    scores = {code: country_scores.get(code) or 1.0 for code in codes}
    return tagging.edition_scores(scores, edition_of_country)


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


# Stories on their way out ---------------------------------------------------------------------

UPCOMING = {
    "scheduled": ("Scheduled stories", "Stories that will go live by themselves, soonest first."),
    "embargoed": (
        "Stories under embargo",
        "Stories made from embargoed agency copy, which cannot go live before the embargo ends.",
    ),
}
UPCOMING_PAGE_SIZE = 50


@desk_required
def upcoming_stories(request, which):
    if which not in UPCOMING:
        raise Http404("There is no such list of stories.")
    scheduled_for = (
        Revision.page_revisions.filter(
            object_id=Cast(OuterRef("pk"), CharField()), approved_go_live_at__isnull=False
        )
        .order_by("-created_at")
        .values("approved_go_live_at")[:1]
    )
    stories = StoryPage.objects.annotate(scheduled_for=Subquery(scheduled_for)).only(
        "title", "kind", "embargoed_until", "live"
    )
    if which == "scheduled":
        stories = stories.filter(scheduled_for__isnull=False).order_by("scheduled_for", "pk")
    else:
        stories = stories.filter(embargoed_until__gt=timezone.now()).order_by(
            "embargoed_until", "pk"
        )
    title, description = UPCOMING[which]
    return TemplateResponse(
        request,
        "wire/upcoming_stories.html",
        {
            "page_title": title,
            "header_icon": "time",
            "description": description,
            "page": Paginator(stories, UPCOMING_PAGE_SIZE).get_page(request.GET.get("p")),
        },
    )


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


# Stories from an assisted draft ---------------------------------------------------------------


def assisted_story(request, pk):
    """(the assisted draft's record, the story as last saved) for an editor who may edit it."""
    assisted_draft = get_object_or_404(
        AssistedDraft.objects.select_related("story", "lead_item"), story_id=pk
    )
    if not assisted_draft.story.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return assisted_draft, assisted_draft.story.get_latest_revision_as_object()


def approve_or_publish(story, user):
    """Publish the story's latest revision: by approving its desk review when it is in one and
    `user` may approve (the workflow then publishes and is recorded as approved), else directly."""
    task_state = story.current_workflow_task_state
    if task_state is not None:
        task = task_state.task.specific
        if "approve" in [name for name, _label, _modal in task.get_actions(story, user)]:
            task.on_action(task_state, user, "approve")
            return
    story.get_latest_revision().publish(user=user)


def assisted_page(request, template, assisted_draft, story, flags, status=200, **context):
    items = story_items(assisted_draft.items.order_by("received_at", "pk"))
    return TemplateResponse(
        request,
        template,
        {
            "header_icon": "doc-full",
            "page_subtitle": story.title,
            "assisted": assisted_draft,
            "story": story,
            "items": items,
            "flags": flags,
            "unconfirmed": assisted.unconfirmed(flags, assisted_draft),
            **context,
        },
        status=status,
    )


def draft_sources(request, pk):
    """Where the facts of a story drafted by the assistant came from, and what no report has."""
    assisted_draft, story = assisted_story(request, pk)
    flags = assisted.unknown_facts(story, assisted_draft)
    return assisted_page(
        request,
        "wire/draft_sources.html",
        assisted_draft,
        story,
        flags,
        page_title="Sources of the assisted draft",
    )


def draft_publish(request, pk):
    """Publish a story drafted by the assistant whose text has facts no report holds, once the
    editor has decided to (the editor's Publish comes here when it has such facts)."""
    assisted_draft, story = assisted_story(request, pk)
    flags = assisted.unknown_facts(story, assisted_draft)
    pending = assisted.unconfirmed(flags, assisted_draft)
    error = None
    if request.method == "POST":
        lock = story.get_lock()
        if not story.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        if lock is not None and lock.for_user(request.user):
            error = "The story is locked: it cannot be published until it is unlocked."
        elif pending and request.POST.get("confirm") != "1":
            error = (
                "Tick the box to confirm that you checked these facts, or go back to the editor."
            )
        else:
            with transaction.atomic():
                assisted_draft.confirmed_flags = [
                    *assisted_draft.confirmed_flags,
                    *({"kind": flag["kind"], "text": flag["text"]} for flag in pending),
                ]
                assisted_draft.confirmed_by, assisted_draft.confirmed_at = (
                    request.user,
                    timezone.now(),
                )
                assisted_draft.save(
                    update_fields=["confirmed_flags", "confirmed_by", "confirmed_at"]
                )
                approve_or_publish(StoryPage.objects.get(pk=pk), request.user)
            published = StoryPage.objects.get(pk=pk)
            if not published.go_live_at or published.go_live_at <= timezone.now():
                messages.success(request, f'Story "{published.title}" published.')
            else:
                messages.success(
                    request,
                    f'Story "{published.title}" scheduled to go live at '
                    f"{timezone.localtime(published.go_live_at):%d-%m-%Y %H:%M %Z}.",
                )
            return redirect("wagtailadmin_pages:edit", pk)
    return assisted_page(
        request,
        "wire/draft_publish.html",
        assisted_draft,
        story,
        flags,
        status=400 if error else 200,
        page_title="Publish with facts no report has?",
        error=error,
    )
