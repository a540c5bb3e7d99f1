import factory
from django.utils.text import slugify

from .models import Agency


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.LazyAttribute(lambda agency: slugify(agency.name))
    credit = factory.Sequence(lambda n: f"AG{n}")
