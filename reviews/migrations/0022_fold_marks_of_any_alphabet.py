from django.db import migrations

from reviews.text import fold, review_search_text, title_key

# (model, the field folded, {the stored field: how it is made from the folded one's value})
FOLDED = [
    ("Person", "name", {"folded_name": fold}),
    ("PersonAlias", "name", {"folded": fold}),
    ("Character", "name", {"folded_name": fold}),
    ("FilmTitle", "title", {"folded": fold, "key": title_key}),
]


def refold(apps, schema_editor):
    """A mark outside ASCII (`’`, `“`, `–`, `·`) now parts words as its ASCII kin does, where it
    was dropped (`O’Brien` folded as `obrien`, `O'Brien` as `o brien`): the folded values
    stored otherwise are made again. Only text outside ASCII can fold otherwise."""
    for model_name, source, made in FOLDED:
        model = apps.get_model("reviews", model_name)
        changed = []
        for row in model.objects.only("pk", source, *made).iterator(chunk_size=2000):
            text = getattr(row, source)
            if text.isascii():
                continue
            values = {field: make(text) for field, make in made.items()}
            if any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                changed.append(row)
        model.objects.bulk_update(changed, list(made), batch_size=500)
    # A reviewer's folded username is unique: one that would now fold as another's stays as it
    # was (staff may merge the two).
    Reviewer = apps.get_model("reviews", "Reviewer")
    taken = set(Reviewer.objects.values_list("folded_username", flat=True))
    for reviewer in Reviewer.objects.only("pk", "username", "folded_username"):
        folded = fold(reviewer.username)
        if reviewer.username.isascii() or folded == reviewer.folded_username or folded in taken:
            continue
        taken.discard(reviewer.folded_username)
        taken.add(folded)
        reviewer.folded_username = folded
        reviewer.save(update_fields=["folded_username"])
    Review = apps.get_model("reviews", "Review")
    changed = []
    for review in Review.objects.only("pk", "title", "body", "search_text").iterator(2000):
        if review.title.isascii() and review.body.isascii():
            continue
        search_text = review_search_text(review.title, review.body)
        if search_text != review.search_text:
            review.search_text = search_text
            changed.append(review)
        if len(changed) >= 2000:
            Review.objects.bulk_update(changed, ["search_text"])
            changed = []
    Review.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0021_title_keys_with_part_numbers"),
    ]

    operations = [
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
