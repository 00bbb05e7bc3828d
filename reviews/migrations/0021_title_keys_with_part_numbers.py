from django.db import migrations

from reviews.text import title_key


def refresh_keys(apps, schema_editor):
    """A film's number written as a word (`Rocky Two`) or after `Part`, `Vol.`, `Chapter` (`The
    Godfather: Part II`) is now its number in a title's key, as `II` and `2` were: the keys
    stored otherwise are made again, and so are the stems of series (`the godfather part`
    becomes `the godfather`)."""
    FilmTitle = apps.get_model("reviews", "FilmTitle")
    changed = []
    for row in FilmTitle.objects.only("pk", "title", "key").iterator():
        key = title_key(row.title)
        if key != row.key:
            row.key = key
            changed.append(row)
    FilmTitle.objects.bulk_update(changed, ["key"], batch_size=500)
    Series = apps.get_model("reviews", "Series")
    for series in Series.objects.all():
        words = series.stem.split()
        if len(words) > 1 and words[-1] in ("part", "pt", "chapter", "vol", "volume", "episode", "book"):
            series.stem = " ".join(words[:-1])
            series.save(update_fields=["stem"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0020_film_note_press"),
    ]

    operations = [
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
    ]
