"""Public pages: GET and HEAD only, a fixed number of queries each, validators for 304s."""

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from functools import wraps
from itertools import groupby, islice

from django.core.cache import caches
from django.db import connection
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Sum, When
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from . import charts, structured_data
from .filters import FILM_SORTS, REVIEW_SORTS, FilmFilter, PersonFilter, ReviewFilter
from .importers.records import SOURCE_RANK
from .models import (
    Character,
    Credit,
    DataVersion,
    Film,
    FilmTitle,
    Person,
    PersonAlias,
    Review,
    Reviewer,
    Series,
    searched_words,
)
from .pagination import paginate
from .text import (
    closes_with_numeral,
    fold,
    numeral_forms,
    split_title,
    title_key,
    written_alike,
)

PAGE_SIZE = {"films": 24, "reviews": 20, "people": 48, "series": 24}
HOME_SERIES = 6
PAGE_CACHE_SECONDS = 24 * 3600  # the key changes with the data, so this is only a bound
EXPORT_FORMATS = ("json", "csv")
# Rows an export reads from the database at a time; it writes a tenth of that at a time (one
# write per row cost a system call each).
EXPORT_CHUNK = 2000


def _data_state(request) -> tuple[int, object]:
    """(version, changed_at) of the data, read once per request."""
    if not hasattr(request, "_data_state"):
        request._data_state = DataVersion.current()
    return request._data_state


def data_version(request) -> int:
    """The counter imports and admin changes move."""
    return _data_state(request)[0]


def _last_modified(request, *args, **kwargs):
    return _data_state(request)[1]


def _page_key(request) -> str:
    # A stable digest: str hashes differ between processes, and so between gunicorn workers.
    digest = hashlib.sha1(request.get_full_path().encode()).hexdigest()[:16]
    return f"v{data_version(request)}-{digest}"


def _etag(request, *args, **kwargs):
    return f'"{_page_key(request)}"'


