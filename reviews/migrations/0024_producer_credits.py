"""Producers, credited as the documents name them (`Produced by:`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0023_letters_of_any_alphabet"),
    ]

    operations = [
        migrations.AlterField(
            model_name="credit",
            name="role",
            field=models.CharField(
                choices=[
                    ("director", "Director"),
                    ("writer", "Writer"),
                    ("producer", "Producer"),
                    ("cast", "Cast"),
                ],
                max_length=10,
            ),
        ),
    ]
