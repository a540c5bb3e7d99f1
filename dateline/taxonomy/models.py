"""What a story is about and where: sectors, countries, editions, and the agencies it came from.

None of these live in the page tree, so re-classifying a story never moves it.
"""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Sector(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reader:sector", args=[self.slug])


class Country(index.Indexed, models.Model):
    code = models.CharField("ISO 3166-1 alpha-2 code", max_length=2, unique=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("code"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reader:country", args=[self.slug])


class Edition(models.Model):
    """A regional edition; the global edition has no countries and shows everything."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    is_global = models.BooleanField(
        default=False, help_text="The global edition carries every story, whatever its countries."
    )
    countries = models.ManyToManyField(Country, related_name="editions", blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_global"),
        FieldPanel("countries"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reader:edition", args=[self.slug])


class Agency(index.Indexed, models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    credit = models.CharField(
        max_length=40, help_text='The short credit line shown to readers, e.g. "PTI".'
    )
    website = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("credit"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


def editions_for_countries(countries):
    """The regional editions that carry stories about these countries."""
    return Edition.objects.filter(countries__in=countries, is_global=False).distinct()
