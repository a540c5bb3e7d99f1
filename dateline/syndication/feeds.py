"""RSS 2.0 and Atom feeds for the whole site and for each kind, sector, edition, country, tag and
author, and a feed of shorts with each video as an enclosure; all with conditional GET.

GUIDs are tag: URIs made of the host, the day the story was first published and its id, so they
stay the same when a headline or slug is edited. Descriptions carry the summary; the full text
goes into content:encoded (RSS) or content (Atom) only when `?full=1` is asked for.
"""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe
from wagtail.images.models import SourceImageIOError

from dateline.core.links import absolute, base_url, story_url
from dateline.core.text import xml_safe_data
from dateline.newsroom.models import StoryPage
from dateline.video.models import Short

from .stories import SCOPES, site_scope

FEED_SIZE = 30
FEED_MAX_AGE = 300
IMAGE_SPEC = "width-1200|format-jpeg"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"
RELATIVE_LINK = re.compile(r'(\s(?:src|href|poster)=")/(?!/)')
RELATIVE_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_html(html):
    """Story HTML with its site-relative links made absolute, as feed readers need."""
    base = base_url()
    html = RELATIVE_LINK.sub(lambda m: f"{m.group(1)}{base}/", html)

    def srcset(match):
        candidates = [c.strip() for c in match.group(2).split(",")]
        fixed = [
            f"{base}{c}" if c.startswith("/") and not c.startswith("//") else c for c in candidates
        ]
        return f"{match.group(1)}{', '.join(fixed)}{match.group(3)}"

    return RELATIVE_SRCSET.sub(srcset, html)


def media_elements(handler, media):
    handler.startElement(
        "media:content",
        {
            "url": media["url"],
            "type": media["type"],
            "medium": "image",
            "width": str(media["width"]),
            "height": str(media["height"]),
            "fileSize": str(media["length"]),
        },
    )
    if media["caption"]:
        handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
    if media["credit"]:
        handler.addQuickElement("media:credit", media["credit"])
    handler.endElement("media:content")


