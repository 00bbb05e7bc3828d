"""Every public list of reviews is read through an index that gives its order: no sort of the
filtered rows, whatever their number. Checked with the database's own EXPLAIN, on SQLite and
on PostgreSQL (where the planner is told to avoid sorts and sequential scans when it can: on a
test database of 81 reviews it would rightly prefer them)."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from reviews.filters import REVIEW_SORTS, ReviewFilter
from reviews.models import Film, Person, PersonAlias, Reviewer
from reviews.pagination import CappedPaginator, after, sort_keys
from reviews.people import people_with_spellings_opening
from reviews.views import visible_reviews

pytestmark = pytest.mark.django_db

# SQLite plans by the statistics ANALYZE stored (the import runs it). Those of the test database
# describe 81 reviews; scaled to an archive of some 400,000 reviews by 200,000 reviewers (and
# thousands of films' titles and runs' warnings), they make SQLite choose as it would there (a
# join to the films then reads them first and sorts).
ARCHIVE_SCALE = {
    "reviews_review": 5000,
    "reviews_reviewer": 3000,
    "reviews_filmtitle": 1000,
    "reviews_importwarning": 1000,
}


@pytest.fixture(autouse=True)
def large_archive_statistics(db):
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1")
        saved = cursor.fetchall()
        assert any(tbl == "reviews_review" for tbl, _, _ in saved), "no statistics: ANALYZE"
        for tbl, idx, stat in saved:
            if tbl in ARCHIVE_SCALE:
                rows, *rest = stat.split(" ")
                scaled = " ".join([str(int(rows) * ARCHIVE_SCALE[tbl]), *rest])
                cursor.execute(
                    "UPDATE sqlite_stat1 SET stat = %s WHERE tbl = %s AND idx IS %s",
                    [scaled, tbl, idx],
                )
        cursor.execute("ANALYZE sqlite_schema")  # the planner reads the statistics again
    yield
    with connection.cursor() as cursor:
        for tbl, idx, stat in saved:
            cursor.execute(
                "UPDATE sqlite_stat1 SET stat = %s WHERE tbl = %s AND idx IS %s", [stat, tbl, idx]
            )
        cursor.execute("ANALYZE sqlite_schema")


def plan(queryset, *, avoid_sort=True) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"SET LOCAL enable_sort = {'off' if avoid_sort else 'on'}")
    return queryset.explain()


def assert_ordered_by_an_index(queryset):
    text = plan(queryset)
    if connection.vendor == "postgresql":
        assert "Sort" not in text, text
        assert "review_" in text and "_idx" in text, text
    else:
        assert "TEMP B-TREE FOR ORDER BY" not in text, text
        # The reviews are the outer loop: with analysed statistics of a large archive SQLite
        # would otherwise read the films first and sort (a join to the film table does that).
        assert (
            text.splitlines()[0]
            .split(" ", 3)[3]
            .startswith(("SCAN reviews_review", "SEARCH reviews_review"))
        ), text
        assert "USING INDEX review_" in text or "USING COVERING INDEX review_" in text, text


def review_list(**params):
    query = QueryDict(mutable=True)
    query.update(params)
    rows = visible_reviews().order_by(*REVIEW_SORTS["newest"][1])
    filterset = ReviewFilter(query, queryset=rows)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


@pytest.mark.parametrize("sort", list(REVIEW_SORTS))
def test_every_sort_of_the_review_list_reads_an_index_in_order(sort):
    assert_ordered_by_an_index(review_list(sort=sort)[:20])


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "highest", "rating_min": "6", "date_after": "1995-01-01"},
        {"sort": "newest", "date_after": "2000-01-01", "date_before": "2010-12-31"},
        {"sort": "newest", "spoilers": "hide"},
        {"sort": "newest", "spoilers": "only"},
        {"sort": "helpful", "helpful_min": "1"},
    ],
    ids=["rating-and-dates", "date-range", "no-spoilers", "only-spoilers", "helpful"],
)
def test_filtered_review_lists_read_an_index_in_order(params):
    assert_ordered_by_an_index(review_list(**params)[:20])


@pytest.mark.parametrize(
    "params",
    [
        {"rating_min": "6", "date_after": "1995-01-01", "sequel": "original"},
        {"sequel": "sequel", "spoilers": "only"},
        {"helpful_min": "1", "date_after": "2000-01-01"},
        {"rating_max": "4", "spoilers": "hide"},
    ],
    ids=["rating-dates-originals", "sequels-spoilers", "helpful-dates", "low-no-spoilers"],
)
def test_a_filtered_review_lists_count_reads_an_index_alone(params):
    """The count of a list's matches (up to the cap) never reads the review table: every
    column the lists filter on is in their indexes (on 500,000 reviews, the sequels' reviews
    with spoilers took 78 ms to count through the table, 6 ms through the index)."""
    rows = CappedPaginator(review_list(**params), 20).counted_rows().values("pk")
    if connection.vendor == "postgresql":
        # A bitmap scan always reads the table; on 81 rows the planner would choose one.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    text = plan(rows, avoid_sort=False)
    if connection.vendor == "postgresql":
        assert "Index Only Scan using review_" in text, text
        assert "Index Scan using review_" not in text, text
    else:
        review_steps = [line for line in text.splitlines() if "reviews_review " in line]
        assert review_steps and all(
            "USING COVERING INDEX review_" in line for line in review_steps
        ), text


def test_a_films_reviews_and_a_reviewers_read_their_own_index():
    film = Film.objects.filter(review_count__gt=0).first()
    assert_ordered_by_an_index(review_list(film=film.slug)[:20])
    assert_ordered_by_an_index(visible_reviews(film).order_by(*REVIEW_SORTS["helpful"][1])[:5])
    reviewer = Reviewer.objects.filter(review_count__gt=0).first()
    assert_ordered_by_an_index(
        visible_reviews().filter(reviewer=reviewer).order_by(*REVIEW_SORTS["newest"][1])[:20]
    )


@pytest.mark.parametrize("params", ["film={film}&sort=highest", "q=film&sort=lowest"])
def test_a_list_the_database_must_sort_sorts_keys_not_whole_reviews(client, params):
    """A film's reviews by rating, a search's few matches: no index gives the order, and the
    database sorts. It sorts the reviews' keys (and the sort's values), not their texts; the
    page's reviews are read by key, and shown in the sorted order."""
    film = Film.objects.filter(review_count__gt=1).order_by("-review_count").first()
    query = params.format(film=film.slug)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/reviews/?{query}")
    assert response.status_code == 200
    statements = [q["sql"] for q in queries if '"reviews_review"' in q["sql"]]
    sorted_keys = [sql for sql in statements if "ORDER BY" in sql and "LIMIT" in sql]
    read_whole = [sql for sql in statements if '"reviews_review"."body"' in sql]
    assert sorted_keys and read_whole, statements
    assert not any('"reviews_review"."body"' in sql for sql in sorted_keys), sorted_keys
    assert not any("ORDER BY" in sql for sql in read_whole), read_whole
    links = re.findall(r'href="/reviews/(\d+)/"', response.content.decode())
    shown = [int(pk) for pk in dict.fromkeys(links)]  # a card links to its review twice
    expected = review_list(**QueryDict(query).dict()).values_list("pk", flat=True)
    assert len(shown) > 1 and shown == list(expected[: len(shown)])


