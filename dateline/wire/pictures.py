"""A hero picture for a story made from wire copy: the agencies' own, else one from the library.

Agencies send pictures with their copy (ninjs associations and renditions, NewsML-G2 remote
content, RSS enclosures and media:content; the parsers keep them in `Item.images`). Those come
first, then pictures from the image library whose tags, title or description name the items'
countries, sectors, or the names and words of their headlines. Images made by AI are never
suggested: the hero picture of a news event must not be a generated one.

An agency's picture is fetched only when the editor accepts it, through the wire's outbound
guard (outbound.py): public addresses and allow-listed networks only, every redirect checked.
"""

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.files.images import ImageFile
from django.db.models import Q
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from dateline.media.models import AI_SOURCE_TYPES, NewsImage

from . import outbound
from .formats.sanitise import web_url
from .novelty import statement
from .pull import CONNECT_TIMEOUT, READ_TIMEOUT, USER_AGENT

LIBRARY_SUGGESTIONS = 4
# Library images looked at per suggestion step, newest first, before scoring.
LIBRARY_CANDIDATES = 200
NAME_WEIGHT = 2
TAG_BONUS = 2
# An image must match a tag, a name, or two words of its title or description.
LEAST_LIBRARY_SCORE = 2
# Pillow's names of the formats the image library accepts (WAGTAILIMAGES_EXTENSIONS).
PICTURE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}
_WORDS = re.compile(r"[^\W\d_]{4,}")


class PictureUnavailable(Exception):
    """The agency's picture could not be used; the message says why, for the desk."""


@dataclass(frozen=True)
class Suggestion:
    """One picture the desk may use: the agency's (`url`) or the library's (`image`)."""

    key: str
    caption: str = ""
    credit: str = ""
    alt: str = ""
    url: str = ""
    agency: str = ""
    item_pk: int | None = None
    image: NewsImage | None = None

    @property
    def preview_url(self):
        """An agency picture the editor's browser may show as it is: https only."""
        return self.url if self.url.lower().startswith("https://") else ""


def agency_pictures(items):
    """Pictures the items came with, each address once, lead item first."""
    found, seen = [], set()
    for item in items:
        for index, picture in enumerate(item.images):
            url = web_url(picture.get("url"))
            if not url or url in seen:
                continue
            seen.add(url)
            found.append(
                Suggestion(
                    key=f"wire-{item.pk}-{index}",
                    caption=picture.get("caption", ""),
                    credit=picture.get("credit", ""),
                    alt=picture.get("alt", ""),
                    url=url,
                    agency=item.agency_label,
                    item_pk=item.pk,
                )
            )
    return found


def search_terms(items):
    """{casefolded word: weight} a fitting library picture would be tagged or described with.

    Names (of the items' countries, and the capitalised words of their headlines and summaries)
    weigh NAME_WEIGHT, other words of the headlines and the sectors' names one.
    """
    terms = {}

    def add(word, weight):
        word = word.casefold().removesuffix("'s")
        if len(word) > 2:
            terms[word] = max(terms.get(word, 0), weight)

    for item in items:
        for word in _WORDS.findall(item.headline):
            add(word, 1)
        for sector in item.sectors.all():
            add(sector.name, 1)
            for word in _WORDS.findall(sector.name):
                add(word, 1)
        for country in item.countries.all():
            add(country.name, NAME_WEIGHT)
        for text in (item.headline, item.summary):
            for name in statement(text).names.values():
                add(name, NAME_WEIGHT)
    return terms


