"""The sectors, countries and editions a new install starts with; editors may change them later."""

import pycountry
from django.db import migrations
from django.utils.text import slugify

from dateline.taxonomy.defaults import EDITIONS, GLOBAL_EDITION, SECTORS


def country_name(country):
    return getattr(country, "common_name", None) or country.name


def load_defaults(apps, schema_editor):
    Sector = apps.get_model("taxonomy", "Sector")
    Country = apps.get_model("taxonomy", "Country")
    Edition = apps.get_model("taxonomy", "Edition")
    for order, (slug, name) in enumerate(SECTORS):
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for country in pycountry.countries:
        name = country_name(country)
        Country.objects.get_or_create(
            code=country.alpha_2, defaults={"name": name, "slug": slugify(name)}
        )
    countries = {country.code: country for country in Country.objects.all()}
    for order, (slug, name, codes) in enumerate(EDITIONS):
        edition, _ = Edition.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "sort_order": order, "is_global": slug == GLOBAL_EDITION},
        )
        edition.countries.add(*[countries[code] for code in codes if code in countries])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
