"""The reader's side: subscribe, confirm, preferences, unsubscribe, feedback.

On CSRF: every page of the site is cached whole for anonymous readers, and the footer with the
newsletter form is one fragment shared by all pages, so no per-reader token can be in it; readers
also get no cookie from us but the edition they chose. These views are therefore csrf_exempt, and
each is harmless to forge. Subscribing only sends a confirmation mail (rate-limited per client and
per address) and changes nothing until the mailbox owner follows the signed link. The confirm,
preferences and unsubscribe views act only with a signed per-subscriber value that a forger does
not have; RFC 8058 one-click unsubscribe must work without cookies in any case. A forged feedback
post is no different from a real one, which the rate limit and honeypot already meter.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from .forms import FeedbackForm, PreferencesForm, SubscribeForm, site_path
from .models import Subscriber
from .ratelimit import allow_post
from .subscriptions import change_preferences, confirm, request_subscription, unsubscribe
from .tasks import notify_feedback
from .tokens import InvalidLink, LinkExpired, subscriber_from_link, subscriber_to_confirm

TOO_MANY_REQUESTS = 429


def _private(response):
    """Pages reached by a subscriber's own link: never cached, never leaked in a Referer."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _invalid_link(request, error):
    status = 410 if isinstance(error, LinkExpired) else 404
    response = render(request, "audience/invalid_link.html", {"error": error}, status=status)
    return _private(response)


def _source(request, default):
    return site_path(request.META.get("HTTP_REFERER", ""), request) or default


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if not allow_post(request, "subscribe"):
            status = TOO_MANY_REQUESTS
        elif form.is_valid():
            data = form.cleaned_data
            if not data["website"]:
                request_subscription(
                    data["email"],
                    data["frequency"],
                    list(data["editions"]),
                    list(data["sectors"]),
                    source_url=_source(request, request.path),
                )
            return redirect("audience:check_inbox")
    else:
        form = SubscribeForm()
    context = {
        "form": form,
        "rate_limited": status == TOO_MANY_REQUESTS,
        "page_title": "Newsletter",
    }
    return render(request, "audience/subscribe.html", context, status=status)


@require_GET
def check_inbox(request):
    context = {
        "page_title": "Check your inbox",
        "confirm_days": settings.DATELINE_NEWSLETTER_CONFIRM_DAYS,
    }
    return render(request, "audience/check_inbox.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_subscription(request, value):
    try:
        subscriber = subscriber_to_confirm(value)
    except InvalidLink as error:
        return _invalid_link(request, error)
    confirmed = subscriber.status == Subscriber.Status.ACTIVE
    if request.method == "POST":
        confirmed = confirm(subscriber, source_url=request.path[:500])
    if not confirmed and subscriber.status != Subscriber.Status.PENDING:
        return _invalid_link(request, InvalidLink("This subscription can no longer be confirmed."))
    context = {
        "subscriber": subscriber,
        "confirmed": confirmed,
        "editions": subscriber.editions.all(),
        "sectors": subscriber.sectors.all(),
        "page_title": "Subscription confirmed" if confirmed else "Confirm your subscription",
    }
    return _private(render(request, "audience/confirm.html", context))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, value):
    try:
        subscriber = subscriber_from_link(value)
    except InvalidLink as error:
        return _invalid_link(request, error)
    saved = False
    if request.method == "POST" and "unsubscribe" in request.POST:
        unsubscribe(subscriber, source_url="preferences page")
        return _private(render(request, "audience/unsubscribed.html", {"subscriber": subscriber}))
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            change_preferences(
                subscriber,
                data["frequency"],
                list(data["editions"]),
                list(data["sectors"]),
                source_url="preferences page",
                resubscribe="resubscribe" in request.POST,
            )
            saved = True
    else:
        form = PreferencesForm(
            initial={
                "frequency": subscriber.frequency,
                "editions": list(subscriber.editions.all()),
                "sectors": list(subscriber.sectors.all()),
            }
        )
    context = {
        "form": form,
        "subscriber": subscriber,
        "saved": saved,
        "page_title": "Newsletter preferences",
    }
    return _private(render(request, "audience/preferences.html", context))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_link(request, value):
    """GET asks (a mail scanner following links must not unsubscribe anyone); POST acts, with
    or without the RFC 8058 body `List-Unsubscribe=One-Click`, any number of times."""
    try:
        subscriber = subscriber_from_link(value)
    except InvalidLink as error:
        return _invalid_link(request, error)
    if request.method == "POST":
        unsubscribe(subscriber, source_url="unsubscribe link")
        return _private(render(request, "audience/unsubscribed.html", {"subscriber": subscriber}))
    context = {"subscriber": subscriber, "page_title": "Unsubscribe"}
    return _private(render(request, "audience/unsubscribe.html", context))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    status = 200
    prefilled_from_referer = False
    if request.method == "POST":
        form = FeedbackForm(request.POST, request=request)
        if not allow_post(request, "feedback"):
            status = TOO_MANY_REQUESTS
        elif form.is_valid():
            if not form.cleaned_data["website"]:
                notify_feedback.enqueue(form.save().pk)
            return redirect("audience:feedback_thanks")
    else:
        page = site_path(request.GET.get("page", ""), request)
        if not page:
            page = _source(request, "")
            prefilled_from_referer = bool(page)
        if page.startswith("/feedback/"):
            page = ""
        form = FeedbackForm(initial={"page_url": page}, request=request)
    context = {"form": form, "rate_limited": status == TOO_MANY_REQUESTS, "page_title": "Feedback"}
    response = render(request, "audience/feedback.html", context, status=status)
    if prefilled_from_referer:
        # The page cache keys on the URL alone: a form filled in from this reader's Referer
        # must not be served to the next reader.
        patch_cache_control(response, private=True)
    return response


@require_GET
def feedback_thanks(request):
    return render(request, "audience/feedback_thanks.html", {"page_title": "Thank you"})
