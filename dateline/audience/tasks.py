"""Mail sent on behalf of a web request, from the worker: a slow or absent mail server never
holds up or breaks the reader's request."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from dateline.core.links import absolute, base_url

from .models import Feedback, Subscriber
from .tokens import confirmation_value

logger = logging.getLogger(__name__)


@task()
def send_confirmation(subscriber_id):
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": base_url() + "/",
        "frequency": subscriber.get_frequency_display().lower(),
        "valid_days": settings.DATELINE_NEWSLETTER_CONFIRM_DAYS,
        "confirm_url": absolute(reverse("audience:confirm", args=[confirmation_value(subscriber)])),
    }
    message = EmailMessage(
        subject=render_to_string("audience/email/confirm_subject.txt", context).strip(),
        body=render_to_string("audience/email/confirm.txt", context),
        from_email=settings.DATELINE_NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
    )
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the confirmation mail to subscriber %s", subscriber_id)


@task()
def notify_feedback(feedback_id):
    feedback = Feedback.objects.filter(pk=feedback_id).first()
    if feedback is None or not settings.DATELINE_FEEDBACK_EMAIL:
        return
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "feedback": feedback,
        "admin_url": absolute(reverse("newsletter_admin:feedback_detail", args=[feedback.pk])),
    }
    message = EmailMessage(
        subject=f"Reader feedback on {settings.WAGTAIL_SITE_NAME}",
        body=render_to_string("audience/email/feedback.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DATELINE_FEEDBACK_EMAIL],
        # Replying answers the reader, when they left an address.
        reply_to=[feedback.email] if feedback.email else None,
    )
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the notification for feedback %s", feedback_id)
