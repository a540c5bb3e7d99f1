"""The reader pages a story appears on, and dropping just those when it changes.

A story shows on its own page, the home page and its editions' fronts, its section (kind), the
listings of its sectors, countries, tags and authors, latest news, and the feeds and sitemaps of
all of those. When it is published, updated, withdrawn or moved, those pages are dropped from
Dateline's own page cache in every process and purged from the caches in front (the edge, a CDN)
through the task queue; every other page keeps its copy until it expires (`s-maxage`), so a
sidebar elsewhere may show the old headline for up to that long.
"""

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from wagtail.models import PageLogEntry

from dateline.core.edge_purge import schedule_edge_purge
from dateline.core.page_cache import invalidate_paths
from dateline.newsroom.models import KIND_SECTIONS
from dateline.taxonomy.editions import edition_table, global_edition
from dateline.taxonomy.reader_paths import listing_and_feed_paths, site_wide_paths


def story_paths(story):
    """The paths of every page this version of the story appears on, its own first."""
    paths = []
    url_parts = story.get_url_parts()
    if url_parts is not None:
        story_path = url_parts[2]
        paths.append(story_path)
        # Its section (/news/) and the year folder it sits in (/news/2026/).
        segments = [segment for segment in story_path.split("/") if segment]
        paths += ["/" + "/".join(segments[:depth]) + "/" for depth in range(1, len(segments))]
    paths += site_wide_paths()
    section_slug = KIND_SECTIONS[story.kind][0]
    paths += listing_and_feed_paths("kind", section_slug)
    editions = [global_edition(edition_table()), *story.editions.all()]
    for edition in editions:
        paths += listing_and_feed_paths("edition", edition.slug, "reader:edition")
    for sector in story.sectors.all():
        paths += listing_and_feed_paths("sector", sector.slug, "reader:sector")
    for country in story.countries.all():
        paths += listing_and_feed_paths("country", country.slug, "reader:country")
    for tag in story.tags.all():
        try:
            paths += listing_and_feed_paths("tag", tag.slug, "reader:tag")
        except NoReverseMatch:
            # A tag whose slug is not URL-safe has no listing of its own.
            continue
    authors = [link.author for link in story.story_authors.all()]
    if authors:
        paths.append(reverse("reader:authors"))
    for author in authors:
        paths += listing_and_feed_paths("author", author.slug, "reader:author")
    return paths


def previously_published(story, revision):
    """The story as readers saw it before this publish, if they saw it at all: its sectors,
    countries and tags may have changed, and the pages of the old ones must drop it too."""
    earlier = (
        PageLogEntry.objects.filter(page=story, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return earlier.revision.as_object() if earlier else None


def drop_story_pages(paths):
    """Now, for this process and any request in this transaction's wake; again once the change
    is committed, so that no request in between caches the old version for everyone; and at
    the edge after the commit."""
    paths = list(dict.fromkeys(paths))
    invalidate_paths(paths)

    def after_commit():
        invalidate_paths(paths)
        schedule_edge_purge(paths)

    transaction.on_commit(after_commit)


def story_changed(story, revision=None):
    paths = story_paths(story)
    before = previously_published(story, revision) if revision is not None else None
    if before is not None:
        paths += story_paths(before)
    drop_story_pages(paths)
