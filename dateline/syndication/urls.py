from django.urls import path

from . import sitemaps
from .feeds import feed_view, shorts_feed_view
from .live_feed import live_feed
from .stories import SCOPES

app_name = "syndication"
urlpatterns = [
    path("feed/", feed_view(), name="feed"),
    path("feed/atom/", feed_view(atom=True), name="feed_atom"),
    path("feeds/live/<int:story_id>/", live_feed, name="live_feed"),
    path("feeds/shorts/", shorts_feed_view(), name="shorts_feed"),
    path("feeds/shorts/atom/", shorts_feed_view(atom=True), name="shorts_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    path("sitemaps/stories-<int:page>.xml", sitemaps.stories, name="sitemap_stories"),
    path("sitemaps/listings.xml", sitemaps.listings, name="sitemap_listings"),
    path("sitemaps/authors.xml", sitemaps.authors, name="sitemap_authors"),
    path("sitemaps/shorts.xml", sitemaps.shorts, name="sitemap_shorts"),
]
for scope in SCOPES:
    urlpatterns += [
        path(f"feeds/{scope}/<slug:slug>/", feed_view(scope), name=f"{scope}_feed"),
        path(f"feeds/{scope}/<slug:slug>/atom/", feed_view(scope, atom=True), name=f"{scope}_atom"),
    ]
