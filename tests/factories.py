"""Small factories for tests: `make_film(**kw)` and friends, each with sensible defaults."""

import itertools
from datetime import date
from decimal import Decimal

from reviews.models import (
    Character,
    Credit,
    Film,
    FilmNote,
    FilmTitle,
    ImportRun,
    MoneyFigure,
    Person,
    PersonAlias,
    Release,
    Review,
    Reviewer,
    Runtime,
    Series,
    SourceDocument,
)
from reviews.text import fingerprint

_counter = itertools.count(1)


def wipe_film_data():
    for model in (Review, Reviewer, Credit, Character, PersonAlias, Person, Film, Series):
        model.objects.all().delete()
    SourceDocument.objects.all().delete()
    ImportRun.objects.all().delete()


def canonical_dump() -> dict:
    """The database's film data without ids or times: equal dumps, equal databases."""
    return {
        "films": sorted(
            Film.objects.values_list(
                "title",
                "slug",
                "year",
                "series__name",
                "series__slug",
                "series_position",
                "imdb_id",
                "review_count",
                "logline",
                "plot",
                "synopsis",
            )
        ),
        "titles": sorted(
            FilmTitle.objects.values_list("film__title", "title", "kind", "is_original")
        ),
        "people": sorted(
            (p.name, tuple(sorted(a.name for a in p.aliases.all())))
            for p in Person.objects.prefetch_related("aliases")
        ),
        "credits": sorted(
            Credit.objects.values_list(
                "film__title",
                "person__name",
                "role",
                "character__name",
                "credited_as",
                "note",
                "billing_order",
            ),
            key=str,
        ),
        "characters": sorted(
            {
                (
                    c.character.name,
                    tuple(sorted(c.character.credits.values_list("film__year", flat=True))),
                )
                for c in Credit.objects.filter(character__isnull=False).select_related("character")
            }
        ),
        "reviews": sorted(
            Review.objects.values_list(
                "film__title",
                "reviewer__username",
                "title",
                "body",
                "date",
                "rating",
                "helpful_yes",
                "has_spoilers",
            ),
            key=str,
        ),
        "facts": sorted(
            [
                *Release.objects.values_list("film__title", "territory", "medium", "date_text"),
                *Runtime.objects.values_list("film__title", "territory", "minutes", "note"),
                *FilmNote.objects.values_list("film__title", "kind", "text"),
                *MoneyFigure.objects.values_list("film__title", "kind", "amount"),
            ],
            key=str,
        ),
    }


def make_series(**kw):
    n = next(_counter)
    kw.setdefault("name", f"Series {n}")
    kw.setdefault("slug", f"series-{n}")
    kw.setdefault("stem", f"series {n}")
    return Series.objects.create(**kw)


def make_film(**kw):
    n = next(_counter)
    kw.setdefault("title", f"Film {n}")
    kw.setdefault("slug", f"film-{n}")
    kw.setdefault("year", 2000)
    return Film.objects.create(**kw)


def make_person(**kw):
    n = next(_counter)
    kw.setdefault("name", f"Person {n}")
    kw.setdefault("slug", f"person-{n}")
    person = Person.objects.create(**kw)
    PersonAlias.objects.create(person=person, name=person.name, documents=["test"])
    return person


def make_reviewer(**kw):
    n = next(_counter)
    kw.setdefault("username", f"reviewer{n}")
    kw.setdefault("slug", f"reviewer{n}")
    return Reviewer.objects.create(**kw)


def make_review(**kw):
    n = next(_counter)
    kw.setdefault("film", kw.get("film") or make_film())
    kw.setdefault("reviewer", make_reviewer())
    kw.setdefault("title", f"Review {n}")
    kw.setdefault("body", f"Body of review number {n}.\n\nA second paragraph.")
    kw.setdefault("date", date(2005, 1, 1))
    if "rating" in kw and kw["rating"] is not None:
        kw["rating"] = Decimal(str(kw["rating"]))
    kw.setdefault("fingerprint", fingerprint(kw["body"]))
    return Review.objects.create(**kw)


def review_xml(
    full_review: str,
    *,
    title: str = "X",
    year: int = 2000,
    username: str = "ann",
    score: str = "0.5",
    short: str = "t",
    when: str = "2001-02-03",
) -> str:
    """A review XML of one review, an element a line as the crawler writes them: the review
    starts on line 4, its text is on line 10."""
    return (
        f"<movie>\n\t<title>{title}</title>\n\t<year>{year}</year>\n\t<review>\n"
        f"\t\t<date>{when}</date>\n\t\t<username>{username}</username>\n"
        f"\t\t<score>{score}</score>\n\t\t<shortDescription>{short}</shortDescription>\n"
        f"\t\t<!-- the text -->\n\t\t<fullReview>{full_review}</fullReview>\n"
        "\t</review>\n</movie>\n"
    )
