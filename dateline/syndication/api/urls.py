from django.urls import path, re_path

from . import live, views

app_name = "api"
urlpatterns = [
    path("v1/openapi.json", views.openapi, name="openapi"),
    path("v1/stories/", views.story_list, name="stories"),
    path("v1/stories/<str:story_id>/", views.story_detail, name="story"),
    path("v1/stories/<str:story_id>/updates/", live.live_updates, name="live_updates"),
    path("v1/shorts/", views.short_list, name="shorts"),
    path("v1/shorts/<str:short_id>/", views.short_detail, name="short"),
    path("v1/sectors/", views.sector_list, name="sectors"),
    path("v1/editions/", views.edition_list, name="editions"),
    path("v1/countries/", views.country_list, name="countries"),
    path("v1/kinds/", views.kind_list, name="kinds"),
    path("v1/authors/", views.author_list, name="authors"),
    path("v1/tags/", views.tag_list, name="tags"),
    # Anything else under /api/ is a JSON 404, not the reader site's HTML page.
    re_path(r"^.*/$", views.unknown_endpoint),
]
