"""What editors see in the Wagtail admin: subscriber counts, the next digests, the send history,
re-sending in-doubt messages, and readers' feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from dateline.taxonomy.models import Edition

from .digests import Choices, DigestRenderer, latest_period, personalise, stories_in_period
from .models import Delivery, Digest, Feedback, Frequency, Subscriber
from .sending import resend_in_doubt

VIEW_NEWSLETTER = "audience.view_subscriber"
RESEND = "audience.change_delivery"
VIEW_FEEDBACK = "audience.view_feedback"
HANDLE_FEEDBACK = "audience.change_feedback"
ROWS_PER_PAGE = 50


def _required(permission):
    return permission_required(permission, raise_exception=True)


def _page(request, queryset):
    return Paginator(queryset, ROWS_PER_PAGE).get_page(request.GET.get("p"))


def _state_counts():
    return {
        state.value: Count("deliveries", filter=Q(deliveries__state=state))
        for state in Delivery.State
    }


@_required(VIEW_NEWSLETTER)
def overview(request):
    by_status = dict(
        Subscriber.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    active = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE)
    by_frequency = dict(
        active.values_list("frequency").annotate(n=Count("pk")).values_list("frequency", "n")
    )
    editions = Edition.objects.annotate(
        active=Count("subscribers", filter=Q(subscribers__status=Subscriber.Status.ACTIVE))
    ).order_by("sort_order", "name")
    context = {
        "page_title": "Newsletter",
        "header_icon": "mail",
        "statuses": [
            (label, by_status.get(value, 0)) for value, label in Subscriber.Status.choices
        ],
        "frequencies": [(label, by_frequency.get(v, 0)) for v, label in Frequency.choices],
        "editions": editions,
        "every_edition": active.filter(editions__isnull=True).count(),
        "recent_digests": Digest.objects.annotate(**_state_counts()).order_by("-period_end")[:5],
    }
    return render(request, "audience/admin/overview.html", context)


def _next_digest(frequency):
    """The digest that will go out next, as it stands now, for a reader who chose everything."""
    _, last_end = latest_period(frequency)
    now = timezone.now()
    renderer = DigestRenderer(frequency, "Preview", stories_in_period(last_end, now))
    return last_end, now, renderer.render(Choices())


@_required(VIEW_NEWSLETTER)
def preview(request, frequency):
    if frequency not in Frequency.values:
        raise Http404("No such newsletter.")
    frequency = Frequency(frequency)
    since, until, rendered = _next_digest(frequency)
    context = {
        "page_title": f"Next {frequency.label.lower()} digest",
        "header_icon": "mail",
        "frequency": frequency,
        "since": since,
        "until": until,
        "has_stories": rendered is not None,
    }
    return render(request, "audience/admin/preview.html", context)


@_required(VIEW_NEWSLETTER)
@xframe_options_sameorigin
def preview_html(request, frequency):
    if frequency not in Frequency.values:
        raise Http404("No such newsletter.")
    _, _, rendered = _next_digest(Frequency(frequency))
    if rendered is None:
        raise Http404("No stories yet.")
    response = HttpResponse(personalise(rendered[0], "#unsubscribe", "#preferences"))
    # Rendered inside a sandboxed frame; this keeps scripts out even if opened on its own.
    response["Content-Security-Policy"] = "script-src 'none'"
    return response


@_required(VIEW_NEWSLETTER)
def history(request):
    digests = Digest.objects.annotate(**_state_counts()).order_by("-period_end", "frequency")
    context = {
        "page_title": "Send history",
        "header_icon": "history",
        "digests": _page(request, digests),
    }
    return render(request, "audience/admin/history.html", context)


@_required(VIEW_NEWSLETTER)
def digest_detail(request, pk):
    digest = get_object_or_404(Digest.objects.annotate(**_state_counts()), pk=pk)
    state = request.GET.get("state", "")
    deliveries = digest.deliveries.select_related("subscriber").order_by("pk")
    if state in Delivery.State.values:
        deliveries = deliveries.filter(state=state)
    context = {
        "page_title": digest.subject,
        "header_icon": "history",
        "digest": digest,
        "states": Delivery.State.choices,
        "state": state,
        "deliveries": _page(request, deliveries),
        "can_resend": request.user.has_perm(RESEND),
    }
    return render(request, "audience/admin/digest_detail.html", context)


@_required(RESEND)
@require_POST
def resend(request, pk):
    digest = get_object_or_404(Digest, pk=pk)
    count = resend_in_doubt(digest)
    messages.success(request, f"{count} in-doubt messages are queued to be sent again.")
    return redirect("newsletter_admin:digest_detail", pk=digest.pk)


@_required(VIEW_FEEDBACK)
def feedback_list(request):
    shown = request.GET.get("show", "open")
    feedback = Feedback.objects.all()
    if shown == "open":
        feedback = feedback.filter(handled=False)
    context = {
        "page_title": "Feedback",
        "header_icon": "comment",
        "feedback": _page(request, feedback),
        "shown": shown,
    }
    return render(request, "audience/admin/feedback_list.html", context)


@_required(VIEW_FEEDBACK)
def feedback_detail(request, pk):
    item = get_object_or_404(Feedback, pk=pk)
    context = {
        "page_title": "Feedback",
        "header_icon": "comment",
        "item": item,
        "can_handle": request.user.has_perm(HANDLE_FEEDBACK),
    }
    return render(request, "audience/admin/feedback_detail.html", context)


@_required(HANDLE_FEEDBACK)
@require_POST
def feedback_handled(request, pk):
    item = get_object_or_404(Feedback, pk=pk)
    item.handled = request.POST.get("handled") == "1"
    item.handled_at = timezone.now() if item.handled else None
    item.save(update_fields=["handled", "handled_at"])
    return redirect("newsletter_admin:feedback_list")
