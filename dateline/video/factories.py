"""A ready short without running ffmpeg: its renditions are named, not made, which is all a page,
a feed, a sitemap or the API reads of them. Tests of processing make real files instead."""

import factory
from django.utils import timezone

from dateline.media.models import DigitalSourceType

from .models import Short


class ShortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Short
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test short {n}")
    caption = factory.LazyAttribute(lambda short: f"{short.title}: what the video shows.")
    credit = "Dateline video desk"
    digital_source_type = DigitalSourceType.DIGITAL_CAPTURE
    original = "shorts/originals/x.mp4"
    status = Short.Status.READY
    duration = 12.4
    width = 720
    height = 1280
    mp4_720 = factory.LazyAttribute(lambda short: f"{short.folder}/720p.mp4")
    mp4_480 = factory.LazyAttribute(lambda short: f"{short.folder}/480p.mp4")
    hls_master = factory.LazyAttribute(lambda short: f"{short.folder}/hls/master.m3u8")
    poster_jpeg = factory.LazyAttribute(lambda short: f"{short.folder}/poster.jpg")
    poster_webp = factory.LazyAttribute(lambda short: f"{short.folder}/poster.webp")
    mp4_720_bytes = 2_400_000
    mp4_480_bytes = 1_100_000
    processed_at = factory.LazyFunction(timezone.now)

    class Params:
        # Where the made files would be; one folder per short, as the worker stores them.
        folder = factory.LazyAttribute(
            lambda short: f"shorts/{short.title.lower().replace(' ', '-')}"
        )

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)

    @factory.post_generation
    def editions(self, create, extracted, **kwargs):
        if create and extracted:
            self.editions.set(extracted)
