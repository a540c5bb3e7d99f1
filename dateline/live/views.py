"""The small JSON answer an open live page asks for every few seconds."""

from django.conf import settings
from django.http import JsonResponse

from dateline.newsroom.models import StoryKind, StoryPage

from .reader import changes_since, version_from


def _error(status, message):
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def updates(request, story_id):
    """Changes to a live story's updates after `?since=<version>` (0 for all of them).

    Every reader who is up to date asks for the same version, so one cached answer serves them
    all: the page cache drops it when the story changes, and the edge is told to drop exactly it
    (coverage.py); `s-maxage` bounds how long any other cache may keep it.
    """
    since = version_from(request.GET.get("since", "0"))
    if since is None:
        return _error(400, "`since` must be the version number a previous answer gave.")
    if not StoryPage.objects.published().filter(pk=story_id, kind=StoryKind.LIVE).exists():
        return _error(404, "No live story has this number.")
    answer = changes_since(story_id, since)
    response = JsonResponse(answer)
    seconds = settings.DATELINE_LIVE_UPDATES_S_MAXAGE
    response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}, stale-if-error={seconds}"
    response["ETag"] = f'"live-{story_id}-{since}-{answer["version"]}"'
    return response
