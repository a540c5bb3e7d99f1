"""The wire desk's records: where copy comes from, every payload as received, and the items in it.

Nothing an agency sends is thrown away: a payload is stored raw before it is parsed, an item's
earlier versions are kept, and the desk's corrections to automatic tagging are logged.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from dateline.newsroom.models import Desk, StoryKind, StoryPage
from dateline.taxonomy.models import Agency, Country, Edition, Sector

from . import outbound


def new_push_secret():
    return secrets.token_urlsafe(32)


class Source(models.Model):
    class Format(models.TextChoices):
        AUTO = "auto", "Detect from each payload"
        RSS = "rss", "RSS 2.0 / Atom"
        NINJS = "ninjs", "IPTC ninjs (1.x, 2.x, 3.x)"
        NEWSML_G2 = "newsml-g2", "IPTC NewsML-G2"
        NITF = "nitf", "NITF 3.x"

    class Delivery(models.TextChoices):
        PULL = "pull", "We fetch it from a URL"
        PUSH = "push", "The agency pushes to us"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Part of the push URL.")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="wire_sources")
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.AUTO)
    delivery = models.CharField(max_length=4, choices=Delivery.choices, default=Delivery.PULL)
    pull_url = models.URLField(
        blank=True, max_length=500, help_text="http or https only; for pulled sources."
    )
    poll_interval_minutes = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    pull_username = models.CharField(max_length=200, blank=True)
    pull_password = models.CharField(
        max_length=200, blank=True, help_text="Sent with HTTP basic authentication."
    )
    pull_token = models.CharField(
        max_length=500, blank=True, help_text='Sent as "Authorization: Bearer …" instead.'
    )
    push_secret = models.CharField(
        max_length=100,
        default=new_push_secret,
        help_text="The agency sends it as a bearer token or signs each body with it (HMAC-SHA256).",
    )
    story_kind = models.CharField(max_length=20, choices=StoryKind.choices, default=StoryKind.NEWS)
    byline_desk = models.ForeignKey(
        Desk,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The desk named in the byline of stories made from this source.",
    )
    default_sectors = models.ManyToManyField(Sector, blank=True, related_name="+")
    default_editions = models.ManyToManyField(Edition, blank=True, related_name="+")
    auto_publish = models.BooleanField(
        default=False,
        help_text="Publish each new item as raw wire copy, labelled as not edited by our staff.",
    )
    enabled = models.BooleanField(default=True)

    # Health, written by the fetcher and the ingest.
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("agency"), FieldPanel("format")]),
        MultiFieldPanel(
            [
                FieldPanel("delivery"),
                FieldPanel("pull_url"),
                FieldPanel("poll_interval_minutes"),
                FieldRowPanel([FieldPanel("pull_username"), FieldPanel("pull_password")]),
                FieldPanel("pull_token"),
                FieldPanel("push_secret"),
            ],
            heading="Delivery",
        ),
        MultiFieldPanel(
            [
                FieldPanel("story_kind"),
                FieldPanel("byline_desk"),
                FieldPanel("default_sectors"),
                FieldPanel("default_editions"),
                FieldPanel("auto_publish"),
                FieldPanel("enabled"),
            ],
            heading="Stories",
        ),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.delivery == self.Delivery.PULL and not self.pull_url:
            raise ValidationError({"pull_url": "A pulled source needs the URL to fetch."})
        if self.pull_url and not self.pull_url.lower().startswith(("http://", "https://")):
            raise ValidationError({"pull_url": "Only http and https URLs can be fetched."})
        if self.pull_url:
            # The fetch checks again, on every connection; this tells the editor at once.
            try:
                outbound.check_url(self.pull_url, outbound.allowed_networks())
            except outbound.RefusedDestination as error:
                raise ValidationError({"pull_url": str(error)}) from error

    def push_url(self):
        return reverse("wire:push", args=[self.slug])


class Payload(models.Model):
    """A body exactly as it arrived, kept before parsing so that nothing is ever lost."""

    class Via(models.TextChoices):
        PULL = "pull", "Pulled"
        PUSH = "push", "Pushed"
        FILE = "file", "Loaded from a file"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received, not parsed yet"
        PARSED = "parsed", "Parsed"
        PARTIAL = "partial", "Parsed with some items refused"
        FAILED = "failed", "Could not be parsed"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="payloads")
    via = models.CharField(max_length=4, choices=Via.choices)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    error = models.TextField(blank=True)
    item_errors = models.JSONField(default=list, blank=True)
    item_count = models.PositiveIntegerField(default=0)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.source} payload {self.pk} ({self.get_status_display()})"

    def text(self):
        return bytes(self.body).decode("utf-8", errors="replace")


class Cluster(models.Model):
    """Items that report one event: exact repeats and near-duplicates from any agency.

    A cluster's id is the id of its lead (first) item.
    """

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    lead = models.ForeignKey(
        "Item", null=True, on_delete=models.SET_NULL, related_name="+", help_text="First item."
    )
    size = models.PositiveIntegerField(default=1)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_clusters",
    )

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return f"Cluster {self.pk}"

    def get_admin_url(self):
        return reverse("wire_desk:cluster", args=[self.pk])


class Item(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        USED = "used", "Used in a story"
        SPIKED = "spiked", "Spiked"

    # Indexed with the id below: a source's latest items (enrich.usual_countries).
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    payload = models.ForeignKey(Payload, on_delete=models.PROTECT, related_name="items")
    guid = models.CharField(max_length=500)
    version = models.CharField(max_length=100, blank=True)
    agency_name = models.CharField(
        max_length=200, blank=True, help_text="The provider the item names, if any."
    )
    headline = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    byline = models.CharField(max_length=300, blank=True)
    dateline_place = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=20, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    subjects = models.JSONField(default=list, blank=True)
    links = models.JSONField(default=list, blank=True)
    images = models.JSONField(default=list, blank=True)
    first_created = models.DateTimeField(null=True, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    embargoed_until = models.DateTimeField(null=True, blank=True)
    raw = models.TextField(blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version_count = models.PositiveIntegerField(default=1)

    fingerprint = models.CharField(max_length=64, db_index=True)
    signature = models.BinaryField(blank=True)
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    clustered = models.BooleanField(default=False, db_index=True)
    cluster_reason = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Why the item joined its cluster (kind, score, shared features); "
        "empty for the item that started it.",
    )

    countries = models.ManyToManyField(Country, blank=True, related_name="wire_items")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="wire_items")
    country_scores = models.JSONField(default=dict, blank=True)
    edition_scores = models.JSONField(default=dict, blank=True)
    tagging_corrected = models.BooleanField(
        default=False, help_text="The desk corrected the tags; new versions keep them."
    )

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_wire_items",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    story = models.ForeignKey(
        StoryPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="wire_items"
    )

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="wire_item_unique_guid")
        ]
        indexes = [
            models.Index(fields=["clustered", "id"], name="wire_item_unclustered"),
            models.Index(fields=["source", "id"], name="wire_item_source_latest"),
        ]
        permissions = [("use_desk", "Can use the wire desk")]

    def __str__(self):
        return self.headline

    def get_admin_url(self):
        return reverse("wire_desk:item", args=[self.pk])

    @property
    def agency_label(self):
        return self.agency_name or self.source.agency.name

    def under_embargo(self):
        return bool(self.embargoed_until and self.embargoed_until > timezone.now())


class ItemVersion(models.Model):
    """An earlier version of an item, kept when the agency sends a newer one."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    payload = models.ForeignKey(Payload, on_delete=models.PROTECT, related_name="+")
    version = models.CharField(max_length=100, blank=True)
    headline = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField()
    raw = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.headline} (version {self.version or '?'})"


