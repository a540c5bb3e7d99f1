"""Stories and shorts as IPTC ninjs 2.2 (https://iptc.org/std/ninjs/), the JSON news format
agencies use.

Names, links and credits come from the story's reader_meta, written when it is saved, so a page of
stories costs no query per relation. Agencies appear as info sources, never as authors; an image
made by AI carries its IPTC digital source type and the disclaimer readers see.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from wagtail.images.models import SourceImageIOError

from dateline.core.links import absolute, base_url, story_url
from dateline.media.models import DigitalSourceType
from dateline.newsroom.models import PROVENANCE_NOTES, StoryKind, StoryNote

from ..feeds import SHORT_RENDITION, absolute_html, short_description, short_uri, tag_uri

NINJS_VERSION = "2.2"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
# Top-level properties a story may have, in the order they are written; `fields=` picks from these.
STORY_FIELDS = (
    "uri",
    "standard",
    "type",
    "representationtype",
    "version",
    "firstcreated",
    "versioncreated",
    "pubstatus",
    "language",
    "headlines",
    "descriptions",
    "bodies",
    "by",
    "located",
    "subjects",
    "places",
    "genres",
    "infosources",
    "usageterms",
    "associations",
    "altids",
)
# Renditions the site already makes for cards and feeds, so the API rarely creates new files.
HERO_RENDITIONS = {
    "large": ("width-1200|format-jpeg", "image/jpeg"),
    "thumbnail": ("fill-400x225|format-webp", "image/webp"),
}


def language_tag():
    """The site's language as an IETF BCP 47 tag: Django's "en-gb" is "en-GB"."""
    language, _, region = settings.LANGUAGE_CODE.partition("-")
    return f"{language}-{region.upper()}" if region else language


def byline(story, meta):
    names = [author["name"] for author in meta.get("authors", []) if author.get("name")]
    if not names:
        return story.desk.name if story.desk else settings.WAGTAIL_SITE_NAME
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def concepts(entries):
    return [{"name": entry["name"], "uri": absolute(entry["url"])} for entry in entries]


def image_uri(image):
    host = urlsplit(base_url()).hostname or "localhost"
    return f"tag:{host},{image.created_at.date().isoformat()}:image:{image.pk}"


def hero_association(story):
    image = story.hero_image
    caption = " ".join(filter(None, [story.hero_caption or image.alt_text, image.ai_disclaimer]))
    picture = {
        "name": "featuremedia",
        "uri": image_uri(image),
        "type": "picture",
        "descriptions": [
            {"role": "caption", "value": caption},
            {"role": "alternative", "value": image.alt_text},
        ],
    }
    # An image whose making nobody has recorded yet carries no source type rather than a guess.
    if image.digital_source_type:
        picture["digitalsourcetype"] = {
            "uri": image.digital_source_type_uri,
            "name": DigitalSourceType(image.digital_source_type).label,
        }
    if image.credit:
        picture["by"] = image.credit
    try:
        made = image.get_renditions(*(spec for spec, _type in HERO_RENDITIONS.values()))
    except (SourceImageIOError, OSError):
        # A missing original file costs the picture its renditions, not the story its place.
        return picture
    picture["renditions"] = [
        {
            "name": name,
            "href": absolute(made[spec].url),
            "contenttype": content_type,
            "width": made[spec].width,
            "height": made[spec].height,
        }
        for name, (spec, content_type) in HERO_RENDITIONS.items()
    ]
    return picture


def story_ninjs(story, request, fields=None):
    """One story as a ninjs object; `fields` limits it to those top-level properties."""
    meta = story.reader_meta or {}
    wanted = set(STORY_FIELDS) if fields is None else {"uri", *fields}
    builders = {
        "uri": lambda: tag_uri(story),
        "standard": lambda: {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": lambda: "text",
        "representationtype": lambda: "full" if fields is None else "partial",
        # The live revision's id grows with every publish of this story.
        "version": lambda: str(story.live_revision_id or 1),
        "firstcreated": lambda: story.first_published_at.isoformat(),
        "versioncreated": lambda: (story.last_published_at or story.first_published_at).isoformat(),
        "pubstatus": lambda: "usable",
        "language": language_tag,
        "headlines": lambda: [{"role": "main", "value": story.title}],
        "descriptions": lambda: descriptions(story),
        "bodies": lambda: [
            {"role": "main", "contenttype": "text/html", "value": absolute_html(story.body_html)}
        ],
        "by": lambda: byline(story, meta),
        "located": lambda: story.dateline_place or None,
        "subjects": lambda: concepts(meta.get("sectors", [])) + concepts(meta.get("tags", [])),
        "places": lambda: concepts(meta.get("countries", [])) or None,
        "genres": lambda: genres(story),
        "infosources": lambda: (
            [{"name": credit, "role": "source"} for credit in meta.get("agencies", [])] or None
        ),
        "usageterms": lambda: settings.DATELINE_API_USAGE_TERMS or None,
        "associations": lambda: [hero_association(story)] if story.hero_image else None,
        "altids": lambda: altids(story, request),
    }
    document = {}
    for name in STORY_FIELDS:
        if name in wanted:
            value = builders[name]()
            if value is not None:
                document[name] = value
    return document


def descriptions(story):
    """The summary, the key takeaways (one each), where the copy came from, then each update and
    correction with its time."""
    found = [{"role": "summary", "value": story.summary}]
    found.extend({"role": "takeaway", "value": point} for point in story.takeaways)
    note = PROVENANCE_NOTES.get(story.provenance, "")
    if note:
        found.append({"role": "provenance", "value": note})
    for story_note in (story.reader_meta or {}).get("notes", []):
        kind = story_note["kind"]
        found.append(
            {
                "role": kind,
                "value": f"{StoryNote.Kind(kind).label} ({story_note['noted_at']}): "
                f"{story_note['text']}",
            }
        )
    return found


def genres(story):
    found = [{"name": StoryKind(story.kind).label, "literal": story.kind}]
    if story.sponsored:
        found.append({"name": "Sponsored", "literal": "sponsored"})
    return found


def altids(story, request):
    found = [{"role": "id", "value": str(story.pk)}]
    url = story_url(story, request)
    if url:
        found.append({"role": "url", "value": url})
    return found


# Shorts: every file the worker made is a rendition (the MP4s, the HLS ladder, the posters) and
# so are the captions, each in its language. Sizes are given where they were measured.
SHORT_VIDEO_RENDITIONS = (
    ("720p", "mp4_720", 720, 1280),
    ("480p", "mp4_480", 480, 854),
)
POSTER_WIDTH, POSTER_HEIGHT = SHORT_RENDITION[1:]


def short_renditions(short):
    found = []
    for name, field, width, height in SHORT_VIDEO_RENDITIONS:
        rendition = {
            "name": name,
            "href": absolute(getattr(short, field).url),
            "contenttype": "video/mp4",
            "width": width,
            "height": height,
        }
        if short.duration:
            rendition["duration"] = round(short.duration, 2)
        if size := getattr(short, f"{field}_bytes"):
            rendition["sizeinbytes"] = size
        found.append(rendition)
    found.append(
        {
            "name": "hls",
            "href": absolute(short.hls_master.url),
            "contenttype": "application/vnd.apple.mpegurl",
        }
    )
    for name, field, content_type in (
        ("poster", "poster_jpeg", "image/jpeg"),
        ("poster-webp", "poster_webp", "image/webp"),
    ):
        found.append(
            {
                "name": name,
                "href": absolute(getattr(short, field).url),
                "contenttype": content_type,
                "width": POSTER_WIDTH,
                "height": POSTER_HEIGHT,
            }
        )
    for caption in short.captions.all():
        found.append(
            {
                "name": f"captions-{caption.language}",
                "title": f"{caption.label} captions",
                "href": absolute(caption.file.url),
                "contenttype": "text/vtt",
            }
        )
    return found


def short_ninjs(short):
    """One ready short as a ninjs video object."""
    document = {
        "uri": short_uri(short),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "video",
        "representationtype": "full",
        "firstcreated": short.created_at.isoformat(),
        "versioncreated": short.processed_at.isoformat(),
        "pubstatus": "usable",
        "language": language_tag(),
        "headlines": [{"role": "main", "value": short.title}],
        # The caption with the disclaimer readers see when the video was made by AI.
        "descriptions": [{"role": "caption", "value": short_description(short)}],
        "by": short.credit,
        "subjects": [
            {"name": sector.name, "uri": absolute(sector.get_absolute_url())}
            for sector in short.sectors.all()
        ],
        "renditions": short_renditions(short),
        "altids": [
            {"role": "id", "value": str(short.pk)},
            {"role": "url", "value": absolute(reverse("reader:short", args=[short.pk]))},
        ],
    }
    if short.source:
        document["infosources"] = [{"name": short.source, "role": "source"}]
    if short.digital_source_type:
        document["digitalsourcetype"] = {
            "uri": short.digital_source_type_uri,
            "name": DigitalSourceType(short.digital_source_type).label,
        }
    if settings.DATELINE_API_USAGE_TERMS:
        document["usageterms"] = settings.DATELINE_API_USAGE_TERMS
    if not document["subjects"]:
        del document["subjects"]
    return document
