"""Signatures and tags, added to stored items by the worker just before it clusters them.

Ingest keeps only what must happen while the agency waits: parse, normalise, fingerprint (for
exact repeats) and store. The MinHash signature and the country and sector tagging cost about as
much again per item, so the worker does them for a whole batch of new items at once (readings.py;
several processes read a big batch while the worker clusters what they have read), in the same
transaction that puts them into clusters: an item shows its tags from the moment the desk
sees it in a cluster.
"""

import json
from collections import Counter

from django.conf import settings

from dateline.taxonomy.models import Country, Edition, Sector

from . import readings
from .bulk import insert_rows, update_by_id
from .models import Item

# The fields read() reads; load at least these when fetching items for it.
FIELDS = (
    "headline",
    "summary",
    "body_html",
    "dateline_place",
    "subjects",
    "tagging_corrected",
    "country_scores",
    "received_at",
    "source_id",
)
# A national agency writing for a home audience often names no country at all: "the ministry",
# a programme, a minister by name. Its copy that names no country, place or currency of one is
# about the country its recent copy was about, when nearly all of that was about one country
# (USUAL_SHARE of the last USUAL_WINDOW items that named any, at least USUAL_MIN_ITEMS of them).
# A wire service covering many countries has none.
USUAL_WINDOW = 40
USUAL_MIN_ITEMS = 3
USUAL_SHARE = 0.8


class Taxonomy:
    """The rows tags point at, read once per batch."""

    def __init__(self):
        self.country_ids = dict(Country.objects.values_list("code", "id"))
        self.sector_ids = dict(Sector.objects.values_list("slug", "id"))
        self.edition_of_country = dict(
            Edition.objects.filter(is_global=False).values_list("countries__code", "slug")
        )

    def vocabulary(self):
        return readings.Vocabulary(
            frozenset(self.country_ids), frozenset(self.sector_ids), self.edition_of_country
        )


def usual_countries(source_ids):
    """{source id: the country its recent copy is about} for the sources that have one."""
    found = {}
    for source_id in sorted(source_ids):
        recent = Item.objects.filter(source_id=source_id, clustered=True).order_by("-id")
        about = [
            scores
            for scores in recent.values_list("country_scores", flat=True)[:USUAL_WINDOW]
            if scores
        ]
        if len(about) < USUAL_MIN_ITEMS:
            continue
        counts = Counter(code for scores in about for code in scores)
        code, count = min(counts.items(), key=lambda pair: (-pair[1], pair[0]))
        if count >= USUAL_SHARE * len(about):
            found[source_id] = code
    return found


def job(item, usual_country=""):
    """What readings.py reads of a stored item (loaded with at least FIELDS)."""
    return readings.Job(
        item.headline,
        item.summary,
        item.body_html,
        item.dateline_place,
        item.subjects,
        not item.tagging_corrected,
        item.country_scores,
        item.received_at.date(),
        usual_country,
    )


def read(items, taxonomy, retagged):
    """Set each item's signature and, unless the desk corrected its tags, its scores; yield its
    event features as its reading arrives (see readings.read_items), and add the items to
    retag, with their tags, to `retagged` for write_tags."""
    usual = usual_countries({item.source_id for item in items if not item.tagging_corrected})
    found = readings.read_items(
        [job(item, usual.get(item.source_id, "")) for item in items],
        taxonomy.vocabulary(),
        settings.DATELINE_WIRE_READING_PROCESSES,
    )
    for item, reading in zip(items, found, strict=True):
        item.signature = reading.signature
        if not item.tagging_corrected:
            item.country_scores = reading.country_scores
            item.edition_scores = reading.edition_scores
            retagged.append((item, reading.countries, reading.sectors))
        yield reading.features


def enrich(items):
    """Compute and store the signature and tags of stored items (tags the desk corrected stay);
    returns their event features."""
    if not items:
        return []
    taxonomy, retagged = Taxonomy(), []
    features = list(read(items, taxonomy, retagged))
    store_columns(items)
    write_tags(retagged, taxonomy)
    return features


def columns(item):
    """(column names, values) of what read() set on an item: the signature, and the scores of
    an item it tagged (those of an item whose tags the desk corrected stay as they are)."""
    if item.tagging_corrected:
        return ("signature",), (item.signature,)
    return ("signature", "country_scores", "edition_scores"), (
        item.signature,
        json.dumps(item.country_scores),
        json.dumps(item.edition_scores),
    )


def store_columns(items, more_columns=(), more_values=None):
    """Store the columns read() set on the items (see `columns`); with `more_columns` of the same
    rows, valued more_values(item), in the same UPDATE."""
    rows = {}
    for item in items:
        names, values = columns(item)
        more = more_values(item) if more_values else ()
        rows.setdefault(names, []).append((*values, *more, item.pk))
    for names, batch in rows.items():
        update_by_id(Item, [*names, *more_columns], batch)


def write_tags(retagged, taxonomy):
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
