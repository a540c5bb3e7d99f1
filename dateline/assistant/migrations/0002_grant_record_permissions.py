"""Let the newsroom's editors read the record of accepted suggestions, on sites where those
groups already exist.

New sites get the same grants from dateline.assistant.roles.grant_assistant_permissions(), called
when the site is set up, because the groups are created after the migrations run.
"""

from django.db import migrations

from dateline.newsroom.roles import grant_permissions_in_migration

# Frozen copy of dateline.assistant.roles.RECORD_PERMISSIONS as it was when this was written.
GRANTS = {
    "Desk editor": ["view_acceptedsuggestion"],
    "Chief editor": ["view_acceptedsuggestion"],
}


def grant(apps, schema_editor):
    grant_permissions_in_migration(apps, "assistant", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("assistant", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