class TagCorrection(models.Model):
    """The desk changed an item's countries or sectors; kept to audit and improve the rules."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="tag_corrections")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    corrected_at = models.DateTimeField(default=timezone.now)
    countries_before = models.JSONField(default=list)
    countries_after = models.JSONField(default=list)
    sectors_before = models.JSONField(default=list)
    sectors_after = models.JSONField(default=list)

    class Meta:
        ordering = ["-corrected_at"]

    def __str__(self):
        return f"Tags of item {self.item_id} corrected {self.corrected_at:%Y-%m-%d %H:%M}"


class ClusterCorrection(models.Model):
    """The desk merged two clusters or moved an item out of one; clustering keeps to it.

    Either way some items now belong to another cluster (`moved_items`, `into_cluster`). A move
    out also keeps the item apart from the cluster it left (`kept_from`, an item still there):
    a later item that matches both does not join them again. Cluster numbers are plain
    integers: a merge deletes the cluster it empties.
    """

    class Action(models.TextChoices):
        MERGE = "merge", "Merged clusters"
        MOVE_OUT = "move-out", "Moved an item out"

    action = models.CharField(max_length=8, choices=Action.choices)
    from_cluster = models.BigIntegerField(help_text="The cluster the items left.")
    into_cluster = models.BigIntegerField(help_text="The cluster the items joined.")
    moved_items = models.JSONField(default=list, help_text="Ids of the items that moved.")
    item = models.ForeignKey(
        Item,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The item moved out (a move out only).",
    )
    kept_from = models.ForeignKey(
        Item,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An item of the cluster the moved item left, to keep it apart from.",
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    made_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: cluster {self.from_cluster} to {self.into_cluster}"


class ShiftEditor(models.Model):
    """A desk editor who can be given new clusters; round-robin among those on shift."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wire_shift"
    )
    on_shift = models.BooleanField(default=False)
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.user)


class AssistedDraft(models.Model):
    """A story the desk started from the assistant's draft of a cluster, with where each fact
    the draft added came from, and the editor's decision to publish facts no report holds."""

    story = models.OneToOneField(StoryPage, on_delete=models.CASCADE, related_name="assisted_draft")
    items = models.ManyToManyField(
        Item, related_name="assisted_drafts", help_text="The reports the draft was made from."
    )
    lead_item = models.ForeignKey(
        Item, null=True, on_delete=models.SET_NULL, related_name="+", help_text="The best report."
    )
    cluster_id = models.BigIntegerField(null=True, help_text="The cluster, when it was drafted.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    additions = models.JSONField(
        default=list,
        help_text="The sentences added from other reports: sentence, facts (kind, text), item, "
        "link (the item on the desk), agency, headline.",
    )
    notices = models.JSONField(default=list, help_text="What the editor was told about the draft.")
    written_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="The language model that wrote the draft's text; empty when the offline "
        "assistant assembled it from the reports.",
    )
    confirmed_flags = models.JSONField(
        default=list,
        help_text="The facts in no report (kind, text) an editor decided to publish.",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"Assisted draft of {self.story}"
