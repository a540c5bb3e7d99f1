"""Sitemaps: an index of stories (paged), listings, authors and shorts (a Google video
sitemap), and a Google News sitemap.

Written by hand rather than with django.contrib.sitemaps: image entries, news entries and paging
by a fixed number of stories per file are simpler to keep valid against the XSDs this way, and
each file costs a fixed, small number of queries.
"""

from collections import defaultdict
from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.db.models import Max, Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

from dateline.core.links import absolute, story_url, w3c_datetime
from dateline.core.text import xml_safe, xml_safe_data
from dateline.newsroom.models import KIND_SECTIONS, Author, StoryIndexPage, StoryKind, StoryPage
from dateline.taxonomy.models import Country, Edition, Sector
from dateline.video.models import Short

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
VIDEO_NS = "http://www.google.com/schemas/sitemap-video/1.1"
# Well under the 50,000 URLs (and 50 MB) a sitemap file may hold.
STORIES_PER_SITEMAP = 10_000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
# Google's video sitemap: a title of at most 100 characters, a description of at most 2048, and
# at most 32 tags. An entry can reach ~3 KB, so the newest 10,000 shorts keep the file well under
# the 50 MB a sitemap may weigh; a newsroom with more would page it as stories are paged.
VIDEO_TITLE_MAX = 100
VIDEO_DESCRIPTION_MAX = 2048
VIDEO_TAGS_MAX = 32
SHORTS_LIMIT = 10_000
SITEMAP_MAX_AGE = 300
NEWS_GENRES = {
    StoryKind.OPINION: "Opinion",
    StoryKind.BLOG: "Blog",
    StoryKind.PRESS_RELEASE: "PressRelease",
}


class XmlSafeGenerator(SimplerXMLGenerator):
    """Writes text and attributes without the characters XML cannot carry: Django's writer
    raises on a control character and writes U+FFFE as it is, and either would lose the whole
    file for a crawler because of one headline stored before that rule."""

    def characters(self, content):
        super().characters(xml_safe(content))

    def startElement(self, name, attrs):
        super().startElement(name, xml_safe_data(attrs))


