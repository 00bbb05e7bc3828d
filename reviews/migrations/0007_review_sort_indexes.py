"""The public review lists' indexes: one per sort, on visible reviews only.

The sorts put empty values last. SQLite sorts NULL first ascending and last descending and has
no NULLS LAST in CREATE INDEX; PostgreSQL sorts NULL last ascending and first descending and
takes NULLS LAST in an index. So the same index is written for each database, with NULLS LAST
where PostgreSQL needs it. `tests/test_query_plans.py` checks the lists use them.
"""

from django.db import migrations

NULLABLE = {"date", "rating", "helpful_yes"}
SORT_INDEXES = {
    "review_newest_idx": ["date DESC", "id DESC"],
    "review_oldest_idx": ["date", "id"],
    "review_highest_idx": ["rating DESC", "date DESC", "id DESC"],
    "review_lowest_idx": ["rating", "date DESC", "id DESC"],
    "review_helpful_idx": ["helpful_yes DESC", "date DESC", "id DESC"],
    "review_film_newest_idx": ["film_id", "date DESC", "id DESC"],
    "review_film_helpful_idx": ["film_id", "helpful_yes DESC", "date DESC", "id DESC"],
    "review_reviewer_newest_idx": ["reviewer_id", "date DESC", "id DESC"],
}
# Booleans are filtered as bare columns (`WHERE "has_spoilers"`), which no index prefix serves:
# the reviews with and without spoilers get a partial index each.
PARTIAL = {
    "review_spoilers_newest_idx": (["date DESC", "id DESC"], '"has_spoilers"'),
    "review_no_spoilers_newest_idx": (["date DESC", "id DESC"], 'NOT "has_spoilers"'),
}


def column_sql(column: str, vendor: str) -> str:
    name, _, direction = column.partition(" ")
    sql = f'"{name}" {direction}'.strip()
    if vendor == "postgresql" and direction == "DESC" and name in NULLABLE:
        sql += " NULLS LAST"
    return sql


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    indexes = {name: (columns, "") for name, columns in SORT_INDEXES.items()} | PARTIAL
    for name, (columns, condition) in indexes.items():
        schema_editor.execute(
            f'CREATE INDEX "{name}" ON "reviews_review" '
            f"({', '.join(column_sql(c, vendor) for c in columns)}) "
            f'WHERE NOT "is_hidden"{f" AND {condition}" if condition else ""}'
        )


def drop(apps, schema_editor):
    for name in [*SORT_INDEXES, *PARTIAL]:
        schema_editor.execute(f'DROP INDEX "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_review_import_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="review", name="reviews_rev_film_id_155651_idx"),
        migrations.RemoveIndex(model_name="review", name="reviews_rev_is_hidd_56ffa6_idx"),
        migrations.RemoveIndex(model_name="review", name="reviews_rev_is_hidd_6119de_idx"),
        migrations.RemoveIndex(model_name="review", name="reviews_rev_is_hidd_e286e1_idx"),
        migrations.RemoveIndex(model_name="review", name="reviews_rev_reviewe_4b038b_idx"),
        migrations.RemoveIndex(model_name="review", name="reviews_rev_is_hidd_3f643c_idx"),
        migrations.RunPython(create, drop, elidable=False),
    ]
