"""The story editor's form."""

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


class StoryPageForm(WagtailAdminPageForm):
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
        if self.puts_story_before_readers():
            self.check_ready_for_readers(cleaned_data)
        return cleaned_data

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
