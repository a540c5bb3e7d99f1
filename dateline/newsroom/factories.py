import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from dateline.taxonomy.models import Country, Sector

from .models import Author, Provenance, StoryKind, StoryPage
from .stories import create_story


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Correspondent"
    bio = "Writes about water and health."


class StaffFactory(factory.django.DjangoModelFactory):
    """A newsroom user; `group` names the role's group they are in (roles.WRITER, …)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff-{n}")
    first_name = factory.LazyAttribute(lambda user: user.username.title())
    password = factory.django.Password("pw")

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(Group.objects.get(name=extracted))


class StoryFactory(factory.Factory):
    """A published story with sensible defaults, made the one way code makes stories
    (`create_story`); any of its arguments can be given."""

    class Meta:
        model = StoryPage

    kind = StoryKind.NEWS
    headline = factory.Sequence(lambda n: f"Test headline number {n} about clean water")
    summary = factory.Sequence(
        lambda n: f"Summary {n}: a district expands its clean water programme."
    )
    body = factory.Sequence(lambda n: [("paragraph", f"<p>Body paragraph of story {n}.</p>")])
    sectors = factory.LazyFunction(lambda: [Sector.objects.get(slug="wash")])
    countries = factory.LazyFunction(lambda: [Country.objects.get(code="IN")])
    tags = ("water",)
    provenance = Provenance.STAFF
    first_published_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return create_story(**kwargs)
