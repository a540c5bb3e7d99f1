"""Stories, the people and desks who write them, and the notes that follow them after publication."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import GroupApprovalTask, Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from dateline.core.page_cache import shared_fragment
from dateline.core.text import xml_safe, xml_safe_data
from dateline.core.widgets import TagPicker
from dateline.taxonomy.models import Agency, Country, Edition, Sector
from dateline.taxonomy.places import country_code_of_place

from .blocks import StoryBodyBlock
from .forms import StoryPageForm

STORIES_PER_PAGE = 20
# The story's own text fields XML cannot be allowed to break; its body and notes are cleaned too.
STORY_TEXT_FIELDS = (
    "title",
    "draft_title",
    "seo_title",
    "search_description",
    "summary",
    "dateline_place",
    "hero_caption",
)
RELATED_WINDOW_DAYS = 90
RELATED_CANDIDATES = 300
GLOBAL_REGION = "Global"
SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length


class StoryKind(models.TextChoices):
    NEWS = "news", "News"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    BLOG = "blog", "Blog"
    INTERVIEW = "interview", "Interview"
    PRESS_RELEASE = "press_release", "Press release"
    BRIEF = "brief", "Brief"
    LIVE = "live", "Live coverage"


# The section each kind lives in: (slug, title shown to readers).
KIND_SECTIONS = {
    StoryKind.NEWS: ("news", "News"),
    StoryKind.ANALYSIS: ("analysis", "Analysis"),
    StoryKind.OPINION: ("opinion", "Opinion"),
    StoryKind.BLOG: ("blogs", "Blogs"),
    StoryKind.INTERVIEW: ("interviews", "Interviews"),
    StoryKind.PRESS_RELEASE: ("press-releases", "Press Releases"),
    StoryKind.BRIEF: ("briefs", "Briefs"),
    StoryKind.LIVE: ("live", "Live"),
}


class Provenance(models.TextChoices):
    STAFF = "staff", "Staff story"
    AGENCY_REWRITE = "agency_rewrite", "Desk rewrite of agency copy"
    WIRE = "wire", "Raw wire copy, not edited"
    AI_ASSISTED = "ai_assisted", "Written with AI assistance"


PROVENANCE_NOTES = {
    Provenance.STAFF: "",
    Provenance.AGENCY_REWRITE: "(With inputs from agencies.)",
    Provenance.WIRE: (
        "This story has not been edited by our staff and is auto-generated from a syndicated feed."
    ),
    Provenance.AI_ASSISTED: (
        "This story was drafted with the help of an AI tool and checked and edited by our staff."
    ),
}


class TakeawaysMethod(models.TextChoices):
    EDITORS = "editors", "Written by editors"
    SOFTWARE = "software", "Suggested by software from the story's own sentences"
    REPORTS = "reports", "Suggested by software from the agency reports the story is based on"
    MODEL = "model", "Suggested by a language model"


MAX_TAKEAWAYS = 5


@dataclass
class ListingPage:
    """One page of a listing, with newer and older links but no total: counting every story
    in a busy sector costs more than rendering the page."""

    object_list: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1


def page_number(request):
    """The page asked for (`?page=`): 1 when none; a 404 for anything but a positive integer."""
    raw = request.GET.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise Http404("No such page of results.")
    return int(raw)


def paginate(request, queryset, per_page=STORIES_PER_PAGE):
    """One page of a listing; a page number that is not a positive integer in range is a 404."""
    number = page_number(request)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and number > 1:
        raise Http404("No such page of results.")
    return ListingPage(rows[:per_page], number, len(rows) > per_page)


def region_label(countries, lead_country=None, dateline_place=""):
    """The place cards and trending name beside a headline: the country the story is about.

    The lead country the editor chose; else the story's only country; else the one of its
    countries its dateline place is in (a Freetown story tagged Ghana and Sierra Leone is about
    Sierra Leone); else Global, for a story about no country or about several alike.
    """
    countries = list(countries)
    if lead_country is not None and lead_country in countries:
        return lead_country.name
    if len(countries) == 1:
        return countries[0].name
    place_code = country_code_of_place(dateline_place) if dateline_place else None
    for country in countries:
        if country.code == place_code:
            return country.name
    return GLOBAL_REGION


def available_slug(slug, parents, page=None):
    """`slug`, or the first of slug-2, slug-3, … that no other child of `parents` has taken.

    Repeated headlines are routine in a newsroom; the second story of the year called "Floods
    hit Assam" is filed as floods-hit-assam-2 instead of failing.
    """
    taken = set()
    for parent in parents:
        siblings = parent.get_children()
        if page is not None and page.pk is not None:
            siblings = siblings.not_page(page)
        taken.update(siblings.values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slug[: SLUG_MAX_LENGTH - len(suffix)] + suffix
    return candidate


class Desk(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text='e.g. "Senior Correspondent".')
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "media.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="author"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reader:author", args=[self.slug])


def in_edition_q(edition, prefix=""):
    """The rule for every surface: the global edition carries every story, whatever its
    countries; a regional edition the stories linked to it. `prefix` reaches the story from
    another model, e.g. "storypage__" from a link table."""
    return Q() if edition.is_global else Q(**{f"{prefix}editions": edition})


def restricted_sections():
    """Paths of the pages behind a view restriction (password, login or groups).

    Wagtail's `public()` reads them with a query each time it is called, and a front calls it
    for every block; they change rarely, and changing them drops the caches (signals.py).
    """
    return shared_fragment(
        "restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


class StoryQuerySet(PageQuerySet):
    """What readers, feeds, sitemaps, the API, digests and trending may show, said once."""

    def published(self):
        """Live, public (outside any restricted section) and not past the story's expiry.

        `live` already leaves out drafts, scheduled stories and stories the scheduler has
        expired; the expiry filter covers the minute before it runs.
        """
        private = Q(pk__in=[])
        for path in restricted_sections():
            private |= Q(path__startswith=path)
        return self.live().exclude(private).exclude(expire_at__lte=timezone.now())

    def in_edition(self, edition):
        return self.filter(in_edition_q(edition))

    def for_cards(self):
        """What a story card shows: a card never shows the body, and decoding it is most of
        the cost of loading a story."""
        return (
            self.select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .defer("body", "body_html", "reader_meta")
        )

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")


class StoryIndexPage(Page):
    """The section for one kind of story: /news/, /opinion/, …"""

    kind = models.CharField(max_length=20, choices=StoryKind.choices, unique=True)
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("introduction")]
    subpage_types = ["newsroom.YearFolderPage", "newsroom.StoryPage"]
    template = "listing.html"

    def folder_for_year(self, year):
        """The section's folder for a year, or None before the year's first story."""
        return YearFolderPage.objects.child_of(self).filter(slug=str(year)).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(
            request, StoryPage.objects.published().for_cards().newest_first().filter(kind=self.kind)
        )
        context["listing_title"] = self.title
        context["listing_intro"] = self.introduction
        return context


class YearFolderPage(Page):
    """Keeps a section's stories in one folder per year; created automatically."""

    parent_page_types = ["newsroom.StoryIndexPage"]
    subpage_types = ["newsroom.StoryPage"]
    template = "listing.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context["stories"] = paginate(
            request, StoryPage.objects.published().for_cards().newest_first().child_of(self)
        )
        context["listing_title"] = f"{parent.title}: {self.title}"
        return context


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryPage(Page):
    objects = PageManager.from_queryset(StoryQuerySet)()

    kind = models.CharField(max_length=20, choices=StoryKind.choices, editable=False, db_index=True)
    summary = models.TextField(help_text="One paragraph that tells the story in brief.")
    takeaways = models.JSONField(
        default=list,
        blank=True,
        help_text="Up to five short points shown at the top of the story; leave empty for none.",
    )
    takeaways_method = models.CharField(
        "how the takeaways were made",
        max_length=10,
        choices=TakeawaysMethod.choices,
        default=TakeawaysMethod.EDITORS,
    )
    takeaways_model = models.CharField(
        "language model",
        max_length=200,
        blank=True,
        help_text="The model that suggested the takeaways, when one did.",
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    desk = models.ForeignKey(
        Desk,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text="Byline for stories without a named author, e.g. News Desk.",
    )
    dateline_place = models.CharField(max_length=100, blank=True, help_text='e.g. "Nairobi".')
    sectors = ParentalManyToManyField(Sector, blank=True, related_name="stories")
    countries = ParentalManyToManyField(Country, blank=True, related_name="stories")
    lead_country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a story about several countries: the one it is mainly about, named on "
        "cards and in trending. Leave empty to go by the dateline place.",
    )
    editions = ParentalManyToManyField(
        Edition,
        blank=True,
        related_name="stories",
        help_text="Leave empty to derive from the countries.",
    )
    tags = ClusterTaggableManager(through=StoryTag, blank=True)
    hero_image = models.ForeignKey(
        "media.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    agencies = ParentalManyToManyField(Agency, blank=True, related_name="stories")
    provenance = models.CharField(
        max_length=20, choices=Provenance.choices, default=Provenance.STAFF
    )
    sponsored = models.BooleanField(default=False)
    embargoed_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Agency embargo: the story cannot go live before this time, even if published.",
    )
    region_label = models.CharField(max_length=100, editable=False, blank=True)
    # What the article shows of its authors, sectors, countries, tags and agencies, written when
    # the story is saved so that serving the article costs no query per relation.
    reader_meta = models.JSONField(editable=False, default=dict)

    content_panels = [
        TitleFieldPanel("title", heading="Headline"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("takeaways"),
                FieldRowPanel([FieldPanel("takeaways_method"), FieldPanel("takeaways_model")]),
            ],
            heading="Key takeaways",
        ),
        MultiFieldPanel(
            [
                InlinePanel("story_authors", label="Author"),
                FieldPanel("desk"),
                FieldPanel("dateline_place"),
            ],
            heading="Byline",
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Hero image"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("sectors", widget=TagPicker("sectors")),
                FieldPanel("countries", widget=TagPicker("countries")),
                FieldPanel("lead_country"),
                FieldPanel("editions"),
                FieldPanel("tags"),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("provenance"), FieldPanel("sponsored")]),
                FieldPanel("agencies"),
                FieldPanel("embargoed_until"),
            ],
            heading="Sources",
        ),
        InlinePanel("notes", label="Update or correction"),
    ]
    base_form_class = StoryPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("first_published_at"),
        index.FilterField("expire_at"),
    ]
    parent_page_types = ["newsroom.StoryIndexPage", "newsroom.YearFolderPage"]
    subpage_types = []
    template = "story.html"

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    @property
    def provenance_note(self):
        return PROVENANCE_NOTES.get(self.provenance, "")

    @property
    def takeaways_note(self):
        """The line under the takeaways that says how they were made."""
        if self.takeaways_method == TakeawaysMethod.SOFTWARE:
            return "Suggested by software from the story's own sentences and checked by an editor."
        if self.takeaways_method == TakeawaysMethod.REPORTS:
            return (
                "Suggested by software from the agency reports this story is based on and "
                "checked by an editor."
            )
        if self.takeaways_method == TakeawaysMethod.MODEL:
            return (
                f"Suggested by the language model {self.takeaways_model or '(unnamed)'} and "
                "checked by an editor."
            )
        return "Written by our editors."

    @cached_property
    def byline_authors(self):
        return [link.author for link in self.story_authors.all()]

    def get_meta_description(self):
        return self.search_description or self.summary

    def derive_region_label(self):
        return region_label(self.countries.all(), self.lead_country, self.dateline_place)

    def slug_free_where_filed(self, slug, parent):
        """`slug`, or a free variant of it, where this story is (or is about to be) filed.

        A story created in a section is moved into the section's folder for the year once it
        is saved (wagtail_hooks.py), so its slug must be free in both places.
        """
        parents = [parent]
        section = parent.specific
        if isinstance(section, StoryIndexPage):
            folder = section.folder_for_year(timezone.localdate().year)
            if folder is not None:
                parents.append(folder)
        return available_slug(slug, parents, page=self)

    def derive_reader_meta(self):
        def links(objects):
            return [{"name": obj.name, "url": obj.get_absolute_url()} for obj in objects]

        return {
            "authors": links(link.author for link in self.story_authors.all()),
            "sectors": links(self.sectors.all()),
            "countries": links(sorted(self.countries.all(), key=lambda country: country.name)),
            "tags": [
                {"name": tag.name, "url": reverse("reader:tag", args=[tag.slug])}
                for tag in self.tags.all()
            ],
            "agencies": [agency.credit for agency in self.agencies.all()],
            "notes": [
                {"kind": note.kind, "text": note.text, "noted_at": note.noted_at.isoformat()}
                for note in self.notes.all()
            ],
        }

    def drop_xml_unsafe_characters(self):
        """Remove what XML cannot carry from the story's text: one control character pasted
        into a summary would otherwise break every feed and sitemap that carries the story."""
        for name in STORY_TEXT_FIELDS:
            if value := getattr(self, name):
                setattr(self, name, xml_safe(value))
        self.takeaways = [xml_safe(point) for point in self.takeaways or [] if point]
        body = self.body.get_prep_value()
        safe_body = xml_safe_data(body)
        if safe_body != body:
            self.body = safe_body
        # The notes held with the story in memory (the editor's, a revision's, code's); stored
        # ones were cleaned on their way in, through this same method.
        for note in self.notes.all():
            note.text = xml_safe(note.text)

    def full_clean(self, *args, **kwargs):
        # Before the fields are validated, so that a headline of control characters alone is
        # refused as empty; the admin's form and every live save pass through here.
        self.drop_xml_unsafe_characters()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.under_embargo() and self.go_live_at and self.go_live_at < self.embargoed_until:
            raise ValidationError(
                {
                    "go_live_at": "This story is under embargo until "
                    f"{timezone.localtime(self.embargoed_until):%d-%m-%Y %H:%M %Z}: "
                    "it cannot go live earlier."
                }
            )

    def under_embargo(self):
        return bool(self.embargoed_until and self.embargoed_until > timezone.now())

    def save_revision(self, *args, **kwargs):
        # Every revision of an embargoed story goes live no earlier than the embargo, so
        # "Publish" schedules it and neither the admin nor code can release it early.
        if self.under_embargo() and (not self.go_live_at or self.go_live_at < self.embargoed_until):
            self.go_live_at = self.embargoed_until
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        if not self.kind:
            section = StoryIndexPage.objects.ancestor_of(self).first() if self.path else None
            self.kind = section.kind if section else StoryKind.NEWS
        if kwargs.get("update_fields") is None:
            # Drafts saved from code skip full_clean.
            self.drop_xml_unsafe_characters()
            self.region_label = self.derive_region_label()
            # Tag and author names and notes may come from elsewhere; what is copied here is safe.
            self.reader_meta = xml_safe_data(self.derive_reader_meta())
            self.body_html = self.body.render_as_block() if self.body else ""
        return super().save(*args, **kwargs)

    def related_stories(self, count=4):
        """Stories sharing the most sectors, countries and tags with this one, newer first.

        Candidates are read from the link tables, newest first and a bounded number per link,
        and scored here: one join of all three tables over every story costs 100 ms or more.
        """
        recent = timezone.now() - timedelta(days=RELATED_WINDOW_DAYS)
        links = [
            (StoryPage.sectors.through.objects, "storypage", "sector_id"),
            (StoryPage.countries.through.objects, "storypage", "country_id"),
            (StoryTag.objects, "content_object", "tag_id"),
        ]
        scores = Counter()
        published = {}
        for manager, story_field, key in links:
            mine = manager.filter(**{f"{story_field}_id": self.pk}).values(key)
            rows = (
                manager.filter(
                    **{
                        f"{key}__in": mine,
                        f"{story_field}__live": True,
                        f"{story_field}__first_published_at__gte": recent,
                    }
                )
                .exclude(**{f"{story_field}_id": self.pk})
                .order_by(f"-{story_field}__first_published_at")
                .values_list(f"{story_field}_id", f"{story_field}__first_published_at")[
                    :RELATED_CANDIDATES
                ]
            )
            for story_id, first_published_at in rows:
                scores[story_id] += 1
                published[story_id] = first_published_at
        best = sorted(scores, key=lambda i: (scores[i], published[i]), reverse=True)[:count]
        cards = StoryPage.objects.published().for_cards().in_bulk(best)
        return [cards[i] for i in best if i in cards]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meta = self.reader_meta or self.derive_reader_meta()
        context.update(meta)
        context["section_slug"] = KIND_SECTIONS[self.kind][0]
        context["notes"] = list(self.notes.all()) if self.pk else []
        if self.pk and not getattr(request, "is_preview", False):
            context["related_html"] = mark_safe(
                shared_fragment(
                    f"related:{self.pk}",
                    lambda: render_to_string(
                        "includes/related.html", {"related": self.related_stories()}
                    ),
                )
            )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # When the story itself last changed, for crawlers that revalidate by date; readers'
        # browsers revalidate by the page's ETag, which also covers the sidebars.
        if self.last_published_at and not getattr(request, "is_preview", False):
            response["Last-Modified"] = http_date(self.last_published_at.timestamp())
        return response


class StoryAuthor(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="story_authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="story_links")

    panels = [FieldPanel("author")]


class StoryNote(Orderable):
    """An update or a correction, shown to readers with its time."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Update"
        CORRECTION = "correction", "Correction"

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.UPDATE)
    text = models.TextField()
    noted_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("noted_at")]


class DeskReviewTask(GroupApprovalTask):
    """The desk review every story passes (roles.DESK_REVIEW): a desk or chief editor's approval
    publishes the story, unless the project's publish hold (DATELINE_PUBLISH_HOLD) has something
    for the editor to decide first, such as a figure no agency report holds. The approval then
    waits, and the editor is sent where the decision is made."""

    class Meta:
        proxy = True
        verbose_name = "Desk review task"

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and settings.DATELINE_PUBLISH_HOLD:
            story = task_state.revision.as_object()
            held = import_string(settings.DATELINE_PUBLISH_HOLD)(story)
            if held:
                return held
        return super().on_action(task_state, user, action_name, **kwargs)
