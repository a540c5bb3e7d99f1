"""A small image library for the picture suggestion tests (unit and browser)."""

from dateline.media.factories import NewsImageFactory
from dateline.media.models import DigitalSourceType
from dateline.newsroom.factories import StoryFactory
from dateline.taxonomy.models import Country, Sector


def health_kenya():
    return Sector.objects.get(slug="health"), Country.objects.get(code="KE")


def clinic_and_illustration():
    """A clinic photograph used before on a Health story from Kenya, an AI illustration of a
    cholera ward tagged "cholera", and a picture about something else."""
    health, kenya = health_kenya()
    clinic = NewsImageFactory(
        title="Nurses at a clinic in Kibera", alt_text="Nurses at work", credit="Amina Otieno / PTI"
    )
    StoryFactory(
        headline="Kenya opens new clinics",
        sectors=[health],
        countries=[kenya],
        hero_image=clinic,
        hero_caption="A clinic in Kibera, Nairobi.",
    )
    illustration = NewsImageFactory(
        title="Cholera ward, illustration",
        digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
        credit="Newsroom illustration",
    )
    illustration.tags.add("cholera")
    NewsImageFactory(title="Parliament in session")
    return {"clinic": clinic, "illustration": illustration}


def cholera_story(**overrides):
    """A Health story from Kenya tagged "cholera", without a hero image."""
    health, kenya = health_kenya()
    return StoryFactory(
        **{
            "headline": "Cholera cases rise in Nairobi",
            "summary": "Health workers report an outbreak in Kibera after the floods.",
            "body": [("paragraph", "<p>Clinics treated hundreds of cholera patients.</p>")],
            "sectors": [health],
            "countries": [kenya],
            "tags": ["cholera"],
            **overrides,
        }
    )
