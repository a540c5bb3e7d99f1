"""Picture suggestions from the library for a story without a hero image.

The library's images that fit the story, best first (the rule is in picture_scoring.py), with the
AI-generated ones marked. The work is bounded whatever the size of the library: the candidates
are the pictures used by the newest stories sharing a sector or a country with this one
(LINKED_CANDIDATES link rows per relation), the pictures sharing a tag (as many tag rows), and
the RECENT_CANDIDATES newest pictures, for those that match by words alone; at most
3 x LINKED_CANDIDATES + RECENT_CANDIDATES pictures are scored, in nine queries (three for the
story's sectors, countries and tags, two for the pictures its sectors and countries lead to, three
for the candidates' text, tags and captions, one for the chosen pictures).
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from taggit.models import TaggedItem

from dateline.media.models import NewsImage
from dateline.newsroom.models import StoryPage

from .picture_scoring import BODY_CHARACTERS, PictureFacts, picture_words, rank, story_facts

SUGGESTIONS = 6
LINKED_CANDIDATES = 100
RECENT_CANDIDATES = 100
# Captions read for the scored pictures, newest stories first: a picture used a hundred times
# is described well enough by its latest captions.
CAPTIONS = 200
_TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Suggestion:
    image: NewsImage
    match: object  # picture_scoring.Match: the score and what the picture shares with the story

    @property
    def reasons(self):
        """What the picture has in common with the story, in the editor's words."""
        match = self.match
        parts = [*match.sectors, *match.countries, *(f"#{tag}" for tag in match.tags)]
        parts += [f"“{word}”" for word in match.shared_words]
        return parts


def body_text(story, limit):
    """The text of the story's body, up to about `limit` characters, read from its stored
    blocks (a revision's too) without rendering them."""
    pieces, length = [], 0
    pending = list(reversed(list(story.body.raw_data))) if story.body else []
    while pending and length < limit:
        value = pending.pop()
        if isinstance(value, str):
            text = html.unescape(_TAGS.sub(" ", value)) if "<" in value or "&" in value else value
            pieces.append(text)
            length += len(text)
        elif isinstance(value, dict):
            pending.extend(reversed([v for k, v in value.items() if k not in ("type", "id")]))
        elif isinstance(value, list | tuple):
            pending.extend(reversed(value))
    return " ".join(pieces)


def _story_facts(story):
    sectors = {sector.pk: sector.name for sector in story.sectors.all()}
    countries = {country.pk: country.name for country in story.countries.all()}
    tags = {tag.pk: tag.name.lower() for tag in story.tags.all()}
    facts = story_facts(
        headline=story.title,
        summary=story.summary,
        body_text=body_text(story, BODY_CHARACTERS),
        tags=tags.values(),
        sectors=sectors.values(),
        countries=countries.values(),
    )
    return facts, sectors, countries, tags


def _linked_pictures(sectors, countries):
    """Pictures used by the newest stories sharing a sector or a country with the story, by id,
    with what they share."""
    pictures = {}
    links = [
        (StoryPage.sectors.through, "sector", sectors, "sectors"),
        (StoryPage.countries.through, "country", countries, "countries"),
    ]
    for through, key, names, attribute in links:
        if not names:
            continue
        rows = (
            through.objects.filter(
                **{f"{key}_id__in": list(names)}, storypage__hero_image__isnull=False
            )
            .order_by("-storypage_id")
            .values_list("storypage__hero_image_id", f"{key}_id")[:LINKED_CANDIDATES]
        )
        for image_id, link_id in rows:
            picture = pictures.setdefault(image_id, PictureFacts(image_id))
            getattr(picture, attribute).add(names[link_id])
    return pictures


def picture_suggestions(story, images=None, limit=SUGGESTIONS):
    """The library pictures that fit `story` best, best first, as Suggestions.

    `story` is a StoryPage, saved or a revision's; `images` the pictures the editor may choose
    (all by default). Deterministic: equal scores go to the newer picture.
    """
    images = NewsImage.objects.all() if images is None else images
    facts, sectors, countries, tags = _story_facts(story)
    image_type = ContentType.objects.get_for_model(NewsImage)
    pictures = _linked_pictures(sectors, countries)
    candidates = Q(pk__in=list(pictures))
    candidates |= Q(pk__in=images.order_by("-created_at", "-pk").values("pk")[:RECENT_CANDIDATES])
    if tags:
        # The pictures sharing a tag, newest first; what they share is counted with their tags.
        sharing_a_tag = TaggedItem.objects.filter(content_type=image_type, tag_id__in=list(tags))
        candidates |= Q(
            pk__in=sharing_a_tag.order_by("-object_id").values("object_id")[:LINKED_CANDIDATES]
        )
    rows = images.filter(candidates).values_list("pk", "title", "alt_text")
    texts = {pk: (title, alt_text) for pk, title, alt_text in rows}
    if not texts:
        return []
    picture_tags, captions = defaultdict(list), defaultdict(list)
    for image_id, name in TaggedItem.objects.filter(
        content_type=image_type, object_id__in=list(texts)
    ).values_list("object_id", "tag__name"):
        picture_tags[image_id].append(name.lower())
    for image_id, caption in (
        StoryPage.objects.filter(hero_image_id__in=list(texts))
        .exclude(hero_caption="")
        .order_by("-pk")
        .values_list("hero_image_id", "hero_caption")[:CAPTIONS]
    ):
        captions[image_id].append(caption)
    scored = []
    for image_id, (title, alt_text) in texts.items():
        picture = pictures.get(image_id) or PictureFacts(image_id)
        picture.tags = set(picture_tags[image_id])
        picture.words = picture_words(
            title=title, tags=picture.tags, alt_text=alt_text, captions=captions[image_id]
        )
        scored.append(picture)
    matches = rank(facts, scored, limit)
    chosen = images.in_bulk([match.image_id for match in matches])
    return [Suggestion(chosen[match.image_id], match) for match in matches]
