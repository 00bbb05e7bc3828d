from django.db import migrations
from django.db.models import Q

from reviews.text import title_key


def refresh_keys(apps, schema_editor):
    """A subtitle after an en or em dash (`Rocky II – The Return`) is now left out of a title's
    key, as one after a colon or a spaced hyphen was: the keys stored with it are made again."""
    FilmTitle = apps.get_model("reviews", "FilmTitle")
    titles = list(FilmTitle.objects.filter(Q(title__contains="–") | Q(title__contains="—")))
    for row in titles:
        row.key = title_key(row.title)
    FilmTitle.objects.bulk_update(titles, ["key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0016_credit_note"),
    ]

    operations = [
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
    ]
