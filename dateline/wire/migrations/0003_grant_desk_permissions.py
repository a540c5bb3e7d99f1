"""Give the newsroom's editor groups the wire desk, on sites where those groups already exist.

New sites get the same grants from dateline.wire.roles.grant_desk_permissions(), called when the
site is set up, because the groups are created after the migrations run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen copy of dateline.wire.roles.DESK_PERMISSIONS as it was when this migration was written.
GRANTS = {
    "Desk editor": ["use_desk", "view_source"],
    "Chief editor": ["use_desk", "view_source", "add_source", "change_source", "delete_source"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    wire = apps.get_app_config("wire")
    wire.models_module = True
    create_permissions(wire, apps=apps, verbosity=0)
    wire.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="wire", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wire", "0002_desk_permission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
