"""The desk's forms: the queue's filters (read from the query string) and tag corrections."""

from datetime import timedelta

from django import forms

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
        Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Hold Ctrl (Cmd on a Mac) to choose more than one.",
    )
    sectors = forms.ModelMultipleChoiceField(
        Sector.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
