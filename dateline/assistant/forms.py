"""The library's image forms, which carry the assistant's alt text offer.

WAGTAILIMAGES_IMAGE_FORM_BASE names ImageForm: the image editor's script adds the signed offer of
a suggested alt text to the form, and when the image is saved with alt text, the acceptance is
recorded like any other suggestion (records.py).
"""

from wagtail.images.forms import BaseImageForm

from .models import SuggestionKind
from .records import read_offer, record_acceptance

OFFER_FIELD = "assistant_offer"


class ImageForm(BaseImageForm):
    def __init__(self, *args, user=None, **kwargs):
        self.editor = user
        super().__init__(*args, user=user, **kwargs)

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            self.record_accepted_alt_text(image)
        return image

    def record_accepted_alt_text(self, image):
        token = self.data.get(OFFER_FIELD) if self.is_bound else None
        if not token or self.editor is None or not image.alt_text:
            return
        offer = read_offer(token, self.editor)
        if offer is not None and offer["kind"] == SuggestionKind.ALT_TEXT:
            record_acceptance(
                SuggestionKind.ALT_TEXT, None, offer, image.alt_text, self.editor, image=image
            )
