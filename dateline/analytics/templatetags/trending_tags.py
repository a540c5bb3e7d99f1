from django import template

from dateline.analytics.services import trending_for

register = template.Library()


@register.inclusion_tag("includes/trending.html")
def trending_list(edition):
    return {"trending": trending_for(edition), "edition": edition}
