"""The page editor's "Suggested pictures": the library's pictures that fit the story being edited,
as a fragment the editor's script (static/assistant/picture_suggestions.js) puts beside the hero
image field."""

from django.db.models import prefetch_related_objects
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from wagtail.permissions import policy_registry

from dateline.media.models import NewsImage
from dateline.newsroom.models import StoryPage

from .pictures import picture_suggestions
from .records import picture_offer


def _story_id(request):
    raw = request.GET.get("story", "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        return None
    return int(raw)


@require_GET
def suggested_pictures(request):
    """`?story=<id>`: suggestions for the story's latest revision (what its editor is editing),
    none when it has a hero image. Only for editors who may edit the story, and only pictures
    they may choose."""
    story_id = _story_id(request)
    if story_id is None:
        return HttpResponseBadRequest("Say which story: ?story=<its id>.")
    page = get_object_or_404(StoryPage, pk=story_id)
    if not page.permissions_for_user(request.user).can_edit():
        # Not PermissionDenied, which the admin turns into a redirect to the dashboard: the
        # editor's script would show the dashboard as suggestions.
        return HttpResponseForbidden("You may not edit this story.")
    story = page.get_latest_revision_as_object()
    suggestions = []
    if story.hero_image_id is None:
        choosable = policy_registry.get_by_type(NewsImage).instances_user_has_any_permission_for(
            request.user, ["choose"]
        )
        suggestions = picture_suggestions(story, choosable)
        prefetch_related_objects([suggestion.image for suggestion in suggestions], "renditions")
    return render(
        request,
        "assistant/picture_suggestions.html",
        {
            "has_hero_image": story.hero_image_id is not None,
            # Each with its signed offer: choosing it and saving the story records the choice.
            "suggestions": [
                (suggestion, picture_offer(suggestion.image, request.user))
                for suggestion in suggestions
            ],
        },
    )
