from django.db import models


class HourlyViews(models.Model):
    """Views of one story in one clock hour. No reader, address or cookie is recorded."""

    story = models.ForeignKey("newsroom.StoryPage", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(db_index=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "hour"], name="one_count_per_story_hour")
        ]
        verbose_name_plural = "hourly views"

    def __str__(self):
        return f"{self.story_id} @ {self.hour:%Y-%m-%d %H:00}: {self.views}"


class PendingView(models.Model):
    """One counted view not yet added to its hour's total.

    It is written before the beacon answers, so a view that was acknowledged survives a crash of
    the cache, of the worker or of the web process; the worker folds these rows into
    HourlyViews. It names no reader either.
    """

    story_id = models.BigIntegerField()
    hour = models.DateTimeField()

    def __str__(self):
        return f"{self.story_id} @ {self.hour:%Y-%m-%d %H:00}"
