"""What staff do to the data, as plain functions the admin calls: merge, moderate, lock."""

from django.core.cache import cache
from django.db import IntegrityError, transaction

from .loader import (
    bump_data_version,
    choose_film_title,
    merge_people,
    refresh_film_aggregates,
    refresh_reviewer_counts,
)
from .models import (
    Certificate,
    Credit,
    Distributor,
    Film,
    FilmNote,
    FilmTitle,
    MoneyFigure,
    Person,
    PersonAlias,
    Quote,
    Release,
    Review,
    Reviewer,
    Runtime,
)


def data_changed() -> None:
    """Cached pages and ETags must not outlive a change."""
    bump_data_version()
    cache.clear()


def lock_fields(obj, fields) -> None:
    """Remember which fields staff corrected, so that no import writes them again."""
    lockable = {f.name for f in obj._meta.get_fields() if getattr(f, "editable", False)}
    new = sorted(set(obj.locked_fields) | (set(fields) & lockable))
    if new != obj.locked_fields:
        obj.locked_fields = new
        type(obj).objects.filter(pk=obj.pk).update(locked_fields=new)


def keep_old_name_as_alias(person: Person, old_name: str) -> None:
    """A renamed person keeps the credits that arrive under the old spelling."""
    if old_name and old_name != person.name:
        PersonAlias.objects.get_or_create(
            person=person,
            name=old_name,
            defaults={"reason": f"renamed by staff to {person.name}", "documents": []},
        )
    PersonAlias.objects.get_or_create(
        person=person, name=person.name, defaults={"reason": "name set by staff", "documents": []}
    )


@transaction.atomic
def merge_people_by_staff(keep: Person, others, user) -> None:
    for other in others:
        if other.pk != keep.pk:
            merge_people(keep, other, f"merged by {user} in the admin")
    # The name staff chose to keep is the name, whatever the documents say.
    lock_fields(keep, ["name"])
    data_changed()


@transaction.atomic
def merge_reviewers(keep: Reviewer, others) -> None:
    for other in others:
        if other.pk == keep.pk:
            continue
        Review.objects.filter(reviewer=other).update(reviewer=keep)
        other.delete()
    refresh_reviewer_counts([keep])
    data_changed()


def _move(queryset, **values) -> None:
    """Move rows one by one; a row that would duplicate one already there is dropped."""
    for row in queryset:
        try:
            with transaction.atomic():
                type(row).objects.filter(pk=row.pk).update(**values)
        except IntegrityError:
            row.delete()


@transaction.atomic
def merge_films(keep: Film, others) -> None:
    for other in others:
        if other.pk == keep.pk:
            continue
        for model in (
            FilmTitle,
            Credit,
            Release,
            Runtime,
            Certificate,
            Distributor,
            FilmNote,
            MoneyFigure,
            Quote,
            Review,
        ):
            _move(model.objects.filter(film=other), film=keep)
        FilmTitle.objects.get_or_create(
            film=keep, title=other.title, defaults={"folded": other.title.lower()}
        )
        for name in ("year", "logline", "plot", "synopsis", "imdb_id", "imdb_rating"):
            if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
                setattr(keep, name, getattr(other, name))
        other.delete()
        keep.save()
    choose_film_title(keep)
    refresh_film_aggregates(keep.pk)
    data_changed()


@transaction.atomic
def set_reviews_hidden(reviews, hidden: bool) -> int:
    reviews = list(reviews)
    for review in reviews:
        review.is_hidden = hidden
        review.save(update_fields=["is_hidden"])
        lock_fields(review, ["is_hidden"])
    for film_id in {r.film_id for r in reviews}:
        refresh_film_aggregates(film_id)
    refresh_reviewer_counts([r.reviewer for r in reviews if r.reviewer_id])
    data_changed()
    return len(reviews)
