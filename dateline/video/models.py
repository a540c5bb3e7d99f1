"""Shorts: short vertical news videos, with credit and provenance like images.

The editor uploads the original; the worker makes the renditions every player can play
(processing.py) and stores them beside it. The original is kept.
"""

import uuid
from pathlib import PurePosixPath

import pycountry
from django.conf import settings
from django.db import models
from django.utils import timezone

from dateline.media.models import MediaProvenance, source_type_field
from dateline.taxonomy.models import Edition, Sector

AI_VIDEO_DISCLAIMER = (
    "This video is AI-generated and does not depict any real-life event or location."
)


def original_path(short, filename):
    # A random name: the editor's file name may say more than the newsroom means to publish.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"shorts/originals/{uuid.uuid4().hex}{suffix}"


class ShortQuerySet(models.QuerySet):
    def ready(self):
        """Shorts whose renditions are made: what readers may be shown."""
        return self.filter(status=Short.Status.READY)


class Short(MediaProvenance):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be processed"
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=200)
    caption = models.TextField(help_text="What the video shows and says, in a sentence or two.")
    digital_source_type = source_type_field(
        "How the video was made (IPTC digital source type). AI-made videos get a "
        "disclaimer wherever they show."
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="shorts")
    editions = models.ManyToManyField(Edition, blank=True, related_name="shorts")
    original = models.FileField(
        upload_to=original_path,
        max_length=255,
        help_text="MP4, MOV or WebM; vertical (9:16) fits best. The original is kept.",
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    error = models.TextField(blank=True, help_text="Why processing failed.")
    duration = models.FloatField(null=True, blank=True, help_text="Seconds.")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # Where the renditions, the HLS ladder and the posters are stored (relative to MEDIA_ROOT).
    mp4_720 = models.FileField(max_length=255, blank=True, editable=False)
    mp4_480 = models.FileField(max_length=255, blank=True, editable=False)
    hls_master = models.FileField(max_length=255, blank=True, editable=False)
    poster_jpeg = models.FileField(max_length=255, blank=True, editable=False)
    poster_webp = models.FileField(max_length=255, blank=True, editable=False)
    # Bytes of each MP4, measured when it is made: feeds' enclosures and the content API give
    # them without asking storage (a remote store would cost a request per file).
    mp4_720_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    mp4_480_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    processed_at = models.DateTimeField(null=True, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ShortQuerySet.as_manager()

    AI_DISCLAIMER_TEXT = AI_VIDEO_DISCLAIMER

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "short"
        verbose_name_plural = "shorts"

    def __str__(self):
        return self.title


def caption_path(caption, filename):
    return f"shorts/captions/{uuid.uuid4().hex}.vtt"


class ShortCaption(models.Model):
    """A short's captions in one language, stored as WebVTT (captions.py converts SRT)."""

    short = models.ForeignKey(Short, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(max_length=35, help_text='A language tag: "en", "hi", "pt-BR".')
    file = models.FileField(upload_to=caption_path, max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["short", "language"], name="one_caption_per_language")
        ]

    def __str__(self):
        return f"{self.short} ({self.language})"

    @property
    def label(self):
        """The language's name, as the player's captions menu shows it."""
        return language_name(self.language) or self.language


def language_name(tag):
    """The English name of a language tag ("pt-BR" gives "Portuguese"), or None if unknown."""
    primary = tag.split("-")[0].lower()
    key = "alpha_2" if len(primary) == 2 else "alpha_3"
    found = pycountry.languages.get(**{key: primary})
    return found.name if found else None
