from django.db import migrations, models

from reviews.text import fold, title_key


def fill_keys(apps, schema_editor):
    """Every stored title's key, and its folded form (a title staff added in the admin had
    none: the form did not fill it)."""
    FilmTitle = apps.get_model("reviews", "FilmTitle")
    titles = list(FilmTitle.objects.only("title"))
    for row in titles:
        row.folded, row.key = fold(row.title), title_key(row.title)
    FilmTitle.objects.bulk_update(titles, ["folded", "key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0013_review_hidden_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="filmtitle",
            name="folded",
            field=models.CharField(db_index=True, editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="filmtitle",
            name="key",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="filmtitle",
            name="key",
            field=models.CharField(db_index=True, editable=False, max_length=255),
        ),
    ]
