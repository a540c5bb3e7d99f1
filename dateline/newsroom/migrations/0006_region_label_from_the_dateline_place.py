"""Region labels were the alphabetically first of a story's countries (a Freetown story tagged
Ghana and Sierra Leone was labelled Ghana). Recompute every story's label with the rule stories
are saved with now (models.region_label): the dateline place decides between several countries."""

from collections import defaultdict

from django.db import migrations

from dateline.newsroom.models import region_label

BATCH = 500


def recompute(apps, schema_editor):
    StoryPage = apps.get_model("newsroom", "StoryPage")
    StoryCountry = StoryPage._meta.get_field("countries").remote_field.through
    countries_of = defaultdict(list)
    for link in StoryCountry.objects.select_related("country").order_by("pk"):
        countries_of[link.storypage_id].append(link.country)
    changed = []
    stories = StoryPage.objects.only("dateline_place", "region_label").order_by("pk")
    for story in stories.iterator(chunk_size=BATCH):
        label = region_label(countries_of[story.pk], None, story.dateline_place)
        if label != story.region_label:
            story.region_label = label
            changed.append(story)
    StoryPage.objects.bulk_update(changed, ["region_label"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0005_story_lead_country")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
