"""The story editor's form."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from dateline.core.text import xml_safe
from dateline.taxonomy.models import editions_for_countries

NEEDS_BODY = "A story needs a body before it is submitted, published or scheduled."
NEEDS_SECTOR = "Choose at least one sector before the story is submitted, published or scheduled."
NEEDS_SOURCE_TYPE = (
    "Nobody has said how this image was made: choose its digital source type in Images "
    "before the story is published or scheduled."
)
LEAD_NOT_AMONG_COUNTRIES = "The lead country must be one of the story's countries."
NEEDS_MODEL_NAME = "Name the language model that suggested the takeaways."
TAKEAWAY_MAX_CHARS = 300
TAKEAWAY_FIELDS = 5


class TakeawaysWidget(forms.MultiWidget):
    """One text box per point, so an editor edits, reorders by retyping, or clears each; two
    lines tall, so a point of a sentence or two is read whole. Line breaks typed in a point
    become spaces (TakeawaysField)."""

    def __init__(self, attrs=None):
        box = {"maxlength": TAKEAWAY_MAX_CHARS, "rows": 2, "class": "w-mb-2", "data-takeaway": ""}
        super().__init__(
            [forms.Textarea(attrs=box) for _ in range(TAKEAWAY_FIELDS)],
            attrs,
        )

    def decompress(self, value):
        return list(value or [])[:TAKEAWAY_FIELDS]


class TakeawaysField(forms.Field):
    widget = TakeawaysWidget

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        points = [" ".join(xml_safe(str(point)).split()) for point in value if point is not None]
        return [point for point in points if point]

    def validate(self, value):
        super().validate(value)
        for point in value:
            if len(point) > TAKEAWAY_MAX_CHARS:
                raise forms.ValidationError(
                    f"Keep each takeaway under {TAKEAWAY_MAX_CHARS} characters."
                )


class StoryPageForm(WagtailAdminPageForm):
    takeaways = TakeawaysField(
        required=False,
        help_text="Up to five short points shown at the top of the story; leave empty for none.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "takeaways_method" in self.fields:
            # A form posted without it (from code, an older page) means editors wrote them.
            self.fields["takeaways_method"].required = False

    def clean_tags(self):
        # A tag is created as the editor names it, before the story's own cleaning runs, and its
        # name goes into every feed that carries the story: XML must be able to carry it.
        names = (xml_safe(name).strip() for name in self.cleaned_data["tags"])
        return [name for name in names if name]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        # Wagtail writes the slug from the headline until the story goes live, so a repeated
        # headline repeats the slug; it gets a suffix rather than an error the editor never caused.
        story = self.instance
        if slug and (story.pk is None or not story.live) and self.parent_page is not None:
            slug = story.slug_free_where_filed(slug, self.parent_page)
        return slug

    def clean(self):
        cleaned_data = super().clean()
        lead_country = cleaned_data.get("lead_country")
        countries = cleaned_data.get("countries")
        if lead_country is not None and countries is not None and lead_country not in countries:
            self.add_error("lead_country", LEAD_NOT_AMONG_COUNTRIES)
        if countries and "editions" in cleaned_data and not cleaned_data["editions"]:
            # As the field's help says: left empty, the story goes to its countries' editions,
            # as a story made from the wire or by create_story does.
            cleaned_data["editions"] = editions_for_countries(countries)
        self.label_takeaways_honestly(cleaned_data)
        if self.puts_story_before_readers():
            self.check_ready_for_readers(cleaned_data)
        return cleaned_data

    def label_takeaways_honestly(self, cleaned_data):
        """Say honestly how the takeaways were made: none means editors' (there is nothing to
        label), and a model's takeaways make the story AI-assisted."""
        # Imported here: models.py imports this module for the story's form.
        from .models import Provenance, TakeawaysMethod

        if not cleaned_data.get("takeaways_method") or (
            "takeaways" in cleaned_data and not cleaned_data["takeaways"]
        ):
            cleaned_data["takeaways_method"] = TakeawaysMethod.EDITORS
        method = cleaned_data.get("takeaways_method")
        if method != TakeawaysMethod.MODEL:
            cleaned_data["takeaways_model"] = ""
            return
        if not cleaned_data.get("takeaways_model"):
            self.add_error("takeaways_model", NEEDS_MODEL_NAME)
        if "provenance" in cleaned_data:
            cleaned_data["provenance"] = Provenance.AI_ASSISTED

    def puts_story_before_readers(self):
        """Whether the button pressed publishes the story or schedules it (Publish with a
        go-live date), submits it to desk review (whose approval, even from the dashboard without
        opening the story, publishes it), or approves it. A draft may still be incomplete."""
        # Wagtail validates in full only when the action is allowed and is not a draft save; a
        # writer's "Publish" falls back to saving a draft.
        if self.is_deferred_validation:
            return False
        if self.data.get("action-publish") or self.data.get("action-submit"):
            return True
        return bool(self.data.get("action-workflow-action")) and (
            self.data.get("workflow-action-name") == "approve"
        )

    def check_ready_for_readers(self, cleaned_data):
        if "body" in cleaned_data and not cleaned_data["body"]:
            self.add_error("body", NEEDS_BODY)
        if "sectors" in cleaned_data and not cleaned_data["sectors"]:
            self.add_error("sectors", NEEDS_SECTOR)
        hero_image = cleaned_data.get("hero_image")
        if hero_image is not None and not hero_image.digital_source_type:
            self.add_error("hero_image", NEEDS_SOURCE_TYPE)
