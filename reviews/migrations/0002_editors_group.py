"""The `editors` group: may change film data and moderate reviews, may not manage users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = [
    "film",
    "filmtitle",
    "series",
    "person",
    "personalias",
    "character",
    "credit",
    "release",
    "runtime",
    "certificate",
    "distributor",
    "filmnote",
    "moneyfigure",
    "quote",
    "quoteline",
    "reviewer",
]
MODERATED = ["review", "importwarning"]
READ_ONLY = ["importrun", "sourcedocument"]


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in EDITABLE for action in ("add", "change", "delete", "view")]
    codenames += [f"{action}_{model}" for model in MODERATED for action in ("change", "view")]
    codenames += [f"view_{model}" for model in READ_ONLY]
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="reviews", codename__in=codenames)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
