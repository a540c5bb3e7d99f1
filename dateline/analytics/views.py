from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dateline.newsroom.models import StoryPage

from .counting import hour_start, is_countable, is_first_view_this_hour, record_view


@csrf_exempt  # a beacon carries no cookie and changes nothing a forged request could abuse
@require_POST
def beacon(request):
    raw = request.POST.get("story", "")
    if not raw.isdigit() or len(raw) > 12:
        return HttpResponseBadRequest("story must be a story id")
    story_id = int(raw)
    try:
        is_live = StoryPage.objects.live().filter(pk=story_id).exists()
    except DatabaseError:
        return not_counted("The view could not be checked.")
    if not is_live:
        return HttpResponseBadRequest("no such story")
    if is_countable(request):
        first = is_first_view_this_hour(request, story_id, hour_start(timezone.now()))
        if first is None:
            return not_counted("The view counter is unavailable.")
        if first:
            try:
                record_view(story_id)
            except DatabaseError:
                return not_counted("The view could not be stored.")
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def not_counted(reason):
    """Say so rather than acknowledge a view that was not counted."""
    response = HttpResponse(reason, status=503, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = "60"
    return response