class XmlSafeFeed:
    """Every value handed to the feed generator, for the channel and for each item, loses the
    characters XML cannot carry. Django's writer raises on a control character, a 500 for every
    reader of the feed, and writes U+FFFE as it is, an ill-formed feed; text stored before the
    editor and the wire removed them must break neither."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe_data(args), **xml_safe_data(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe_data(args), **xml_safe_data(kwargs))


class StoryRssFeed(XmlSafeFeed, Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC,
            "xmlns:content": CONTENT,
            "xmlns:media": MEDIA,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item.get("full_html"):
            handler.addQuickElement("content:encoded", item["full_html"])
        if item.get("media"):
            media_elements(handler, item["media"])


class StoryAtomFeed(XmlSafeFeed, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["author_links"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            if author.get("url"):
                handler.addQuickElement("uri", absolute(author["url"]))
            handler.endElement("author")
        if item.get("full_html"):
            handler.addQuickElement("content", item["full_html"], {"type": "html"})
        if item.get("media"):
            media_elements(handler, item["media"])


def tag_uri(story):
    """A GUID that survives edits to the headline, slug or section: tag:host,date:story:id."""
    host = urlsplit(base_url()).hostname or "localhost"
    day = story.first_published_at.date().isoformat()
    return f"tag:{host},{day}:story:{story.pk}"


def hero_media(story):
    """The hero image as a ~1200px JPEG rendition, with what an enclosure needs; None without."""
    if not hasattr(story, "_feed_media"):
        story._feed_media = _hero_media(story)
    return story._feed_media


def _hero_media(story):
    image = story.hero_image
    if image is None:
        return None
    try:
        rendition = image.get_rendition(IMAGE_SPEC)
        length = rendition.file.size
    except (SourceImageIOError, OSError):
        return None
    return {
        "url": absolute(rendition.url),
        "type": "image/jpeg",
        "width": rendition.width,
        "height": rendition.height,
        "length": length,
        "credit": image.credit,
        # An AI-made image carries its disclaimer wherever it travels.
        "caption": " ".join(
            filter(None, [story.hero_caption or image.alt_text, image.ai_disclaimer])
        ),
    }


class StoryFeed(Feed):
    """One feed; `scope` names what it covers ("site", "kind", "sector", …)."""

    feed_type = StoryRssFeed

    def __init__(self, scope="site", atom=False):
        super().__init__()
        self.scope_name = scope
        self.atom = atom
        if atom:
            self.feed_type = StoryAtomFeed

    def get_object(self, request, slug=None):
        site_name = settings.WAGTAIL_SITE_NAME
        if self.scope_name == "site":
            return site_scope(site_name)
        return SCOPES[self.scope_name](site_name, slug)

    def __call__(self, request, slug=None):
        scope = self.get_object(request, slug)
        full = request.GET.get("full") == "1"
        rows = list(scope.stories.newest_first().values_list("pk", "last_published_at")[:FEED_SIZE])
        fingerprint = "|".join(
            [scope.key, "atom" if self.atom else "rss", "full" if full else "summary"]
            + [f"{pk}:{when.isoformat() if when else ''}" for pk, when in rows]
        )
        etag = quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
        stamps = [when for _pk, when in rows if when]
        last_modified = int(max(stamps).timestamp()) if stamps else None

        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            scope.items = self.load_items([pk for pk, _when in rows], full)
            scope.full = full
            scope.request = request
            feedgen = self.get_feed(scope, request)
            # One string, not feedgen.write(response): that leaves the body in thousands of
            # small chunks, each one a write by the server and a list item in the page cache.
            response = HttpResponse(feedgen.writeString("utf-8"), content_type=feedgen.content_type)
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def load_items(self, ids, full):
        stories = StoryPage.objects.published().for_cards().select_related("desk")
        # reader_meta is needed here (cards defer it); the body only for full text.
        stories = (
            stories.defer(None).defer("body")
            if full
            else stories.defer(None).defer("body", "body_html")
        )
        # reader_meta holds author, sector and tag names: no query per story for them.
        found = stories.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    # The channel.
    def title(self, scope):
        return scope.title

    def link(self, scope):
        return absolute(scope.link)

    def description(self, scope):
        return scope.description

    subtitle = description

    def feed_url(self, scope):
        url = absolute(scope.request.path)
        return f"{url}?full=1" if scope.full else url

    def author_name(self, scope):
        # An Atom feed needs an author for entries without one (RFC 4287 4.1.1).
        return settings.WAGTAIL_SITE_NAME

    def items(self, scope):
        return scope.items

    # Each story.
    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.summary

    def item_link(self, story):
        return story_url(story) or absolute("/")

    def item_guid(self, story):
        return tag_uri(story)

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at or story.first_published_at

    def item_categories(self, story):
        meta = story.reader_meta or {}
        names = [entry["name"] for entry in meta.get("sectors", [])]
        names += [entry["name"] for entry in meta.get("tags", [])]
        if story.sponsored:
            names.append("Sponsored")
        return list(dict.fromkeys(names))

    def item_enclosures(self, story):
        media = hero_media(story)
        if media is None:
            return []
        return [Enclosure(media["url"], str(media["length"]), media["type"])]

    def item_extra_kwargs(self, story):
        meta = story.reader_meta or {}
        authors = [entry for entry in meta.get("authors", []) if entry.get("name")]
        if not authors:
            byline = story.desk.name if story.desk else settings.WAGTAIL_SITE_NAME
            authors = [{"name": byline, "url": ""}]
        full_html = absolute_html(story.body_html) if self.is_full(story) else ""
        return {
            "authors": [author["name"] for author in authors],
            "author_links": authors,
            "full_html": full_html,
            "media": hero_media(story),
        }

    def is_full(self, story):
        return "body_html" not in story.get_deferred_fields()


def feed_view(scope="site", atom=False):
    return require_safe(StoryFeed(scope, atom))


# Shorts. The MP4 every player plays is the enclosure; Media RSS says what it is (a vertical
# video, its length, poster, credit and caption) for readers that show video.
SHORT_RENDITION = ("mp4_720", 720, 1280)


def video_media_elements(handler, item):
    handler.startElement("media:content", item["video"])
    handler.addQuickElement("media:title", item["title"], {"type": "plain"})
    handler.addQuickElement("media:description", item["description"], {"type": "plain"})
    handler.addQuickElement("media:thumbnail", None, item["thumbnail"])
    handler.addQuickElement("media:credit", item["credit"])
    handler.endElement("media:content")


class ShortRssFeed(XmlSafeFeed, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        video_media_elements(handler, item)


class ShortAtomFeed(XmlSafeFeed, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        video_media_elements(handler, item)


def short_uri(short):
    """A GUID that survives edits to the short's title: tag:host,date:short:id."""
    host = urlsplit(base_url()).hostname or "localhost"
    return f"tag:{host},{short.created_at.date().isoformat()}:short:{short.pk}"


