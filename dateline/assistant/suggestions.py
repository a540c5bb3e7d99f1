"""Suggestions for a story: key takeaways, headline, summary and tags, from either backend.

Each function takes the story's headline and paragraphs (plain text) and returns a Suggestion:
the values for the editor to check, the backend's Answer (recorded if the editor accepts), and
messages about anything the editor should know (an empty body, a long story read in part, a
language the offline assistant cannot split, a model that failed).
"""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.module_loading import import_string

from . import extractive
from .backends import Answer, ask_json

EMPTY_BODY = "The story has no body text yet: write or paste it, then ask again."
NO_OFFLINE_HEADLINE = (
    "The offline assistant does not write headlines: that is the editor's craft. An operator can "
    "configure a language model for headline suggestions."
)
UNKNOWN_LANGUAGE = (
    "The offline assistant could not tell which language this story is in, so it split it by the "
    "rules for English; check the suggestions with care."
)
MAX_TAGS = 8
MAX_POINT_CHARS = 300
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Suggestion:
    values: dict
    answer: Answer | None = None
    messages: list = field(default_factory=list)


def rich_text_paragraphs(source):
    """The paragraphs, list items and headings of a rich-text block, as plain text."""
    return [
        html.unescape(part).strip() for part in strip_tags(BLOCK_END.sub("\n", source)).split("\n")
    ]


def body_paragraphs(body):
    """The story body's text, paragraph by paragraph: rich text and quotes (images, embeds and
    fact boxes hold no sentences of the story's own)."""
    paragraphs = []
    for block in body:
        if block.block_type == "paragraph":
            paragraphs.extend(rich_text_paragraphs(block.value.source))
        elif block.block_type == "quote":
            paragraphs.append(block.value["text"])
    return [paragraph for paragraph in paragraphs if paragraph]


def model_variables(headline, paragraphs):
    """What a prompt is filled with: the story's text capped at DATELINE_ASSISTANT_MAX_INPUT_CHARS,
    and whether it was cut."""
    text = "\n\n".join(paragraphs)
    limit = settings.DATELINE_ASSISTANT_MAX_INPUT_CHARS
    return {"headline": headline, "body": text[:limit]}, len(text) > limit


def reading_messages(reading, answer):
    messages = list(answer.messages)
    if not answer.from_model:
        if not reading.language_known:
            messages.append(UNKNOWN_LANGUAGE)
        if reading.truncated:
            messages.append(
                "The story is long: the offline assistant read its first "
                f"{extractive.MAX_SENTENCES} sentences."
            )
    return messages


def string_list(data, key, most):
    values = data.get(key)
    if not isinstance(values, list) or not values:
        raise ValueError(f"no list of {key}")
    cleaned = [
        " ".join(value.split())[:MAX_POINT_CHARS] for value in values if isinstance(value, str)
    ]
    cleaned = [value for value in cleaned if value]
    if not cleaned:
        raise ValueError(f"no {key} in the list")
    return cleaned[:most]


def _one_string(data, key, most):
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"no {key}")
    return " ".join(value.split())[:most]


def _ask(prompt, headline, paragraphs, offline, check, user):
    variables, cut = model_variables(headline, paragraphs)
    answer = ask_json(prompt, variables, offline, check, user=user)
    if cut and answer.from_model:
        answer.messages.append(
            "The story is long: the model read its first "
            f"{settings.DATELINE_ASSISTANT_MAX_INPUT_CHARS} characters."
        )
    return answer


def offline_takeaways(paragraphs):
    """The offline backend's takeaways, whatever backend is configured (the demo's, say)."""
    return extractive.takeaways(extractive.read_text(paragraphs)) if paragraphs else []


def suggest_takeaways(headline, paragraphs, user=None):
    """Three to five key takeaways, most important first."""
    if not paragraphs:
        return Suggestion({"takeaways": []}, messages=[EMPTY_BODY])
    reading = extractive.read_text(paragraphs)
    answer = _ask(
        "takeaways",
        headline,
        paragraphs,
        lambda: {"takeaways": extractive.takeaways(reading)},
        lambda data: {"takeaways": string_list(data, "takeaways", extractive.MAX_TAKEAWAYS)},
        user,
    )
    return Suggestion(answer.data, answer, reading_messages(reading, answer))


def suggest_summary(headline, paragraphs, user=None):
    """One paragraph; offline, the story's lead."""
    if not paragraphs:
        return Suggestion({"summary": ""}, messages=[EMPTY_BODY])
    reading = extractive.read_text(paragraphs)
    answer = _ask(
        "summary",
        headline,
        paragraphs,
        lambda: {"summary": extractive.lead_summary(reading)},
        lambda data: {"summary": _one_string(data, "summary", 600)},
        user,
    )
    return Suggestion(answer.data, answer, reading_messages(reading, answer))


def suggest_headline(headline, paragraphs, user=None):
    """A headline from the model; offline none, and a message saying so."""
    if not paragraphs:
        return Suggestion({"headline": ""}, messages=[EMPTY_BODY])
    answer = _ask(
        "headline",
        headline,
        paragraphs,
        lambda: {"headline": ""},
        lambda data: {"headline": _one_string(data, "headline", 200)},
        user,
    )
    messages = list(answer.messages)
    if not answer.data["headline"]:
        messages.append(NO_OFFLINE_HEADLINE)
    return Suggestion(answer.data, answer if answer.data["headline"] else None, messages)


def classification(headline, paragraphs):
    """Countries (ISO codes) and sectors (slugs) from the wire's tagger, which the project
    wires in through DATELINE_ASSISTANT_COUNTRY_TAGGER and DATELINE_ASSISTANT_SECTOR_TAGGER."""
    text = "\n\n".join(paragraphs)[: settings.DATELINE_ASSISTANT_MAX_INPUT_CHARS]
    countries = sectors = []
    if settings.DATELINE_ASSISTANT_COUNTRY_TAGGER:
        countries = list(import_string(settings.DATELINE_ASSISTANT_COUNTRY_TAGGER)(headline, text))
    if settings.DATELINE_ASSISTANT_SECTOR_TAGGER:
        sectors = list(import_string(settings.DATELINE_ASSISTANT_SECTOR_TAGGER)(headline, text))
    return countries, sectors


def suggest_tags(headline, paragraphs, user=None):
    """Keyword tags (offline: the story's key phrases), with the countries and sectors the
    wire's tagger finds in the text."""
    if not paragraphs:
        return Suggestion({"tags": [], "countries": [], "sectors": []}, messages=[EMPTY_BODY])
    reading = extractive.read_text(paragraphs)
    answer = _ask(
        "tags",
        headline,
        paragraphs,
        lambda: {"tags": extractive.keyphrases(reading, headline)},
        lambda data: {"tags": [tag[:100] for tag in string_list(data, "tags", MAX_TAGS)]},
        user,
    )
    countries, sectors = classification(headline, paragraphs)
    values = {**answer.data, "countries": countries, "sectors": sectors}
    return Suggestion(values, answer, reading_messages(reading, answer))


SUGGESTERS = {
    "takeaways": suggest_takeaways,
    "headline": suggest_headline,
    "summary": suggest_summary,
    "tags": suggest_tags,
}
