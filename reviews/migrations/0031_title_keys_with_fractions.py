from django.db import migrations
from django.db.models import Q

from reviews.text import VULGAR_FRACTIONS, fold, title_key


def refresh_keys(apps, schema_editor):
    """A number with a fraction (`The Naked Gun 2½`, `THE NAKED GUN 2 1/2`) is now one word of a
    title's key, and a fraction glued to its number folds apart from it (`2½` as `2 1 2`, not
    `21 2`): the keys and folded forms of titles that hold one are made again."""
    FilmTitle = apps.get_model("reviews", "FilmTitle")
    holds = Q(title__contains="/")
    for fraction in VULGAR_FRACTIONS:
        holds |= Q(title__contains=fraction)
    changed = []
    for row in FilmTitle.objects.filter(holds).only("pk", "title", "key", "folded").iterator():
        key, folded = title_key(row.title), fold(row.title)
        if (key, folded) != (row.key, row.folded):
            row.key, row.folded = key, folded
            changed.append(row)
    FilmTitle.objects.bulk_update(changed, ["key", "folded"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0030_film_note_keyword"),
    ]

    operations = [
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
    ]
