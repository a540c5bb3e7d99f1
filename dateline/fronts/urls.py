from django.urls import path

from . import views

urlpatterns = [
    path("editions/choose/", views.choose_edition, name="choose_edition"),
    path("editions/<slug:slug>/", views.edition_front, name="edition"),
    path("sectors/<slug:slug>/", views.sector, name="sector"),
    path("countries/<slug:slug>/", views.country, name="country"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("authors/", views.authors, name="authors"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("latest/", views.latest, name="latest"),
    path("shorts/", views.shorts, name="shorts"),
    path("shorts/<int:pk>/", views.short, name="short"),
    path("search/", views.search, name="search"),
]
