"""What readers see changes: drop the cached copies of the pages it shows on.

A story's publish, update, correction, withdrawal or move drops only the pages the story appears
on (invalidation.py), in every process and at the edge. Anything that shows on every page (a
restriction on a section, an author's name in bylines, a non-story page such as the home page
or a section) drops every cached page.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from dateline.core.edge_purge import schedule_edge_purge
from dateline.core.signals import drop_cached_pages
from dateline.taxonomy.reader_paths import site_wide_paths

from .invalidation import drop_story_pages, story_changed, story_paths
from .models import Author, StoryPage


def page_changed(sender, instance, revision=None, **kwargs):
    page = instance.specific_deferred
    if isinstance(page, StoryPage):
        story_changed(page, revision)
        return
    drop_cached_pages(sender)
    url_parts = page.get_url_parts()
    schedule_edge_purge(site_wide_paths() + ([url_parts[2]] if url_parts else []))


def story_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A story at a new address: the old one and the pages of the new one."""
    page = instance.specific_deferred
    if not isinstance(page, StoryPage) or not page.live:
        return
    paths = story_paths(page)
    url_parts = page.get_url_parts()
    if url_parts is not None:
        # The site's root part of url_path ("/home/") is not in the reader's URL.
        root = url_path_after[: len(url_path_after) - len(url_parts[2]) + 1]
        if url_path_before.startswith(root):
            paths.append("/" + url_path_before[len(root) :])
    drop_story_pages(paths)


def slug_changed(sender, instance, instance_before, **kwargs):
    story_moved(sender, instance, instance_before.url_path, instance.url_path)


def connect():
    page_published.connect(page_changed, dispatch_uid="newsroom-publish-invalidates")
    page_unpublished.connect(page_changed, dispatch_uid="newsroom-unpublish-invalidates")
    post_page_move.connect(story_moved, dispatch_uid="newsroom-move-invalidates")
    page_slug_changed.connect(slug_changed, dispatch_uid="newsroom-slug-invalidates")
    # StoryQuerySet.published() keeps the restricted sections in the shared cache.
    post_save.connect(
        drop_cached_pages, sender=PageViewRestriction, dispatch_uid="restriction-saved"
    )
    post_delete.connect(
        drop_cached_pages, sender=PageViewRestriction, dispatch_uid="restriction-deleted"
    )
    # An author's name and photo show in the bylines of all their stories.
    post_save.connect(drop_cached_pages, sender=Author, dispatch_uid="author-saved")
    post_delete.connect(drop_cached_pages, sender=Author, dispatch_uid="author-deleted")
