"""What staff do to the data, as plain functions the admin calls: merge, moderate, lock."""

from django.core.cache import cache
from django.db import transaction

from . import loader
from .loader import (
    bump_data_version,
    merge_people,
    refresh_film_aggregates,
    refresh_reviewer_counts,
)
from .models import (
    Film,
    Person,
    PersonAlias,
    Review,
    Reviewer,
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


@transaction.atomic
def merge_films(keep: Film, others) -> None:
    for other in others:
        if other.pk != keep.pk:
            loader.merge_films(keep, other)
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