def short_description(short):
    # An AI-made video carries its disclaimer wherever it travels.
    return " ".join(filter(None, [short.caption, short.ai_disclaimer]))


@dataclass
class ShortsFeedRequest:
    request: HttpRequest
    shorts: list


class ShortFeed(Feed):
    """The newest ready shorts, each with its MP4 as the enclosure."""

    feed_type = ShortRssFeed

    def __init__(self, atom=False):
        super().__init__()
        self.atom = atom
        if atom:
            self.feed_type = ShortAtomFeed

    def __call__(self, request):
        # One instance serves every request: what a request needs travels in `feed`, not `self`.
        feed = ShortsFeedRequest(
            request,
            list(
                Short.objects.ready()
                .prefetch_related("sectors")
                .order_by("-processed_at", "-pk")[:FEED_SIZE]
            ),
        )
        feedgen = self.get_feed(feed, request)
        body = feedgen.writeString("utf-8")
        # The ETag is the body's: a short's title or caption can change without a new date.
        etag = quote_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = HttpResponse(body, content_type=feedgen.content_type)
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def title(self, feed):
        return f"Shorts | {settings.WAGTAIL_SITE_NAME}"

    def link(self, feed):
        return absolute(reverse("reader:shorts"))

    def description(self, feed):
        return f"Short news videos from {settings.WAGTAIL_SITE_NAME}, newest first."

    subtitle = description

    def feed_url(self, feed):
        return absolute(feed.request.path)

    def author_name(self, feed):
        return settings.WAGTAIL_SITE_NAME

    def items(self, feed):
        return feed.shorts

    def item_title(self, short):
        return short.title

    def item_description(self, short):
        return short_description(short)

    def item_link(self, short):
        return absolute(reverse("reader:short", args=[short.pk]))

    def item_guid(self, short):
        return short_uri(short)

    item_guid_is_permalink = False

    def item_pubdate(self, short):
        return short.processed_at

    def item_updateddate(self, short):
        return short.processed_at

    def item_categories(self, short):
        return [sector.name for sector in short.sectors.all()]

    def item_enclosures(self, short):
        field, _width, _height = SHORT_RENDITION
        # RSS needs a length; 0 says "unknown", as the RSS Best Practices Profile advises.
        length = getattr(short, f"{field}_bytes") or 0
        return [Enclosure(absolute(getattr(short, field).url), str(length), "video/mp4")]

    def item_extra_kwargs(self, short):
        field, width, height = SHORT_RENDITION
        video = {
            "url": absolute(getattr(short, field).url),
            "type": "video/mp4",
            "medium": "video",
            "width": str(width),
            "height": str(height),
        }
        if short.duration:
            video["duration"] = str(max(1, round(short.duration)))
        if size := getattr(short, f"{field}_bytes"):
            video["fileSize"] = str(size)
        return {
            "video": video,
            "thumbnail": {
                "url": absolute(short.poster_jpeg.url),
                "width": str(width),
                "height": str(height),
            },
            "credit": short.credit,
        }


def shorts_feed_view(atom=False):
    return require_safe(ShortFeed(atom))


__all__ = ["FEED_SIZE", "ShortFeed", "StoryFeed", "feed_view", "shorts_feed_view"]