def xml_response(write):
    out = StringIO()
    handler = XmlSafeGenerator(out, "utf-8")
    handler.startDocument()
    write(handler)
    handler.endDocument()
    response = HttpResponse(out.getvalue(), content_type="application/xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=SITEMAP_MAX_AGE)
    return response


def url_entry(handler, loc, lastmod=None, images=(), news=None):
    handler.startElement("url", {})
    handler.addQuickElement("loc", loc)
    if lastmod:
        handler.addQuickElement("lastmod", w3c_datetime(lastmod))
    for image_loc in images:
        handler.startElement("image:image", {})
        handler.addQuickElement("image:loc", image_loc)
        handler.endElement("image:image")
    if news:
        handler.startElement("news:news", {})
        handler.startElement("news:publication", {})
        handler.addQuickElement("news:name", settings.WAGTAIL_SITE_NAME)
        handler.addQuickElement("news:language", "en")
        handler.endElement("news:publication")
        if news.get("genres"):
            handler.addQuickElement("news:genres", news["genres"])
        handler.addQuickElement("news:publication_date", w3c_datetime(news["published"]))
        handler.addQuickElement("news:title", news["title"])
        handler.endElement("news:news")
    handler.endElement("url")


def sitemap_stories():
    """Stories for the sitemap, oldest first so that each page's contents stay put."""
    return (
        StoryPage.objects.published()
        .select_related("hero_image")
        # The image file field reads its width and height fields as it loads.
        .only(
            "id",
            "path",
            "depth",
            "url_path",
            "last_published_at",
            "hero_image",
            "hero_image__file",
            "hero_image__width",
            "hero_image__height",
        )
        .order_by("first_published_at", "pk")
    )


def story_pages_count():
    count = StoryPage.objects.published().count()
    return (count + STORIES_PER_SITEMAP - 1) // STORIES_PER_SITEMAP


def image_locs(story):
    image = story.hero_image
    if image is None or not image.file:
        return []
    return [absolute(image.file.url)]


@require_safe
def index(request):
    pages = story_pages_count()
    newest = StoryPage.objects.published().aggregate(newest=Max("last_published_at"))["newest"]
    entries = [(f"/sitemaps/stories-{number}.xml", None) for number in range(1, pages + 1)]
    entries += [
        ("/sitemaps/listings.xml", newest),
        ("/sitemaps/authors.xml", newest),
        ("/sitemap-news.xml", newest),
    ]
    # Listed only when it has a short: a urlset with no URL is not a valid sitemap.
    newest_short = Short.objects.ready().aggregate(newest=Max("processed_at"))["newest"]
    if newest_short:
        entries.append((reverse("syndication:sitemap_shorts"), newest_short))

    def write(handler):
        handler.startElement("sitemapindex", {"xmlns": SITEMAP_NS})
        for loc, lastmod in entries:
            handler.startElement("sitemap", {})
            handler.addQuickElement("loc", absolute(loc))
            if lastmod:
                handler.addQuickElement("lastmod", w3c_datetime(lastmod))
            handler.endElement("sitemap")
        handler.endElement("sitemapindex")

    return xml_response(write)


@require_safe
def stories(request, page):
    if page < 1:
        raise Http404("No such sitemap.")
    start = (page - 1) * STORIES_PER_SITEMAP
    rows = list(sitemap_stories()[start : start + STORIES_PER_SITEMAP])
    if not rows:
        # An empty urlset is not valid: a sitemap page past the end does not exist.
        raise Http404("No such sitemap.")

    def write(handler):
        handler.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:image": IMAGE_NS})
        for story in rows:
            loc = story_url(story, request)
            if loc:
                url_entry(handler, loc, story.last_published_at, image_locs(story))
        handler.endElement("urlset")

    return xml_response(write)


def _newest(live_prefix):
    """Max(last_published_at) over the live stories reached through `live_prefix`."""
    return Max(
        f"{live_prefix}last_published_at",
        filter=Q(**{f"{live_prefix}live": True}),
    )


@require_safe
def listings(request):
    newest = StoryPage.objects.published().aggregate(newest=Max("last_published_at"))["newest"]
    by_kind = dict(
        StoryPage.objects.published()
        .order_by()
        .values_list("kind")
        .annotate(newest=Max("last_published_at"))
    )
    live_kinds = set(StoryIndexPage.objects.live().public().values_list("kind", flat=True))
    entries = [("/", newest), ("/latest/", newest)]
    entries += [
        (f"/{slug}/", by_kind.get(kind))
        for kind, (slug, _title) in KIND_SECTIONS.items()
        if kind in live_kinds
    ]
    for sector in Sector.objects.annotate(newest=_newest("stories__")):
        entries.append((sector.get_absolute_url(), sector.newest))
    for edition in Edition.objects.annotate(newest=_newest("stories__")):
        entries.append(
            (edition.get_absolute_url(), newest if edition.is_global else edition.newest)
        )
    countries = Country.objects.annotate(newest=_newest("stories__")).filter(newest__isnull=False)
    for country in countries:
        entries.append((country.get_absolute_url(), country.newest))

    def write(handler):
        handler.startElement("urlset", {"xmlns": SITEMAP_NS})
        for loc, lastmod in entries:
            url_entry(handler, absolute(loc), lastmod)
        handler.endElement("urlset")

    return xml_response(write)


@require_safe
def authors(request):
    people = (
        Author.objects.annotate(newest=_newest("story_links__page__"))
        .filter(newest__isnull=False)
        .only("slug")
    )
    newest = StoryPage.objects.published().aggregate(newest=Max("last_published_at"))["newest"]

    def write(handler):
        handler.startElement("urlset", {"xmlns": SITEMAP_NS})
        url_entry(handler, absolute("/authors/"), newest)
        for author in people:
            url_entry(handler, absolute(author.get_absolute_url()), author.newest)
        handler.endElement("urlset")

    return xml_response(write)


@require_safe
def news(request):
    since = timezone.now() - NEWS_WINDOW
    rows = list(
        StoryPage.objects.published()
        .newest_first()
        .filter(first_published_at__gte=since)
        .only("id", "path", "depth", "url_path", "title", "kind", "first_published_at")[:NEWS_LIMIT]
    )

    def write(handler):
        handler.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
        written = 0
        for story in rows:
            loc = story_url(story, request)
            if not loc:
                continue
            published = {
                "published": story.first_published_at,
                "title": story.title,
                "genres": NEWS_GENRES.get(story.kind, ""),
            }
            url_entry(handler, loc, news=published)
            written += 1
        if not written:
            # A urlset must hold at least one URL; with no recent story, list the front page.
            url_entry(handler, absolute("/"))
        handler.endElement("urlset")

    return xml_response(write)


def clipped(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def video_entry(handler, short, sector_names):
    """One short's page with its video:video entry: the poster, the MP4 and what it is."""
    handler.startElement("url", {})
    handler.addQuickElement("loc", absolute(reverse("reader:short", args=[short.pk])))
    handler.addQuickElement("lastmod", w3c_datetime(short.processed_at))
    handler.startElement("video:video", {})
    handler.addQuickElement("video:thumbnail_loc", absolute(short.poster_jpeg.url))
    handler.addQuickElement("video:title", clipped(short.title, VIDEO_TITLE_MAX))
    # An AI-made video carries its disclaimer wherever it is described: the caption gives way.
    disclaimer = short.ai_disclaimer
    room = VIDEO_DESCRIPTION_MAX - (len(disclaimer) + 1 if disclaimer else 0)
    description = " ".join(filter(None, [clipped(short.caption, room), disclaimer]))
    handler.addQuickElement("video:description", description)
    handler.addQuickElement("video:content_loc", absolute(short.mp4_720.url))
    # No player_loc: the only player is the short's own page, which is <loc>, and Google asks
    # that player_loc differ from it; content_loc alone identifies the video.
    if short.duration:
        handler.addQuickElement("video:duration", str(max(1, round(short.duration))))
    handler.addQuickElement("video:publication_date", w3c_datetime(short.processed_at))
    for name in sector_names[:VIDEO_TAGS_MAX]:
        handler.addQuickElement("video:tag", name)
    handler.addQuickElement("video:requires_subscription", "no")
    handler.endElement("video:video")
    handler.endElement("url")


@require_safe
def shorts(request):
    ready = Short.objects.ready()
    rows = list(ready.order_by("-processed_at", "-pk")[:SHORTS_LIMIT])
    if not rows:
        raise Http404("No short is ready.")
    # Every ready short's sectors in one query with a subquery, not prefetch's list of ids:
    # thousands of ids would pass older SQLite's limit on query parameters.
    sectors = defaultdict(list)
    links = Short.sectors.through.objects.filter(short__in=ready.values("pk")).order_by(
        "sector__sort_order", "sector__name"
    )
    for short_id, name in links.values_list("short_id", "sector__name"):
        sectors[short_id].append(name)

    def write(handler):
        handler.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:video": VIDEO_NS})
        for short in rows:
            video_entry(handler, short, sectors[short.pk])
        handler.endElement("urlset")

    return xml_response(write)