def library_pictures(items, limit=LIBRARY_SUGGESTIONS):
    """Library images that fit the items best, most fitting first; none made by AI."""
    terms = search_terms(items)
    if not terms:
        return []
    matches = Q()
    for term in terms:
        matches |= Q(tags__name__iexact=term) | Q(title__icontains=term)
        matches |= Q(alt_text__icontains=term)
    candidates = (
        NewsImage.objects.filter(matches)
        .exclude(digital_source_type__in=AI_SOURCE_TYPES)
        .distinct()
        .order_by("-created_at", "-pk")
        .prefetch_related("tags")[:LIBRARY_CANDIDATES]
    )
    scored = []
    for image in candidates:
        score = library_score(image, terms)
        if score >= LEAST_LIBRARY_SCORE:
            scored.append((score, image))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return [
        Suggestion(key=f"library-{image.pk}", caption=image.title, credit=image.credit, image=image)
        for _score, image in scored[:limit]
    ]


def library_score(image, terms):
    """A tag counts TAG_BONUS more than the same word in the title or description."""
    tags = {tag.name.casefold() for tag in image.tags.all()}
    words = {word.casefold() for word in _WORDS.findall(f"{image.title} {image.alt_text}")}
    return sum(weight + TAG_BONUS for term, weight in terms.items() if term in tags) + sum(
        weight for term, weight in terms.items() if term in words and term not in tags
    )


def suggestions(items):
    """The pictures to offer for a story from `items`: the agencies' first, then the library's."""
    return agency_pictures(items) + library_pictures(items)


def fetch_picture(suggestion, source):
    """The agency's picture as a file for the library; PictureUnavailable when it cannot be
    fetched safely or is no picture the library takes."""
    data = fetch(suggestion.url, source)
    try:
        with PillowImage.open(BytesIO(data)) as picture:
            picture_format = picture.format
            picture.verify()
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise PictureUnavailable(
            f"{suggestion.url} is not a picture the library can use."
        ) from error
    if picture_format not in PICTURE_FORMATS:
        raise PictureUnavailable(
            f"{suggestion.url} is a {picture_format} picture; the library takes "
            f"{', '.join(sorted(PICTURE_FORMATS))}."
        )
    stem = re.sub(r"[^\w-]+", "-", PurePosixPath(urlsplit(suggestion.url).path).stem)[:60]
    return ImageFile(
        BytesIO(data), name=f"{stem.strip('-') or 'wire-picture'}.{PICTURE_FORMATS[picture_format]}"
    )


def library_image(suggestion, picture_file, user, headline):
    """The fetched agency picture in the image library, credited to the agency."""
    return NewsImage.objects.create(
        title=(suggestion.caption or headline)[:255],
        file=picture_file,
        alt_text=(suggestion.alt or suggestion.caption or headline)[:250],
        credit=(suggestion.credit or suggestion.agency)[:200],
        source=f"{suggestion.agency} (wire picture)"[:200],
        uploaded_by_user=user,
    )


def fetch(url, source):
    """The bytes at `url`; PictureUnavailable when they cannot be fetched, or not safely."""
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    headers = {"User-Agent": USER_AGENT, "Accept": "image/*"}
    auth = None
    # The source's credentials go only to the host its copy comes from, never to a third party.
    same_host = source.pull_url and urlsplit(source.pull_url).hostname == urlsplit(url).hostname
    if same_host and source.pull_token:
        headers["Authorization"] = f"Bearer {source.pull_token}"
    elif same_host and source.pull_username:
        auth = (source.pull_username, source.pull_password)
    try:
        allowed = outbound.allowed_networks()
        with (
            outbound.checked_session(allowed) as session,
            session.get(
                url,
                headers=headers,
                auth=auth,
                timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                stream=True,
                allow_redirects=True,
            ) as response,
        ):
            if response.status_code != 200:
                raise PictureUnavailable(f"{url} answered HTTP {response.status_code}.")
            data = bytearray()
            for chunk in response.iter_content(chunk_size=65536):
                data += chunk
                if len(data) > limit:
                    raise PictureUnavailable(
                        f"{url} is over the library's {limit / 1_048_576:g} MB limit."
                    )
            return bytes(data)
    except (outbound.RefusedDestination, ValueError) as error:
        raise PictureUnavailable(f"Refused to fetch {url}: {error}") from error
    except requests.RequestException as error:
        raise PictureUnavailable(f"Could not fetch {url}: {error}") from error
