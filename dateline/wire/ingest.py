"""From bytes to stored wire items: keep the payload, parse it, store each item with its tags.

The payload is written before anything reads it, so a parser bug or a crash never loses copy;
a payload that fails keeps its error and can be parsed again after a fix. Items are stored in
bulk (a handful of queries per payload, not per item), and an item the database refuses is
retried alone so that it never takes the rest of its batch down with it.
"""

import logging
from dataclasses import asdict

from django.db import DatabaseError, transaction
from django.utils import timezone

from dateline.taxonomy.models import Country, Edition, Sector

from . import dedupe, tagging
from .dedupe import plain_text
from .formats import WireFormatError, parse_payload
from .models import Item, ItemVersion, Payload, Source

logger = logging.getLogger(__name__)

# Countries whose score reaches this share of the best one are tagged, at most MAX_COUNTRIES.
COUNTRY_SHARE = 0.5
MAX_COUNTRIES = 4
MAX_TEXT_SECTORS = 2


def receive(source, body, *, via, content_type=""):
    """Store a payload exactly as received, then ingest it: (payload, outcome per item)."""
    payload = Payload.objects.create(
        source=source, via=via, content_type=content_type[:200], body=body, size=len(body)
    )
    return payload, ingest(payload)


def ingest(payload):
    """Parse a stored payload and store its items; returns one outcome dict per item."""
    source = payload.source
    try:
        result = parse_payload(bytes(payload.body), source.format, payload.content_type)
    except WireFormatError as error:
        return _failed(payload, str(error))
    except Exception as error:  # a parser bug must not lose the payload or stop the batch
        logger.exception("Parser crashed on payload %s", payload.pk)
        return _failed(payload, f"The parser failed unexpectedly: {error!r}")
    item_errors = [asdict(error) | {"raw": error.raw[:2000]} for error in result.errors]
    outcomes = store_items(payload, result.items, item_errors)
    stored = [outcome for outcome in outcomes if "id" in outcome]
    if item_errors and not stored:
        status = Payload.Status.FAILED
    elif item_errors:
        status = Payload.Status.PARTIAL
    else:
        status = Payload.Status.PARSED
    payload.status = status
    payload.error = "" if stored or not item_errors else item_errors[0]["message"]
    payload.item_errors = item_errors
    payload.item_count = len(stored)
    payload.parsed_at = timezone.now()
    payload.save(update_fields=["status", "error", "item_errors", "item_count", "parsed_at"])
    return outcomes


def _failed(payload, message):
    now = timezone.now()
    payload.status = Payload.Status.FAILED
    payload.error = message
    payload.item_errors = []
    payload.item_count = 0
    payload.parsed_at = now
    payload.save(update_fields=["status", "error", "item_errors", "item_count", "parsed_at"])
    Source.objects.filter(pk=payload.source_id).update(last_error_at=now, last_error=message)
    return []


class Taxonomy:
    """The rows tags point at, read once per payload."""

    def __init__(self):
        self.country_ids = dict(Country.objects.values_list("code", "id"))
        self.sector_ids = dict(Sector.objects.values_list("slug", "id"))
        self.edition_of_country = dict(
            Edition.objects.filter(is_global=False).values_list("countries__code", "slug")
        )


def tag(wire_item, text, taxonomy):
    """(country codes, sector slugs, country scores, edition scores) for one parsed item."""
    country_scores = tagging.countries_in(wire_item.headline, text, wire_item.dateline_place)
    best = max(country_scores.values(), default=0)
    ranked = sorted(country_scores, key=country_scores.get, reverse=True)
    countries = [
        code
        for code in ranked[:MAX_COUNTRIES]
        if country_scores[code] >= best * COUNTRY_SHARE and code in taxonomy.country_ids
    ]
    sectors = tagging.sectors_from_subjects(
        [(subject.scheme, subject.code) for subject in wire_item.subjects]
    )
    if not sectors:
        text_scores = tagging.sectors_from_text(wire_item.headline, text)
        sectors = sorted(text_scores, key=text_scores.get, reverse=True)[:MAX_TEXT_SECTORS]
    sectors = [slug for slug in sectors if slug in taxonomy.sector_ids]
    editions = tagging.edition_scores(country_scores, taxonomy.edition_of_country)
    return countries, sectors, country_scores, editions


def item_fields(wire_item, text):
    """Model fields from a parsed item, cut to the columns' sizes."""
    return {
        "guid": wire_item.guid[:500],
        "version": wire_item.version[:100],
        "agency_name": wire_item.agency[:200],
        "headline": wire_item.headline[:500],
        "summary": wire_item.summary,
        "body_html": wire_item.body_html,
        "byline": wire_item.byline[:300],
        "dateline_place": wire_item.dateline_place[:200],
        "language": wire_item.language[:20],
        "urgency": wire_item.urgency if wire_item.urgency in range(1, 10) else None,
        "subjects": [asdict(subject) for subject in wire_item.subjects],
        "links": [asdict(link) for link in wire_item.links],
        "images": [asdict(image) for image in wire_item.images],
        "first_created": wire_item.first_created,
        "version_created": wire_item.version_created,
        "embargoed_until": wire_item.embargoed_until,
        "raw": wire_item.raw,
        "fingerprint": dedupe.fingerprint(wire_item.headline, text),
    }


