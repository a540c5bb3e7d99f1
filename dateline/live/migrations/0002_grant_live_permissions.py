"""Give the newsroom's groups live coverage, on sites where those groups already exist.

New sites get the same grants from dateline.live.roles.grant_live_permissions(), called when the
site is set up, because the groups are created after the migrations run.
"""

from django.db import migrations

from dateline.newsroom.roles import grant_permissions_in_migration

# Frozen copy of dateline.live.roles.LIVE_PERMISSIONS as it was when this migration was written.
EDITORS = [
    "add_liveupdate",
    "change_liveupdate",
    "delete_liveupdate",
    "view_liveupdate",
    "publish_liveupdate",
]
GRANTS = {
    "Writer": ["add_liveupdate", "change_liveupdate", "view_liveupdate"],
    "Desk editor": EDITORS,
    "Chief editor": EDITORS,
}


def grant(apps, schema_editor):
    grant_permissions_in_migration(apps, "live", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("live", "0001_live_updates"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
