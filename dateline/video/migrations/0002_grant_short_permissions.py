"""Give the newsroom's groups the shorts, on sites where those groups already exist.

New sites get the same grants from dateline.video.roles.grant_short_permissions(), called when
the site is set up, because the groups are created after the migrations run.
"""

from django.db import migrations

from dateline.newsroom.roles import grant_permissions_in_migration

# Frozen copy of dateline.video.roles.SHORT_PERMISSIONS as it was when this migration was written.
GRANTS = {
    "Writer": ["add_short", "change_short", "view_short"],
    "Desk editor": ["add_short", "change_short", "view_short"],
    "Chief editor": ["add_short", "change_short", "delete_short", "view_short"],
}


def grant(apps, schema_editor):
    grant_permissions_in_migration(apps, "video", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("video", "0001_shorts"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
