"""The assistant in the admin: its suggestion endpoints and the page editor's scripts (suggested
text, suggested pictures), the record of what an editor accepted when the story is saved, and
the record's screens."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.newsroom.models import Provenance, StoryPage

from . import picture_views, views
from .backends import OFFLINE
from .models import AcceptedSuggestion, SuggestionKind
from .records import read_offer, record_acceptance

OFFER_FIELD = "assistant_offer"
# The story's text: a model's words in any of these make the story AI-assisted.
MODEL_TEXT_KINDS = {
    SuggestionKind.HEADLINE,
    SuggestionKind.SUMMARY,
    SuggestionKind.TAKEAWAYS,
    SuggestionKind.DRAFT,
}


admin_urlpatterns = [
    path("pictures/", picture_views.suggested_pictures, name="suggested_pictures"),
]


@hooks.register("register_admin_urls")
def assistant_urls():
    return [
        path("assistant/suggest/<slug:kind>/", views.suggest, name="assistant_suggest"),
        path("assistant/", include((admin_urlpatterns, "assistant_admin"))),
        path("assistant/alt-text/<int:image_id>/", views.alt_text, name="assistant_alt_text"),
    ]


@hooks.register("insert_editor_js")
def suggestion_buttons():
    endpoint = reverse("assistant_suggest", args=["takeaways"]).removesuffix("takeaways/")
    return format_html(
        '<script src="{}" defer></script><script src="{}" data-endpoint="{}" defer></script>',
        static("assistant/ask.js"),
        static("assistant/suggest.js"),
        endpoint,
    )


@hooks.register("insert_editor_js")
def picture_suggestions_in_the_editor():
    """Beside a story's hero image field: the library's pictures that fit the story."""
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" data-suggestions-url="{}"></script>',
        static("assistant/picture_suggestions.css"),
        static("assistant/picture_suggestions.js"),
        reverse("assistant_admin:suggested_pictures"),
    )


@hooks.register("insert_global_admin_js")
def alt_text_button():
    """The image editor's "Suggest alt text" button (the script finds the image's form itself)."""
    endpoint = reverse("assistant_alt_text", args=[0]).removesuffix("0/")
    return format_html(
        '<script src="{}" defer></script><script src="{}" data-endpoint="{}" defer></script>',
        static("assistant/ask.js"),
        static("assistant/alt_text.js"),
        endpoint,
    )


def accepted_text(kind, story):
    """The story's text of that kind as the editor saved it."""
    if kind == SuggestionKind.TAKEAWAYS:
        return "\n".join(story.takeaways)
    if kind == SuggestionKind.HEADLINE:
        return story.title
    if kind == SuggestionKind.SUMMARY:
        return story.summary
    if kind == SuggestionKind.TAGS:
        return ", ".join(tag.name for tag in story.tags.all())
    return ""


def record_accepted_offers(request, page):
    """Each offer the editor filled into the story and saved becomes a record; an offer whose
    text the editor then cleared was not accepted."""
    story = page.specific
    if not isinstance(story, StoryPage):
        return
    recorded = set()
    for token in request.POST.getlist(OFFER_FIELD):
        offer = read_offer(token, request.user)
        if offer is None or offer["kind"] in recorded:
            continue
        if offer["kind"] == SuggestionKind.PICTURE:
            # Recorded only if the story kept the suggested picture as its hero image.
            if story.hero_image_id and offer.get("image") == story.hero_image_id:
                record_acceptance(
                    offer["kind"],
                    story,
                    offer,
                    story.hero_image.title,
                    request.user,
                    image=story.hero_image,
                )
                recorded.add(offer["kind"])
            continue
        text = accepted_text(offer["kind"], story)
        if text:
            record_acceptance(offer["kind"], story, offer, text, request.user)
            recorded.add(offer["kind"])


hooks.register("after_create_page", record_accepted_offers)
hooks.register("after_edit_page", record_accepted_offers)


def label_model_text(request, *args):
    """A story saved with a model's text accepted into its headline, summary, takeaways or body
    is AI-assisted, whatever the provenance field says: the editor's script sets the field when
    it fills model text in, and this makes sure of it before Wagtail builds the form."""
    if request.method != "POST":
        return
    for token in request.POST.getlist(OFFER_FIELD):
        offer = read_offer(token, request.user)
        if offer and offer["backend"] != OFFLINE and offer["kind"] in MODEL_TEXT_KINDS:
            request.POST = request.POST.copy()
            request.POST["provenance"] = Provenance.AI_ASSISTED
            return


hooks.register("before_create_page", label_model_text)
hooks.register("before_edit_page", label_model_text)


class AcceptedSuggestionViewSet(ModelViewSet):
    """The record, for the desk to read: what was accepted, from which backend, model and prompt,
    by whom and when. Editors get only the view permission (roles.py), so it stays read-only."""

    model = AcceptedSuggestion
    icon = "history"
    menu_label = "Assistant record"
    menu_order = 850
    add_to_admin_menu = True
    list_display = ["kind", "story", "backend", "model", "prompt", "editor", "accepted_at"]
    list_filter = ["kind", "backend"]
    inspect_view_enabled = True
    exclude_form_fields = []


@hooks.register("register_admin_viewset")
def register_record_viewset():
    return AcceptedSuggestionViewSet("assistant_record")
