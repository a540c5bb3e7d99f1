"""Write computed columns of many stored rows at once, for the worker's batches.

Django's bulk_update builds a CASE expression per column, which costs this process more than the
whole enrichment of a batch. On PostgreSQL one UPDATE joins the table to the batch's values
unnested from arrays (one statement, one plan); elsewhere one UPDATE per row, sent together.
New rows of a simple table (the tags of items) go in the same way, one INSERT from arrays.
"""

from django.db import connection


def update_by_id(model, columns, rows):
    """Set `columns` of the rows of `model` with ids given as [(value, ..., id), ...]."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = [connection.ops.quote_name(model._meta.get_field(column).column) for column in columns]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            assignments = ", ".join(f"{name} = %s" for name in names)
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)
            return
        types = [model._meta.get_field(column).db_type(connection) for column in columns]
        arrays = ", ".join(f"%s::{kind}[]" for kind in [*types, "bigint"])
        aliases = [f"c{number}" for number in range(len(columns))]
        assignments = ", ".join(
            f"{name} = batch.{alias}" for name, alias in zip(names, aliases, strict=True)
        )
        cursor.execute(
            f"UPDATE {table} SET {assignments} "
            f"FROM unnest({arrays}) AS batch({', '.join(aliases)}, row_id) "
            f"WHERE {table}.id = batch.row_id",
            [list(column) for column in zip(*rows, strict=True)],
        )


def insert_rows(model, columns, rows):
    """Insert rows of `model` (a table without defaults to fill, such as a many-to-many table)
    given as [(value, ...), ...] in the order of `columns`: without a model instance per row,
    which costs more than the database spends storing it."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    fields = [model._meta.get_field(column) for column in columns]
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            # As the ORM would store them (SQLite keeps times as naive UTC text, for one).
            rows = [
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
                for row in rows
            ]
            places = ", ".join("%s" for _ in fields)
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({places})", rows)
            return
        arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})",
            [list(column) for column in zip(*rows, strict=True)],
        )