def store_items(payload, wire_items, item_errors):
    """Store parsed items in bulk; each refused item is added to item_errors."""
    if not wire_items:
        return []
    source = payload.source
    taxonomy = Taxonomy()
    texts = [plain_text(wire_item.body_html) or wire_item.summary for wire_item in wire_items]
    signatures = dedupe.signatures(
        [f"{wire_item.headline}\n{text}" for wire_item, text in zip(wire_items, texts, strict=True)]
    )
    prepared = []
    for index, (wire_item, text, signature) in enumerate(
        zip(wire_items, texts, signatures, strict=True)
    ):
        fields = item_fields(wire_item, text) | {"signature": signature}
        prepared.append((index, fields, tag(wire_item, text, taxonomy)))
    # The same guid twice in one payload: the later copy is the newer version.
    latest = {}
    for entry in prepared:
        latest[entry[1]["guid"]] = entry
    try:
        with transaction.atomic():
            outcomes = _store(payload, source, list(latest.values()), taxonomy)
    except DatabaseError:
        logger.warning("Bulk store of payload %s failed; storing items one by one", payload.pk)
        outcomes = []
        for index, fields, tags in latest.values():
            try:
                with transaction.atomic():
                    outcomes += _store(payload, source, [(index, fields, tags)], taxonomy)
            except DatabaseError as error:
                item_errors.append(
                    {
                        "index": None,
                        "guid": fields["guid"],
                        "message": f"The database refused this item: {error}",
                        "raw": fields["raw"][:2000],
                    }
                )
    return outcomes


def _store(payload, source, entries, taxonomy):
    now = timezone.now()
    existing = {
        item.guid: item
        for item in Item.objects.filter(source=source, guid__in=[f["guid"] for _, f, _ in entries])
    }
    fresh = [entry for entry in entries if entry[1]["guid"] not in existing]
    repeat_of = dict(
        Item.objects.filter(fingerprint__in=[f["fingerprint"] for _, f, _ in fresh])
        .order_by("-id")
        .values_list("fingerprint", "id")
    )
    outcomes = []
    new_items = []
    for index, fields, (countries, sectors, country_scores, editions) in fresh:
        item = Item(
            source=source,
            payload=payload,
            received_at=now,
            updated_at=now,
            repeat_of_id=repeat_of.get(fields["fingerprint"]),
            country_scores=country_scores,
            edition_scores=editions,
            **fields,
        )
        new_items.append((index, item, countries, sectors))
    Item.objects.bulk_create([item for _, item, _, _ in new_items])
    _set_tags([(item, countries, sectors) for _, item, countries, sectors in new_items], taxonomy)
    for index, item, _, _ in new_items:
        status = "repeat" if item.repeat_of_id else "new"
        outcomes.append({"index": index, "id": item.pk, "guid": item.guid, "status": status})

    retag = []
    for index, fields, tags in entries:
        item = existing.get(fields["guid"])
        if item is None:
            continue
        status = _new_version(item, payload, fields, tags, now)
        if status == "updated" and not item.tagging_corrected:
            retag.append((item, tags[0], tags[1]))
        outcomes.append({"index": index, "id": item.pk, "guid": item.guid, "status": status})
    if retag:
        Item.countries.through.objects.filter(item__in=[item for item, _, _ in retag]).delete()
        Item.sectors.through.objects.filter(item__in=[item for item, _, _ in retag]).delete()
        _set_tags(retag, taxonomy)
    if new_items:
        Source.objects.filter(pk=source.pk).update(last_success_at=now)
    return sorted(outcomes, key=lambda outcome: outcome["index"])


def _set_tags(rows, taxonomy):
    Item.countries.through.objects.bulk_create(
        [
            Item.countries.through(item_id=item.pk, country_id=taxonomy.country_ids[code])
            for item, codes, _ in rows
            for code in codes
        ]
    )
    Item.sectors.through.objects.bulk_create(
        [
            Item.sectors.through(item_id=item.pk, sector_id=taxonomy.sector_ids[slug])
            for item, _, slugs in rows
            for slug in slugs
        ]
    )


def _new_version(item, payload, fields, tags, now):
    """Apply a re-sent item: a newer version replaces the stored one, which goes to history."""
    same_content = fields["fingerprint"] == item.fingerprint
    if same_content and fields["version"] == item.version:
        return "unchanged"
    incoming_time = fields["version_created"]
    if incoming_time and item.version_created and incoming_time < item.version_created:
        _keep_version(item, payload, fields, now)
        return "older"
    _keep_version(item, item.payload, item_fields_of(item), item.updated_at)
    _, _, country_scores, editions = tags
    for name, value in fields.items():
        setattr(item, name, value)
    item.payload = payload
    item.updated_at = now
    item.version_count += 1
    if not item.tagging_corrected:
        item.country_scores = country_scores
        item.edition_scores = editions
    item.save()
    return "updated"


def item_fields_of(item):
    return {
        "version": item.version,
        "headline": item.headline,
        "summary": item.summary,
        "body_html": item.body_html,
        "version_created": item.version_created,
        "raw": item.raw,
    }


def _keep_version(item, payload, fields, received_at):
    ItemVersion.objects.create(
        item=item,
        payload=payload,
        version=fields["version"],
        headline=fields["headline"],
        summary=fields["summary"],
        body_html=fields["body_html"],
        version_created=fields["version_created"],
        received_at=received_at,
        raw=fields["raw"],
    )


def reparse(payload):
    """Parse a stored payload again, e.g. after a parser fix; items already stored are kept."""
    Payload.objects.filter(pk=payload.pk).update(status=Payload.Status.RECEIVED, error="")
    payload.refresh_from_db()
    return ingest(payload)
