"""What staff do to the data, as plain functions the admin calls: merge, moderate, lock."""

import json

from django.core import serializers
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from . import loader
from .loader import (
    bump_data_version,
    refresh_film_aggregates,
    refresh_reviewer_counts,
)
from .models import (
    Film,
    FilmTitle,
    MergeRecord,
    Person,
    PersonAlias,
    Review,
    Reviewer,
)
from .people import choose_person_name, merge_people


def data_changed() -> None:
    """Cached pages and ETags must not outlive a change."""
    bump_data_version()
    caches["pages"].clear()


def lock_fields(obj, fields) -> None:
    """Remember which fields staff corrected, so that no import writes them again."""
    lockable = {f.name for f in obj._meta.get_fields() if getattr(f, "editable", False)}
    new = sorted(set(obj.locked_fields) | (set(fields) & lockable))
    if new != obj.locked_fields:
        obj.locked_fields = new
        type(obj).objects.filter(pk=obj.pk).update(locked_fields=new)


def keep_title(film: Film) -> None:
    """A title staff gave a film is one of its titles: a document that names the film so
    finds it (the importer looks films up by their titles)."""
    if not film.title_is_provisional:
        FilmTitle.objects.get_or_create(film=film, title=film.title)


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


# What a merge moves or deletes, per kind: undoing re-saves these rows as they were.
def _dependents(obj) -> list:
    if isinstance(obj, Person):
        return [*obj.credits.all(), *obj.aliases.all()]
    if isinstance(obj, Reviewer):
        return list(obj.reviews.all())
    rows = []
    for relation in ("titles", "credits", "releases", "runtimes", "certificates", "distributors",
                     "notes", "money", "reviews"):  # fmt: skip
        rows.extend(getattr(obj, relation).all())
    for quote in obj.quotes.all():
        rows.extend([quote, *quote.lines.all()])
    return rows


def _record_merge(keep, other, user) -> MergeRecord:
    return MergeRecord.objects.create(
        kind=other._meta.model_name,
        kept_id=keep.pk,
        kept_label=str(keep)[:255],
        removed_label=str(other)[:255],
        snapshot=json.loads(serializers.serialize("json", [other, *_dependents(other)])),
        merged_by=str(user or ""),
    )


@transaction.atomic
def merge_people_by_staff(keep: Person, others, user) -> list[MergeRecord]:
    records = []
    for other in others:
        if other.pk != keep.pk:
            records.append(_record_merge(keep, other, user))
            merge_people(keep, other, f"merged by {user} in the admin")
    # The name staff chose to keep is the name, whatever the documents say.
    lock_fields(keep, ["name"])
    data_changed()
    return records


@transaction.atomic
def merge_reviewers(keep: Reviewer, others, user=None) -> list[MergeRecord]:
    records = []
    for other in others:
        if other.pk == keep.pk:
            continue
        records.append(_record_merge(keep, other, user))
        Review.objects.filter(reviewer=other).update(reviewer=keep)
        other.delete()
    refresh_reviewer_counts([keep.pk])
    data_changed()
    return records


@transaction.atomic
def undo_merge(record: MergeRecord) -> None:
    """Bring the removed record back with its rows: rows that were moved point back to it,
    rows that were dropped as duplicates are made again."""
    if record.undone_at is not None:
        return
    restored = list(serializers.deserialize("json", json.dumps(record.snapshot)))
    removed = restored[0].object
    if isinstance(removed, Film):
        removed.series_position = None  # the series was renumbered; number it again below
    for item in restored:
        item.save()
    if isinstance(removed, Film):
        if removed.series_id:
            loader.order_series(removed.series)
        # The kept film took the removed film's title as one of its own; it is the other's again.
        FilmTitle.objects.filter(film_id=record.kept_id, title=removed.title).exclude(
            pk__in=[i.object.pk for i in restored if isinstance(i.object, FilmTitle)]
        ).delete()
        for film_id in (record.kept_id, removed.pk):
            refresh_film_aggregates(film_id)
        loader.choose_film_title(Film.objects.get(pk=record.kept_id))
    elif isinstance(removed, Person):
        keep = Person.objects.filter(pk=record.kept_id).first()
        if keep is not None:
            choose_person_name(keep)
    elif isinstance(removed, Reviewer):
        refresh_reviewer_counts([record.kept_id, removed.pk])
        for film_id in Review.objects.filter(reviewer=removed).values_list("film_id", flat=True):
            refresh_film_aggregates(film_id)
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    data_changed()


@transaction.atomic
def merge_films(keep: Film, others, user=None) -> list[MergeRecord]:
    records = []
    for other in others:
        if other.pk != keep.pk:
            records.append(_record_merge(keep, other, user))
            loader.merge_films(keep, other)
    data_changed()
    return records


def reviews_changed(reviews) -> None:
    """Counts and averages of the films and reviewers of these reviews follow an edit."""
    for film_id in {r.film_id for r in reviews}:
        refresh_film_aggregates(film_id)
    refresh_reviewer_counts([r.reviewer_id for r in reviews if r.reviewer_id])
    data_changed()


@transaction.atomic
def set_reviews_hidden(reviews, hidden: bool) -> int:
    reviews = list(reviews)
    for review in reviews:
        review.is_hidden = hidden
        review.save(update_fields=["is_hidden"])
        lock_fields(review, ["is_hidden"])
    reviews_changed(reviews)
    return len(reviews)
