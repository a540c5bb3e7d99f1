"""The assistant in the page editor: its suggestion endpoint, its script, and the record of
what an editor accepted when the story is saved."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from dateline.newsroom.models import StoryPage

from . import views
from .models import SuggestionKind
from .records import read_offer, record_acceptance

OFFER_FIELD = "assistant_offer"


@hooks.register("register_admin_urls")
def assistant_urls():
    return [
        path("assistant/suggest/<slug:kind>/", views.suggest, name="assistant_suggest"),
        path("assistant/alt-text/<int:image_id>/", views.alt_text, name="assistant_alt_text"),
    ]


@hooks.register("insert_editor_js")
def suggestion_buttons():
    endpoint = reverse("assistant_suggest", args=["takeaways"]).removesuffix("takeaways/")
    return format_html(
        '<script src="{}" data-endpoint="{}" defer></script>',
        static("assistant/suggest.js"),
        endpoint,
    )


@hooks.register("insert_global_admin_js")
def alt_text_button():
    """The image editor's "Suggest alt text" button (the script finds the image's form itself)."""
    endpoint = reverse("assistant_alt_text", args=[0]).removesuffix("0/")
    return format_html(
        '<script src="{}" data-endpoint="{}" defer></script>',
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
        text = accepted_text(offer["kind"], story)
        if text:
            record_acceptance(offer["kind"], story, offer, text, request.user)
            recorded.add(offer["kind"])


hooks.register("after_create_page", record_accepted_offers)
hooks.register("after_edit_page", record_accepted_offers)
