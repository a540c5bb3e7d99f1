from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()


def newsroom_datetime(value):
    """'08-04-2025 11:16 IST': day first, 24-hour clock, in the site's time zone."""
    local = timezone.localtime(value)
    return f"{local:%d-%m-%Y %H:%M} {local.tzname()}"


@register.simple_tag
def newsroom_time(value):
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        value.replace(microsecond=0).isoformat(),
        newsroom_datetime(value),
    )


@register.filter
def clip(text, length=80):
    """Cut a headline at a word boundary and mark the cut, never mid-word."""
    length = int(length)
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:-\u2013\u2014")
    return cut + "…"


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    request = context["request"]
    return request.build_absolute_uri(path or request.path)
