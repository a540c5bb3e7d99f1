"""Which stories machines may see, and the scopes feeds are made for."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.urls import reverse
from taggit.models import Tag

from dateline.newsroom.models import KIND_SECTIONS, Author, StoryPage, StoryTag
from dateline.taxonomy.models import Country, Edition, Sector


@dataclass
class Scope:
    """What one feed covers: its name, the page it mirrors and its published stories."""

    key: str
    title: str
    description: str
    link: str
    stories: QuerySet


SECTION_KINDS = {slug: (kind, title) for kind, (slug, title) in KIND_SECTIONS.items()}


def _found(model, queryset=None, **lookup):
    try:
        return (model.objects if queryset is None else queryset).get(**lookup)
    except model.DoesNotExist:
        raise Http404(f"No such {model._meta.verbose_name}.") from None


def public_tags(visible_stories):
    """Tags on public stories: a tag used only by a draft, scheduled, embargoed or private
    story would give it away."""
    in_use = StoryTag.objects.filter(
        tag=OuterRef("pk"), content_object__in=visible_stories.values("pk")
    )
    return Tag.objects.filter(Exists(in_use))


def site_scope(site_name):
    return Scope(
        key="site",
        title=site_name,
        description=f"The latest stories from {site_name}.",
        link="/",
        stories=StoryPage.objects.published(),
    )


def kind_scope(site_name, slug):
    if slug not in SECTION_KINDS:
        raise Http404("No such section.")
    kind, title = SECTION_KINDS[slug]
    return Scope(
        key=f"kind:{slug}",
        title=f"{title} | {site_name}",
        description=f"The latest {title.lower()} from {site_name}.",
        link=f"/{slug}/",
        stories=StoryPage.objects.published().filter(kind=kind),
    )


def sector_scope(site_name, slug):
    sector = _found(Sector, slug=slug)
    return Scope(
        key=f"sector:{slug}",
        title=f"{sector.name} | {site_name}",
        description=sector.description or f"The latest {sector.name} stories from {site_name}.",
        link=sector.get_absolute_url(),
        stories=StoryPage.objects.published().filter(sectors=sector),
    )


def edition_scope(site_name, slug):
    edition = _found(Edition, slug=slug)
    stories = StoryPage.objects.published().in_edition(edition)
    return Scope(
        key=f"edition:{slug}",
        title=f"{edition.name} edition | {site_name}",
        description=f"The latest stories in the {edition.name} edition of {site_name}.",
        link=edition.get_absolute_url(),
        stories=stories,
    )


def country_scope(site_name, slug):
    country = _found(Country, slug=slug)
    return Scope(
        key=f"country:{slug}",
        title=f"{country.name} | {site_name}",
        description=f"The latest stories about {country.name} from {site_name}.",
        link=country.get_absolute_url(),
        stories=StoryPage.objects.published().filter(countries=country),
    )


def tag_scope(site_name, slug):
    published = StoryPage.objects.published()
    tag = _found(Tag, public_tags(published), slug=slug)
    return Scope(
        key=f"tag:{slug}",
        title=f"Tagged “{tag.name}” | {site_name}",
        description=f"The latest stories tagged “{tag.name}” on {site_name}.",
        link=reverse("reader:tag", args=[tag.slug]),
        stories=published.filter(tags=tag),
    )


def author_scope(site_name, slug):
    author = _found(Author, slug=slug)
    return Scope(
        key=f"author:{slug}",
        title=f"{author.name} | {site_name}",
        description=f"The latest stories by {author.name} on {site_name}.",
        link=author.get_absolute_url(),
        stories=StoryPage.objects.published().filter(story_authors__author=author),
    )


SCOPES = {
    "kind": kind_scope,
    "sector": sector_scope,
    "edition": edition_scope,
    "country": country_scope,
    "tag": tag_scope,
    "author": author_scope,
}
