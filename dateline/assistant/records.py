"""Offers and acceptances: what the assistant suggested, and what an editor took from it.

A suggestion goes to the editor's browser with a signed offer (its kind, backend, model and
prompt); the page editor posts the offers back with the story, and the story saved, each offer
becomes a record of what the editor accepted. The signature keeps a browser from claiming an
offer no backend made.
"""

from django.core import signing

from .backends import Answer
from .models import AcceptedSuggestion, SuggestionKind

OFFER_SALT = "dateline.assistant.offer"
# An offer is accepted within a working session or not at all.
OFFER_MAX_AGE_SECONDS = 12 * 3600


def offer_token(kind, answer, user):
    """The signed offer of one suggestion, for the editor who asked for it."""
    return signing.dumps(
        {
            "kind": kind,
            "backend": answer.backend,
            "model": answer.model,
            "prompt": answer.prompt,
            "prompt_version": answer.prompt_version,
            "user": user.pk,
        },
        salt=OFFER_SALT,
        compress=True,
    )


def picture_offer(image, user):
    """The signed offer of a suggested library picture (picture_views.py), for the editor who was
    shown it: recorded if the story is saved with that picture as its hero image."""
    return signing.dumps(
        {
            "kind": SuggestionKind.PICTURE.value,
            "backend": "offline",
            "model": "",
            "prompt": "",
            "prompt_version": None,
            "user": user.pk,
            "image": image.pk,
        },
        salt=OFFER_SALT,
        compress=True,
    )


def read_offer(token, user):
    """The offer a token carries, or None when it is forged, stale or another editor's."""
    try:
        offer = signing.loads(token, salt=OFFER_SALT, max_age=OFFER_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if offer.get("user") != user.pk or offer.get("kind") not in SuggestionKind.values:
        return None
    return offer


def record_acceptance(kind, story, answer, text, editor, image=None):
    """Record that `editor` accepted a suggestion into `story` (None for no story yet), or into
    a library `image` (its alt text).

    `answer` is the backend's Answer, or the offer read back from the editor's browser; `text`
    is what the editor saved, after their edits.
    """
    if isinstance(answer, Answer):
        answer = {
            "backend": answer.backend,
            "model": answer.model,
            "prompt": answer.prompt,
            "prompt_version": answer.prompt_version,
        }
    return AcceptedSuggestion.objects.create(
        kind=kind,
        story=story,
        image=image,
        backend=answer["backend"],
        model=answer["model"] or "",
        prompt=answer["prompt"] or "",
        prompt_version=answer["prompt_version"],
        text=text,
        editor=editor,
    )
