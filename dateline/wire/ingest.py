"""From bytes to stored wire items: keep the payload, parse it, store each item.

The payload is written before anything reads it, so a parser bug or a crash never loses copy;
a payload that fails keeps its error and can be parsed again after a fix. Items are stored in
bulk (a handful of queries per payload, not per item), and an item the database refuses is
retried alone so that it never takes the rest of its batch down with it. A new item gets its
signature and tags from the worker, before it is clustered (enrich.py); a new version of a
stored item gets them here, since it is already on the desk.
"""

import logging
from dataclasses import asdict

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from psycopg import sql
from psycopg.types.json import Jsonb

from . import dedupe
from .enrich import enrich
from .formats import WireFormatError, parse_payload
from .models import Item, ItemVersion, Payload, Source
from .text import plain_body_or_summary

logger = logging.getLogger(__name__)


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
    # The items and the payload's new status commit together: one durable write, not two.
    with transaction.atomic():
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
    # The same guid twice in one payload: the later copy is the newer version.
    latest = {}
    for index, wire_item in enumerate(wire_items):
        text = plain_body_or_summary(wire_item.body_html, wire_item.summary)
        fields = item_fields(wire_item, text)
        latest[fields["guid"]] = (index, fields)
    try:
        with transaction.atomic():
            outcomes = _store(payload, source, list(latest.values()))
    except DatabaseError:
        logger.warning("Bulk store of payload %s failed; storing items one by one", payload.pk)
        outcomes = []
        for index, fields in latest.values():
            try:
                with transaction.atomic():
                    outcomes += _store(payload, source, [(index, fields)])
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


def _store(payload, source, entries):
    now = timezone.now()
    existing = {
        item.guid: item
        for item in Item.objects.filter(source=source, guid__in=[f["guid"] for _, f in entries])
    }
    fresh = [(index, fields) for index, fields in entries if fields["guid"] not in existing]
    # A repeat points at the first item with its text. Not ORDER BY id in SQL: PostgreSQL may
    # then walk the whole primary key backwards instead of using the fingerprint index.
    repeat_of = {}
    for fingerprint, item_id in Item.objects.filter(
        fingerprint__in=[fields["fingerprint"] for _, fields in fresh]
    ).values_list("fingerprint", "id"):
        repeat_of[fingerprint] = min(item_id, repeat_of.get(fingerprint, item_id))
    # COPY writes every column, so the model's defaults fill those the wire item does not
    # (signature and tags are the worker's: see enrich.py).
    defaults = {
        field.attname: field.get_default()
        for field in Item._meta.concrete_fields
        if not field.primary_key
    }
    rows = [
        defaults
        | fields
        | {
            "source_id": source.pk,
            "payload_id": payload.pk,
            "received_at": now,
            "updated_at": now,
            "repeat_of_id": repeat_of.get(fields["fingerprint"]),
        }
        for _, fields in fresh
    ]
    outcomes = [
        {
            "index": index,
            "id": item_id,
            "guid": row["guid"],
            "status": "repeat" if row["repeat_of_id"] else "new",
        }
        for (index, _), row, item_id in zip(fresh, rows, insert_items(rows), strict=True)
    ]
    updated = []
    for index, fields in entries:
        item = existing.get(fields["guid"])
        if item is None:
            continue
        status = _new_version(item, payload, fields, now)
        if status == "updated":
            updated.append(item)
        outcomes.append({"index": index, "id": item.pk, "guid": item.guid, "status": status})
    enrich(updated)
    if fresh:
        Source.objects.filter(pk=source.pk).update(last_success_at=now)
    return sorted(outcomes, key=lambda outcome: outcome["index"])


def insert_items(rows):
    """Insert new items, given as dicts of column values; returns their ids in order.

    On PostgreSQL one COPY writes them: with bulk_create, building and adapting model instances
    cost this process more than the database spent storing the rows.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        return [item.pk for item in Item.objects.bulk_create([Item(**row) for row in rows])]
    table = Item._meta.db_table
    columns = ["id", *(Item._meta.get_field(name).column for name in rows[0])]
    copy_rows = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [item_id for (item_id,) in cursor.fetchall()]
        with cursor.cursor.copy(copy_rows) as copy:
            for item_id, row in zip(ids, rows, strict=True):
                copy.write_row(
                    [item_id]
                    + [
                        Jsonb(value) if isinstance(value, list | dict) else value
                        for value in row.values()
                    ]
                )
    return ids


def _new_version(item, payload, fields, now):
    """Apply a re-sent item: a newer version replaces the stored one, which goes to history."""
    same_content = fields["fingerprint"] == item.fingerprint
    if same_content and fields["version"] == item.version:
        return "unchanged"
    incoming_time = fields["version_created"]
    if incoming_time and item.version_created and incoming_time < item.version_created:
        _keep_version(item, payload, fields, now)
        return "older"
    _keep_version(item, item.payload, item_fields_of(item), item.updated_at)
    for name, value in fields.items():
        setattr(item, name, value)
    item.payload = payload
    item.updated_at = now
    item.version_count += 1
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
