from django import template

from ..front import latest_headlines

register = template.Library()


@register.inclusion_tag("includes/latest.html")
def latest_news(edition, count=8):
    return {"latest": latest_headlines(edition, count), "edition": edition}
