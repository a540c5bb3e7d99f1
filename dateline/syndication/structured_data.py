"""schema.org JSON-LD and OpenGraph for stories and the home page.

Agencies are credited as the story's source organisation, never as its author, and an image made
by AI says so in its IPTC digital source type.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape

from dateline.core.links import absolute
from dateline.live.models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate
from dateline.newsroom.models import KIND_SECTIONS, StoryKind

SCHEMA_TYPES = {
    StoryKind.OPINION: "OpinionNewsArticle",
    StoryKind.BLOG: "OpinionNewsArticle",
    StoryKind.ANALYSIS: "AnalysisNewsArticle",
}
# Google asks for 16:9, 4:3 and 1:1 versions of an article's image.
IMAGE_RATIOS = (
    "fill-1200x675|format-jpeg",
    "fill-1200x900|format-jpeg",
    "fill-1200x1200|format-jpeg",
)


# Shown by link previews and search results for pages without a picture of their own.
SITE_CARD = ("img/site-card.png", 1200, 630)


def site_card():
    path, width, height = SITE_CARD
    return {
        "@type": "ImageObject",
        "url": absolute(static(path)),
        "width": width,
        "height": height,
        "caption": settings.WAGTAIL_SITE_NAME,
    }


def organisation():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(settings.STATIC_URL + "favicon.svg")},
    }


def image_objects(image):
    renditions = image.get_renditions(*IMAGE_RATIOS)
    objects = []
    for spec in IMAGE_RATIOS:
        rendition = renditions[spec]
        described = {
            "@type": "ImageObject",
            "url": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "caption": image.alt_text,
        }
        if image.credit:
            described["creditText"] = image.credit
        if image.is_ai_generated:
            described["digitalSourceType"] = image.digital_source_type_uri
            described["description"] = image.ai_disclaimer
        objects.append(described)
    return objects


def story_graph(story):
    meta = story.reader_meta or story.derive_reader_meta()
    url = absolute(story.url)
    section_slug, section_title = KIND_SECTIONS[story.kind]
    authors = [
        {"@type": "Person", "name": author["name"], "url": absolute(author["url"])}
        for author in meta["authors"]
    ] or [
        {
            "@type": "Organization",
            "name": story.desk.name if story.desk else settings.WAGTAIL_SITE_NAME,
            "url": absolute("/about/"),
        }
    ]
    article = {
        "@type": SCHEMA_TYPES.get(story.kind, "NewsArticle"),
        "@id": url + "#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": story.title[:110],
        "description": story.summary,
        "datePublished": story.first_published_at.isoformat(),
        "dateModified": (story.last_published_at or story.first_published_at).isoformat(),
        "author": authors,
        "publisher": organisation(),
        "isAccessibleForFree": True,
        "articleSection": section_title,
        "keywords": [sector["name"] for sector in meta["sectors"]]
        + [tag["name"] for tag in meta["tags"]],
        "inLanguage": "en",
    }
    if story.takeaways:
        # The key takeaways, one per line: what the story says in brief, as its editors accepted.
        article["abstract"] = "\n".join(story.takeaways)
    if story.dateline_place:
        article["locationCreated"] = {"@type": "Place", "name": story.dateline_place}
    if meta["agencies"]:
        article["sourceOrganization"] = [
            {"@type": "Organization", "name": credit} for credit in meta["agencies"]
        ]
    article["image"] = image_objects(story.hero_image) if story.hero_image else [site_card()]
    if story.kind == StoryKind.LIVE:
        article.update(live_blog(story, url, authors))
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": absolute("/")},
            {
                "@type": "ListItem",
                "position": 2,
                "name": section_title,
                "item": absolute(f"/{section_slug}/"),
            },
            {"@type": "ListItem", "position": 3, "name": story.title, "item": url},
        ],
    }
    return {"@context": "https://schema.org", "@graph": [article, breadcrumbs]}


def live_blog(story, url, story_authors):
    """What makes a live story a LiveBlogPosting: when coverage ran, and its newest updates (as
    many as its page shows), each a BlogPosting whose url is the update's anchor on the page."""
    coverage = LiveCoverage.objects.filter(story=story).first()
    updates = LiveUpdate.objects.filter(story=story).published().newest_first()[:UPDATES_PER_PAGE]
    entries = []
    changed = [story.last_published_at or story.first_published_at]
    for update in updates:
        changed += [update.published_at, update.edited_at]
        text = update.plain_text
        authors = [
            {"@type": "Person", "name": author["name"], "url": absolute(author["url"])}
            for author in update.byline
        ] or story_authors
        entry = {
            "@type": "BlogPosting",
            "@id": f"{url}#update-{update.pk}",
            "url": f"{url}#update-{update.pk}",
            "headline": (update.key_event_title or text or story.title)[:110],
            "articleBody": text,
            "datePublished": update.published_at.isoformat(),
            "author": authors,
        }
        if update.edited_at:
            entry["dateModified"] = update.edited_at.isoformat()
        entries.append(entry)
    live = {
        "@type": "LiveBlogPosting",
        "coverageStartTime": story.first_published_at.isoformat(),
        "liveBlogUpdate": entries,
    }
    if coverage is not None and coverage.ended_at is not None:
        live["coverageEndTime"] = coverage.ended_at.isoformat()
    live["dateModified"] = max(filter(None, changed)).isoformat()
    return live


def home_graph():
    website = {
        "@type": "WebSite",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute("/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute("/search/?q={search_term_string}"),
            },
        },
    }
    return {"@context": "https://schema.org", "@graph": [organisation(), website]}


def iso_duration(seconds):
    """ISO 8601 duration of a length in seconds, as schema.org asks ("PT1M5S")."""
    minutes, seconds = divmod(round(seconds), 60)
    return f"PT{minutes}M{seconds}S" if minutes else f"PT{seconds}S"


def short_graph(short):
    """VideoObject of a short: what search engines need to show it as a video."""
    page = absolute(f"/shorts/{short.pk}/")
    video = {
        "@type": "VideoObject",
        "@id": page + "#video",
        "name": short.title,
        "description": short.caption,
        "thumbnailUrl": [absolute(short.poster_jpeg.url), absolute(short.poster_webp.url)],
        "uploadDate": short.created_at.isoformat(),
        "duration": iso_duration(short.duration or 0),
        "contentUrl": absolute(short.mp4_720.url),
        "embedUrl": page,
        "url": page,
        "width": 720,
        "height": 1280,
        "creditText": short.credit,
        "publisher": organisation(),
    }
    if short.digital_source_type:
        video["digitalSourceType"] = short.digital_source_type_uri
    return {"@context": "https://schema.org", "@graph": [video]}


def script_tag(graph):
    # "</" inside a string would end the script element early.
    payload = json.dumps(graph, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


def open_graph(*, title, description, url, kind="website", image_url="", image_alt=""):
    tags = [
        ("og:site_name", settings.WAGTAIL_SITE_NAME),
        ("og:type", kind),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
    ]
    if image_url:
        tags += [("og:image", image_url), ("og:image:alt", image_alt)]
    html = [f'<meta property="{escape(name)}" content="{escape(value)}">' for name, value in tags]
    html.append(
        f'<meta name="twitter:card" content="{"summary_large_image" if image_url else "summary"}">'
    )
    return "\n".join(html)
