from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

from reviews.text import VULGAR_FRACTIONS, fold, review_search_text

# (model, the field folded, the stored field made from it)
FOLDED = [
    ("Person", "name", "folded_name"),
    ("PersonAlias", "name", "folded"),
    ("Character", "name", "folded_name"),
]


def holding_a_fraction(*fields: str) -> Q:
    holds = (Q(**{f"{field}__contains": c}) for field in fields for c in VULGAR_FRACTIONS)
    return reduce(or_, holds)


def refold(apps, schema_editor):
    """A fraction's character glued to its number now folds apart from it, as the fraction is
    typed (`3½` as `3 1 2`, `3 1/2`; it was `31 2`): the folded names and the reviews' search
    text that hold one are made again (the titles' in migration 0031)."""
    for model_name, source, folded in FOLDED:
        model = apps.get_model("reviews", model_name)
        changed = []
        for row in model.objects.filter(holding_a_fraction(source)).only("pk", source, folded):
            value = fold(getattr(row, source))
            if value != getattr(row, folded):
                setattr(row, folded, value)
                changed.append(row)
        model.objects.bulk_update(changed, [folded], batch_size=500)
    Review = apps.get_model("reviews", "Review")
    changed = []
    rows = Review.objects.filter(holding_a_fraction("title", "body"))
    for review in rows.only("pk", "title", "body", "search_text").iterator(2000):
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
        ("reviews", "0032_title_keys_with_numbered_subtitles"),
    ]

    operations = [
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
