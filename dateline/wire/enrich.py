"""Signatures and tags, added to stored items by the worker just before it clusters them.

Ingest keeps only what must happen while the agency waits: parse, normalise, fingerprint (for
exact repeats) and store. The MinHash signature and the country and sector tagging cost about as
much again per item, so the worker does them for a whole batch of new items at once, in the
same transaction that puts them into clusters: an item shows its tags from the moment the desk
sees it in a cluster.
"""

import json

from dateline.taxonomy.models import Country, Edition, Sector

from . import dedupe, tagging
from .bulk import update_by_id
from .models import Item
from .text import plain_body_or_summary

# The fields enrich() reads; load at least these when fetching items for it.
FIELDS = ("headline", "summary", "body_html", "dateline_place", "subjects", "tagging_corrected")


class Taxonomy:
    """The rows tags point at, read once per batch."""

    def __init__(self):
        self.country_ids = dict(Country.objects.values_list("code", "id"))
        self.sector_ids = dict(Sector.objects.values_list("slug", "id"))
        self.edition_of_country = dict(
            Edition.objects.filter(is_global=False).values_list("countries__code", "slug")
        )


def tag(item, text, taxonomy):
    """(country codes, sector slugs, country scores, edition scores) for one item.

    The scores stored are those of the countries the story is about, and its editions follow
    from them alone: a country the copy merely names routes it to no edition."""
    meant = tagging.countries_meant(item.headline, text, item.dateline_place)
    country_scores = {code: score for code, score in meant.items() if code in taxonomy.country_ids}
    sectors = tagging.sectors_meant(
        item.headline,
        text,
        [(subject.get("scheme", ""), subject.get("code", "")) for subject in item.subjects],
    )
    sectors = [slug for slug in sectors if slug in taxonomy.sector_ids]
    editions = tagging.edition_scores(country_scores, taxonomy.edition_of_country)
    return list(country_scores), sectors, country_scores, editions


def enrich(items):
    """Compute and store the signature and tags of stored items (tags the desk corrected stay).

    Returns the plain text of each item, which clustering reads next."""
    if not items:
        return []
    taxonomy = Taxonomy()
    texts = [plain_body_or_summary(item.body_html, item.summary) for item in items]
    signatures = dedupe.signatures(
        f"{item.headline}\n{text}" for item, text in zip(items, texts, strict=True)
    )
    retagged = []
    for item, text, signature in zip(items, texts, signatures, strict=True):
        item.signature = signature
        if item.tagging_corrected:
            continue
        countries, sectors, item.country_scores, item.edition_scores = tag(item, text, taxonomy)
        retagged.append((item, countries, sectors))
    _write(items, retagged, taxonomy)
    return texts


def _write(items, retagged, taxonomy):
    tagged = {item.pk for item, _, _ in retagged}
    update_by_id(
        Item,
        ["signature"],
        [(item.signature, item.pk) for item in items if item.pk not in tagged],
    )
    update_by_id(
        Item,
        ["signature", "country_scores", "edition_scores"],
        [
            (
                item.signature,
                json.dumps(item.country_scores),
                json.dumps(item.edition_scores),
                item.pk,
            )
            for item, _, _ in retagged
        ],
    )
    retagged_ids = [item.pk for item, _, _ in retagged]
    Item.countries.through.objects.filter(item_id__in=retagged_ids).delete()
    Item.sectors.through.objects.filter(item_id__in=retagged_ids).delete()
    Item.countries.through.objects.bulk_create(
        [
            Item.countries.through(item_id=item.pk, country_id=taxonomy.country_ids[code])
            for item, codes, _ in retagged
            for code in codes
        ]
    )
    Item.sectors.through.objects.bulk_create(
        [
            Item.sectors.through(item_id=item.pk, sector_id=taxonomy.sector_ids[slug])
            for item, _, slugs in retagged
            for slug in slugs
        ]
    )
