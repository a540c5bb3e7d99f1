"""Wagtail's own migrations make "Moderators" and "Editors" groups and a "Moderators approval"
workflow; the newsroom has its own roles and desk review (roles.py). Remove Wagtail's, after every
Wagtail migration that creates or grants them has run."""

from django.db import migrations

from dateline.newsroom.roles import remove_wagtail_default_roles


def remove(apps, schema_editor):
    remove_wagtail_default_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_region_label_from_the_dateline_place"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
