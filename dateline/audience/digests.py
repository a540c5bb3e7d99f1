"""What goes into a digest: its period, the stories published in it, and the rendered message.

A digest is rendered once per distinct set of choices (editions and sectors), never once per
subscriber: the per-subscriber links are put in afterwards by plain string replacement. That is
what lets one digest reach a hundred thousand readers in minutes.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date

from dateline.core.links import absolute, base_url, story_url
from dateline.newsroom.models import StoryPage
from dateline.taxonomy.models import Edition, Sector

from .models import Frequency

# Stand-ins for the subscriber's own links, replaced in the rendered text of each message.
UNSUBSCRIBE_MARK = "__dateline_unsubscribe_url__"
PREFERENCES_MARK = "__dateline_preferences_url__"

STORIES_PER_SECTION = 6
STORIES_PER_DIGEST = 40
STORIES_PER_PERIOD = 1000
PERIOD_LENGTH = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


def latest_period(frequency, now=None):
    """The most recent whole period of this frequency that has ended by `now` (start, end).

    Periods end at the send hour in the site's time zone: every day, or on the weekly send day.
    """
    local = timezone.localtime(now or timezone.now())
    end = local.replace(
        hour=settings.DATELINE_NEWSLETTER_SEND_HOUR, minute=0, second=0, microsecond=0
    )
    if frequency == Frequency.WEEKLY:
        end -= timedelta(days=(local.weekday() - settings.DATELINE_NEWSLETTER_WEEKLY_DAY) % 7)
    if end > local:
        end -= PERIOD_LENGTH[frequency]
    return end - PERIOD_LENGTH[frequency], end


def subject_for(frequency, period_end):
    local_end = timezone.localtime(period_end)
    if frequency == Frequency.WEEKLY:
        when = f"the week to {format_date(local_end, 'j F Y')}"
    else:
        when = format_date(local_end, "l j F Y")
    return f"{settings.WAGTAIL_SITE_NAME} {Frequency(frequency).label.lower()} digest: {when}"


@dataclass(frozen=True)
class DigestStory:
    title: str
    summary: str
    takeaways: tuple
    url: str
    kind: str
    sector_ids: frozenset
    edition_ids: frozenset


def stories_in_period(start, end):
    """The public stories first published in [start, end), newest first, ready to render."""
    rows = (
        StoryPage.objects.published()
        .for_cards()
        .newest_first()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.only("pk")),
            Prefetch("editions", queryset=Edition.objects.only("pk")),
        )[:STORIES_PER_PERIOD]
    )
    stories = []
    for story in rows:
        url = story_url(story)
        if url is None:
            continue
        stories.append(
            DigestStory(
                title=story.title,
                summary=story.summary,
                takeaways=tuple(story.takeaways),
                url=url,
                kind=story.get_kind_display(),
                sector_ids=frozenset(sector.pk for sector in story.sectors.all()),
                edition_ids=frozenset(edition.pk for edition in story.editions.all()),
            )
        )
    return stories


@dataclass(frozen=True)
class Choices:
    """A subscriber's editions and sectors; empty means all of them."""

    edition_ids: frozenset = frozenset()
    sector_ids: frozenset = frozenset()


class DigestRenderer:
    """Renders one digest for any set of choices, each set once."""

    def __init__(self, frequency, subject, stories):
        self.frequency = Frequency(frequency)
        self.subject = subject
        self.stories = stories
        self.sectors = list(Sector.objects.order_by("sort_order", "name"))
        self.global_edition_ids = set(
            Edition.objects.filter(is_global=True).values_list("pk", flat=True)
        )
        self._rendered = {}

    def matching(self, choices):
        editions = choices.edition_ids
        every_edition = not editions or editions & self.global_edition_ids
        return [
            story
            for story in self.stories
            if (every_edition or story.edition_ids & editions)
            and (not choices.sector_ids or story.sector_ids & choices.sector_ids)
        ]

    def sections(self, choices):
        """Stories grouped by sector in the site's sector order; each story appears once."""
        wanted = [s for s in self.sectors if not choices.sector_ids or s.pk in choices.sector_ids]
        grouped = {sector.pk: [] for sector in wanted}
        unfiled = []
        for story in self.matching(choices)[:STORIES_PER_DIGEST]:
            home = next((s.pk for s in wanted if s.pk in story.sector_ids), None)
            (grouped[home] if home else unfiled).append(story)
        sections = [
            {
                "title": sector.name,
                "stories": grouped[sector.pk][:STORIES_PER_SECTION],
                "more": len(grouped[sector.pk]) - STORIES_PER_SECTION,
                "more_url": absolute(sector.get_absolute_url()),
            }
            for sector in wanted
            if grouped[sector.pk]
        ]
        if unfiled:
            sections.append({"title": "More stories", "stories": unfiled, "more": 0})
        return sections

    def render(self, choices):
        """(html, text) with the link marks still in, or None when no story matches."""
        if choices not in self._rendered:
            sections = self.sections(choices)
            self._rendered[choices] = self._render(sections) if sections else None
        return self._rendered[choices]

    def _render(self, sections):
        headlines = [story.title for section in sections for story in section["stories"]]
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": base_url() + "/",
            "subject": self.subject,
            "frequency": self.frequency.label.lower(),
            "sections": sections,
            "story_count": len(headlines),
            "preheader": " · ".join(headlines[:3]),
            "unsubscribe_url": UNSUBSCRIBE_MARK,
            "preferences_url": PREFERENCES_MARK,
        }
        return (
            render_to_string("audience/email/digest.html", context),
            render_to_string("audience/email/digest.txt", context),
        )


def personalise(rendered_text, unsubscribe_url, preferences_url):
    return rendered_text.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(
        PREFERENCES_MARK, preferences_url
    )
