"""The desk review task becomes a DeskReviewTask (a proxy of Wagtail's group approval task), whose
approval waits while the project's publish hold has something for the editor to decide."""

from django.db import migrations

from dateline.newsroom.roles import DESK_REVIEW


def use_desk_review_task(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_model = apps.get_model("wagtailcore", "Task")
    desk_review, _ = content_type_model.objects.get_or_create(
        app_label="newsroom", model="deskreviewtask"
    )
    task_model.objects.filter(name=DESK_REVIEW, content_type__model="groupapprovaltask").update(
        content_type=desk_review
    )


def use_group_approval_task(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_model = apps.get_model("wagtailcore", "Task")
    group_approval = content_type_model.objects.get(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task_model.objects.filter(name=DESK_REVIEW, content_type__model="deskreviewtask").update(
        content_type=group_approval
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0010_takeaways_from_reports"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="DeskReviewTask",
            fields=[],
            options={"verbose_name": "Desk review task", "proxy": True},
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(use_desk_review_task, use_group_approval_task),
    ]
