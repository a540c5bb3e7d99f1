from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

from dateline.core.links import base_url
from dateline.taxonomy.models import Edition, Sector

from .models import Feedback, Frequency

FEEDBACK_MAX_LENGTH = 5000


class ChoicesFields(forms.Form):
    frequency = forms.ChoiceField(
        choices=Frequency.choices, initial=Frequency.DAILY, widget=forms.RadioSelect
    )
    editions = forms.ModelMultipleChoiceField(
        queryset=Edition.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every edition.",
    )
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every sector.",
    )


class SubscribeForm(ChoicesFields):
    email = forms.EmailField(max_length=254, label="Your email address")
    # Hidden from people and screen readers; only form-filling robots fill it in.
    website = forms.CharField(required=False, max_length=200)

    field_order = ["email", "frequency", "editions", "sectors"]


class PreferencesForm(ChoicesFields):
    pass


def site_path(url, request):
    """The path (and query) of `url` if it is a page of this site, else ""."""
    url = (url or "").strip()
    allowed_hosts = {request.get_host(), urlsplit(base_url()).netloc}
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts=allowed_hosts):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


class FeedbackForm(forms.ModelForm):
    message = forms.CharField(
        label="Your feedback",
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Up to {FEEDBACK_MAX_LENGTH:,} characters.",
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply.",
    )
    page_url = forms.CharField(
        label="The page it is about (optional)",
        required=False,
        max_length=500,
        help_text="The address of a page on this site.",
    )
    website = forms.CharField(required=False, max_length=200)

    class Meta:
        model = Feedback
        fields = ["message", "email", "page_url"]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_page_url(self):
        given = self.cleaned_data["page_url"]
        if not given:
            return ""
        path = site_path(given, self.request)
        if not path:
            raise forms.ValidationError(
                "Give the address of a page on this site, or leave this empty."
            )
        return path
