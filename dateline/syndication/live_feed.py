"""An Atom feed of one live story's updates, newest first, for readers who follow it in a feed
reader and for partners who syndicate the coverage."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import quote_etag
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from dateline.core.links import absolute, base_url, story_url
from dateline.live.models import LiveCoverage, LiveUpdate
from dateline.newsroom.models import StoryKind, StoryPage

from .feeds import FEED_MAX_AGE, XmlSafeFeed, absolute_html

LIVE_FEED_SIZE = 50


class LiveAtomFeed(XmlSafeFeed, Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["author_links"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", absolute(author["url"]))
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


def update_tag_uri(story, update):
    """Stable ids: tag:host,day-the-story-opened:live-update:id."""
    host = urlsplit(base_url()).hostname or "localhost"
    return f"tag:{host},{story.first_published_at.date().isoformat()}:live-update:{update.pk}"


@require_safe
def live_feed(request, story_id):
    story = (
        StoryPage.objects.published()
        .filter(pk=story_id, kind=StoryKind.LIVE)
        .defer("body", "body_html")
        .first()
    )
    if story is None:
        raise Http404("No live story has this number.")
    version = LiveCoverage.objects.filter(story=story).values_list("version", flat=True).first()
    etag = quote_etag(
        hashlib.sha256(f"live:{story.pk}:{version}:{story.last_published_at}".encode()).hexdigest()[
            :32
        ]
    )
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(
            render_feed(request, story), content_type="application/atom+xml; charset=utf-8"
        )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def render_feed(request, story):
    page_url = story_url(story) or absolute("/")
    feed = LiveAtomFeed(
        title=f"{story.title}: live updates",
        link=page_url,
        description=story.summary,
        subtitle=story.summary,
        feed_url=absolute(request.path),
        author_name=settings.WAGTAIL_SITE_NAME,
        language="en",
    )
    updates = LiveUpdate.objects.filter(story=story).published().newest_first()
    for update in updates[:LIVE_FEED_SIZE]:
        text = update.plain_text
        feed.add_item(
            title=update.key_event_title or Truncator(text).words(14) or story.title,
            link=f"{page_url}#update-{update.pk}",
            description=Truncator(text).words(60),
            unique_id=update_tag_uri(story, update),
            pubdate=update.published_at,
            updateddate=update.edited_at or update.published_at,
            author_name=None if update.byline else settings.WAGTAIL_SITE_NAME,
            author_links=update.byline,
            content_html=absolute_html(update.body_html),
        )
    return feed.writeString("utf-8")
