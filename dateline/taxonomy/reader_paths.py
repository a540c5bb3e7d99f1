"""Paths of the reader's listings and feeds, for purging them from the caches when they change.

Reader URLs are named at the project level (`reader:…`, `syndication:…`), so naming them here
imports nothing from the apps that serve them.
"""

from django.urls import reverse

# Pages about the whole site: any new or withdrawn story, any renamed sector, changes them.
SITE_WIDE_NAMES = [
    "reader:latest",
    "syndication:feed",
    "syndication:feed_atom",
    "syndication:sitemap_index",
    "syndication:sitemap_news",
    "syndication:sitemap_listings",
    "syndication:sitemap_authors",
]


def site_wide_paths():
    return [
        "/",
        *(reverse(name) for name in SITE_WIDE_NAMES),
        reverse("syndication:sitemap_stories", args=[1]),
    ]


def listing_and_feed_paths(scope, slug, listing_name=None):
    """A listing (`reader:sector`, …) and its RSS and Atom feeds (`syndication:<scope>_feed`)."""
    paths = [
        reverse(f"syndication:{scope}_feed", args=[slug]),
        reverse(f"syndication:{scope}_atom", args=[slug]),
    ]
    if listing_name:
        paths.append(reverse(listing_name, args=[slug]))
    return paths
