"""Give the newsroom's editor groups the wire desk, on sites where those groups already exist.

New sites get the same grants from dateline.wire.roles.grant_desk_permissions(), called when the
site is set up, because the groups are created after the migrations run.
"""

from django.db import migrations

from dateline.newsroom.roles import grant_permissions_in_migration

# Frozen copy of dateline.wire.roles.DESK_PERMISSIONS as it was when this migration was written.
GRANTS = {
    "Desk editor": ["use_desk", "view_source"],
    "Chief editor": ["use_desk", "view_source", "add_source", "change_source", "delete_source"],
}


def grant(apps, schema_editor):
    grant_permissions_in_migration(apps, "wire", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wire", "0002_desk_permission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