def public_page(view):
    """GET/HEAD only; an ETag from the data version, so an unchanged page answers 304; whole
    pages cached (the `pages` cache) until the data changes."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        pages = caches["pages"]
        key = f"page:{_page_key(request)}"
        cached = pages.get(key)
        if cached is not None:
            status, content_type, content = cached
            response = HttpResponse(content, status=status, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                pages.set(
                    key, (200, response["Content-Type"], response.content), PAGE_CACHE_SECONDS
                )
        patch_cache_control(response, public=True, max_age=60)
        return response

    return require_safe(condition(etag_func=_etag, last_modified_func=_last_modified)(wrapped))


@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


# -- helpers ------------------------------------------------------------------------------------


def query_without_page(request) -> str:
    params = request.GET.copy()
    for name in ("page", "after", "format"):
        params.pop(name, None)
    return params.urlencode()


def list_page(request, *, filterset, template, per_page, export, extra=None, display=None):
    """A filtered, sorted, paginated list; `?format=json|csv` exports every row of it.
    `display`: the rows as shown, when the page is to be found by its keys first
    (`pagination.CappedPaginator`)."""
    if not filterset.is_valid():
        context = {"filter": filterset, "page_obj": None, "query": query_without_page(request)}
        return render(request, template, {**context, **(extra or {})}, status=400)
    rows = filterset.qs
    exported = export_if_asked(request, rows, export)
    if exported is not None:
        return exported
    page = paginate(request, rows, per_page, display=display)
    context = {"filter": filterset, "page_obj": page, "query": query_without_page(request)}
    return render(request, template, {**context, **(extra or {})})


def export_if_asked(request, rows, export):
    """`?format=json|csv`: the export response; another format: 400; none: None."""
    wanted = request.GET.get("format")
    if wanted in EXPORT_FORMATS:
        return export_response(rows, export, wanted, request)
    if wanted:
        return HttpResponse("Unknown format.\n", status=400, content_type="text/plain")
    return None


def batched(items, size: int):
    """Lists of `size` items (the last may be shorter); itertools.batched from Python 3.12."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def export_response(rows, export, wanted, request):
    """Stream every row of the filtered, sorted set, never holding it all in memory."""
    fields, row_of = export
    iterator = (row_of(obj, request) for obj in rows.iterator(chunk_size=EXPORT_CHUNK))
    if wanted == "json":
        encode = json.JSONEncoder(ensure_ascii=False, default=str).encode

        def chunks():
            yield "["
            for i, batch in enumerate(batched(iterator, EXPORT_CHUNK // 10)):
                yield ("," if i else "") + ",".join("\n" + encode(row) for row in batch)
            yield "\n]\n"

        return StreamingHttpResponse(chunks(), content_type="application/json")

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow(fields)
        for batch in batched(iterator, EXPORT_CHUNK // 10):
            yield "".join(writer.writerow([row[name] for name in fields]) for row in batch)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="export.csv"'
    return response


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


FILM_EXPORT = (
    [
        "slug",
        "title",
        "year",
        "series",
        "series_position",
        "imdb_rating",
        "average_rating",
        "review_count",
        "url",
    ],
    lambda f, request: {
        "slug": f.slug,
        "title": f.title,
        "year": f.year,
        "series": f.series.name if f.series_id else None,
        "series_position": f.series_position,
        "imdb_rating": str(f.imdb_rating) if f.imdb_rating is not None else None,
        "average_rating": str(f.average_rating) if f.average_rating is not None else None,
        "review_count": f.review_count,
        "url": absolute(request, f),
    },
)

REVIEW_EXPORT = (
    [
        "id",
        "film",
        "film_year",
        "reviewer",
        "title",
        "date",
        "rating",
        "rating_source",
        "helpful_yes",
        "helpful_total",
        "has_spoilers",
        "body",
        "url",
    ],
    lambda r, request: {
        "id": r.pk,
        "film": r.film.title,
        "film_year": r.film.year,
        "reviewer": r.reviewer.username if r.reviewer_id else None,
        "title": r.title,
        "date": r.date.isoformat() if r.date else None,
        "rating": str(r.rating) if r.rating is not None else None,
        "rating_source": r.rating_source or None,
        "helpful_yes": r.helpful_yes,
        "helpful_total": r.helpful_total,
        "has_spoilers": r.has_spoilers,
        "body": r.body,
        "url": absolute(request, r),
    },
)

PERSON_EXPORT = (
    ["slug", "name", "url"],
    lambda p, request: {"slug": p.slug, "name": p.name, "url": absolute(request, p)},
)


def visible_reviews(film=None):
    """Reviews as the pages show them; `film`'s alone when given.

    The film in a second query, not a join: with the join SQLite reads the films first and
    sorts their reviews instead of walking the sort's index (tests/test_query_plans.py). One
    film's reviews know their film without it. The folded copy of the text that search reads is
    never shown."""
    rows = film.reviews.visible() if film else Review.objects.visible().prefetch_related("film")
    return rows.select_related("reviewer").defer("search_text")


# -- pages --------------------------------------------------------------------------------------


@public_page
def home(request):
    films = Film.objects.for_cards().order_by("series__name", "series_position", "year")
    reviews = visible_reviews()
    context = {
        # A few series, not all of them: the home page stays the same size as the archive grows.
        "series_list": Series.objects.order_by("name").prefetch_related(
            Prefetch("films", queryset=Film.objects.order_by("series_position"))
        )[:HOME_SERIES],
        "films": films[:12],
        "helpful_reviews": reviews.filter(helpful_yes__gt=0).order_by(*REVIEW_SORTS["helpful"][1])[
            :5
        ],
        "newest_reviews": reviews.order_by(*REVIEW_SORTS["newest"][1])[:5],
        "counts": archive_counts(request),
    }
    return render(request, "reviews/home.html", context)


def archive_counts(request) -> dict[str, int]:
    """The archive's totals, counted once per data version (counting 300,000 reviewers took 14
    ms, half of the home page)."""

    def count():
        return {
            "series": Series.objects.count(),
            "films": Film.objects.count(),
            "people": Person.objects.count(),
            # The films' stored counts: counting the reviews themselves reads them all.
            "reviews": Film.objects.aggregate(n=Sum("review_count"))["n"] or 0,
            "reviewers": Reviewer.objects.filter(review_count__gt=0).count(),
        }

    # In the pages' cache: what is valid for one data version.
    key = f"archive-counts:v{data_version(request)}"
    return caches["pages"].get_or_set(key, count, PAGE_CACHE_SECONDS)


@public_page
def film_list(request):
    films = Film.objects.for_cards().order_by(*FILM_SORTS["year"][1])
    return list_page(
        request,
        filterset=FilmFilter(request.GET, queryset=films),
        template="reviews/film_list.html",
        per_page=PAGE_SIZE["films"],
        export=FILM_EXPORT,
    )


def parts_together(credits: list[Credit]) -> list[Credit]:
    """The credits, an actor's several parts in one film (`Marty McFly / Marty McFly Jr.`: one
    billing, a credit each) as the first's, in its `parts`; every credit has its `parts`."""
    together: list[Credit] = []
    for credit in credits:
        last = together[-1] if together else None
        if (
            last is not None
            and credit.character_id
            and last.parts
            and (last.film_id, last.person_id, last.role, last.billing_order)
            == (credit.film_id, credit.person_id, credit.role, credit.billing_order)
        ):
            last.parts.append(credit.character)
            continue
        credit.parts = [credit.character] if credit.character_id else []
        together.append(credit)
    return together


def best_list_first(credit: Credit) -> tuple:
    """A film's credits in the billing of the best document that lists them (a dump's cast
    before a kit's, `SOURCE_RANK`; staff's before any), then those only other lists give, in
    theirs: a kit's list in the alphabet put the actors the dump leaves out between the dump's
    (each credit keeps the billing of the best list that gives it, and its source is that
    list's). Unbilled credits last."""
    rank = SOURCE_RANK.get(credit.source.format, 0) if credit.source_id else len(SOURCE_RANK)
    return (credit.billing_order is None, -rank if credit.billing_order is not None else 0)


def shown_once(rows, key) -> list:
    """A film's rows of a fact by territory (certificates, releases, runtimes), less one of no
    territory and no note whose `key` a territory's row gives again: a dump's `Certificate: R`
    beside `Motion Picture Rating (MPAA): Rated R for …`, `Runtime: 103 min` beside `UK: 103
    mins`. A row whose key is None (a release with no day) is always shown."""
    rows = list(rows)
    said = {key(row) for row in rows if row.territory} - {None}
    return [
        row
        for row in rows
        if row.territory or getattr(row, "note", "") or key(row) is None or key(row) not in said
    ]


@public_page
def film_detail(request, slug):
    film = get_object_or_404(Film.objects.select_related("series"), slug=slug)
    # The billed cast in its order, then the parts only a synopsis names (no billing), on
    # every database (SQLite sorts nulls first, PostgreSQL last).
    credits = list(
        film.credits.select_related("person", "character", "source").order_by(
            F("billing_order").asc(nulls_last=True), "person__name", "pk"
        )
    )
    credits.sort(key=best_list_first)
    # The voices of another version (`voice: English version`) after the film's own, in their
    # billing: not one dub's voice between two of the original's.
    credits.sort(key=lambda credit: "version" in credit.note)
    series_films = (
        list(film.series.films.order_by("series_position").prefetch_related("titles"))
        if film.series_id
        else []
    )
    position = next((i for i, f in enumerate(series_films) if f.pk == film.pk), None)
    # Other titles, less the shown one written otherwise (`I'm` for `I’m`, `Hornet's` for
    # `Hornets'`: `written_alike`) and its short forms (`Rocky 2` beside `Rocky II: The Return`:
    # the same main title, numerals and case aside, and no subtitle of its own).
    shown = title_key(film.title)
    all_titles = list(film.titles.all())
    titles = [
        t
        for t in all_titles
        if not written_alike(t.title, film.title)
        and (title_key(t.title) != shown or split_title(t.title)[1])
    ]
    notes = defaultdict(list)
    # Each document's notes together, in its order (two kits' press notes, each under its
    # headings, not shuffled together by their places in their kits).
    for note in film.notes.order_by(
        "kind", F("source__name").asc(nulls_last=True), "position", "pk"
    ):
        notes[note.kind].append(note)
    # Read here (each once, as the page would) to know whether the page has facts to show.
    facts = {
        "releases": shown_once(
            film.releases.all(), lambda r: (r.medium, r.date) if r.date else None
        ),
        "runtimes": shown_once(
            film.runtimes.order_by("territory", "minutes", "note"), lambda r: r.minutes
        ),
        "certificates": shown_once(film.certificates.all(), lambda c: c.rating),
        "distributors": list(film.distributors.all()),
        "money": list(film.money.all()),
    }
    context = {
        "film": film,
        "directors": [c for c in credits if c.role == Credit.Role.DIRECTOR],
        "writers": [c for c in credits if c.role == Credit.Role.WRITER],
        "producers": [c for c in credits if c.role == Credit.Role.PRODUCER],
        "composers": [c for c in credits if c.role == Credit.Role.COMPOSER],
        "cast": parts_together([c for c in credits if c.role == Credit.Role.CAST]),
        # The makers among the facts, each role that has any: (its label, its credits).
        "crew": [
            (role.label, makers)
            for role in Credit.Role
            if role != Credit.Role.CAST and (makers := [c for c in credits if c.role == role])
        ],
        "original_titles": [t.title for t in titles if t.is_original],
        "other_titles": [t.title for t in titles if not t.is_original],
        # Shown under a title a document gives it otherwise (its English title, say), no
        # document having given it one of its own: a title still, not a made-up name.
        "shown_under_other_title": film.title_is_provisional
        and any(t.title == film.title for t in all_titles),
        "series_films": series_films,
        # What a kit's prose writes in capitals and the page shows as titles (`cite_films`).
        "title_forms": [t.title for t in all_titles],
        "previous_film": series_films[position - 1] if position else None,
        "next_film": (
            series_films[position + 1]
            if position is not None and position + 1 < len(series_films)
            else None
        ),
        **facts,
        "has_facts": any(facts.values())
        or any(c.role != Credit.Role.CAST for c in credits)
        or any(
            notes.get(kind)
            for kind in (
                "genre",
                "keyword",
                "country",
                "language",
                "location",
                "tagline",
                "company",
                "technical",
            )
        ),
        "notes": notes,
        "quotes": film.quotes.prefetch_related("lines"),
        "top_reviews": visible_reviews(film).order_by(*REVIEW_SORTS["helpful"][1])[:5],
        "histogram": charts.rating_histogram(film.rating_histogram),
        "per_year": charts.reviews_per_year(film.reviews_per_year),
    }
    context["structured_data"] = structured_data.movie(request, film, context)
    return render(request, "reviews/film_detail.html", context)


@public_page
def review_list(request):
    reviews = visible_reviews().order_by(*REVIEW_SORTS["newest"][1])
    filterset = ReviewFilter(request.GET, queryset=reviews)
    # The film filter is a hidden field (a list of every film would not do): the page says
    # which film it shows, with a way back to all of them.
    film = filterset.form.cleaned_data.get("film") if filterset.is_valid() else None
    params = request.GET.copy()
    for name in ("film", "page", "after"):
        params.pop(name, None)
    return list_page(
        request,
        filterset=filterset,
        template="reviews/review_list.html",
        per_page=PAGE_SIZE["reviews"],
        export=REVIEW_EXPORT,
        extra={"film": film, "all_films_query": params.urlencode()},
        # A review's text is most of its row: a film's reviews sorted by rating took 44 ms
        # sorted whole on 200,000 reviews, 7 ms found by key first.
        display=visible_reviews(),
    )


@public_page
def review_detail(request, pk):
    review = get_object_or_404(visible_reviews(), pk=pk)
    return render(
        request,
        "reviews/review_detail.html",
        {"review": review, "structured_data": structured_data.review(request, review)},
    )


@public_page
def person_list(request):
    return list_page(
        request,
        filterset=PersonFilter(request.GET, queryset=Person.objects.order_by("name", "id")),
        template="reviews/person_list.html",
        per_page=PAGE_SIZE["people"],
        export=PERSON_EXPORT,
    )


@public_page
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    credits = person.credits.select_related("film", "character").order_by(
        "film__year", "film__title", "film_id", "role", "billing_order", "pk"
    )
    filmography = defaultdict(list)
    films = {}
    for credit in credits:
        films[credit.film_id] = credit.film
        filmography[credit.film_id].append(credit)
    context = {
        "person": person,
        "filmography": [(films[pk], parts_together(filmography[pk])) for pk in films],
        # Spellings, not the same one in capitals (`ANN LEE` beside `Ann Lee`), nor one whose
        # letters a copy lost as `?` (`Zlatko Buri?`: kept, for the import, not shown).
        "other_names": [
            a
            for a in person.aliases.all()
            if a.name.casefold() != person.name.casefold() and "?" not in a.name
        ],
    }
    context["structured_data"] = structured_data.person(request, person, context["other_names"])
    return render(request, "reviews/person_detail.html", context)


@public_page
def series_list(request):
    series = Series.objects.order_by("name", "id").prefetch_related(
        Prefetch("films", queryset=Film.objects.order_by("series_position"))
    )
    page = paginate(request, series, PAGE_SIZE["series"])
    return render(
        request,
        "reviews/series_list.html",
        {"page_obj": page, "query": query_without_page(request)},
    )


def played_in_turn(appearances: list[Credit]) -> list[tuple[Person, list[Film]]]:
    """A character's credits in the series' order, as who played it in which films: an actor
    once for the films in a row they played it in (`Mickey Rourke in Sin City and Sin City: A
    Dame to Kill For`), each film once. Of two who played it in one film, the one who played
    it in the film before goes on first (`Nick Castle in Halloween (1978) and Halloween (2018)`,
    then the actor who shared the part with him in the second)."""
    turns: list[tuple[Person, list[Film]]] = []
    for _, of_film in groupby(appearances, key=lambda credit: credit.film_id):
        of_film = list(of_film)
        if turns:
            of_film.sort(key=lambda credit: credit.person_id != turns[-1][0].pk)
        for credit in of_film:
            if turns and turns[-1][0].pk == credit.person_id:
                if credit.film not in turns[-1][1]:
                    turns[-1][1].append(credit.film)
            else:
                turns.append((credit.person, [credit.film]))
    return turns


def titles_shared(films: Iterable[Film]) -> set[str]:
    """Those of the films' titles another film of the archive has too (`Halloween`, 1978 and
    2018): the lists that name films by title alone give their years."""
    titles = {film.title for film in films}
    return set(
        Film.objects.filter(title__in=titles)
        .values("title")
        .annotate(films=Count("pk"))
        .filter(films__gt=1)
        .values_list("title", flat=True)
    )


@public_page
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    films = list(series.films.for_cards().order_by("series_position"))
    credits = Credit.objects.filter(film__series=series, character__isnull=False).select_related(
        "character", "person", "film"
    )
    by_character = defaultdict(list)
    for credit in credits.order_by("film__series_position", "billing_order"):
        by_character[credit.character].append(credit)
    recurring = [
        (character, played_in_turn(appearances))
        for character, appearances in sorted(by_character.items(), key=lambda kv: kv[0].name)
        if len({c.film_id for c in appearances}) > 1
    ]
    return render(
        request,
        "reviews/series_detail.html",
        {
            "series": series,
            "films": films,
            "recurring": recurring,
            "shared_titles": titles_shared(
                film for _, turns in recurring for _, played_in in turns for film in played_in
            ),
        },
    )


@public_page
def reviewer_detail(request, slug):
    reviewer = get_object_or_404(Reviewer, slug=slug)
    reviews = visible_reviews().filter(reviewer=reviewer).order_by(*REVIEW_SORTS["newest"][1])
    exported = export_if_asked(request, reviews, REVIEW_EXPORT)
    if exported is not None:
        return exported
    page = paginate(request, reviews, PAGE_SIZE["reviews"], display=visible_reviews())
    return render(
        request,
        "reviews/reviewer_detail.html",
        {"reviewer": reviewer, "page_obj": page, "query": query_without_page(request)},
    )


SEARCH_LIMIT = 20


@public_page
def search(request):
    query = (request.GET.get("q") or "").strip()
    if len(query) > 200 or "\x00" in query:
        return render(
            request,
            "reviews/search.html",
            {"query_text": query[:200], "error": "Search for at most 200 characters."},
            status=400,
        )
    folded = fold(query)
    results = {}
    if folded:
        # Its numbers as any title writes them: `rocky 2` finds `Rocky II: The Return`,
        # `mission impossible 3` finds `Mission: Impossible III`.
        written = Q()
        for form in numeral_forms(folded):
            if closes_with_numeral(form):  # a whole word: `rocky ii` is not in `rocky iii`
                written |= Q(folded__endswith=f" {form}") | Q(folded__contains=f"{form} ")
                written |= Q(folded=form)
            else:
                written |= Q(folded__contains=form)
        film_ids = FilmTitle.objects.filter(written).values("film_id")
        results = {
            # The closest first: a title or name that is the query, then those that begin
            # with it, then the others (a search for "m" finds the film called "M" on top).
            "films": found_as(
                Film.objects.filter(
                    Q(pk__in=film_ids)
                    | (Q() if closes_with_numeral(folded) else Q(title__icontains=query))
                )
                .distinct()
                .annotate(
                    closeness=closeness("title", query),
                    matched=first_match(FilmTitle, "film", "title", folded),
                    matched_original=first_match(FilmTitle, "film", "title", folded, "is_original"),
                )
                .order_by("closeness", "year", "title")[:SEARCH_LIMIT],
                "title",
                folded,
            ),
            "people": found_as(
                Person.objects.filter(
                    pk__in=PersonAlias.objects.filter(folded__contains=folded).values("person_id")
                )
                .annotate(
                    closeness=closeness("name", query),
                    matched=first_match(PersonAlias, "person", "name", folded),
                )
                .order_by("closeness", "name")[:SEARCH_LIMIT],
                "name",
                folded,
            ),
            "characters": played_by(
                Credit.objects.filter(
                    character__in=Character.objects.filter(folded_name__contains=folded)
                )
                .select_related("character", "person", "film")
                .order_by(
                    "character__name", "character_id", "film__year", "film_id", "billing_order"
                )[:SEARCH_LIMIT]
            ),
            # Words of one letter alone find titles and names (a film called "M"), not reviews:
            # nearly every review holds a word they begin.
            "reviews": visible_reviews()
            .matching(query)
            .order_by(*REVIEW_SORTS["helpful"][1])[:SEARCH_LIMIT]
            if searched_words(query)
            else [],
        }
    shared_titles = titles_shared(
        film for _, _, films in results.get("characters", ()) for film in films
    )
    return render(
        request,
        "reviews/search.html",
        {"query_text": query, "results": results, "shared_titles": shared_titles},
    )


def played_by(credits) -> list[tuple[Character, Person, list[Film]]]:
    """Credits of parts, a part's together: each part, an actor who played it and the films
    in a row they did (`Mark Renton, played by Ewan McGregor in Trainspotting and T2
    Trainspotting`, not a line a film)."""
    return [
        (character, person, films)
        for character, credits_of_part in groupby(credits, key=lambda c: c.character)
        for person, films in played_in_turn(list(credits_of_part))
    ]


def first_match(model, owner: str, field: str, folded: str, value: str = "") -> Subquery:
    """The first of an owner's titles or spellings (`model`'s `field`) that holds the folded
    query: what a result was found by (or its `value`: whether the title is the original)."""
    return Subquery(
        model.objects.filter(**{owner: OuterRef("pk"), "folded__contains": folded})
        .order_by(field)
        .values(value or field)[:1]
    )


def found_as(results, field: str, folded: str) -> list:
    """The results, each with `found_as`: the other title or spelling it was found by, when
    the one shown does not hold the query (`drei farben` finds Three Colours: Blue)."""
    results = list(results)
    for result in results:
        shown = getattr(result, field)
        result.found_as = result.matched if folded not in fold(shown) else ""
    return results


def closeness(field: str, query: str) -> Case:
    """0 when `field` is the query, 1 when it begins with it, 2 otherwise (case ignored)."""
    return Case(
        When(**{f"{field}__iexact": query}, then=0),
        When(**{f"{field}__istartswith": query}, then=1),
        default=2,
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
