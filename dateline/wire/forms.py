"""The desk's forms: the queue's filters (read from the query string), tag corrections and the
choice of a hero picture for a story made from wire copy."""

from datetime import timedelta

from django import forms
from wagtail.images.widgets import AdminImageChooser

from dateline.core.widgets import TagPicker
from dateline.media.models import NewsImage
from dateline.taxonomy.models import Agency, Country, Edition, Sector

from .models import Item, Source

TIME_WINDOWS = {
    "1h": ("Last hour", timedelta(hours=1)),
    "6h": ("Last 6 hours", timedelta(hours=6)),
    "24h": ("Last 24 hours", timedelta(hours=24)),
    "7d": ("Last 7 days", timedelta(days=7)),
}
# IPTC urgency: 1 is a flash, 9 the least urgent.
URGENCY_CHOICES = [("", "Any urgency")] + [
    (str(level), f"{level} or more urgent") for level in range(1, 10)
]


class QueueFilterForm(forms.Form):
    """Every field is optional; a value that does not validate is ignored, not an error page."""

    source = forms.ModelChoiceField(
        Source.objects.only("name"), required=False, empty_label="Any source"
    )
    agency = forms.ModelChoiceField(Agency.objects.all(), required=False, empty_label="Any agency")
    sector = forms.ModelChoiceField(
        Sector.objects.all(), required=False, to_field_name="slug", empty_label="Any sector"
    )
    edition = forms.ModelChoiceField(
        Edition.objects.filter(is_global=False),
        required=False,
        to_field_name="slug",
        empty_label="Any edition",
    )
    urgency = forms.TypedChoiceField(
        choices=URGENCY_CHOICES, required=False, coerce=int, empty_value=None
    )
    window = forms.ChoiceField(
        label="Received",
        choices=[("", "Any time")] + [(key, label) for key, (label, _) in TIME_WINDOWS.items()],
        required=False,
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *Item.Status.choices], required=False)
    mine = forms.BooleanField(label="Assigned to me or claimed by me", required=False)

    def filters(self):
        """The cleaned values of the fields that validated and were given."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False)
        }


class TagCorrectionForm(forms.Form):
    countries = forms.ModelMultipleChoiceField(
        Country.objects.all(), required=False, widget=TagPicker("countries")
    )
    sectors = forms.ModelMultipleChoiceField(
        Sector.objects.all(), required=False, widget=TagPicker("sectors")
    )


class ClusterMergeForm(forms.Form):
    """Which other cluster reports the same event: one of those suggested, or by its number."""

    # Rendered as one radio button per candidate (cluster.html), with why it is suggested.
    suggested = forms.IntegerField(
        label="Clusters that may report the same event",
        min_value=1,
        max_value=2**63 - 1,
        required=False,
    )
    number = forms.IntegerField(
        label="Or the number of another cluster",
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        help_text="The number in the cluster's address on the desk (…/wire/clusters/123/).",
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates

    def clean(self):
        cleaned = super().clean()
        chosen = [value for value in (cleaned.get("suggested"), cleaned.get("number")) if value]
        if not self.errors and len(chosen) != 1:
            raise forms.ValidationError(
                "Choose one suggested cluster or give one cluster number, not both."
                if chosen
                else "Choose a suggested cluster or give a cluster number."
            )
        if chosen:
            cleaned["other"] = chosen[0]
        return cleaned


NO_PICTURE = "none"


class ImageChooser(AdminImageChooser):
    """Wagtail's image chooser, showing a submitted value that is no image id as no choice:
    Wagtail's own looks the value up to show it again and fails on one that is not a number."""

    def get_value_data(self, value):
        try:
            return super().get_value_data(value)
        except (ValueError, TypeError):
            return None


class StoryFromWireForm(forms.Form):
    """The hero picture of a story about to be made from wire copy."""

    picture = forms.ChoiceField(label="Hero picture", widget=forms.RadioSelect, required=False)
    other_image = forms.ModelChoiceField(
        NewsImage.objects.all(),
        label="Or another picture from the library",
        required=False,
        widget=ImageChooser,
        help_text="A picture chosen here is used instead of the one ticked above.",
    )

    def __init__(self, suggestions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {suggestion.key: suggestion for suggestion in suggestions}
        self.fields["picture"].choices = [
            *((suggestion.key, suggestion.caption) for suggestion in suggestions),
            (NO_PICTURE, "No picture for now"),
        ]
        self.fields["picture"].initial = suggestions[0].key if suggestions else NO_PICTURE
        if not suggestions:
            self.fields["other_image"].label = "Hero picture from the library"
            self.fields["other_image"].help_text = "Or add one later in the editor."

    def chosen(self):
        """(library image or None, agency picture to import or None), from valid data."""
        if self.cleaned_data["other_image"]:
            return self.cleaned_data["other_image"], None
        suggestion = self.suggestions.get(self.cleaned_data["picture"])
        if suggestion is None:
            return None, None
        return suggestion.image, (suggestion if suggestion.url else None)
