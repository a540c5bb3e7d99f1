"""The page editor asks for suggestions here: a JSON answer, never a 500."""

import logging

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_POST
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from dateline.newsroom.models import StoryPage, TakeawaysMethod
from dateline.taxonomy.models import Country, Sector

from .alt_text import suggest_alt_text
from .records import offer_token
from .suggestions import SUGGESTERS, body_paragraphs

logger = logging.getLogger(__name__)

UNREADABLE_FORM = "The story's text could not be read from the editor; save a draft and try again."


def story_text_from_form(data):
    """The headline and the body's paragraphs as the page editor holds them now, saved or not."""
    body = StoryPage.body.field.stream_block.value_from_datadict(data, {}, "body")
    return " ".join(data.get("title", "").split()), body_paragraphs(body)


def made_by(answer):
    """How the story's page should say these were made, for the editor's form to carry."""
    if answer is not None and answer.from_model:
        return {"method": TakeawaysMethod.MODEL, "model": answer.model}
    return {"method": TakeawaysMethod.SOFTWARE, "model": ""}


@require_POST
def suggest(request, kind):
    """Suggestions of one kind for the story in the editor's form (posted whole)."""
    suggester = SUGGESTERS.get(kind)
    if suggester is None:
        raise Http404("No such suggestion.")
    try:
        headline, paragraphs = story_text_from_form(request.POST)
    except (ValidationError, ValueError, KeyError, TypeError, AttributeError):
        logger.info("assistant: unreadable editor form for %s", kind, exc_info=True)
        return JsonResponse({"error": UNREADABLE_FORM}, status=400)
    suggestion = suggester(headline, paragraphs, user=request.user)
    answer = suggestion.answer
    values = suggestion.values
    if "countries" in values:
        # The editor picks countries and sectors by name.
        names = dict(
            Country.objects.filter(code__in=values["countries"]).values_list("code", "name")
        )
        values["countries"] = [names[code] for code in values["countries"] if code in names]
        names = dict(Sector.objects.filter(slug__in=values["sectors"]).values_list("slug", "name"))
        values["sectors"] = [names[slug] for slug in values["sectors"] if slug in names]
    return JsonResponse(
        {
            "kind": kind,
            "values": values,
            "made_by": made_by(answer),
            "messages": suggestion.messages,
            "offer": offer_token(kind, answer, request.user) if answer is not None else "",
        }
    )


@require_POST
def alt_text(request, image_id):
    """Alt text for a library image the editor may change, from a model that can see."""
    model = get_image_model()
    image = model.objects.filter(pk=image_id).first()
    if image is None or not policy_registry.get_by_type(model).user_has_permission_for_instance(
        request.user, "change", image
    ):
        raise Http404("No such image.")
    suggestion = suggest_alt_text(image, user=request.user)
    answer = suggestion.answer
    return JsonResponse(
        {
            "kind": "alt_text",
            "values": suggestion.values,
            "messages": suggestion.messages,
            "offer": offer_token("alt_text", answer, request.user) if answer is not None else "",
        }
    )
