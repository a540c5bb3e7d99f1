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
from .bulk import insert_rows, update_by_id
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


def enrich(items, write_columns=True):
    """Compute and store the signature and tags of stored items (tags the desk corrected stay).

    With write_columns=False the items' own columns (see `columns`) are only set on the objects,
    for a caller that updates the same rows anyway to store them with its own (store_columns):
    each row is then written once per batch instead of twice.

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
    if write_columns:
        store_columns(items)
    _write_tags(retagged, taxonomy)
    return texts


def columns(item):
    """(column names, values) of what enrich() set on an item: the signature, and the scores of
    an item it tagged (those of an item whose tags the desk corrected stay as they are)."""
    if item.tagging_corrected:
        return ("signature",), (item.signature,)
    return ("signature", "country_scores", "edition_scores"), (
        item.signature,
        json.dumps(item.country_scores),
        json.dumps(item.edition_scores),
    )


def store_columns(items, more_columns=(), more_values=None):
    """Store enrich()'s columns of the items (see `columns`); with `more_columns` of the same
    rows, valued more_values(item), in the same UPDATE."""
    rows = {}
    for item in items:
        names, values = columns(item)
        more = more_values(item) if more_values else ()
        rows.setdefault(names, []).append((*values, *more, item.pk))
    for names, batch in rows.items():
        update_by_id(Item, [*names, *more_columns], batch)


def _write_tags(retagged, taxonomy):
    retagged_ids = [item.pk for item, _, _ in retagged]
    Item.countries.through.objects.filter(item_id__in=retagged_ids).delete()
    Item.sectors.through.objects.filter(item_id__in=retagged_ids).delete()
    insert_rows(
        Item.countries.through,
        ["item", "country"],
        [(item.pk, taxonomy.country_ids[code]) for item, codes, _ in retagged for code in codes],
    )
    insert_rows(
        Item.sectors.through,
        ["item", "sector"],
        [(item.pk, taxonomy.sector_ids[slug]) for item, _, slugs in retagged for slug in slugs],
    )
