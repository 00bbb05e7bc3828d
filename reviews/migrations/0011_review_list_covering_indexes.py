"""The public review lists' indexes also carry every column the lists filter on.

A list counts its matches (up to a cap) and walks its sort's index to the page's rows; a filter
the index does not hold (the rating, the film for a series or the sequels, the spoiler flag,
the helpful votes) sent each candidate row to the table: on 500,000 reviews the count of the
sequels' reviews with spoilers read some 5,000 rows at random, 78 ms. With the filtered columns
in the index both are answered from the index, and the table is read for the page's rows only.

SQLite takes the extra columns as trailing keys; PostgreSQL as INCLUDE columns (kept in the
index, not ordered by it). The key columns, and NULLS LAST where PostgreSQL needs it, are those
of migration 0007; `tests/test_query_plans.py` checks the lists and their counts use them.
"""

from django.db import migrations

NULLABLE = {"date", "rating", "helpful_yes"}
# With the columns of the indexes' own conditions: SQLite reads a column the query names from
# the table unless the index holds it, even one its condition fixes.
FILTERED = ["rating", "date", "film_id", "helpful_yes", "has_spoilers", "is_hidden"]
# name: (key columns, extra condition)
LIST_INDEXES = {
    "review_newest_idx": (["date DESC", "id DESC"], ""),
    "review_oldest_idx": (["date", "id"], ""),
    "review_highest_idx": (["rating DESC", "date DESC", "id DESC"], ""),
    "review_lowest_idx": (["rating", "date DESC", "id DESC"], ""),
    "review_helpful_idx": (["helpful_yes DESC", "date DESC", "id DESC"], ""),
    "review_film_newest_idx": (["film_id", "date DESC", "id DESC"], ""),
    "review_film_helpful_idx": (["film_id", "helpful_yes DESC", "date DESC", "id DESC"], ""),
    "review_spoilers_newest_idx": (["date DESC", "id DESC"], '"has_spoilers"'),
    "review_no_spoilers_newest_idx": (["date DESC", "id DESC"], 'NOT "has_spoilers"'),
}


def column_sql(column: str, vendor: str) -> str:
    name, _, direction = column.partition(" ")
    sql = f'"{name}" {direction}'.strip()
    if vendor == "postgresql" and direction == "DESC" and name in NULLABLE:
        sql += " NULLS LAST"
    return sql


def index_sql(name: str, vendor: str, *, covering: bool) -> str:
    columns, condition = LIST_INDEXES[name]
    keys = [column_sql(c, vendor) for c in columns]
    extra = []
    if covering:
        named = {c.partition(" ")[0] for c in columns}
        extra = [f'"{c}"' for c in FILTERED if c not in named]
    if extra and vendor == "sqlite":
        keys, extra = keys + extra, []
    include = f" INCLUDE ({', '.join(extra)})" if extra else ""
    where = 'NOT "is_hidden"' + (f" AND {condition}" if condition else "")
    return f'CREATE INDEX "{name}" ON "reviews_review" ({", ".join(keys)}){include} WHERE {where}'


def rebuild(*, covering: bool):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        # An interrupted first load left these to build at its end, as they were: they are
        # built here, as they are now.
        apps.get_model("reviews", "DeferredIndex").objects.filter(name__in=LIST_INDEXES).delete()
        for name in LIST_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
            schema_editor.execute(index_sql(name, vendor, covering=covering))
        # The planner's statistics of the dropped indexes went with them.
        schema_editor.execute('ANALYZE "reviews_review"')

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0010_deferred_index"),
    ]

    operations = [
        migrations.RunPython(rebuild(covering=True), rebuild(covering=False), elidable=False),
    ]
