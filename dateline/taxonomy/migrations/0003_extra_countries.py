"""Countries without an ISO 3166-1 code (defaults.EXTRA_COUNTRIES: Kosovo), in their editions."""

from django.db import migrations
from django.utils.text import slugify

from dateline.taxonomy.defaults import EDITIONS, EXTRA_COUNTRIES


def add_extra_countries(apps, schema_editor):
    Country = apps.get_model("taxonomy", "Country")
    Edition = apps.get_model("taxonomy", "Edition")
    for code, name in EXTRA_COUNTRIES:
        country, created = Country.objects.get_or_create(
            code=code, defaults={"name": name, "slug": slugify(name)}
        )
        if not created:
            continue  # an editor added it already, with its own editions
        # Into its default edition, if the newsroom still has that edition.
        for slug, _name, codes in EDITIONS:
            if code in codes:
                edition = Edition.objects.filter(slug=slug).first()
                if edition:
                    edition.countries.add(country)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_default_taxonomy")]

    operations = [migrations.RunPython(add_extra_countries, migrations.RunPython.noop)]
