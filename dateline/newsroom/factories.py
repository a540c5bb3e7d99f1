import factory
from django.utils import timezone

from dateline.taxonomy.models import Country, Sector

from .models import Author, Provenance, StoryKind
from .stories import create_story


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    role = "Correspondent"
    bio = "Writes about water and health."


_story_numbers = iter(range(1, 10**9))


def make_story(**overrides):
    """A published story with sensible defaults; any create_story argument can be overridden."""
    number = next(_story_numbers)
    values = {
        "kind": StoryKind.NEWS,
        "headline": f"Test headline number {number} about clean water",
        "summary": f"Summary {number}: a district expands its clean water programme.",
        "body": [("paragraph", f"<p>Body paragraph of story {number}.</p>")],
        "sectors": [Sector.objects.get(slug="wash")],
        "countries": [Country.objects.get(code="IN")],
        "tags": ["water"],
        "provenance": Provenance.STAFF,
        "first_published_at": timezone.now(),
    }
    values.update(overrides)
    return create_story(**values)
