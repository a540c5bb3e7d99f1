"""The live desk in the admin: a compact screen per live story to post, edit, publish and delete
updates, and to end coverage; and the list of live stories."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dateline.newsroom.models import StoryKind, StoryPage

from .coverage import delete_update, save_update, set_coverage_running
from .forms import LiveUpdateForm
from .models import LiveCoverage, LiveUpdate

POST = "live.add_liveupdate"
EDIT = "live.change_liveupdate"
DELETE = "live.delete_liveupdate"
PUBLISH = "live.publish_liveupdate"
UPDATES_SHOWN = 100


def _required(permission):
    return permission_required(permission, raise_exception=True)


def _live_story(story_id):
    return get_object_or_404(StoryPage, pk=story_id, kind=StoryKind.LIVE)


def _default_authors(user):
    author = getattr(user, "author", None)
    return [author] if author is not None else []


@_required(POST)
def live_stories(request):
    stories = (
        StoryPage.objects.filter(kind=StoryKind.LIVE)
        .annotate(
            published_updates=Count(
                "live_updates", filter=Q(live_updates__status=LiveUpdate.Status.PUBLISHED)
            ),
            draft_updates=Count(
                "live_updates", filter=Q(live_updates__status=LiveUpdate.Status.DRAFT)
            ),
        )
        .select_related("coverage")
        .order_by("-latest_revision_created_at", "-pk")
    )
    return render(
        request,
        "live/admin/stories.html",
        {"page_title": "Live coverage", "header_icon": "pick", "stories": stories},
    )


def _save_from(request, form, update, user):
    publish = request.POST.get("action") == "publish"
    if publish and not user.has_perm(PUBLISH):
        raise PermissionDenied("Only desk editors and the chief editor publish updates.")
    form.apply_to(update)
    authors = form.cleaned_data["authors"] or _default_authors(user)
    return save_update(update, user, publish=publish, authors=authors)


@_required(POST)
def post_updates(request, story_id):
    story = _live_story(story_id)
    if request.method == "POST":
        form = LiveUpdateForm(request.POST)
        if form.is_valid():
            update = _save_from(request, form, LiveUpdate(story=story), request.user)
            if update.status == LiveUpdate.Status.PUBLISHED:
                messages.success(request, "Update published.")
            else:
                messages.success(
                    request, "Draft saved. A desk editor can publish it from the list."
                )
            return redirect("live_admin:post", story_id=story.pk)
    else:
        form = LiveUpdateForm(initial={"authors": _default_authors(request.user)})
    coverage = LiveCoverage.objects.filter(story=story).first()
    updates = (
        LiveUpdate.objects.filter(story=story)
        .exclude(status=LiveUpdate.Status.DELETED)
        .select_related("created_by")
        .order_by("status", "-published_at", "-created_at")[:UPDATES_SHOWN]
    )
    return render(
        request,
        "live/admin/post.html",
        {
            "page_title": f"Live: {story.title}",
            "header_icon": "pick",
            "story": story,
            "coverage": coverage,
            "form": form,
            "updates": updates,
            "can_publish": request.user.has_perm(PUBLISH),
            "can_delete": request.user.has_perm(DELETE),
        },
    )


def _may_change(user, update):
    """Writers change drafts; what readers have seen only those who publish."""
    if update.status == LiveUpdate.Status.DELETED:
        return False
    return user.has_perm(PUBLISH) or update.status == LiveUpdate.Status.DRAFT


@_required(EDIT)
def edit_update(request, pk):
    update = get_object_or_404(LiveUpdate.objects.select_related("story"), pk=pk)
    if update.story.kind != StoryKind.LIVE or not _may_change(request.user, update):
        raise PermissionDenied("You cannot change this update.")
    if request.method == "POST":
        form = LiveUpdateForm(request.POST, update=update)
        if form.is_valid():
            _save_from(request, form, update, request.user)
            messages.success(request, "Update saved.")
            return redirect("live_admin:post", story_id=update.story_id)
    else:
        form = LiveUpdateForm(update=update)
    return render(
        request,
        "live/admin/edit.html",
        {
            "page_title": "Edit update",
            "header_icon": "edit",
            "story": update.story,
            "update": update,
            "form": form,
            "can_publish": request.user.has_perm(PUBLISH),
        },
    )


@_required(DELETE)
def confirm_delete(request, pk):
    update = get_object_or_404(LiveUpdate.objects.select_related("story"), pk=pk)
    if not _may_change(request.user, update):
        raise PermissionDenied("You cannot delete this update.")
    if request.method == "POST":
        delete_update(update, request.user)
        messages.success(request, "Update deleted. Readers' pages remove it.")
        return redirect("live_admin:post", story_id=update.story_id)
    return render(
        request,
        "live/admin/delete.html",
        {"page_title": "Delete update", "header_icon": "bin", "update": update},
    )


@require_POST
@_required(PUBLISH)
def set_running(request, story_id, running):
    story = _live_story(story_id)
    set_coverage_running(story, request.user, running)
    if running:
        messages.success(request, "Coverage is running again.")
    else:
        messages.success(
            request, "Coverage ended: readers see “Coverage ended” and no new updates."
        )
    return redirect("live_admin:post", story_id=story.pk)