@pytest.mark.parametrize("sort", ["newest", "highest", "helpful"])
def test_a_cursor_page_starts_at_its_place_in_the_index(sort):
    rows = review_list(sort=sort)
    keys = sort_keys(rows)
    last = rows[10]
    values = [getattr(last, name) for name, _ in keys]
    assert_ordered_by_an_index(after(rows, keys, values)[:20])


def test_text_search_reads_the_full_text_index():
    """The count of a word's matches comes from the full-text index alone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM reviews_review "
                "WHERE search_vector @@ to_tsquery('simple', 'pusher:*') LIMIT 1001"
            )
            probe = "\n".join(row[0] for row in cursor.fetchall())
        assert "Bitmap Index Scan on review_search_vector_idx" in probe, probe
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM reviews_review_fts "
                "WHERE reviews_review_fts MATCH '\"pusher\"*' LIMIT 1001"
            )
            probe = "\n".join(str(row) for row in cursor.fetchall())
        assert "VIRTUAL TABLE INDEX" in probe, probe


def test_text_search_sorts_a_few_matches_and_walks_the_index_for_many(monkeypatch):
    """A word few reviews hold: their keys, then a sort of those alone. A common word: the
    sort's index is walked, each row checked against the matches, until a page is found (on
    SQLite, sorting every match of a word most of 500,000 reviews hold took 0.6 s)."""
    from reviews import models

    newest = REVIEW_SORTS["newest"][1]
    few = visible_reviews().matching("pusher")
    assert few.count() > 1
    assert "search_vector" not in str(few.query) and "reviews_review_fts" not in str(few.query)
    monkeypatch.setattr(models, "FEW_TEXT_MATCHES", 0)
    many = visible_reviews().matching("pusher")
    assert list(many.order_by(*newest)) == list(few.order_by(*newest))
    assert_ordered_by_an_index(many.order_by(*newest)[:20])
    assert_ordered_by_an_index(many.order_by(*REVIEW_SORTS["helpful"][1])[:20])


def test_the_importers_lookups_by_title_and_file_read_an_index():
    """Each imported document looks its film up by title and its queued warnings up by file
    name: a search of an index, not a scan of every film's titles or of every warning."""
    from reviews.importing import queued_warnings
    from reviews.models import FilmTitle

    for queryset in (
        FilmTitle.objects.filter(key="pusher 2").values("film_id"),
        queued_warnings("001.xml"),
    ):
        text = plan(queryset, avoid_sort=False)
        if connection.vendor == "postgresql":
            assert "Index" in text and "Seq Scan" not in text, text
        else:
            assert "SEARCH" in text and "INDEX" in text and "SCAN" not in text, text


def test_the_names_a_name_opens_are_read_through_the_spellings_index():
    """The importer looks for `Andrew Lau Wai-Keung` when a document names `Andrew Lau`: a read of
    the spellings' index, not of all of them."""
    subquery = people_with_spellings_opening(["andrew lau ", "alan mak "])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # No sequential scan, and no whole index read in order (of the person ids): what
            # is left is an index the LIKE of a prefix can serve, or nothing.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_indexonlyscan = off")
            cursor.execute(f"EXPLAIN {subquery.sql}", subquery.params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {subquery.sql}", subquery.params)
        text = "\n".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        assert "Bitmap Index Scan on reviews_personalias_folded" in text, text
        assert "Seq Scan" not in text, text
    else:
        assert "USING INDEX reviews_personalias_folded" in text, text


def test_a_name_opens_the_names_that_add_words_to_it(db):
    names = ["Andrew Lau Wai-Keung", "Andrew Laurel", "Andrew La", "Andrew Lau", "Alan_Mak x"]
    for name in names:
        person = Person.objects.create(name=name, slug=name.replace(" ", "-"))
        PersonAlias.objects.create(person=person, name=name)
    found = Person.objects.filter(pk__in=people_with_spellings_opening(["andrew lau ", "alan%"]))
    assert list(found.values_list("name", flat=True)) == ["Andrew Lau Wai-Keung"]
