from urllib.parse import quote, urlencode

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


@register.simple_tag
def share_links(url, title):
    """Plain links to each network's own share page, so none of their scripts runs on ours, and
    an email. Spaces are written %20: mail programs read "+" literally."""

    def share_page(name, address, **query):
        return {
            "name": name,
            "href": f"{address}?{urlencode(query, quote_via=quote)}",
            "new_tab": True,
        }

    email = urlencode({"subject": title, "body": url}, quote_via=quote)
    return [
        share_page("X", "https://x.com/intent/tweet", url=url, text=title),
        share_page("Facebook", "https://www.facebook.com/sharer/sharer.php", u=url),
        share_page("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/", url=url),
        share_page("WhatsApp", "https://wa.me/", text=f"{title} {url}"),
        {"name": "Email", "href": f"mailto:?{email}", "new_tab": False},
    ]
