"""Stories from wire items, made only through the newsroom's create_story().

A desk editor's "Create story" makes a draft labelled as a desk rewrite of agency copy; a source
trusted to auto-publish makes raw wire stories, labelled as not edited by our staff. Either way
an item's embargo carries over to the story, which cannot go live before it.
"""

import re

from django.db import transaction
from django.db.models import F

from dateline.newsroom.models import Provenance
from dateline.newsroom.stories import create_story
from dateline.taxonomy.models import Agency, editions_for_countries

from .models import Item
from .text import plain_text

SUMMARY_LENGTH = 300
FIRST_PARAGRAPH_RE = re.compile(r"<p[^>]*>(.*?)</p>", re.S | re.I)


def summary_of(item):
    """The item's own summary, else its first paragraph, cut at a word near SUMMARY_LENGTH."""
    text = item.summary
    if not text:
        first = FIRST_PARAGRAPH_RE.search(item.body_html)
        text = plain_text(first.group(1)) if first else plain_text(item.body_html)
    text = text.strip()
    if len(text) <= SUMMARY_LENGTH:
        return text or item.headline
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"


def agencies_of(items):
    """The agencies to credit: the one an item names when we know it, else its source's."""
    by_label = {}
    for agency in Agency.objects.all():
        by_label[agency.name.casefold()] = agency
        by_label[agency.credit.casefold()] = agency
    agencies = []
    for item in items:
        agency = by_label.get(item.agency_name.casefold()) or item.source.agency
        if agency not in agencies:
            agencies.append(agency)
    return agencies


def story_fields(items):
    """create_story() arguments for the lead item (first) and the others of its cluster."""
    lead = items[0]
    source = lead.source
    countries = list(dict.fromkeys(c for item in items for c in item.countries.all()))
    sectors = list(dict.fromkeys(s for item in items for s in item.sectors.all()))
    if not sectors:
        sectors = list(source.default_sectors.all())
    editions = set(editions_for_countries(countries)) | set(source.default_editions.all())
    embargoes = [item.embargoed_until for item in items if item.under_embargo()]
    return {
        "kind": source.story_kind,
        "headline": lead.headline,
        "summary": summary_of(lead),
        "body": [("paragraph", lead.body_html)] if lead.body_html else [],
        "desk": source.byline_desk,
        "dateline_place": lead.dateline_place[:100],
        "sectors": sectors,
        "countries": countries,
        "editions": sorted(editions, key=lambda edition: edition.pk),
        "agencies": agencies_of(items),
        "embargoed_until": max(embargoes, default=None),
    }


def ordered_for_story(items, lead=None):
    """The lead first (the cluster's, else the earliest), then the rest oldest first."""
    items = sorted(items, key=lambda item: (item.received_at, item.pk))
    if lead is not None:
        items.sort(key=lambda item: item.pk != lead.pk)
    return items


@transaction.atomic
def draft_story(
    items,
    user,
    lead=None,
    hero_image=None,
    hero_caption="",
    body=None,
    provenance=Provenance.AGENCY_REWRITE,
    takeaways=None,
):
    """A draft desk rewrite from one item or a cluster; the items are marked used.

    The body is the lead's copy unless one is given (StreamField data: an assisted draft's, which
    is AI-assisted when a language model wrote it). `takeaways` are the key takeaways an editor
    kept of the desk's suggestion, with how they were made (create_story's arguments)."""
    items = ordered_for_story(items, lead)
    fields = story_fields(items)
    if body is not None:
        fields["body"] = body
    story = create_story(
        **fields,
        hero_image=hero_image,
        hero_caption=hero_caption,
        provenance=provenance,
        publish=False,
        user=user,
        **(takeaways or {}),
    )
    Item.objects.filter(pk__in=[item.pk for item in items]).update(
        story=story, status=Item.Status.USED
    )
    return story


def publish_raw_wire(limit=50):
    """Publish the first item of each new event from auto-publishing sources, as raw wire."""
    candidates = (
        Item.objects.filter(
            source__auto_publish=True,
            source__enabled=True,
            status=Item.Status.NEW,
            story__isnull=True,
            repeat_of__isnull=True,
            clustered=True,
            cluster__lead_id=F("id"),
        )
        .exclude(cluster__items__story__isnull=False)
        .select_related("source", "source__agency", "source__byline_desk")
        .order_by("id")[:limit]
    )
    published = []
    for item in candidates:
        with transaction.atomic():
            story = create_story(**story_fields([item]), provenance=Provenance.WIRE)
            Item.objects.filter(pk=item.pk).update(story=story, status=Item.Status.USED)
        published.append(story)
    return published
