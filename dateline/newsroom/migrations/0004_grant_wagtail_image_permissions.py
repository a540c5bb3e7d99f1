"""Sites set up before this grant had image permissions on the media app's own model, which
Wagtail never checks: nobody could upload an image. Give each newsroom group the image rights
roles.IMAGE_PERMISSIONS names, on the root collection (new sites get them from ensure_roles)."""

from django.db import migrations

IMAGE_PERMISSIONS = {
    "Writer": ["add_image", "choose_image"],
    "Desk editor": ["add_image", "change_image", "choose_image"],
    "Chief editor": ["add_image", "change_image", "delete_image", "choose_image"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for group_name, codenames in IMAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_block_templates_in_the_reader_templates"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
