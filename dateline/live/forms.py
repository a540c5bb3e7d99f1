"""The compact form an editor posts a live update with: text, a picture from the library, a
quote, a link to embed; flags for key events and the pinned update."""

from django import forms
from django.utils.html import strip_tags
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.rich_text import RichText

from dateline.core.text import xml_safe
from dateline.newsroom.models import Author

from .models import LiveUpdateBody

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# What the widget hands the form for a value it cannot read; the editor's HTML always starts with
# a block tag, so no text typed there comes out as this.
UNREADABLE = "unreadable rich text"


class RichTextArea(DraftailRichTextArea):
    """The admin's rich-text editor, whose value is its own JSON. A request that sends anything
    else (empty, cut short, hand-made) gets a form error instead of a server error."""

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None or not raw.strip():
            return ""
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return UNREADABLE


class LiveUpdateForm(forms.Form):
    text = forms.CharField(
        required=False,
        widget=RichTextArea(features=TEXT_FEATURES),
        help_text="What happened. A few sentences; links welcome.",
    )
    image = forms.ModelChoiceField(
        queryset=get_image_model().objects.all(), required=False, widget=AdminImageChooser
    )
    image_caption = forms.CharField(required=False, max_length=300)
    quote = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    quote_attribution = forms.CharField(required=False, max_length=200, label="Quote by")
    embed_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="Embed",
        help_text="A link to a post or video (YouTube, X, …) to show in the update.",
    )
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.all(), required=False, widget=forms.SelectMultiple
    )
    key_event = forms.BooleanField(required=False, label="Key event")
    key_event_title = forms.CharField(
        required=False,
        max_length=120,
        label="Key event title",
        help_text="Shown in the key events list, e.g. “Polls close”.",
    )
    pinned = forms.BooleanField(
        required=False, label="Pin above all updates", help_text="Unpins any other update."
    )
    # The update's version when the form was opened: an edit over someone else's is refused.
    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, update=None, **kwargs):
        self.update = update
        if update is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(update)
        super().__init__(*args, **kwargs)

    def clean_text(self):
        value = self.cleaned_data["text"]
        if value == UNREADABLE:
            raise forms.ValidationError("The text could not be read; type it again.")
        # An editor left empty still sends an empty paragraph: that is no text.
        return xml_safe(value) if strip_tags(value).strip() else ""

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not (
            data.get("text", "").strip()
            or data.get("image")
            or data.get("quote", "").strip()
            or data.get("embed_url")
        ):
            raise forms.ValidationError(
                "An update needs some text, a picture, a quote or an embed."
            )
        if data.get("quote_attribution") and not data.get("quote", "").strip():
            self.add_error("quote", "Give the quote, or leave “Quote by” empty.")
        if data.get("image_caption") and not data.get("image"):
            self.add_error("image", "Choose the picture this caption is for.")
        if data.get("key_event") and not data.get("key_event_title", "").strip():
            self.add_error("key_event_title", "A key event needs a short title for the list.")
        if (
            self.update is not None
            and data.get("seen_version") is not None
            and data["seen_version"] != self.update.version
        ):
            raise forms.ValidationError(
                "Someone changed this update while you were editing it. Open it again to see "
                "their version, then make your change."
            )
        return data

    def body(self):
        """The update's body as stream blocks, in the order readers see them."""
        data = self.cleaned_data
        child = LiveUpdateBody().child_blocks
        blocks = []
        if data["text"].strip():
            blocks.append(("paragraph", RichText(data["text"])))
        if data["image"]:
            value = {"image": data["image"].pk, "caption": data["image_caption"]}
            blocks.append(("image", child["image"].to_python(value)))
        if data["quote"].strip():
            value = {"text": xml_safe(data["quote"]), "attribution": data["quote_attribution"]}
            blocks.append(("quote", child["quote"].to_python(value)))
        if data["embed_url"]:
            blocks.append(("embed", child["embed"].to_python(data["embed_url"])))
        return blocks

    def apply_to(self, update):
        data = self.cleaned_data
        update.body = self.body()
        update.key_event = data["key_event"]
        update.key_event_title = data["key_event_title"].strip() if data["key_event"] else ""
        update.pinned = data["pinned"]
        return update


def initial_from(update):
    """The form's fields from a stored update (the inverse of LiveUpdateForm.body)."""
    initial = {
        "authors": list(update.authors.all()),
        "key_event": update.key_event,
        "key_event_title": update.key_event_title,
        "pinned": update.pinned,
        "seen_version": update.version,
    }
    paragraphs = []
    for block in update.body:
        if block.block_type == "paragraph":
            paragraphs.append(block.value.source)
        elif block.block_type == "image" and "image" not in initial:
            initial["image"] = block.value["image"]
            initial["image_caption"] = block.value["caption"]
        elif block.block_type == "quote" and "quote" not in initial:
            initial["quote"] = block.value["text"]
            initial["quote_attribution"] = block.value["attribution"]
        elif block.block_type == "embed" and "embed_url" not in initial and block.value:
            initial["embed_url"] = block.value.url
    initial["text"] = "".join(paragraphs)
    return initial
