"""Fast inserts for the import's big tables.

`QuerySet.bulk_create` builds a model instance per row and prepares every value through its
field, which costs more than the insert itself once rows number in the hundred thousands (the
benchmark in `scripts/benchmark_import.py` measures both). `insert_rows` takes plain dicts, runs
a field's preparation only where the database needs one (dates, decimals, JSON), and hands the
rows to the driver's `executemany`. It does no validation and no signals: callers pass rows the
loader has already decided on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, models

# Fields whose Python values both drivers take as they are.
_PASS_THROUGH = (
    models.CharField,  # TextField is not a CharField: listed below
    models.TextField,
    models.IntegerField,  # every integer kind, positive and small included
    models.BooleanField,
    models.ForeignKey,  # given as the key's attname with an int
)


def _preparer(field: models.Field) -> Callable | None:
    if isinstance(field, _PASS_THROUGH):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(model: type[models.Model], rows: Iterable[dict], *, batch_size: int = 2000) -> int:
    """Insert `rows` (field attnames to values; a missing field takes its default) into
    `model`'s table; return how many were inserted."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    names = [f.attname for f in fields]
    defaults = [f.get_default() if f.has_default() else None for f in fields]
    preparers = [_preparer(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = list(zip(names, defaults, preparers, strict=True))

    def values(row: dict) -> tuple:
        out = []
        for name, default, prepare in columns:
            value = row.get(name, default)
            out.append(value if prepare is None or value is None else prepare(value))
        return tuple(out)

    total = 0
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(values(row))
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
    return total
