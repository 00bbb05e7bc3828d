"""Fast writes for the import's big tables: inserts, and a bulk load's indexes built after it.

`QuerySet.bulk_create` builds a model instance per row and prepares every value through its
field, which costs more than the insert itself once rows number in the hundred thousands (the
benchmark in `scripts/benchmark_import.py` measures both). `insert_rows` takes plain dicts, runs
a field's preparation only where the database needs one (dates, decimals, JSON), and hands the
rows to the driver: `executemany` on SQLite, `COPY` on PostgreSQL. It does no validation and no
signals: callers pass rows the loader has already decided on.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable

from django.db import connection, models, transaction

from .models import SQLITE_FULL_TEXT_TABLE, DeferredIndex

# Fields whose Python values both drivers take as they are.
_PASS_THROUGH = (
    models.CharField,  # TextField is not a CharField: listed below
    models.TextField,
    models.IntegerField,  # every integer kind, positive and small included
    models.BooleanField,
    models.ForeignKey,  # given as the key's attname with an int
)


_MISSING = object()


def _preparer(field: models.Field) -> Callable | None:
    """What turns a field's value into the driver's, for one insert; None: nothing to do."""
    if isinstance(field, _PASS_THROUGH):
        return None

    def prepare(value):
        return field.get_db_prep_save(value, connection)

    if isinstance(field, models.DecimalField):
        # Many rows, few distinct values (ratings): each prepared once an insert. On SQLite a
        # decimal is rounded in a context of its own, which cost a sixth of the reviews'
        # `executemany`.
        return functools.cache(prepare)
    return prepare


def insert_rows(model: type[models.Model], rows: Iterable[dict], *, batch_size: int = 2000) -> int:
    """Insert `rows` (field attnames to values; a missing field takes its default) into
    `model`'s table; return how many were inserted."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column_list = ", ".join(quote(f.column) for f in fields)
    columns = []
    for field in fields:
        prepare = _preparer(field)
        default = field.get_default() if field.has_default() else None
        if prepare is not None and default is not None:
            # Prepared once, not for every row that leaves it out (a JSON default is encoded).
            default = prepare(default)
        columns.append((field.attname, default, prepare))

    def values(row: dict) -> tuple:
        out = []
        for name, default, prepare in columns:
            value = row.get(name, _MISSING)
            if value is _MISSING:
                out.append(default)
            else:
                out.append(value if prepare is None or value is None else prepare(value))
        return tuple(out)

    if connection.vendor == "postgresql":
        # COPY: PostgreSQL's bulk load, one statement whatever the number of rows (an
        # `executemany` sends, and the server plans, one INSERT per row).
        total = 0
        statement = f"COPY {table} ({column_list}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(values(row))
                total += 1
        return total
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(fields))})"
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


def instance_values(obj: models.Model) -> dict:
    """An unsaved model instance as a row for `insert_rows` (attnames to values)."""
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def rows_where_in(
    model: type[models.Model], field_name: str, values: Iterable, columns: list[str], **equal
) -> list[tuple]:
    """The `columns` (field names) of the rows of `model` whose field `field_name` holds one
    of `values`, and whose fields in `equal` hold the values given: plain SQL, a query per
    thousand values. The ORM prepares every value of an `IN` list through its field, which for
    the importer's lists of a few thousand fingerprints or usernames cost several times the
    query."""
    meta = model._meta

    def column_of(name: str) -> str:
        field = meta.pk if name == "pk" else meta.get_field(name)
        return connection.ops.quote_name(field.column)

    column = column_of(field_name)
    selected = ", ".join(column_of(name) for name in columns)
    conditions = [f"{column_of(name)} = %s" for name in equal]
    wanted = list(dict.fromkeys(values))
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start : start + 1000]
            where = " AND ".join([*conditions, f"{column} IN ({', '.join(['%s'] * len(chunk))})"])
            cursor.execute(
                f"SELECT {selected} FROM {connection.ops.quote_name(meta.db_table)} WHERE {where}",
                [*equal.values(), *chunk],
            )
            rows.extend(cursor.fetchall())
    return rows


