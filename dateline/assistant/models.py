"""The record of every suggestion an editor accepted into a story."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SuggestionKind(models.TextChoices):
    TAKEAWAYS = "takeaways", "Key takeaways"
    HEADLINE = "headline", "Headline"
    SUMMARY = "summary", "Summary"
    TAGS = "tags", "Tags"
    DRAFT = "draft", "Rewrite draft"
    PICTURE = "picture", "Picture"
    ALT_TEXT = "alt_text", "Alt text"


class AcceptedSuggestion(models.Model):
    """What was accepted, where it came from (backend, model, prompt file and version), the
    text as the editor saved it, who accepted it and when."""

    kind = models.CharField(max_length=20, choices=SuggestionKind.choices)
    story = models.ForeignKey(
        "newsroom.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_suggestions",
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_suggestions",
    )
    backend = models.CharField(max_length=20)
    model = models.CharField(max_length=200, blank=True)
    prompt = models.CharField(max_length=60, blank=True)
    prompt_version = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_suggestions",
    )
    accepted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-accepted_at", "-pk"]

    def __str__(self):
        made_by = self.model or self.backend
        return f"{self.get_kind_display()} by {made_by}, accepted {self.accepted_at:%Y-%m-%d %H:%M}"
