"""Live coverage: a story of kind `live` and the stream of updates posted to it.

Each update is its own row, not a revision of the story, so several editors post to one live
story at once without locking each other out. Every change readers can see (an update published,
edited, deleted, pinned) takes the next number of the story's `version`; a reader's page asks for
the changes after the version it holds (views.py), which is one cache entry for every reader who
is up to date.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField

from dateline.core.text import xml_safe
from dateline.newsroom.blocks import ImageBlock, QuoteBlock
from dateline.newsroom.models import Author, StoryPage

UPDATES_PER_PAGE = 20


class LiveUpdateBody(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(icon="media", template="blocks/embed.html")


class LiveCoverage(models.Model):
    """The running state of one live story: its change counter and when coverage ended."""

    story = models.OneToOneField(StoryPage, on_delete=models.CASCADE, related_name="coverage")
    version = models.PositiveBigIntegerField(default=0)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_update_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "live coverage"
        verbose_name_plural = "live coverage"

    def __str__(self):
        return f"Coverage of {self.story}"

    @property
    def is_running(self):
        return self.ended_at is None


class LiveUpdateQuerySet(models.QuerySet):
    def published(self):
        """What readers see: published and not deleted."""
        return self.filter(status=LiveUpdate.Status.PUBLISHED)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def changed_since(self, version):
        """Updates readers saw change after `version`: published, edited or deleted since."""
        return self.filter(version__gt=version).exclude(status=LiveUpdate.Status.DRAFT)


class LiveUpdate(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        DELETED = "deleted", "Deleted"

    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="live_updates")
    body = StreamField(LiveUpdateBody())
    # The body as readers see it, rendered when the update is saved: a live page shows twenty of
    # them and its updates endpoint is asked every few seconds by every open page.
    body_html = models.TextField(editable=False, blank=True)
    authors = models.ManyToManyField(Author, blank=True, related_name="live_updates")
    # The byline as readers see it ({name, url} per author), written with the update.
    byline = models.JSONField(default=list, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    key_event = models.BooleanField(default=False)
    key_event_title = models.CharField(
        max_length=120, blank=True, help_text="Shown in the key events list, e.g. “Polls close”."
    )
    pinned = models.BooleanField(default=False, help_text="Shown above all other updates.")
    # The story's version when readers last saw this update change (LiveCoverage.version).
    version = models.PositiveBigIntegerField(default=0, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_liveupdate", "Can publish, edit and delete published updates")]
        constraints = [
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(pinned=True, status="published"),
                name="one_pinned_update_per_story",
            )
        ]

    def __str__(self):
        return self.key_event_title or f"Update {self.pk} to {self.story_id}"

    @property
    def anchor(self):
        return f"update-{self.pk}"

    def render(self, authors):
        """Write what readers see of this update: its body and byline."""
        self.body_html = self.body.render_as_block() if self.body else ""
        self.byline = [
            {"name": xml_safe(author.name), "url": author.get_absolute_url()} for author in authors
        ]

    @property
    def plain_text(self):
        return " ".join(strip_tags(self.body_html).split())


class LiveUpdateChange(models.Model):
    """Who did what to an update, and when: posts, edits, deletions, pins."""

    class Action(models.TextChoices):
        DRAFTED = "drafted", "Drafted"
        PUBLISHED = "published", "Published"
        EDITED = "edited", "Edited"
        DELETED = "deleted", "Deleted"

    update = models.ForeignKey(LiveUpdate, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


def next_version(story_id):
    """The story's next change number. The row stays locked until the transaction commits, so
    numbers become visible in the order they were taken and a reader never skips one."""
    coverage, _ = LiveCoverage.objects.get_or_create(story_id=story_id)
    LiveCoverage.objects.filter(pk=coverage.pk).update(version=F("version") + 1)
    return LiveCoverage.objects.values_list("version", flat=True).get(pk=coverage.pk)
