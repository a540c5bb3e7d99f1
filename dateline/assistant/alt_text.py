"""Alt text suggestions for the library's pictures, from a model that can see them.

The offline assistant writes no alt text: describing a picture needs eyes, and a caption or title
is no description. With a vision model configured (DATELINE_ASSISTANT_BACKEND "openai" and
DATELINE_ASSISTANT_VISION), the picture goes with the prompt as a small JPEG, and the editor checks
and edits the sentence before saving the image.
"""

import base64
import io

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from .backends import OFFLINE, ask_json, configured_backend
from .suggestions import Suggestion

# The field holds 250 characters; the prompt asks for at most 125.
MAX_ALT_TEXT = 250
# Enough for a model to see what a picture shows, small enough to send quickly.
PREVIEW_PIXELS = 1024
NO_VISION = (
    "Alt text suggestions need a language model that can see pictures, and none is configured: "
    "the offline assistant writes no alt text. Describe what the picture shows yourself."
)
UNREADABLE_PICTURE = "The picture's file could not be read, so no alt text was suggested."
NO_ALT_TEXT = "The offline assistant writes no alt text: describe what the picture shows yourself."


def preview_data_url(image):
    """The picture as a data: URL of a JPEG at most PREVIEW_PIXELS on its longer side."""
    with image.open_file() as file:
        picture = Image.open(file)
        picture.draft("RGB", (PREVIEW_PIXELS, PREVIEW_PIXELS))  # JPEGs decode smaller, faster
        picture = picture.convert("RGB")
        picture.thumbnail((PREVIEW_PIXELS, PREVIEW_PIXELS))
        preview = io.BytesIO()
        picture.save(preview, "JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(preview.getvalue()).decode("ascii")


def _alt_text(data):
    value = data.get("alt_text")
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no alt_text")
    return {"alt_text": " ".join(value.split())[:MAX_ALT_TEXT]}


def suggest_alt_text(image, user=None):
    """A Suggestion with the model's alt text for a library image, or none and a message."""
    if configured_backend().name == OFFLINE or not settings.DATELINE_ASSISTANT_VISION:
        return Suggestion({"alt_text": ""}, messages=[NO_VISION])
    try:
        picture = preview_data_url(image)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return Suggestion({"alt_text": ""}, messages=[UNREADABLE_PICTURE])
    answer = ask_json(
        "alt_text",
        {"title": image.title, "credit": image.credit},
        lambda: {"alt_text": ""},
        _alt_text,
        user=user,
        images=[picture],
    )
    if not answer.from_model:
        return Suggestion({"alt_text": ""}, messages=[*answer.messages, NO_ALT_TEXT])
    return Suggestion(answer.data, answer)
