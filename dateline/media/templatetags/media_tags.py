"""Responsive images: WebP renditions in a srcset, with width and height so nothing shifts."""

import hashlib

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dateline.core.page_cache import cached_locally

register = template.Library()

WIDTHS = (400, 800, 1200)
IMAGE_TAG_SECONDS = 24 * 3600


@register.simple_tag
def responsive_image(image, sizes="100vw", ratio="16:9", css_class="", loading="lazy"):
    """The <img> tag, built once per image and layout: finding renditions costs more than a page's
    queries, and the tag changes only when the file, focal point or alt text do."""
    if not image:
        return ""
    identity = (
        image.pk,
        image.file.name,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        image.alt_text,
        sizes,
        ratio,
        css_class,
        loading,
    )
    key = "img:" + hashlib.sha1(repr(identity).encode()).hexdigest()
    return mark_safe(
        cached_locally(
            key, lambda: image_tag(image, sizes, ratio, css_class, loading), IMAGE_TAG_SECONDS
        )
    )


def image_tag(image, sizes, ratio, css_class, loading):
    width_ratio, height_ratio = (int(part) for part in ratio.split(":"))
    filters = [
        f"fill-{width}x{width * height_ratio // width_ratio}|format-webp" for width in WIDTHS
    ]
    renditions = image.get_renditions(*filters)
    # A small original yields the same width more than once; offer each width once.
    by_width = {}
    for spec in filters:
        by_width.setdefault(renditions[spec].width, renditions[spec])
    ordered = list(by_width.values())
    srcset = ", ".join(f"{r.url} {r.width}w" for r in ordered)
    default = ordered[min(1, len(ordered) - 1)]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}" '
        'loading="{}" decoding="async"{}>',
        default.url,
        srcset,
        sizes,
        default.width,
        default.height,
        image.alt_text,
        css_class,
        loading,
        mark_safe(' fetchpriority="high"') if loading == "eager" else "",
    )
