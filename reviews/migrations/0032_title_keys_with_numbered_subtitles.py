from django.db import migrations

from reviews.text import title_key


def refresh_keys(apps, schema_editor):
    """A subtitle that opens with a part's number before what names the part (`Star Wars:
    Episode II - Attack of the Clones`) now gives the key its number (`star wars 2`, as `Star
    Wars Episode II: Attack of the Clones` has it): the keys of titles with a subtitle are made
    again."""
    FilmTitle = apps.get_model("reviews", "FilmTitle")
    changed = []
    for row in FilmTitle.objects.filter(title__contains=":").only("pk", "title", "key").iterator():
        key = title_key(row.title)
        if key != row.key:
            row.key = key
            changed.append(row)
    FilmTitle.objects.bulk_update(changed, ["key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0031_title_keys_with_fractions"),
    ]

    operations = [
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
    ]
