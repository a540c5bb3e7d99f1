"""Write computed columns of many stored rows at once, for the worker's batches.

Django's bulk_update builds a CASE expression per column, which costs this process more than the
whole enrichment of a batch. On PostgreSQL one UPDATE joins the table to the batch's values
unnested from arrays (one statement, one plan); elsewhere one UPDATE per row, sent together.
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