def keys_by(model: type[models.Model], field_name: str, values: Iterable, **equal) -> dict:
    """`{value: primary key}` of the rows `rows_where_in` finds, for a field unique among
    them."""
    return dict(rows_where_in(model, field_name, values, [field_name, "pk"], **equal))


# -- a bulk load's read-side indexes -----------------------------------------------------------
#
# An insert into the review table also writes each of its indexes and, on SQLite, its full-text
# index (through triggers): 4 to 7 times the bare insert, on both databases. The importer
# needs only the indexes the model declares (keys, foreign keys, the unique fingerprint per film,
# `Meta.indexes`); the others serve the public pages (the lists' sorts and the full-text index,
# written by hand in migrations). For a bulk load they are dropped and built once at the end,
# as a database restore does. Each dropped one is recorded, with the statement that builds it,
# in the transaction that drops it: an import killed halfway leaves the records, and the next
# import builds what they name.


def _declared_index(model: type[models.Model], name: str, info: dict) -> bool:
    """Whether the model's own state declares this index (the importer's lookups use those)."""
    if info["primary_key"] or info["unique"]:
        return True
    if name in {index.name for index in model._meta.indexes}:
        return True
    single = {(f.column,) for f in model._meta.concrete_fields if f.db_index}
    return tuple(info["columns"]) in single


def _read_side_objects(model: type[models.Model]) -> list[tuple[str, str, str]]:
    """(kind, name, statement that creates it) of each index and trigger to defer."""
    table = model._meta.db_table
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return []
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        names = [
            name
            for name, info in constraints.items()
            if info["index"] and not _declared_index(model, name, info)
        ]
        found = []
        for name in sorted(names):
            if vendor == "sqlite":
                cursor.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name]
                )
            else:
                cursor.execute(
                    "SELECT indexdef FROM pg_indexes "
                    "WHERE schemaname = current_schema() AND indexname = %s",
                    [name],
                )
            row = cursor.fetchone()
            if row and row[0]:
                found.append(("index", name, row[0]))
        if vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
                "ORDER BY name",
                [table],
            )
            found.extend(("trigger", name, sql) for name, sql in cursor.fetchall())
    return found


@contextlib.contextmanager
def _schema_change():
    """A cursor in a transaction fit for DDL on the review table. PostgreSQL refuses to change
    a table's indexes while deferred foreign key checks on it are pending (an enclosing
    transaction wrote rows): they are run first."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def defer_read_indexes(model: type[models.Model]) -> int:
    """Drop the read-side indexes of `model`'s table, recording how to build them; return how
    many were dropped."""
    with _schema_change() as cursor:
        objects = _read_side_objects(model)
        DeferredIndex.objects.bulk_create(
            DeferredIndex(kind=kind, name=name, statement=statement)
            for kind, name, statement in objects
        )
        for kind, name, _ in objects:
            cursor.execute(f"DROP {kind.upper()} {connection.ops.quote_name(name)}")
    return len(objects)


def restore_read_indexes() -> int:
    """Build every recorded index and trigger again (and SQLite's full-text index, when its
    triggers were away); return how many were built."""
    deferred = list(DeferredIndex.objects.order_by("pk"))
    if not deferred:
        return 0
    with _schema_change() as cursor:
        for row in deferred:
            cursor.execute(row.statement)
        if connection.vendor == "sqlite" and any(row.kind == "trigger" for row in deferred):
            # The full-text table is external content: its triggers missed the writes of the
            # load, so it is built again from the review table.
            fts = connection.ops.quote_name(SQLITE_FULL_TEXT_TABLE)
            cursor.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
        DeferredIndex.objects.filter(pk__in=[row.pk for row in deferred]).delete()
    return len(deferred)
