import importlib

from django.db import migrations, models

from reviews.text import fingerprint

# Folding keeps letters of any alphabet now (`брат`, where it kept nothing): 0022's refolding,
# run again with today's `fold`, makes the stored folded values again.
refold = importlib.import_module("reviews.migrations.0022_fold_marks_of_any_alphabet").refold


def refingerprint(apps, schema_editor):
    """A review's or a quote's fingerprint counts letters of alphabets other than the Latin one
    now (without them, texts in those alphabets were one): made again where the text holds any
    letter outside ASCII."""
    Review = apps.get_model("reviews", "Review")
    changed = []
    for review in Review.objects.only("pk", "body", "fingerprint").iterator(2000):
        if review.body.isascii():
            continue
        made = fingerprint(review.body)
        if made != review.fingerprint:
            review.fingerprint = made
            changed.append(review)
    Review.objects.bulk_update(changed, ["fingerprint"], batch_size=500)
    Quote = apps.get_model("reviews", "Quote")
    changed = []
    for quote in Quote.objects.prefetch_related("lines"):
        lines = sorted(quote.lines.all(), key=lambda line: line.position)
        text = " ".join(f"{line.speaker} {line.text}" for line in lines)
        if text.isascii():
            continue
        made = fingerprint(text)
        if made != quote.fingerprint:
            quote.fingerprint = made
            changed.append(quote)
    Quote.objects.bulk_update(changed, ["fingerprint"], batch_size=500)


def refold_and_refingerprint(apps, schema_editor):
    refold(apps, schema_editor)
    refingerprint(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0022_fold_marks_of_any_alphabet"),
    ]

    operations = [
        migrations.AlterField(
            model_name=model,
            name="slug",
            field=models.SlugField(allow_unicode=True, max_length=255, unique=True),
        )
        for model in ("film", "person", "reviewer", "series")
    ] + [
        migrations.RunPython(refold_and_refingerprint, migrations.RunPython.noop),
    ]
