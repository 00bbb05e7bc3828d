"""Full-text search over reviews: the folded `search_text` of each review, indexed.

SQLite: an FTS5 table over the review table's column (external content), kept in step by
triggers, so that every way a review is written (the ORM, the importer's executemany, the admin)
updates it. PostgreSQL: a GIN index on the same expression `Review.objects.matching` filters by.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE "reviews_review_fts" USING fts5(
        search_text, content='reviews_review', content_rowid='id'
    )""",
    """CREATE TRIGGER "reviews_review_fts_insert" AFTER INSERT ON "reviews_review" BEGIN
        INSERT INTO "reviews_review_fts" (rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER "reviews_review_fts_delete" AFTER DELETE ON "reviews_review" BEGIN
        INSERT INTO "reviews_review_fts" ("reviews_review_fts", rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER "reviews_review_fts_update" AFTER UPDATE OF search_text ON "reviews_review"
    BEGIN
        INSERT INTO "reviews_review_fts" ("reviews_review_fts", rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO "reviews_review_fts" (rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """INSERT INTO "reviews_review_fts" ("reviews_review_fts") VALUES ('rebuild')""",
]
SQLITE_REVERSE = [
    'DROP TRIGGER "reviews_review_fts_update"',
    'DROP TRIGGER "reviews_review_fts_delete"',
    'DROP TRIGGER "reviews_review_fts_insert"',
    'DROP TABLE "reviews_review_fts"',
]
POSTGRESQL = [
    """CREATE INDEX "review_search_text_fts_idx" ON "reviews_review"
    USING gin (to_tsvector('simple'::regconfig, "search_text"))""",
]
POSTGRESQL_REVERSE = ['DROP INDEX "review_search_text_fts_idx"']


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_review_sort_indexes"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
            elidable=False,
        ),
    ]
