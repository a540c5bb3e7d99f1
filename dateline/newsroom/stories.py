"""Creating stories from code. The wire desk and the demo loader create stories only through here."""

from django.db import transaction
from django.utils import timezone

from dateline.taxonomy.models import editions_for_countries

from .models import (
    Provenance,
    StoryAuthor,
    StoryIndexPage,
    StoryNote,
    StoryPage,
    TakeawaysMethod,
    YearFolderPage,
    available_slug,
)


def year_folder(section, year):
    """The folder for a year inside a section, created the first time it is needed."""
    folder = section.folder_for_year(year)
    if folder is None:
        folder = section.add_child(instance=YearFolderPage(title=str(year), slug=str(year)))
        folder.save_revision().publish()
    return folder


@transaction.atomic
def create_story(
    *,
    kind,
    headline,
    summary,
    body=(),
    takeaways=(),
    takeaways_method=TakeawaysMethod.EDITORS,
    takeaways_model="",
    authors=(),
    desk=None,
    dateline_place="",
    sectors=(),
    countries=(),
    editions=None,
    tags=(),
    hero_image=None,
    hero_caption="",
    agencies=(),
    provenance,
    sponsored=False,
    slug=None,
    first_published_at=None,
    last_published_at=None,
    notes=(),
    embargoed_until=None,
    publish=True,
    user=None,
):
    """Create a story in its section's year folder; publish it unless told otherwise.

    `body` is StreamField data: a list of (block type, value) pairs. `notes` is a list of
    (kind, text, noted_at). `takeaways` are accepted key takeaways, `takeaways_method` how they
    were made (and `takeaways_model` by which model). Without `editions` the story goes to its countries' editions.
    An embargoed story that is published is scheduled for the end of its embargo. A slug (given,
    or made from the headline) that another story of the year has gets a suffix: "-2", "-3", …
    """
    section = StoryIndexPage.objects.get(kind=kind)
    if takeaways and takeaways_method == TakeawaysMethod.MODEL:
        # A model's text in the story makes it AI-assisted, as the page editor's form says too.
        provenance = Provenance.AI_ASSISTED
    first_published_at = first_published_at or (timezone.now() if publish else None)
    folder = year_folder(section, timezone.localtime(first_published_at or timezone.now()).year)
    story = StoryPage(
        title=headline,
        summary=summary,
        takeaways=list(takeaways),
        takeaways_method=takeaways_method if takeaways else TakeawaysMethod.EDITORS,
        takeaways_model=takeaways_model,
        body=list(body),
        desk=desk,
        dateline_place=dateline_place,
        hero_image=hero_image,
        hero_caption=hero_caption,
        provenance=provenance,
        sponsored=sponsored,
        embargoed_until=embargoed_until,
        kind=kind,
        live=False,
        owner=user,
    )
    if slug:
        story.slug = available_slug(slug, [folder])
    story.sectors = list(sectors)
    story.countries = list(countries)
    story.editions = list(editions if editions is not None else editions_for_countries(countries))
    story.agencies = list(agencies)
    story.story_authors = [
        StoryAuthor(author=author, sort_order=i) for i, author in enumerate(authors)
    ]
    story.notes = [
        StoryNote(kind=note_kind, text=text, noted_at=noted_at, sort_order=i)
        for i, (note_kind, text, noted_at) in enumerate(notes)
    ]
    story.tags.add(*tags)
    folder.add_child(instance=story)
    revision = story.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, changed=False)
        story.refresh_from_db()
    if story.live:
        # Demo and imported stories keep the times they were first published elsewhere.
        StoryPage.objects.filter(pk=story.pk).update(
            first_published_at=first_published_at,
            last_published_at=last_published_at or first_published_at,
            latest_revision_created_at=last_published_at or first_published_at,
        )
        story.refresh_from_db()
    return story
